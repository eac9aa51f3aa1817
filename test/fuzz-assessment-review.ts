import fc from 'fast-check';
import type { z } from 'zod';
import type { BranchReviews, Review } from '#contracts/assessment-review';
import { arbitraryOf, type Hint } from './fuzz-inputs.ts';
import type { Client } from './helpers.ts';

// Members' 述评 dossiers (issue 12 point 4) in the fuzz test (test/fuzz.int.test.ts): where the references of their
// routes come from (dossiers with their versions by state, the fuzz member's own, the fuzz organ's branches), the
// likelier targets where the rules let a request through (a draft to submit, a submitted one with 评语 and grade to
// sign, a signed one to show, the fuzz member's draft for a statement and signed one to read), half-years that have
// begun (now and then one that has not: refused), and the dossiers the run starts from — fourteen half-years of the fuzz
// organ's three branches, in every state. The fuzz member's own dossiers are kept from the officer's routes, so that
// the member's routes find them as they were.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));
/** Fourteen half-years that have begun, the latest first. */
const HALVES = Array.from({ length: 14 }, (_, i) => `${YEAR - Math.floor(i / 2)}-H${2 - (i % 2)}`);

const REVIEW_URL = /^\/api\/(assessment|me)\/reviews(\/|$)/;
export const isReviewUrl = (url: string) => REVIEW_URL.test(url);

export const REVIEW_POOLS = [
  /** Every dossier the officer's routes saw; the write routes draw `spareReview`, these less the kept ones. */
  'review',
  /** Not signed (and not kept): 评语 and grade may be written. */
  'editableReview',
  /** Drafts (not kept): may be submitted. */
  'submittableReview',
  /** Submitted with 评语 and grade (not kept): may be signed. */
  'signableReview',
  /** Signed, not yet shown (not kept): may be shown. */
  'showableReview',
  /** The fuzz organ's branches, whose half-years are assembled and listed. */
  'reviewBranch',
  /** The fuzz member's dossiers: all, the drafts (a statement), the signed (readable). */
  'myReview',
  'myDraftReview',
  'mySignedReview',
] as const;

const byUrl: [RegExp, [string, string?]][] = [
  [/^\/api\/assessment\/reviews\/:id$/, ['spareReview', 'editableReview']],
  [/^\/api\/assessment\/reviews\/:id\/submit$/, ['spareReview', 'submittableReview']],
  [/^\/api\/assessment\/reviews\/:id\/sign$/, ['spareReview', 'signableReview']],
  [/^\/api\/assessment\/reviews\/:id\/show$/, ['spareReview', 'showableReview']],
  [/^\/api\/assessment\/reviews\/:id\//, ['review']],
  [/^\/api\/me\/reviews\/:id\/statement$/, ['myReview', 'myDraftReview']],
  [/^\/api\/me\/reviews\/:id$/, ['myReview', 'mySignedReview']],
];

/** The pool of a reference of a dossier route; undefined when the route or the key is not one of theirs. */
export function reviewPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isReviewUrl(url)) return undefined;
  if (key === 'id') {
    // Reading one is any dossier (GET shares its URL with PATCH: the editable ones are dossiers too).
    return byUrl.find(([re]) => re.test(url))?.[1] ?? null;
  }
  if (key === 'branchId') return ['org', 'reviewBranch'];
  return undefined;
}

/** Values of the dossier routes the schemas alone would rarely make meet the rules. */
export function reviewHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (!isReviewUrl(url)) return undefined;
    // A half-year that has begun; now and then next year's (refused: nothing to assemble) or any text.
    if (key === 'halfYear')
      return fc.oneof(
        { arbitrary: fc.constantFrom(...HALVES), weight: 8 },
        { arbitrary: fc.constant(`${YEAR + 1}-H1`), weight: 1 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    return undefined;
  };
}

type Pools = Record<string, string[]>;
const kept = new Set<string>();

