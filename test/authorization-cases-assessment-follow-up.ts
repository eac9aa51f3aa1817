import { expect } from 'vitest';
import type { Cycle, IndicatorSystem } from '#contracts/assessment';
import type { CycleFollowUps, OpenFollowUpsResult } from '#contracts/assessment-follow-up';
import { made } from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, okJson, pending } from './authorization-requests.ts';

// This file's own count of the month cycles it made (one system each): the world's sequence, shared by every case,
// passed the 1,200 months a system can hold as the matrix grew.
let monthsMade = 0;

// Request cases of follow-ups below a cycle's rule (helper RECTIFY, issue 12 point 7). The rule, the preview, opening
// and closing the cycle are the work of whoever runs the organ's assessments at its root, like the cycle itself
// (scope 'unit'). Each organ holds a standing system (the default tree) and a computed year cycle with a rule, made
// once by the world's fixture account; closing takes a fresh month cycle each time (of this system only, so no
// other case's periods are taken). The line is 0, below which nothing falls: opening a 限期整改 makes the branch's
// list of the year when it keeps none, and the responsibility cases make those lists themselves.

type Standing = { system: IndicatorSystem; cycle: Cycle };
const standings = new Map<string, Promise<Standing>>();

function standing(c: CaseCtx): Promise<Standing> {
  const key = c.t.unit.id;
  let s = standings.get(key);
  if (!s) {
    s = (async () => {
      const draft = await made<IndicatorSystem>(
        'follow-up system',
        c.w.fixture.post('/api/assessment/systems', {
          ownerUnitId: c.t.unit.id,
          name: `${c.t.code}整改矩阵体系${c.w.seq()}`,
        }),
      );
      const system = await made<IndicatorSystem>(
        'follow-up publish',
        c.w.fixture.post(`/api/assessment/systems/${draft.id}/publish`, { version: draft.version }),
      );
      const cycle = await computed(c, system, 'year', '2025');
      await made(
        'follow-up rule',
        c.w.fixture.put(`/api/assessment/cycles/${cycle.id}/follow-up-rule`, {
          threshold: 0,
          deadlineDays: 30,
        }),
      );
      return { system, cycle };
    })();
    standings.set(key, s);
  }
  return s;
}

async function computed(c: CaseCtx, system: IndicatorSystem, periodKind: string, periodKey: string) {
  const cycle = await made<Cycle>(
    'follow-up cycle',
    c.w.fixture.post('/api/assessment/cycles', {
      ownerUnitId: c.t.unit.id,
      systemId: system.id,
      level: 'branch',
      periodKind,
      periodKey,
    }),
  );
  return made<Cycle>('follow-up compute', c.w.fixture.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
}

async function ruleVersion(cycleId: string, c: CaseCtx): Promise<number | null> {
  const r = await c.w.t.database.db
    .selectFrom('assessmentFollowUpRule')
    .select('version')
    .where('cycleId', '=', cycleId)
    .executeTakeFirst();
  return r?.version ?? null;
}

export const ASSESSMENT_FOLLOW_UP_CASES: Record<string, Case> = {
  'GET /api/assessment/cycles/:id/follow-ups': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      pending.set(c, cycle.id);
      return { method: 'GET', url: `/api/assessment/cycles/${cycle.id}/follow-ups` };
    },
    ok: (res, c) =>
      expect(okJson<CycleFollowUps>(res)).toMatchObject({ cycleId: pending.get(c), rule: { threshold: 0 } }),
  },
  'PUT /api/assessment/cycles/:id/follow-up-rule': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      const version = await ruleVersion(cycle.id, c);
      return {
        method: 'PUT',
        url: `/api/assessment/cycles/${cycle.id}/follow-up-rule`,
        payload: { threshold: 0, deadlineDays: 20, ...(version === null ? {} : { version }) },
      };
    },
    ok: (res) => expect(okJson<CycleFollowUps>(res).rule).toMatchObject({ threshold: 0, deadlineDays: 20 }),
  },
  'POST /api/assessment/cycles/:id/follow-ups': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      return { method: 'POST', url: `/api/assessment/cycles/${cycle.id}/follow-ups`, payload: {} };
    },
    ok: (res) => expect(okJson<OpenFollowUpsResult>(res).followUps.toOpen).toBe(0),
  },
  'POST /api/assessment/cycles/:id/close': {
    scope: 'unit',
    request: async (c) => {
      const { system } = await standing(c);
      // Months from 1900 on, wrapping within the dates the API shows (up to 2099): the matrix counts past 1,200.
      const n = monthsMade++ % 2400;
      const month = `${1900 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
      const cycle = await computed(c, system, 'month', month);
      return {
        method: 'POST',
        url: `/api/assessment/cycles/${cycle.id}/close`,
        payload: { version: cycle.version },
      };
    },
    ok: (res) => expect(okJson<Cycle>(res).status).toBe('closed'),
  },
};
