import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Cycle, IndicatorSystem } from '#contracts/assessment';
import type { Calibration, GradeScale } from '#contracts/assessment-outcome';
import { made } from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, okJson, pending, status } from './authorization-requests.ts';

// Request cases of grades, calibration and the appraisal export (helper RESULTS, issue 12 points 5 and 7). A grade
// scale is the organ's: read by whoever reads its assessments, set by whoever runs them at its root (scope 'unit').
// A calibration is that officer's decision on a branch's score in an open cycle (scope 'unit': the cycle is the
// organ's). The appraisal export is the whole cycle, for those who read it whole at the organ's root. What every
// organ holds — a published system and a computed cycle of 2025 by a system of its own — is made once by the
// world's fixture account; a calibration to change or remove is found (or made) by the case itself.

type Standing = { system: IndicatorSystem; cycle: Cycle };
const standings = new Map<string, Promise<Standing>>();

function standing(c: CaseCtx): Promise<Standing> {
  const key = c.t.unit.id;
  let s = standings.get(key);
  if (!s) {
    s = (async () => {
      const draft = await made<IndicatorSystem>(
        'outcome system',
        c.w.fixture.post('/api/assessment/systems', {
          ownerUnitId: c.t.unit.id,
          name: `${c.t.code}等次矩阵体系${c.w.seq()}`,
        }),
      );
      const system = await made<IndicatorSystem>(
        'outcome publish',
        c.w.fixture.post(`/api/assessment/systems/${draft.id}/publish`, { version: draft.version }),
      );
      const cycle = await made<Cycle>(
        'outcome cycle',
        c.w.fixture.post('/api/assessment/cycles', {
          ownerUnitId: c.t.unit.id,
          systemId: system.id,
          level: 'branch',
          periodKind: 'year',
          periodKey: '2025',
        }),
      );
      await made('outcome compute', c.w.fixture.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
      return { system, cycle };
    })();
    standings.set(key, s);
  }
  return s;
}

/** The version of the target branch's calibration in the standing cycle, or null when there is none. */
async function calibrationVersion(c: CaseCtx, cycleId: string): Promise<number | null> {
  const r = await c.w.t.database.db
    .selectFrom('assessmentCalibration')
    .select('version')
    .where('cycleId', '=', cycleId)
    .where('subjectId', '=', c.t.org.id)
    .executeTakeFirst();
  return r?.version ?? null;
}

async function scaleVersion(c: CaseCtx): Promise<number | null> {
  const r = await c.w.t.database.db
    .selectFrom('assessmentGradeScale')
    .select('version')
    .where('unitId', '=', c.t.unit.id)
    .where('level', '=', 'branch')
    .executeTakeFirst();
  return r?.version ?? null;
}

const STEPS = [
  { grade: 'excellent', label: '优秀', atLeast: 90 },
  { grade: 'good', label: '良好', atLeast: 80 },
  { grade: 'fair', label: '一般', atLeast: 60 },
  { grade: 'poor', label: '较差', atLeast: 0 },
];

export const ASSESSMENT_OUTCOME_CASES: Record<string, Case> = {
  'GET /api/assessment/grade-scales': {
    scope: 'unit',
    request: (c) => ({ method: 'GET', url: `/api/assessment/grade-scales?unitId=${c.t.unit.id}` }),
    ok: (res) => expect(okJson<GradeScale[]>(res).map((s) => s.level)).toContain('branch'),
  },
  'PUT /api/assessment/grade-scales': {
    scope: 'unit',
    request: async (c) => {
      const version = await scaleVersion(c);
      return {
        method: 'PUT',
        url: '/api/assessment/grade-scales',
        payload: {
          unitId: c.t.unit.id,
          level: 'branch',
          steps: STEPS,
          topQuota: 20,
          ...(version === null ? {} : { version }),
        },
      };
    },
    ok: (res) => expect(okJson<GradeScale>(res)).toMatchObject({ saved: true, topQuota: 20 }),
  },
  'PUT /api/assessment/cycles/:id/calibrations/:subjectId': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      const version = await calibrationVersion(c, cycle.id);
      return {
        method: 'PUT',
        url: `/api/assessment/cycles/${cycle.id}/calibrations/${c.t.org.id}`,
        payload: { score: 88, reason: '矩阵校准：经党委会研究', ...(version === null ? {} : { version }) },
      };
    },
    ok: (res, c) => expect(okJson<Calibration>(res)).toMatchObject({ subjectId: c.t.org.id, score: 88 }),
  },
  'DELETE /api/assessment/cycles/:id/calibrations/:subjectId': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      let version = await calibrationVersion(c, cycle.id);
      if (version === null) {
        const set = await made<Calibration>(
          'outcome calibration',
          c.w.fixture.put(`/api/assessment/cycles/${cycle.id}/calibrations/${c.t.org.id}`, {
            score: 77,
            reason: '矩阵校准',
          }),
        );
        version = set.version;
      }
      pending.set(c, cycle.id);
      return {
        method: 'DELETE',
        url: `/api/assessment/cycles/${cycle.id}/calibrations/${c.t.org.id}?version=${version}`,
      };
    },
    ok: async (res, c) => {
      expect(okJson(res)).toEqual({ removed: true });
      expect(await calibrationVersion(c, pending.get(c) as string)).toBeNull();
    },
  },
  'GET /api/assessment/cycles/:id/appraisal.xlsx': {
    scope: 'unit',
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/cycles/${(await standing(c)).cycle.id}/appraisal.xlsx`,
    }),
    ok: (res: LightMyRequestResponse) => {
      status(res, 200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    },
  },
};
