import { expect } from 'vitest';
import { type Case, type CaseCtx, cellsOf, ids, okJson } from './authorization-requests.ts';

// Request cases of member self-service and of the Party statistics (issue 7). The /api/me routes take no id: an
// account reaches the one member record it is linked to. The case links the caller's account to the target
// branch's standing member (or, for the "another account's record" check, to none) before the request.

async function linkCaller(c: CaseCtx): Promise<void> {
  if (!c.h.userId) return; // the caller without a session
  await c.w.t.database.db
    .updateTable('appUser')
    .set({ memberId: c.foreign ? null : c.t.member.id })
    .where('id', '=', c.h.userId)
    .execute();
}

/** An open correction request about `memberId`, written straight into its table. */
async function newCorrection(c: CaseCtx, memberId: string): Promise<string> {
  const row = await c.w.t.database.db
    .insertInto('correctionRequest')
    .values({
      unitId: (
        await c.w.t.database.db
          .selectFrom('member')
          .select('unitId')
          .where('id', '=', memberId)
          .executeTakeFirstOrThrow()
      ).unitId,
      memberId,
      field: 'other',
      message: '矩阵测试',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const corrections = new WeakMap<CaseCtx, string>();

export const SELF_CASES: Record<string, Case> = {
  'GET /api/me/member': {
    scope: 'own',
    request: async (c) => {
      await linkCaller(c);
      return { method: 'GET', url: '/api/me/member' };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ id: c.t.member.id, name: c.t.member.name }),
  },
  'GET /api/me/member/history': {
    scope: 'own',
    request: async (c) => {
      await linkCaller(c);
      return { method: 'GET', url: '/api/me/member/history' };
    },
    ok: (res, c) =>
      expect(okJson<{ partyOrgId: string }[]>(res).map((e) => e.partyOrgId)).toContain(c.t.org.id),
  },
  'GET /api/me/corrections': {
    scope: 'own',
    request: async (c) => {
      await linkCaller(c);
      corrections.set(c, await newCorrection(c, c.t.member.id));
      return { method: 'GET', url: '/api/me/corrections' };
    },
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(corrections.get(c)),
  },
  'POST /api/me/corrections': {
    scope: 'own',
    request: async (c) => {
      await linkCaller(c);
      return {
        method: 'POST',
        url: '/api/me/corrections',
        payload: { field: 'education', message: '应为大学本科' },
      };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ memberId: c.t.member.id, status: 'open' }),
  },
  'GET /api/corrections': {
    scope: 'org',
    request: async (c) => {
      corrections.set(c, await newCorrection(c, c.t.member.id));
      return { method: 'GET', url: '/api/corrections' };
    },
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(corrections.get(c)),
    hidden: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).not.toContain(corrections.get(c)),
  },
  'POST /api/corrections/:id/resolve': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: `/api/corrections/${await newCorrection(c, c.t.member.id)}/resolve`,
      payload: { status: 'resolved', resolution: '已按档案更正', version: 1 },
    }),
    ok: (res) => expect(okJson(res)).toMatchObject({ status: 'resolved' }),
  },
  'GET /api/statistics': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/statistics?partyOrgId=${c.t.org.id}` }),
    ok: (res, c) => {
      const body = okJson<{ partyOrgId: string; totalMembers: number }>(res);
      expect(body.partyOrgId).toBe(c.t.org.id);
      expect(body.totalMembers).toBeGreaterThan(0);
    },
  },
  'GET /api/statistics/export': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/statistics/export?partyOrgId=${c.t.org.id}` }),
    ok: async (res) => expect((await cellsOf(res)).length).toBeGreaterThan(5),
  },
};
