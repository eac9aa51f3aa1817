import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { BranchReviews, MyReview, Review, ReviewStatus } from '#contracts/assessment-review';
import { type Case, type CaseCtx, ids, okJson, pending, status } from './authorization-requests.ts';

// Request cases of the member's 述评 dossier (helper DOSSIER, issue 12 point 4). A dossier is a branch's (scope
// 'org'): read by whoever reads the branch's assessment, completed and signed by whoever keeps its members' records.
// The member's own (scope 'own') is reached by the account's member record: the case links the caller to the target
// branch's standing member, or to none when aiming at another account's dossier. Each case writes a dossier of its own
// straight into the table, in the state its route needs, for a half-year no other case uses.

const PAST = '2025-H1';

async function dossier(c: CaseCtx, state: ReviewStatus): Promise<string> {
  const n = c.w.seq();
  const signed = state === 'signed' || state === 'shown';
  const row = await c.w.t.database.db
    .insertInto('performanceReview')
    .values({
      unitId: c.t.unit.id,
      memberId: c.t.member.id,
      // A half-year of its own (years 2100 on, past any the assemble case uses): the table allows any four digits,
      // the API asks only by id.
      halfYear: `${2100 + (Math.floor(n / 2) % 7900)}-H${(n % 2) + 1}`,
      partyOrgId: c.t.org.id,
      memberName: c.t.member.name,
      branchName: '矩阵支部',
      status: state,
      sections: JSON.stringify([{ key: 'matrix', title: '矩阵', order: 1, lines: [] }]),
      comment: state === 'draft' ? null : '矩阵评语',
      grade: state === 'draft' ? null : 'good',
      signedAt: signed ? new Date() : null,
      signedByName: signed ? '矩阵书记' : null,
      shownAt: state === 'shown' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  pending.set(c, row.id);
  return row.id;
}

async function linkCaller(c: CaseCtx): Promise<void> {
  if (!c.h.userId) return;
  await c.w.t.database.db
    .updateTable('appUser')
    .set({ memberId: c.foreign ? null : c.t.member.id })
    .where('id', '=', c.h.userId)
    .execute();
}

const isFile = (type: string) => (res: LightMyRequestResponse) => {
  status(res, 200);
  expect(res.headers['content-type']).toContain(type);
};

const step = (name: 'submit' | 'sign' | 'show', from: ReviewStatus, to: ReviewStatus): Case => ({
  scope: 'org',
  request: async (c) => ({
    method: 'POST',
    url: `/api/assessment/reviews/${await dossier(c, from)}/${name}`,
    payload: { version: 1 },
  }),
  ok: (res) => expect(okJson<Review>(res).status).toBe(to),
});

export const ASSESSMENT_REVIEW_CASES: Record<string, Case> = {
  'GET /api/assessment/reviews': {
    scope: 'org',
    request: (c) => ({
      method: 'GET',
      url: `/api/assessment/reviews?branchId=${c.t.org.id}&halfYear=${PAST}`,
    }),
    ok: (res, c) => expect(okJson<BranchReviews>(res).branchId).toBe(c.t.org.id),
  },
  'POST /api/assessment/reviews/assemble': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/assessment/reviews/assemble',
      payload: { branchId: c.t.org.id, halfYear: PAST },
    }),
    ok: (res, c) => expect(okJson<BranchReviews>(res).branchId).toBe(c.t.org.id),
  },
  'GET /api/assessment/reviews/xlsx': {
    scope: 'org',
    request: (c) => ({
      method: 'GET',
      url: `/api/assessment/reviews/xlsx?branchId=${c.t.org.id}&halfYear=${PAST}`,
    }),
    ok: isFile('spreadsheetml'),
  },
  'GET /api/assessment/reviews/:id': {
    scope: 'org',
    request: async (c) => ({ method: 'GET', url: `/api/assessment/reviews/${await dossier(c, 'draft')}` }),
    ok: (res, c) => expect(okJson<Review>(res).id).toBe(pending.get(c)),
  },
  'PATCH /api/assessment/reviews/:id': {
    scope: 'org',
    request: async (c) => ({
      method: 'PATCH',
      url: `/api/assessment/reviews/${await dossier(c, 'draft')}`,
      payload: { comment: '矩阵评语', grade: 'excellent', version: 1 },
    }),
    ok: (res) => expect(okJson<Review>(res)).toMatchObject({ comment: '矩阵评语', grade: 'excellent' }),
  },
  'POST /api/assessment/reviews/:id/submit': step('submit', 'draft', 'submitted'),
  'POST /api/assessment/reviews/:id/sign': step('sign', 'submitted', 'signed'),
  'POST /api/assessment/reviews/:id/show': step('show', 'signed', 'shown'),
  'GET /api/assessment/reviews/:id/docx': {
    scope: 'org',
    request: async (c) => ({
      method: 'GET',
      url: `/api/assessment/reviews/${await dossier(c, 'signed')}/docx`,
    }),
    ok: isFile('wordprocessingml'),
  },

  'GET /api/me/reviews': {
    scope: 'own',
    request: async (c) => {
      await linkCaller(c);
      await dossier(c, 'draft');
      return { method: 'GET', url: '/api/me/reviews' };
    },
    ok: (res, c) => expect(ids(okJson<MyReview[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<MyReview[]>(res))).not.toContain(pending.get(c)),
  },
  'GET /api/me/reviews/:id': {
    scope: 'own',
    request: async (c) => {
      await linkCaller(c);
      return { method: 'GET', url: `/api/me/reviews/${await dossier(c, 'signed')}` };
    },
    ok: (res, c) => expect(okJson<Review>(res).id).toBe(pending.get(c)),
  },
  'PUT /api/me/reviews/:id/statement': {
    scope: 'own',
    request: async (c) => {
      await linkCaller(c);
      return {
        method: 'PUT',
        url: `/api/me/reviews/${await dossier(c, 'draft')}/statement`,
        payload: { statement: '矩阵补充说明', version: 1 },
      };
    },
    ok: (res) => expect(okJson<MyReview>(res).statement).toBe('矩阵补充说明'),
  },
};
