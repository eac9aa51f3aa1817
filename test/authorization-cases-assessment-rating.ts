import { expect } from 'vitest';
import type { Cycle, IndicatorSystem } from '#contracts/assessment';
import type {
  CycleRating,
  MyRating,
  RaterCandidate,
  RatingForm,
  RatingProgress,
  RatingRound,
} from '#contracts/assessment-rating';
import { made } from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, ids, okJson, pending } from './authorization-requests.ts';
import type { World } from './authorization-world.ts';

// This file's own count of the month cycles it made (one system each): the world's sequence, shared by every case,
// passed the 1,200 months a system can hold as the matrix grew.
let monthsMade = 0;

// Request cases of rated indicators (helper RATING, issue 12 point 2). The round is the organiser's: kept at the
// organ's root like the cycle it belongs to (scope 'unit'). A rater's forms are the account's own (scope 'own'):
// another account's invitation does not exist for it. Each organ holds a standing system (the default tree, with its
// three rated leaves), a cycle and an open round over those leaves, made once by the world's fixture account;
// invitations are written straight into the round (the administrators are invited too, as any account may be).

type Standing = { system: IndicatorSystem; cycle: Cycle; round: RatingRound };
const standings = new Map<string, Promise<Standing>>();
const WIDE = { opensOn: '2000-01-01', closesOn: '2099-12-31' };

async function newCycle(w: World, unitId: string, system: IndicatorSystem): Promise<Cycle> {
  // Months from 1900 on, wrapping within the dates the API shows (up to 2099): the matrix counts past 1,200.
  const n = monthsMade++ % 2400;
  return made<Cycle>(
    'rating cycle',
    w.fixture.post('/api/assessment/cycles', {
      ownerUnitId: unitId,
      systemId: system.id,
      level: 'branch',
      periodKind: 'month',
      periodKey: `${1900 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`,
    }),
  );
}

async function newRound(w: World, cycle: Cycle): Promise<RatingRound> {
  const { ratedLeaves } = await made<CycleRating>(
    'rating leaves',
    w.fixture.get(`/api/assessment/cycles/${cycle.id}/rating`),
  );
  return made<RatingRound>(
    'rating round',
    w.fixture.post(`/api/assessment/cycles/${cycle.id}/rating`, {
      leafKeys: ratedLeaves.map((l) => l.key),
      weights: { superior: 50, peer: 30, public: 20 },
      minRaters: 3,
      anonymous: true,
      ...WIDE,
    }),
  );
}

