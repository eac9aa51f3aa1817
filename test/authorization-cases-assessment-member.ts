import { expect } from 'vitest';
import type { Cycle, IndicatorSystem, MyResult, ResultDetail } from '#contracts/assessment';
import { made } from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, okJson } from './authorization-requests.ts';

// Request cases of a member's own results (issue 12 point 4). The routes are the account's own (scope 'own'): the
// caller's account is linked to the target branch's standing member, who has a row in a member cycle of the organ;
// aimed at another's record, the account is linked to no member and finds nothing of its own. Each organ holds one
// member system and cycle, made once by the world's fixture account; the member's row is written straight in (the
// scores themselves are the integration test's).

const cycles = new Map<string, Promise<Cycle>>();

function memberCycle(c: CaseCtx): Promise<Cycle> {
  const key = c.t.unit.id;
  let p = cycles.get(key);
  if (!p) {
    p = (async () => {
      const draft = await made<IndicatorSystem>(
        'member system',
        c.w.fixture.post('/api/assessment/systems', {
          ownerUnitId: c.t.unit.id,
          name: `${c.t.code}党员述评矩阵体系${c.w.seq()}`,
          subject: 'member',
        }),
      );
      const system = await made<IndicatorSystem>(
        'member publish',
        c.w.fixture.post(`/api/assessment/systems/${draft.id}/publish`, { version: draft.version }),
      );
      const cycle = await made<Cycle>(
        'member cycle',
        c.w.fixture.post('/api/assessment/cycles', {
          ownerUnitId: c.t.unit.id,
          systemId: system.id,
          level: 'member',
          periodKind: 'half',
          periodKey: '2001-H1',
        }),
      );
      await c.w.t.database.db
        .updateTable('assessmentCycle')
        .set({ computedAt: new Date() })
        .where('id', '=', cycle.id)
        .execute();
      return cycle;
    })();
    cycles.set(key, p);
  }
  return p;
}

/** The target's standing member scored in the organ's member cycle, and the caller linked to them (or to nobody). */
async function scored(c: CaseCtx): Promise<Cycle> {
  const cycle = await withRow(c);
  if (c.h.userId)
    await c.w.t.database.db
      .updateTable('appUser')
      .set({ memberId: c.foreign ? null : c.t.member.id })
      .where('id', '=', c.h.userId)
      .execute();
  return cycle;
}

/** The target's standing member scored in the organ's member cycle (a row written straight in). */
async function withRow(c: CaseCtx): Promise<Cycle> {
  const cycle = await memberCycle(c);
  const db = c.w.t.database.db;
  await db
    .insertInto('assessmentResult')
    .values({
      unitId: c.t.unit.id,
      cycleId: cycle.id,
      subjectId: c.t.member.id,
      groupId: c.t.org.id,
      total: 88,
      bandLow: null,
      bandHigh: null,
      partyScore: 44,
      businessScore: 44,
      fusionScore: null,
      leafValues: '[]',
    })
    .onConflict((oc) => oc.columns(['unitId', 'cycleId', 'subjectId']).doNothing())
    .execute();
  return cycle;
}

export const ASSESSMENT_MEMBER_CASES: Record<string, Case> = {
  'GET /api/me/assessments': {
    scope: 'own',
    request: async (c) => {
      await scored(c);
      return { method: 'GET', url: '/api/me/assessments' };
    },
    ok: (res, c) => expect(okJson<MyResult[]>(res).map((x) => x.result.subjectId)).toContain(c.t.member.id),
    hidden: (res, c) =>
      expect(okJson<MyResult[]>(res).map((x) => x.result.subjectId)).not.toContain(c.t.member.id),
  },
  'GET /api/me/assessments/:id': {
    scope: 'own',
    request: async (c) => ({ method: 'GET', url: `/api/me/assessments/${(await scored(c)).id}` }),
    ok: (res, c) => expect(okJson<ResultDetail>(res)).toMatchObject({ subjectId: c.t.member.id, total: 88 }),
  },
  'GET /api/assessment/members/:id/record.xlsx': {
    scope: 'unit',
    request: async (c) => {
      await withRow(c);
      return { method: 'GET', url: `/api/assessment/members/${c.t.member.id}/record.xlsx` };
    },
    ok: (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    },
  },
};
