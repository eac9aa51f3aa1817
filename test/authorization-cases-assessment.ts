import { expect } from 'vitest';
import type {
  Cycle,
  IndicatorBasis,
  IndicatorSystem,
  ResultDetail,
  ResultRow,
  SystemSummary,
} from '#contracts/assessment';
import { made } from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, ids, okJson, pending } from './authorization-requests.ts';
import type { Target, World } from './authorization-world.ts';

// This file's own count of the month cycles it made (one system each): the world's sequence, shared by every case,
// passed the 1,200 months a system can hold as the matrix grew.
let monthsMade = 0;

// Request cases of the assessment routes (issue 12). Systems and cycles belong to an organ and are kept at its root
// (the 机关党委: 'O'); they are read by whoever reads any of the organ's work (scope 'unit'). A cycle's results are
// read in full at the organ's root, and by a branch's readers for that branch (scope 'org' for one subject's result
// and the records behind it). What every organ holds — a published system and a computed cycle of the year — is made
// once by the world's fixture account; a draft to save or publish, or a published edition to derive, afresh.

type AssessmentStanding = { system: IndicatorSystem; cycle: Cycle };
const standings = new Map<string, Promise<AssessmentStanding>>();

async function newSystem(w: World, t: Target, publish: boolean): Promise<IndicatorSystem> {
  const draft = await made<IndicatorSystem>(
    'system',
    w.fixture.post('/api/assessment/systems', {
      ownerUnitId: t.unit.id,
      name: `${t.code}矩阵考核体系${w.seq()}`,
    }),
  );
  if (!publish) return draft;
  return made(
    'publish',
    w.fixture.post(`/api/assessment/systems/${draft.id}/publish`, { version: draft.version }),
  );
}

function standing(c: CaseCtx): Promise<AssessmentStanding> {
  const key = c.t.unit.id;
  let s = standings.get(key);
  if (!s) {
    s = (async () => {
      const system = await newSystem(c.w, c.t, true);
      const cycle = await made<Cycle>(
        'cycle',
        c.w.fixture.post('/api/assessment/cycles', {
          ownerUnitId: c.t.unit.id,
          systemId: system.id,
          level: 'branch',
          periodKind: 'year',
          periodKey: '2026',
        }),
      );
      await made('compute', c.w.fixture.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
      return { system, cycle };
    })();
    standings.set(key, s);
  }
  return s;
}

export const ASSESSMENT_CASES: Record<string, Case> = {
  'GET /api/assessment/measures': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/assessment/measures' }),
    ok: (res) =>
      expect(okJson<{ key: string }[]>(res).map((m) => m.key)).toContain('responsibility.obligations_met'),
  },
  'GET /api/assessment/systems': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c)).system.id);
      return { method: 'GET', url: `/api/assessment/systems?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<SystemSummary[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/assessment/systems': {
    scope: 'unit',
    request: (c) => ({
      method: 'POST',
      url: '/api/assessment/systems',
      payload: { ownerUnitId: c.t.unit.id, name: `${c.t.code}新体系${c.w.seq()}` },
    }),
    ok: (res, c) =>
      expect(okJson<IndicatorSystem>(res)).toMatchObject({
        ownerUnitId: c.t.unit.id,
        status: 'draft',
        edition: 1,
      }),
  },
  'GET /api/assessment/systems/:id': {
    scope: 'unit',
    request: async (c) => {
      const { system } = await standing(c);
      return { method: 'GET', url: `/api/assessment/systems/${system.id}` };
    },
    ok: (res) => expect(okJson<IndicatorSystem>(res).tree.map((n) => n.key)).toContain('party_function'),
  },
  'PATCH /api/assessment/systems/:id': {
    scope: 'unit',
    request: async (c) => {
      const draft = await newSystem(c.w, c.t, false);
      return {
        method: 'PATCH',
        url: `/api/assessment/systems/${draft.id}`,
        payload: { note: '矩阵修改', version: draft.version },
      };
    },
    ok: (res) => expect(okJson<IndicatorSystem>(res).note).toBe('矩阵修改'),
  },
  'POST /api/assessment/systems/:id/publish': {
    scope: 'unit',
    request: async (c) => {
      const draft = await newSystem(c.w, c.t, false);
      return {
        method: 'POST',
        url: `/api/assessment/systems/${draft.id}/publish`,
        payload: { version: draft.version },
      };
    },
    ok: (res) => expect(okJson<IndicatorSystem>(res).status).toBe('published'),
  },
  'POST /api/assessment/systems/:id/derive': {
    scope: 'unit',
    request: async (c) => {
      const published = await newSystem(c.w, c.t, true);
      return { method: 'POST', url: `/api/assessment/systems/${published.id}/derive`, payload: {} };
    },
    ok: (res) => expect(okJson<IndicatorSystem>(res)).toMatchObject({ status: 'draft', edition: 2 }),
  },
  'GET /api/assessment/cycles': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c)).cycle.id);
      return { method: 'GET', url: `/api/assessment/cycles?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<Cycle[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/assessment/cycles': {
    scope: 'unit',
    request: async (c) => {
      const { system } = await standing(c);
      const n = monthsMade++;
      const key = `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
      pending.set(c, key);
      return {
        method: 'POST',
        url: '/api/assessment/cycles',
        payload: {
          ownerUnitId: c.t.unit.id,
          systemId: system.id,
          level: 'branch',
          periodKind: 'month',
          periodKey: key,
        },
      };
    },
    ok: (res, c) => expect(okJson<Cycle>(res).periodKey).toBe(pending.get(c)),
  },
  'GET /api/assessment/cycles/:id': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      pending.set(c, cycle.id);
      return { method: 'GET', url: `/api/assessment/cycles/${cycle.id}` };
    },
    ok: (res, c) => expect(okJson<Cycle>(res).id).toBe(pending.get(c)),
  },
  'POST /api/assessment/cycles/:id/compute': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      return { method: 'POST', url: `/api/assessment/cycles/${cycle.id}/compute`, payload: {} };
    },
    ok: (res) => expect(okJson<Cycle>(res).subjects).toBeGreaterThan(0),
  },
  'GET /api/assessment/cycles/:id/results': {
    scope: 'unit',
    request: async (c) => {
      const { cycle } = await standing(c);
      return { method: 'GET', url: `/api/assessment/cycles/${cycle.id}/results` };
    },
    ok: (res, c) => expect(okJson<ResultRow[]>(res).map((r) => r.subjectId)).toContain(c.t.org.id),
  },
  'GET /api/assessment/cycles/:id/results/:subjectId': {
    scope: 'org',
    request: async (c) => {
      const { cycle } = await standing(c);
      return { method: 'GET', url: `/api/assessment/cycles/${cycle.id}/results/${c.t.org.id}` };
    },
    ok: (res, c) => expect(okJson<ResultDetail>(res).subjectId).toBe(c.t.org.id),
  },
  'GET /api/assessment/cycles/:id/results/:subjectId/indicators/:key': {
    scope: 'org',
    request: async (c) => {
      const { cycle } = await standing(c);
      return {
        method: 'GET',
        url: `/api/assessment/cycles/${cycle.id}/results/${c.t.org.id}/indicators/party_function.life.on_time`,
      };
    },
    ok: (res) => expect(okJson<IndicatorBasis>(res).measure?.key).toBe('responsibility.obligations_met'),
  },
};
