import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Case, type CaseCtx, ids, okJson, pending, type Req, status } from './authorization-requests.ts';
import {
  APPRAISAL_YEAR,
  clearAppraisal,
  FOREIGN,
  mine,
  NO_ONE,
  newAppraisal,
  newHandover,
  newLiaison,
  standing,
  today,
  YEAR,
} from './authorization-responsibility-fixtures.ts';

// Requests of the handover, liaison and 述职评议 routes of test/authorization-table.ts (issue 9), and of one's own
// handovers and appraisals. 'own' cases link the caller's account to a member of its own and make that member the
// successor / author / rater first; "another account's record" is one between members of another organ.

/**
 * Whose record an 'own' case makes (`who`: the caller's member, or for "another account's record" a member of the
 * other organ), in which organ, with that branch's standing records.
 */
async function party(c: CaseCtx) {
  const own = await mine(c);
  const t = c.foreign ? c.w.targets[FOREIGN] : c.w.home;
  const s = await standing(c.w, t);
  return { who: c.foreign ? s.peer : own.member, t, s };
}

/**
 * An out-of-scope member reads exactly like one that does not exist: the same 400 and issues as the request made
 * again with `memberId` swapped for nobody's.
 */
const likeNobody =
  (request: (c: CaseCtx, memberId: string) => Promise<Req>) =>
  async (res: LightMyRequestResponse, c: CaseCtx) => {
    status(res, 400);
    const nobody = await c.h.client?.request((await request(c, NO_ONE)) as never);
    expect(res.json().error.issues).toEqual(nobody?.json().error.issues);
  };

const previewOf = async (_c: CaseCtx, memberId: string): Promise<Req> => ({
  method: 'GET',
  url: `/api/handovers/preview?fromMemberId=${memberId}`,
});
/** A handover from the target branch's member who owns nothing (so it moves nothing) to `to`. */
const handoverTo = async (c: CaseCtx, to: string): Promise<Req> => ({
  method: 'POST',
  url: '/api/handovers',
  payload: {
    kind: 'handover',
    fromMemberId: (await standing(c.w, c.t)).leaver,
    toMemberId: to,
    post: '支部组织委员',
    reason: '工作调动',
    startsOn: today(),
  },
});
const handoverIds = (res: LightMyRequestResponse) => ids(okJson<{ id: string }[]>(res));

