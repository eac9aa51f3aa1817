import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { notify } from '../server/src/modules/notification/index.ts';
import { storeReport } from '../server/src/modules/transfer/index.ts';
import {
  type Case,
  type CaseCtx,
  cellsOf,
  ids,
  okJson,
  pending,
  type Req,
  status,
  version,
} from './authorization-requests.ts';
import { secondSession, type World, workbook } from './authorization-world.ts';
import type { Client } from './helpers.ts';

// Requests of the session, notification, account, security and audit routes of test/authorization-table.ts, and
// their successes.

const sessions = new WeakMap<CaseCtx, Client>();

export const ACCOUNT_CASES: Record<string, Case> = {
  // Sessions ---------------------------------------------------------------------------------------------------
  'GET /api/health': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/health' }),
    ok: (res) => expect(okJson(res).ok).toBe(true),
  },
  'POST /api/auth/login': {
    scope: 'none',
    // Through a second session of the caller's account: signing in from a browser that holds a session may end it.
    request: async (c) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: c.w.login, password: c.w.anonymous.password },
      ...(c.h.client ? { via: await secondSession(c.w, c.h) } : {}),
    }),
    ok: (res, c) => expect(okJson<{ user: { username: string } }>(res).user.username).toBe(c.w.login),
  },
  'POST /api/auth/logout': {
    scope: 'none',
    // Through a second session of the caller's account: signing out ends the session it rides on.
    request: async (c) => {
      const req: Req = { method: 'POST', url: '/api/auth/logout' };
      if (c.h.client) {
        req.via = await secondSession(c.w, c.h);
        sessions.set(c, req.via);
      }
      return req;
    },
    ok: async (res, c) => {
      expect(okJson(res).ok).toBe(true);
      const ended = sessions.get(c);
      if (ended) expect((await ended.get('/api/auth/session')).statusCode, 'the session ended').toBe(401);
    },
  },
  'GET /api/auth/session': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/auth/session' }),
    ok: (res, c) => {
      const s = okJson<{ user: { username: string }; roles: { role: string }[] }>(res);
      expect(s.user.username).toBe(c.h.username);
      expect(s.roles.map((r) => r.role)).toEqual([c.h.role]);
    },
  },
  'POST /api/auth/change-password': {
    scope: 'none',
    request: (c) => {
      const newPassword = `Changed-Passw0rd-${c.w.seq()}`;
      pending.set(c, newPassword);
      return {
        method: 'POST',
        url: '/api/auth/change-password',
        payload: { currentPassword: c.h.password, newPassword },
      };
    },
    ok: async (res, c) => {
      status(res, 200);
      // Later sign-ins of this account (sign-out's second session) need the new password.
      c.h.password = pending.get(c) as string;
      const user = await c.w.t.database.db
        .selectFrom('appUser')
        .select('passwordChangedAt')
        .where('id', '=', c.h.userId)
        .executeTakeFirstOrThrow();
      expect(user.passwordChangedAt).not.toBeNull();
    },
  },
  'GET /api/import-reports/:token': {
    scope: 'own',
    request: async (c) => {
      const owner = c.foreign ? c.w.fixture.userId : c.h.userId || randomUUID();
      const token = await storeReport(c.w.t.ctx(), owner, reportBook, '报告.xlsx');
      return { method: 'GET', url: `/api/import-reports/${token}` };
    },
    ok: async (res) => expect(await cellsOf(res)).toContain('矩阵报告'),
  },

  // Notifications: each account's own; the "another account's" check aims at one of the fixture account's.
  'GET /api/me/notifications': {
    scope: 'own',
    request: async (c) => {
      pending.set(c, await newNotification(c));
      return { method: 'GET', url: '/api/me/notifications?unread=true&pageSize=200' };
    },
    ok: (res, c) => expect(ids(okJson<{ items: { id: string }[] }>(res).items)).toContain(pending.get(c)),
    hidden: (res, c) =>
      expect(ids(okJson<{ items: { id: string }[] }>(res).items)).not.toContain(pending.get(c)),
  },
  'GET /api/me/notifications/unread-count': {
    scope: 'own',
    request: async (c) => {
      await newNotification(c);
      return { method: 'GET', url: '/api/me/notifications/unread-count' };
    },
    ok: async (res, c) => {
      const { count } = okJson<{ count: number }>(res);
      expect(count).toBeGreaterThan(0);
      expect(count).toBe(await unreadOf(c, c.h.userId));
    },
    // The fixture account's new notification is not counted: the count is the caller's own.
    hidden: async (res, c) =>
      expect(okJson<{ count: number }>(res).count).toBe(await unreadOf(c, c.h.userId)),
  },
  'POST /api/me/notifications/:id/read': {
    scope: 'own',
    request: async (c) => ({ method: 'POST', url: `/api/me/notifications/${await newNotification(c)}/read` }),
    ok: (res) => expect(okJson<{ readAt: string | null }>(res).readAt).not.toBeNull(),
  },
  'POST /api/me/notifications/read-all': {
    scope: 'own',
    request: async (c) => {
      pending.set(c, await newNotification(c));
      return { method: 'POST', url: '/api/me/notifications/read-all' };
    },
    ok: async (res, c) => {
      expect(okJson<{ count: number }>(res).count).toBeGreaterThan(0);
      expect(await unreadOf(c, c.h.userId)).toBe(0);
    },
    // Another account's notifications stay unread.
    hidden: async (res, c) => {
      status(res, 200);
      const row = await c.w.t.database.db
        .selectFrom('notification')
        .select('readAt')
        .where('id', '=', pending.get(c) as string)
        .executeTakeFirstOrThrow();
      expect(row.readAt).toBeNull();
    },
  },

  // Accounts, security, audit ----------------------------------------------------------------------------------
  'GET /api/users': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/users?pageSize=200' }),
    ok: (res, c) => expect(ids(okJson<{ items: { id: string }[] }>(res).items)).toContain(c.w.account.id),
  },
  'GET /api/users/:id': {
    scope: 'none',
    request: (c) => ({ method: 'GET', url: `/api/users/${c.w.account.id}` }),
    ok: (res, c) => expect(okJson(res).username).toBe(c.w.account.username),
  },
  'POST /api/users': {
    scope: 'none',
    request: (c) => {
      const username = `mx-new-${c.w.seq()}`;
      pending.set(c, username);
      return { method: 'POST', url: '/api/users', payload: { username, displayName: '新账号' } };
    },
    ok: (res, c) => {
      const body = okJson<{ user: { username: string }; initialPassword: string }>(res);
      expect(body.user.username).toBe(pending.get(c));
      expect(body.initialPassword.length).toBeGreaterThanOrEqual(10);
    },
  },
  'PATCH /api/users/:id': {
    scope: 'none',
    request: async (c) => ({
      method: 'PATCH',
      url: `/api/users/${c.w.account.id}`,
      payload: { displayName: `改名${c.w.seq()}`, version: await version(c.w, 'appUser', c.w.account.id) },
    }),
    ok: (res) => expect(okJson<{ displayName: string }>(res).displayName).toMatch(/^改名\d+$/),
  },
  'POST /api/users/:id/reset-password': {
    scope: 'none',
    request: (c) => ({ method: 'POST', url: `/api/users/${c.w.account.id}/reset-password` }),
    ok: (res) => {
      const body = okJson<{ user: { mustChangePassword: boolean }; initialPassword: string }>(res);
      expect(body.user.mustChangePassword).toBe(true);
      expect(body.initialPassword.length).toBeGreaterThanOrEqual(10);
    },
  },
  'PUT /api/users/:id/roles': {
    scope: 'none',
    request: async (c) => ({
      method: 'PUT',
      url: `/api/users/${c.w.account.id}/roles`,
      payload: {
        roles: [{ role: 'member', partyOrgId: c.w.home.org.id }],
        version: await version(c.w, 'appUser', c.w.account.id),
      },
    }),
    ok: (res, c) =>
      expect(okJson<{ roles: unknown[] }>(res).roles).toEqual([
        expect.objectContaining({ role: 'member', partyOrgId: c.w.home.org.id }),
      ]),
  },
  'GET /api/security/policy': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/security/policy' }),
    ok: (res) => expect(okJson<{ lockoutThreshold: number }>(res).lockoutThreshold).toBeGreaterThan(0),
  },
  'GET /api/security/lockouts': {
    scope: 'none',
    request: async (c) => {
      await lockOut(c.w);
      return { method: 'GET', url: '/api/security/lockouts' };
    },
    ok: (res, c) =>
      expect(okJson<unknown[]>(res)).toContainEqual(
        expect.objectContaining({ kind: 'account', key: c.w.lockable }),
      ),
  },
  'POST /api/security/unlock': {
    scope: 'none',
    request: async (c) => {
      await lockOut(c.w);
      return { method: 'POST', url: '/api/security/unlock', payload: { kind: 'account', key: c.w.lockable } };
    },
    ok: async (res, c) => {
      status(res, 200);
      const open = await c.w.t.database.db
        .selectFrom('loginLock')
        .select('id')
        .where('kind', '=', 'account')
        .where('key', '=', c.w.lockable)
        .where('clearedAt', 'is', null)
        .execute();
      expect(open, 'the lock was cleared').toEqual([]);
    },
  },
  'GET /api/audit': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/audit?pageSize=200' }),
    ok: (res) =>
      expect(okJson<{ items: { action: string }[] }>(res).items.map((e) => e.action)).toContain(
        'member.create',
      ),
  },
  'GET /api/audit/verify': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/audit/verify' }),
    ok: (res) => expect(okJson(res)).toMatchObject({ ok: true, firstBrokenSeq: null }),
  },
  'GET /api/audit/export': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/audit/export' }),
    // The export names actions in Chinese (contracts/audit-labels.ts); written out here.
    ok: async (res) => expect(await cellsOf(res)).toContain('新增党员'),
  },
};

