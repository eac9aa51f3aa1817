import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { DeliveryPreferences, RobotChannel } from '#contracts/delivery';
import { notify } from '../server/src/modules/notification/index.ts';
import { type Case, type CaseCtx, ids, okJson, pending } from './authorization-requests.ts';

// Request cases of deliveries (issue 13 point 4, ADR 30). A person's own delivery preferences are reached signed in
// (scope 'own': the answer is the caller's, never another account's). The group robots of a Party organisation,
// their test message, their log and its retry belong to the officers over that organisation (scope 'org': a robot
// of a branch outside the caller's subtree answers 404 and is absent from the lists). Robots and their log rows are
// written straight into their tables; the robot's webhook points at a receiver on loopback that accepts every post.

const db = (c: CaseCtx) => c.w.t.database.db;

let receiver: Promise<string> | null = null;
/** A robot on loopback answering errcode 0, started once and left to the process (unref'd). */
function robotUrl(): Promise<string> {
  receiver ??= new Promise((resolve) => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=matrix`);
    });
  });
  return receiver;
}

/** A robot of the target branch. */
async function newChannel(c: CaseCtx): Promise<{ id: string; version: number }> {
  const org = await db(c)
    .selectFrom('partyOrg')
    .select(['unitId', 'id'])
    .where('id', '=', c.t.org.id)
    .executeTakeFirstOrThrow();
  const url = await robotUrl();
  return db(c)
    .insertInto('deliveryChannel')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: 'wecom',
      name: `矩阵机器人${c.w.seq()}`,
      webhookCipher: c.w.t.secrets.encrypt(url),
      host: new URL(url).host,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/** A delivery of a new notification through a new robot of the target branch, given up (status failed). */
async function failedDelivery(c: CaseCtx): Promise<string> {
  const channel = await newChannel(c);
  const [note] = await notify(c.w.t.ctx(), {
    userIds: [c.w.fixture.userId],
    kind: `matrix.delivery.${c.w.seq()}`,
    day: '2026-12-08',
    title: '矩阵推送',
    lines: [{ text: '矩阵测试', link: '/', severity: 'info' }],
  });
  if (!note) throw new Error('the notification was not created');
  const row = await db(c)
    .insertInto('delivery')
    .values({
      notificationId: note.id,
      userId: c.w.fixture.userId,
      channel: 'wecom',
      target: channel.id,
      status: 'failed',
      attempts: 10,
      lastError: 'HTTP 500',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Gives the account (the caller, or for a foreign check the fixture account) a preference with a marker address. */
async function markPreference(c: CaseCtx): Promise<string> {
  const owner = c.foreign || !c.h.userId ? c.w.fixture.userId : c.h.userId;
  const email = `m${c.w.seq()}@matrix.example`;
  await db(c)
    .insertInto('deliveryPreference')
    .values({ userId: owner, email, emailEnabled: true })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ email, version: 1 }))
    .execute();
  return email;
}

export const DELIVERY_CASES: Record<string, Case> = {
  'GET /api/me/delivery-preferences': {
    scope: 'own',
    request: async (c) => {
      pending.set(c, await markPreference(c));
      return { method: 'GET', url: '/api/me/delivery-preferences' };
    },
    ok: (res, c) => expect(okJson<DeliveryPreferences>(res).email).toBe(pending.get(c)),
    hidden: (res, c) => expect(okJson<DeliveryPreferences>(res).email).not.toBe(pending.get(c)),
  },
  'PUT /api/me/delivery-preferences': {
    scope: 'own',
    request: async (c) => {
      const email = `p${c.w.seq()}@matrix.example`;
      // Foreign: the fixture account's address is marked, and must stay as it was after the caller saves theirs.
      pending.set(c, c.foreign ? await markPreference(c) : email);
      return {
        method: 'PUT',
        url: '/api/me/delivery-preferences',
        payload: {
          email,
          emailEnabled: true,
          quietFrom: '22:00',
          quietUntil: '07:30',
          version: c.h.userId ? await versionOf(c, c.h.userId) : 0,
        },
      };
    },
    ok: (res, c) =>
      expect(okJson<DeliveryPreferences>(res)).toMatchObject({ email: pending.get(c), quietFrom: '22:00' }),
    // Saving one's own leaves another account's address as it was.
    hidden: async (res, c) => {
      expect(res.statusCode).toBe(200);
      const other = await db(c)
        .selectFrom('deliveryPreference')
        .select('email')
        .where('userId', '=', c.w.fixture.userId)
        .executeTakeFirstOrThrow();
      expect(other.email).toBe(pending.get(c));
    },
  },
  'GET /api/delivery/channels': {
    scope: 'org',
    request: async (c) => {
      pending.set(c, (await newChannel(c)).id);
      return { method: 'GET', url: '/api/delivery/channels' };
    },
    ok: (res, c) => expect(ids(okJson<RobotChannel[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<RobotChannel[]>(res))).not.toContain(pending.get(c)),
  },
  'POST /api/delivery/channels': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: '/api/delivery/channels',
      payload: {
        partyOrgId: c.t.org.id,
        kind: 'dingtalk',
        name: `矩阵钉钉${c.w.seq()}`,
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=matrix-token',
        secret: 'SECmatrix',
      },
    }),
    ok: (res, c) => {
      const body = okJson<RobotChannel>(res);
      expect(body).toMatchObject({ partyOrgId: c.t.org.id, host: 'oapi.dingtalk.com', hasSecret: true });
      expect(res.body).not.toContain('matrix-token');
    },
  },
  'PATCH /api/delivery/channels/:id': {
    scope: 'org',
    request: async (c) => {
      const channel = await newChannel(c);
      return {
        method: 'PATCH',
        url: `/api/delivery/channels/${channel.id}`,
        payload: { enabled: false, severities: ['urgent', 'overdue'], version: channel.version },
      };
    },
    ok: (res) => expect(okJson<RobotChannel>(res)).toMatchObject({ enabled: false, version: 2 }),
  },
  'DELETE /api/delivery/channels/:id': {
    scope: 'org',
    request: async (c) => ({ method: 'DELETE', url: `/api/delivery/channels/${(await newChannel(c)).id}` }),
    ok: (res) => expect(okJson(res)).toEqual({ ok: true }),
  },
  'POST /api/delivery/channels/:id/test': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: `/api/delivery/channels/${(await newChannel(c)).id}/test`,
    }),
    ok: (res) => expect(okJson(res)).toEqual({ ok: true, error: null }),
  },
  'GET /api/delivery/log': {
    scope: 'org',
    request: async (c) => {
      pending.set(c, await failedDelivery(c));
      return { method: 'GET', url: '/api/delivery/log?status=failed&pageSize=200' };
    },
    ok: (res, c) => expect(ids(okJson<{ items: { id: string }[] }>(res).items)).toContain(pending.get(c)),
    hidden: (res, c) =>
      expect(ids(okJson<{ items: { id: string }[] }>(res).items)).not.toContain(pending.get(c)),
  },
  'POST /api/delivery/log/:id/retry': {
    scope: 'org',
    request: async (c) => ({ method: 'POST', url: `/api/delivery/log/${await failedDelivery(c)}/retry` }),
    ok: (res) => expect(okJson(res)).toEqual({ ok: true }),
  },
};

async function versionOf(c: CaseCtx, userId: string): Promise<number> {
  const row = await db(c)
    .selectFrom('deliveryPreference')
    .select('version')
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.version ?? 0;
}