export const PEOPLE_CASES: Record<string, Case> = {
  // 五责交接 and delegation ----------------------------------------------------------------------------------------
  'GET /api/handovers': {
    scope: 'org',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      pending.set(c, await newHandover(c.w, c.t, { from: s.leaver, to: s.peer }));
      return { method: 'GET', url: '/api/handovers' };
    },
    ok: (res, c) => expect(handoverIds(res)).toContain(pending.get(c)),
    hidden: (res, c) => expect(handoverIds(res)).not.toContain(pending.get(c)),
  },
  'GET /api/handovers/preview': {
    scope: 'org',
    request: async (c) => previewOf(c, (await standing(c.w, c.t)).leaver),
    ok: async (res, c) =>
      expect(okJson(res)).toMatchObject({ fromMemberId: (await standing(c.w, c.t)).leaver, entries: [] }),
    hidden: likeNobody(previewOf),
  },
  'POST /api/handovers': {
    scope: 'org',
    request: async (c) => handoverTo(c, (await standing(c.w, c.t)).peer),
    ok: async (res, c) => {
      const s = await standing(c.w, c.t);
      expect(okJson(res)).toMatchObject({ kind: 'handover', fromMemberId: s.leaver, toMemberId: s.peer });
    },
    hidden: likeNobody(handoverTo),
  },
  'GET /api/handovers/:id': {
    scope: 'own',
    request: async (c) => {
      const { who, t, s } = await party(c);
      return {
        method: 'GET',
        url: `/api/handovers/${await newHandover(c.w, t, { from: s.leaver, to: who })}`,
      };
    },
    ok: async (res, c) => expect(okJson(res).toMemberId).toBe((await mine(c)).member),
  },
  'POST /api/handovers/:id/acknowledge': {
    scope: 'own',
    request: async (c) => {
      const { who, t, s } = await party(c);
      const entry = s.item;
      const id = await newHandover(c.w, t, { from: s.leaver, to: who, entry });
      return {
        method: 'POST',
        url: `/api/handovers/${id}/acknowledge`,
        payload: { entries: [{ kind: 'responsibility.item', id: entry }] },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ acknowledged: 1 }),
  },
  'POST /api/handovers/:id/cancel': {
    scope: 'org',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      const id = await newHandover(c.w, c.t, { from: s.leaver, to: s.peer, kind: 'delegation' });
      return { method: 'POST', url: `/api/handovers/${id}/cancel`, payload: { version: 1 } };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ kind: 'delegation', status: 'cancelled' }),
  },
  'GET /api/me/handovers': {
    scope: 'own',
    request: async (c) => {
      const { who, t, s } = await party(c);
      pending.set(c, await newHandover(c.w, t, { from: s.leaver, to: who }));
      return { method: 'GET', url: '/api/me/handovers' };
    },
    ok: (res, c) => expect(handoverIds(res)).toContain(pending.get(c)),
    hidden: (res, c) => expect(handoverIds(res)).not.toContain(pending.get(c)),
  },

  // Liaison points and officers ------------------------------------------------------------------------------------
  'GET /api/liaisons': {
    scope: 'org',
    request: async (c) => {
      pending.set(c, await newLiaison(c.w, c.t, { member: (await standing(c.w, c.t)).peer, kind: 'point' }));
      return { method: 'GET', url: `/api/liaisons?year=${YEAR}` };
    },
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).not.toContain(pending.get(c)),
  },
  'POST /api/liaisons': {
    scope: 'org',
    // The branch's 联络员 (kind 'officer'); the same person again would be refused, so the last one goes first.
    request: async (c) => {
      const s = await standing(c.w, c.t);
      await c.w.t.database.db
        .deleteFrom('liaison')
        .where('unitId', '=', c.t.unit.id)
        .where('branchOrgId', '=', c.t.org.id)
        .where('memberId', '=', s.peer)
        .where('kind', '=', 'officer')
        .execute();
      pending.set(c, s.peer);
      return {
        method: 'POST',
        url: '/api/liaisons',
        payload: { kind: 'officer', memberId: s.peer, branchOrgId: c.t.org.id, since: today() },
      };
    },
    ok: (res, c) =>
      expect(okJson(res)).toMatchObject({
        kind: 'officer',
        memberId: pending.get(c),
        branchOrgId: c.t.org.id,
      }),
  },
  'POST /api/liaisons/:id/end': {
    scope: 'org',
    request: async (c) => {
      const id = await newLiaison(c.w, c.t, { member: (await standing(c.w, c.t)).peer, kind: 'officer' });
      return { method: 'POST', url: `/api/liaisons/${id}/end`, payload: { until: today() } };
    },
    ok: (res) => expect(okJson(res).until).toBe(today()),
  },

  // 述职评议 -------------------------------------------------------------------------------------------------------
  'GET /api/appraisals': {
    scope: 'org',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      pending.set(c, await newAppraisal(c.w, c.t, { author: s.peer }));
      return { method: 'GET', url: `/api/appraisals?year=${APPRAISAL_YEAR}` };
    },
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).not.toContain(pending.get(c)),
  },
  'POST /api/appraisals': {
    scope: 'org',
    // The report of the committee member's personal list, whose holder is its author.
    request: async (c) => {
      const s = await clearAppraisal(c.w, c.t);
      pending.set(c, s.peer);
      return { method: 'POST', url: '/api/appraisals', payload: { listId: s.appraisalList } };
    },
    ok: (res, c) =>
      expect(okJson(res)).toMatchObject({
        authorMemberId: pending.get(c),
        status: 'draft',
        year: APPRAISAL_YEAR,
      }),
  },
  'GET /api/appraisals/:id': {
    scope: 'own',
    request: async (c) => {
      const { who, t } = await party(c);
      return { method: 'GET', url: `/api/appraisals/${await newAppraisal(c.w, t, { author: who })}` };
    },
    ok: async (res, c) => expect(okJson(res).authorMemberId).toBe((await mine(c)).member),
  },
  'PATCH /api/appraisals/:id': {
    scope: 'own',
    request: async (c) => {
      const { who, t } = await party(c);
      return {
        method: 'PATCH',
        url: `/api/appraisals/${await newAppraisal(c.w, t, { author: who })}`,
        payload: { summary: '一年来，认真履行抓党建第一责任人职责。', version: 1 },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ summary: '一年来，认真履行抓党建第一责任人职责。' }),
  },
  'POST /api/appraisals/:id/submit': {
    scope: 'own',
    request: async (c) => {
      const { who, t } = await party(c);
      const id = await newAppraisal(c.w, t, { author: who });
      return { method: 'POST', url: `/api/appraisals/${id}/submit`, payload: { version: 1 } };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ status: 'submitted', version: 2 }),
  },
  'PUT /api/appraisals/:id/raters': {
    scope: 'org',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      const id = await newAppraisal(c.w, c.t, { author: s.peer });
      return { method: 'PUT', url: `/api/appraisals/${id}/raters`, payload: { memberIds: [c.t.member.id] } };
    },
    ok: (res, c) =>
      expect(okJson<{ raters: { memberId: string }[] }>(res).raters.map((r) => r.memberId)).toEqual([
        c.t.member.id,
      ]),
  },
  'POST /api/appraisals/:id/rate': {
    scope: 'own',
    // A submitted report of the branch's former committee member, with a seat for the caller's member.
    request: async (c) => {
      const { who, t, s } = await party(c);
      const id = await newAppraisal(c.w, t, { author: s.leaver, submitted: true, raters: [who] });
      return { method: 'POST', url: `/api/appraisals/${id}/rate`, payload: { grade: 'good' } };
    },
    ok: async (res, c) =>
      expect(okJson<{ raters: unknown[] }>(res).raters).toEqual([
        expect.objectContaining({ memberId: (await mine(c)).member, grade: 'good' }),
      ]),
  },
  'GET /api/me/appraisals': {
    scope: 'own',
    request: async (c) => {
      const { who, t } = await party(c);
      pending.set(c, await newAppraisal(c.w, t, { author: who }));
      return { method: 'GET', url: '/api/me/appraisals' };
    },
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).not.toContain(pending.get(c)),
  },
};
