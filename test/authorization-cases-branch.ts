import { expect } from 'vitest';
import { type Case, type CaseCtx, okJson, pending } from './authorization-requests.ts';
import type { Target, World } from './authorization-world.ts';

// Request cases of the branch work records (issue 10): whoever reads a branch reads its records and the organ's
// theme day; whoever records its work (officers, the secretary, committee members) asks for the prefill, enters,
// changes and removes records; the theme day itself is set at the organ's root. Records the requests act on are
// written straight into the table: what is tested is the route's answer.

const HELD_ON = '2024-06-28';

async function unitOf(w: World, orgId: string): Promise<string> {
  return (
    await w.t.database.db
      .selectFrom('partyOrg')
      .select('unitId')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow()
  ).unitId;
}

/** A record of the target branch: held (a committee meeting) or planned (deleting one needs no secretary). */
async function newRecord(
  c: CaseCtx,
  status: 'held' | 'planned' = 'held',
): Promise<{ id: string; version: number }> {
  const row = await c.w.t.database.db
    .insertInto('branchRecord')
    .values({
      unitId: await unitOf(c.w, c.t.org.id),
      partyOrgId: c.t.org.id,
      kind: 'committee_meeting',
      status,
      heldOn: status === 'held' ? HELD_ON : null,
      plannedOn: status === 'planned' ? HELD_ON : null,
      topic: `矩阵支委会${c.w.seq()}`,
      counts: JSON.stringify({ typed: 1, prefilled: 0, reused: 0, imported: 0 }),
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return row;
}

/** A temporary cell of the target branch (an audit team drawn from it), made once per branch. */
const teams = new WeakMap<World, Map<string, Promise<string>>>();
function teamOf(c: CaseCtx): Promise<string> {
  let byBranch = teams.get(c.w);
  if (!byBranch) {
    byBranch = new Map();
    teams.set(c.w, byBranch);
  }
  let team = byBranch.get(c.t.code);
  if (!team) {
    team = (async () => {
      const r = await c.w.fixture.post('/api/party-orgs', {
        parentId: c.t.org.id,
        code: `MXT-${c.w.seq()}`,
        name: `矩阵临时党小组${c.w.seq()}`,
        kind: 'cell',
        isTemporary: true,
        tempStartOn: '2024-01-01',
        tempEndOn: '2099-12-31',
      });
      return okJson<{ id: string }>(r).id;
    })();
    byBranch.set(c.t.code, team);
  }
  return team;
}

const body = (t: Target) => ({
  status: 'held',
  heldOn: HELD_ON,
  topic: '研究支部年度工作计划',
  attendees: [{ memberId: t.member.id, attendance: 'present' }],
});

export const BRANCH_RECORD_CASES: Record<string, Case> = {
  'GET /api/branch/records': {
    scope: 'org',
    request: async (c) => {
      await newRecord(c);
      return {
        method: 'GET',
        url: `/api/branch/records?pageSize=200&kind=committee_meeting&from=${HELD_ON}`,
      };
    },
    ok: (res, c) => {
      const page = okJson<{ items: { partyOrgId: string }[] }>(res);
      expect(page.items.map((r) => r.partyOrgId)).toContain(c.t.org.id);
    },
    hidden: (res, c) => {
      const page = okJson<{ items: { partyOrgId: string }[] }>(res);
      expect(page.items.map((r) => r.partyOrgId)).not.toContain(c.t.org.id);
    },
  },
  'GET /api/branch/records/prefill': {
    scope: 'org',
    request: (c) => ({
      method: 'GET',
      url: `/api/branch/records/prefill?partyOrgId=${c.t.org.id}&kind=theme_day&on=${HELD_ON}`,
    }),
    ok: (res, c) => {
      const pre = okJson<{ expected: { memberId: string }[]; themeDayOn: string }>(res);
      expect(pre.expected.map((e) => e.memberId)).toContain(c.t.member.id);
      expect(pre.themeDayOn).toBe('2024-06-09');
    },
  },
  'POST /api/branch/records': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/branch/records',
      payload: { partyOrgId: c.t.org.id, kind: 'committee_meeting', ...body(c.t) },
    }),
    ok: (res, c) => {
      const rec = okJson<{ partyOrgId: string; present: number }>(res);
      expect(rec).toMatchObject({ partyOrgId: c.t.org.id, present: 1 });
    },
  },
  'GET /api/branch/records/:id': {
    scope: 'org',
    request: async (c) => ({ method: 'GET', url: `/api/branch/records/${(await newRecord(c)).id}` }),
    ok: (res, c) => expect(okJson<{ partyOrgId: string }>(res).partyOrgId).toBe(c.t.org.id),
  },
  'PATCH /api/branch/records/:id': {
    scope: 'org',
    request: async (c) => {
      const rec = await newRecord(c);
      return {
        method: 'PATCH',
        url: `/api/branch/records/${rec.id}`,
        payload: { ...body(c.t), resolutions: '通过年度计划', version: rec.version },
      };
    },
    ok: (res) =>
      expect(okJson<{ resolutions: string; version: number }>(res)).toMatchObject({
        resolutions: '通过年度计划',
        version: 2,
      }),
  },
  'DELETE /api/branch/records/:id': {
    scope: 'org',
    request: async (c) => {
      const rec = await newRecord(c, 'planned');
      pending.set(c, rec.id);
      return { method: 'DELETE', url: `/api/branch/records/${rec.id}?version=${rec.version}` };
    },
    ok: async (res, c) => {
      okJson(res);
      const left = await c.w.t.database.db
        .selectFrom('branchRecord')
        .select('id')
        .where('id', '=', pending.get(c) as string)
        .execute();
      expect(left).toEqual([]);
    },
  },
  'GET /api/branch/obligations': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/branch/obligations?partyOrgId=${c.t.org.id}&year=2024` }),
    ok: (res, c) =>
      expect(okJson<{ branches: { partyOrgId: string }[] }>(res).branches.map((b) => b.partyOrgId)).toContain(
        c.t.org.id,
      ),
  },
  'GET /api/branch/burden': {
    scope: 'org',
    request: async (c) => {
      await newRecord(c);
      return { method: 'GET', url: `/api/branch/burden?partyOrgId=${c.t.org.id}&year=2024` };
    },
    ok: (res, c) => {
      const meter = okJson<{ branches: { partyOrgId: string; total: { records: number } }[] }>(res);
      expect(meter.branches.find((b) => b.partyOrgId === c.t.org.id)?.total.records).toBeGreaterThan(0);
    },
  },
  'GET /api/branch/study-hours': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/branch/study-hours?partyOrgId=${c.t.org.id}&year=2024` }),
    ok: (res, c) =>
      expect(okJson<{ members: { memberId: string }[] }>(res).members.map((x) => x.memberId)).toContain(
        c.t.member.id,
      ),
  },
  'GET /api/branch/temporary-orgs/:id/members': {
    scope: 'org',
    request: async (c) => ({ method: 'GET', url: `/api/branch/temporary-orgs/${await teamOf(c)}/members` }),
    ok: (res) => expect(Array.isArray(okJson<unknown[]>(res))).toBe(true),
  },
  'PUT /api/branch/temporary-orgs/:id/members': {
    scope: 'org',
    request: async (c) => ({
      method: 'PUT',
      url: `/api/branch/temporary-orgs/${await teamOf(c)}/members`,
      payload: { memberIds: [c.t.member.id] },
    }),
    ok: (res, c) =>
      expect(okJson<{ memberId: string }[]>(res).map((x) => x.memberId)).toEqual([c.t.member.id]),
  },
  'GET /api/branch/settings': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/branch/settings?partyOrgId=${c.t.org.id}` }),
    ok: (res) => expect(okJson<{ themeDayOfMonth: number }>(res).themeDayOfMonth).toBeGreaterThanOrEqual(1),
  },
  'PUT /api/branch/settings': {
    scope: 'unit',
    request: async (c) => {
      const row = await c.w.t.database.db
        .selectFrom('branchSetting')
        .select('version')
        .where('unitId', '=', await unitOf(c.w, c.t.org.id))
        .executeTakeFirst();
      return {
        method: 'PUT',
        url: `/api/branch/settings?partyOrgId=${c.t.org.id}`,
        payload: { themeDayOfMonth: 9, version: row?.version ?? 1 },
      };
    },
    ok: (res) => expect(okJson<{ themeDayOfMonth: number }>(res).themeDayOfMonth).toBe(9),
  },
};