/**
 * An unread notification of the caller (of the fixture account for the "another account's" check and for the
 * caller without a session), written as the digest writes them; a kind of its own, since one per kind and day.
 */
async function newNotification(c: CaseCtx): Promise<string> {
  const owner = c.foreign || !c.h.userId ? c.w.fixture.userId : c.h.userId;
  const [created] = await notify(c.w.t.ctx(), {
    userIds: [owner],
    kind: `matrix.${c.w.seq()}`,
    day: '2026-12-07',
    title: '矩阵测试通知',
    lines: [{ text: '矩阵测试', link: '/', severity: 'info' }],
  });
  if (!created) throw new Error('the notification was not created');
  return created.id;
}

async function unreadOf(c: CaseCtx, userId: string): Promise<number> {
  const rows = await c.w.t.database.db
    .selectFrom('notification')
    .select('id')
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .execute();
  return rows.length;
}

let reportBook: Buffer = Buffer.alloc(0);
/** Prepares what the cases need once per world. */
export async function prepareCases(): Promise<void> {
  reportBook = await workbook({ 报告: [['矩阵报告']] });
}

/** Five failed sign-ins of the lockable account and the lock they start, written as the sign-in route writes them. */
async function lockOut(w: World): Promise<void> {
  const rows = Array.from({ length: 5 }, () => ({ username: w.lockable, ip: '10.77.0.1', success: false }));
  await w.t.database.db.insertInto('loginAttempt').values(rows).execute();
  const now = Date.now();
  await w.t.database.db
    .insertInto('loginLock')
    .values({
      kind: 'account',
      key: w.lockable,
      failures: 5,
      lockedAt: new Date(now),
      lockedUntil: new Date(now + 15 * 60_000),
    })
    .execute();
}