/** A rater row for `userId` in the round (again: its submission undone, so a draft can be saved). */
async function invite(w: World, round: RatingRound, userId: string, subjectId: string): Promise<string> {
  const row = await w.t.database.db
    .insertInto('assessmentRater')
    .values({
      unitId: round.unitId,
      roundId: round.id,
      userId,
      displayName: 'matrix rater',
      raterGroup: 'peer',
      subjectIds: JSON.stringify([subjectId]),
    })
    .onConflict((oc) => oc.columns(['unitId', 'roundId', 'userId']).doUpdateSet({ submittedAt: null }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function opened(w: World, round: RatingRound, subjectId: string): Promise<RatingRound> {
  await invite(w, round, w.fixture.userId, subjectId);
  return made<RatingRound>(
    'rating open',
    w.fixture.post(`/api/assessment/rating-rounds/${round.id}/open`, { version: round.version }),
  );
}

function standing(c: CaseCtx): Promise<Standing> {
  const key = c.t.unit.id;
  let s = standings.get(key);
  if (!s) {
    s = (async () => {
      const draft = await made<IndicatorSystem>(
        'rating system',
        c.w.fixture.post('/api/assessment/systems', {
          ownerUnitId: c.t.unit.id,
          name: `${c.t.code}评价矩阵体系${c.w.seq()}`,
        }),
      );
      const system = await made<IndicatorSystem>(
        'rating publish',
        c.w.fixture.post(`/api/assessment/systems/${draft.id}/publish`, { version: draft.version }),
      );
      const cycle = await newCycle(c.w, c.t.unit.id, system);
      const round = await opened(c.w, await newRound(c.w, cycle), c.t.org.id);
      return { system, cycle, round };
    })();
    standings.set(key, s);
  }
  return s;
}

async function currentVersion(c: CaseCtx, id: string): Promise<number> {
  const r = await c.w.t.database.db
    .selectFrom('assessmentRatingRound')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return r.version;
}

/** The caller's own invitation in the target organ's round, or the fixture account's when aiming at another's. */
async function invitation(c: CaseCtx): Promise<{ id: string; round: RatingRound }> {
  const { round } = await standing(c);
  const owner = c.foreign || !c.h.userId ? c.w.fixture.userId : c.h.userId;
  return { id: await invite(c.w, round, owner, c.t.org.id), round };
}

export const ASSESSMENT_RATING_CASES: Record<string, Case> = {
  'GET /api/assessment/cycles/:id/rating': {
    scope: 'unit',
    request: async (c) => {
      const { cycle, round } = await standing(c);
      pending.set(c, round.id);
      return { method: 'GET', url: `/api/assessment/cycles/${cycle.id}/rating` };
    },
    ok: (res, c) => expect(okJson<CycleRating>(res).round?.id).toBe(pending.get(c)),
  },
  'POST /api/assessment/cycles/:id/rating': {
    scope: 'unit',
    request: async (c) => {
      const cycle = await newCycle(c.w, c.t.unit.id, (await standing(c)).system);
      pending.set(c, cycle.id);
      return {
        method: 'POST',
        url: `/api/assessment/cycles/${cycle.id}/rating`,
        payload: {
          leafKeys: ['cadres.superior'],
          weights: { superior: 40, peer: 30, public: 30 },
          minRaters: 3,
          anonymous: true,
          ...WIDE,
        },
      };
    },
    ok: (res, c) => expect(okJson<RatingRound>(res).cycleId).toBe(pending.get(c)),
  },
  'PATCH /api/assessment/rating-rounds/:id': {
    scope: 'unit',
    request: async (c) => {
      const { round } = await standing(c);
      return {
        method: 'PATCH',
        url: `/api/assessment/rating-rounds/${round.id}`,
        payload: { minRaters: 4, version: await currentVersion(c, round.id) },
      };
    },
    ok: (res) => expect(okJson<RatingRound>(res).minRaters).toBe(4),
  },
  'POST /api/assessment/rating-rounds/:id/open': {
    scope: 'unit',
    request: async (c) => {
      const round = await newRound(c.w, await newCycle(c.w, c.t.unit.id, (await standing(c)).system));
      await invite(c.w, round, c.w.fixture.userId, c.t.org.id);
      return {
        method: 'POST',
        url: `/api/assessment/rating-rounds/${round.id}/open`,
        payload: { version: round.version },
      };
    },
    ok: (res) => expect(okJson<RatingRound>(res).status).toBe('open'),
  },
  'POST /api/assessment/rating-rounds/:id/close': {
    scope: 'unit',
    request: async (c) => {
      const round = await opened(
        c.w,
        await newRound(c.w, await newCycle(c.w, c.t.unit.id, (await standing(c)).system)),
        c.t.org.id,
      );
      return {
        method: 'POST',
        url: `/api/assessment/rating-rounds/${round.id}/close`,
        payload: { version: round.version },
      };
    },
    ok: (res) => expect(okJson<RatingRound>(res).status).toBe('closed'),
  },
  'GET /api/assessment/rating-rounds/:id/candidates': {
    scope: 'unit',
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/rating-rounds/${(await standing(c)).round.id}/candidates`,
    }),
    ok: (res) => expect(Array.isArray(okJson<RaterCandidate[]>(res))).toBe(true),
  },
  'POST /api/assessment/rating-rounds/:id/raters': {
    scope: 'unit',
    request: async (c) => {
      const { round } = await standing(c);
      // A fresh account holding a role in the target branch: one of the organ's people.
      const user = await c.w.t.database.db
        .insertInto('appUser')
        .values({ username: `mx-rater-${c.w.seq()}`, displayName: '矩阵评价人', passwordHash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await c.w.t.database.db
        .insertInto('roleAssignment')
        .values({ userId: user.id, role: 'member', partyOrgId: c.t.org.id })
        .execute();
      pending.set(c, user.id);
      return {
        method: 'POST',
        url: `/api/assessment/rating-rounds/${round.id}/raters`,
        payload: { group: 'public', userIds: [user.id] },
      };
    },
    ok: (res) => expect(okJson<RatingProgress>(res).raters.length).toBeGreaterThan(0),
  },
  'GET /api/assessment/rating-rounds/:id/progress': {
    scope: 'unit',
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/rating-rounds/${(await standing(c)).round.id}/progress`,
    }),
    ok: (res) => expect(okJson<RatingProgress>(res).round.status).toBe('open'),
  },
  'POST /api/assessment/rating-rounds/:id/remind': {
    scope: 'unit',
    request: async (c) => ({
      method: 'POST',
      url: `/api/assessment/rating-rounds/${(await standing(c)).round.id}/remind`,
      payload: {},
    }),
    ok: (res) => expect(okJson<{ reminded: number }>(res).reminded).toBeGreaterThanOrEqual(0),
  },

  'GET /api/me/ratings': {
    scope: 'own',
    request: async (c) => {
      pending.set(c, (await invitation(c)).id);
      return { method: 'GET', url: '/api/me/ratings' };
    },
    ok: (res, c) => expect(ids(okJson<MyRating[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<MyRating[]>(res))).not.toContain(pending.get(c)),
  },
  'GET /api/me/ratings/:id': {
    scope: 'own',
    request: async (c) => ({ method: 'GET', url: `/api/me/ratings/${(await invitation(c)).id}` }),
    ok: (res) => expect(okJson<RatingForm>(res).leaves.length).toBe(3),
  },
  'PUT /api/me/ratings/:id': {
    scope: 'own',
    request: async (c) => {
      const { id } = await invitation(c);
      return {
        method: 'PUT',
        url: `/api/me/ratings/${id}`,
        payload: { answers: [{ subjectId: c.t.org.id, leafKey: 'cadres.superior', choice: 'fair' }] },
      };
    },
    ok: (res) => expect(okJson<RatingForm>(res).answered).toBeGreaterThan(0),
  },
  'POST /api/me/ratings/:id/submit': {
    scope: 'own',
    request: async (c) => {
      const { id, round } = await invitation(c);
      return {
        method: 'POST',
        url: `/api/me/ratings/${id}/submit`,
        payload: {
          answers: round.leafKeys.map((leafKey) => ({ subjectId: c.t.org.id, leafKey, score: 80 })),
        },
      };
    },
    ok: (res) => expect(okJson<RatingForm>(res).submittedAt).not.toBeNull(),
  },
};