function mark(pools: Pools, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Takes dossiers (the branch's list, one dossier, the member's own) from any dossier answer. */
export function harvestReview(
  url: string,
  value: unknown,
  pools: Pools,
  versions: Map<string, number>,
): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestReview(url, v, pools, versions);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.reviews)) {
    harvestReview(url, o.reviews, pools, versions);
    return;
  }
  const current = (o.error as { details?: { current?: unknown } } | undefined)?.details?.current;
  if (current) harvestReview(url, current, pools, versions);
  if (typeof o.id !== 'string' || typeof o.halfYear !== 'string' || typeof o.version !== 'number') return;
  versions.set(o.id, o.version);
  const status = o.status as string;
  if (url.startsWith('/api/me/')) {
    mark(pools, 'myReview', o.id, true);
    mark(pools, 'myDraftReview', o.id, status === 'draft');
    mark(pools, 'mySignedReview', o.id, status === 'signed' || status === 'shown');
    return;
  }
  // Only the full dossier says whether 评语 and grade are in: a summary keeps what a full view last said.
  const full = 'comment' in o;
  const spare = !kept.has(o.id);
  mark(pools, 'review', o.id, true);
  mark(pools, 'editableReview', o.id, spare && (status === 'draft' || status === 'submitted'));
  mark(pools, 'submittableReview', o.id, spare && status === 'draft');
  if (full || status !== 'submitted')
    mark(pools, 'signableReview', o.id, spare && status === 'submitted' && !!o.comment && !!o.grade);
  mark(pools, 'showableReview', o.id, spare && status === 'signed');
}

export type ReviewFuzzWorld = {
  officer: Client;
  /** The fuzz member (linked to a member of branch F-A). */
  self: Client;
  branchIds: readonly string[];
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
  /** Keeps a record out of the run's `spare…` pools. */
  protect: (id: string) => void;
};

/**
 * Through the API as the fuzz's officer: fourteen half-years of the three branches assembled, then of their dossiers two in
 * five left as drafts, two submitted with 评语 and grade, one signed (the routes of the run sign and show more).
 * The fuzz member's dossiers (drafts for the statement, one signed to read) are kept out of the officer's routes.
 */
export async function buildReviewWorld(w: ReviewFuzzWorld): Promise<void> {
  const send = async <T>(method: 'get' | 'post' | 'patch', url: string, route: string, body?: unknown) => {
    const res =
      method === 'get'
        ? await w.officer.get(url)
        : method === 'post'
          ? await w.officer.post(url, body)
          : await w.officer.patch(url, body);
    if (res.statusCode !== 200) throw new Error(`review world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(route, json);
    return json;
  };
  w.setPool('reviewBranch', [...w.branchIds]);
  const mine = new Set<string>();
  const self = await w.self.get('/api/me/member');
  const selfMemberId = self.statusCode === 200 ? (self.json() as { id: string }).id : null;
  let i = 0;
  for (const halfYear of HALVES)
    for (const branchId of w.branchIds) {
      const list = await send<BranchReviews>(
        'post',
        '/api/assessment/reviews/assemble',
        '/api/assessment/reviews/assemble',
        { branchId, halfYear },
      );
      for (const summary of list.reviews) {
        const own = summary.memberId === selfMemberId;
        // The fuzz member's, all kept: the latest half-year's a draft, the one before signed, the rest drafts for the
        // statement. Others: two in five drafts (submit meets its drafts), two submitted, one signed.
        if (own) {
          mine.add(summary.id);
          kept.add(summary.id);
          w.protect(summary.id);
        }
        const plan = own ? (mine.size === 2 ? 2 : 0) : ([0, 0, 1, 1, 2][i++ % 5] as number);
        if (plan === 0) continue;
        const at = `/api/assessment/reviews/${summary.id}`;
        let r = await send<Review>('patch', at, '/api/assessment/reviews/:id', {
          comment: '认真履职，完成各项工作任务。',
          grade: 'good',
          version: summary.version,
        });
        r = await send<Review>('post', `${at}/submit`, '/api/assessment/reviews/:id/submit', {
          version: r.version,
        });
        if (plan >= 2)
          r = await send<Review>('post', `${at}/sign`, '/api/assessment/reviews/:id/sign', {
            version: r.version,
          });
      }
    }
  // The kept ones seen again now that they are kept: the assembly that made them listed them as spare.
  for (const id of mine)
    await send<Review>('get', `/api/assessment/reviews/${id}`, '/api/assessment/reviews/:id');
  const own = await w.self.get('/api/me/reviews');
  w.harvest('/api/me/reviews', own.json());
  if (mine.size !== HALVES.length)
    throw new Error(`review world: the fuzz member has ${mine.size} dossiers, not one a half-year`);
}
