import fc from 'fast-check';
import type { z } from 'zod';
import type { GroupWeights, RatingForm, RatingRound } from '#contracts/assessment-rating';
import { arbitraryOf, dateArb, type Hint } from './fuzz-inputs.ts';
import type { Client } from './helpers.ts';

// Rated indicators (issue 12 points 2 and 10) in the fuzz test (test/fuzz.int.test.ts), beside the other assessment
// routes (test/fuzz-assessment.ts): where the references of their routes come from (rounds with their versions and
// status, cycles no round was seen on, the accounts a round may take, the fuzz member's own invitations), the likelier
// targets where the rules let a request through (a draft round with raters to open, an open one to close, a form
// still open to draft and submit), values the schemas alone would rarely make meet the rules (the tree's rated leaves,
// group weights that add up to 100, dates around today, every answer a form asks for), and the rounds the run starts
// from. The rounds the fuzz member rates in are kept from the routes that would edit, open or close them: the rater
// routes must find their form open for the whole run.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));
/** A China-time day `offset` days from today (the server's own clock decides whether a round is open). */
const day = (offset: number) =>
  new Date(Date.now() + CHINA_OFFSET_MS + offset * DAY_MS).toISOString().slice(0, 10);

const RATING_URL = /^\/api\/(assessment\/(cycles\/[^/]+\/rating|rating-rounds\/)|me\/ratings(\/|$))/;
export const isRatingUrl = (url: string) => RATING_URL.test(url);

export const RATING_POOLS = [
  /** Every round; the routes that edit, open or close draw `spareRatingRound`, these less the kept ones (protected). */
  'ratingRound',
  /** Not closed (and not kept): may be edited. */
  'editableRound',
  /** Drafts with raters (not kept): may be opened. */
  'openableRound',
  /** Open (not kept): may be closed. */
  'closableRound',
  /** Open, kept or not: its raters may be reminded. */
  'liveRound',
  /** Not closed, kept or not: raters may be added. */
  'raterRound',
  /** Cycles whose tree has rated leaves and no round was seen on: a round may be set up. */
  'roundlessCycle',
  /** Accounts a round's candidates listed. */
  'raterUser',
  /** The fuzz member's invitations, and those open and not yet submitted (drafts) or open (submissions). */
  'myRating',
  'draftableRating',
  'openRating',
] as const;

const byUrl: [RegExp, [string, string?]][] = [
  [/^\/api\/assessment\/cycles\/:id\/rating$/, ['cycle', 'roundlessCycle']],
  [/^\/api\/assessment\/rating-rounds\/:id$/, ['spareRatingRound', 'editableRound']],
  [/^\/api\/assessment\/rating-rounds\/:id\/open$/, ['spareRatingRound', 'openableRound']],
  [/^\/api\/assessment\/rating-rounds\/:id\/close$/, ['spareRatingRound', 'closableRound']],
  [/^\/api\/assessment\/rating-rounds\/:id\/raters$/, ['ratingRound', 'raterRound']],
  [/^\/api\/assessment\/rating-rounds\/:id\/remind$/, ['ratingRound', 'liveRound']],
  [/^\/api\/assessment\/rating-rounds\/:id\//, ['ratingRound']],
  [/^\/api\/me\/ratings\/:id\/submit$/, ['myRating', 'openRating']],
  [/^\/api\/me\/ratings\/:id$/, ['myRating', 'draftableRating']],
];

/**
 * The pool of a reference of a rating route; undefined when the route or the key is not one of theirs. Asked before
 * assessmentPoolOf: `/cycles/:id/rating` sits under the cycle routes, whose pools would give it cycles that already
 * have a round.
 */
export function ratingPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isRatingUrl(url)) return undefined;
  if (key === 'id') return byUrl.find(([re]) => re.test(url))?.[1] ?? null;
  if (key === 'userIds') return ['user', 'raterUser'];
  if (key === 'subjectIds') return ['org', 'assessmentSubject'];
  return undefined;
}

/** What the answers showed: the tree's rated leaves, and the fuzz member's kept form (its subjects and leaves). */
const known = { leafKeys: [] as string[], form: null as RatingForm | null };
const kept = new Set<string>();

const WEIGHTS: GroupWeights[] = [
  { superior: 50, peer: 30, public: 20 },
  { superior: 40, peer: 30, public: 30 },
  { superior: 100, peer: 0, public: 0 },
  { superior: 33.5, peer: 33.25, public: 33.25 },
];
const sometimes = (arb: fc.Arbitrary<unknown>, weight = 2) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });
const mostly = (usual: fc.Arbitrary<unknown>, schema: z.ZodType, weight = 4) =>
  fc.oneof({ arbitrary: usual, weight }, { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 });

/** Every answer the kept form asks for, a score or a choice in turn. */
function fullAnswers(): Record<string, unknown>[] {
  const form = known.form;
  if (!form) return [];
  return form.subjectList.flatMap((s, i) =>
    form.leaves.map((l, j) =>
      (i + j) % 2
        ? { subjectId: s.id, leafKey: l.key, score: 60 + ((7 * i + j) % 41) }
        : { subjectId: s.id, leafKey: l.key, choice: 'fair', comment: '工作扎实，群众认可' },
    ),
  );
}

/** Values of the rating routes the schemas alone would rarely make meet the rules. */
export function ratingHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (!isRatingUrl(url)) return undefined;
    const round = url === '/api/assessment/cycles/:id/rating' || url === '/api/assessment/rating-rounds/:id';
    if (round) {
      // An edit mostly leaves a field as it is.
      const edit = url.endsWith(':id');
      const maybe = (a: fc.Arbitrary<unknown>, w = 2) => (edit ? sometimes(a, w) : a);
      // Rated leaves of the cycle's system (an open round keeps its leaves, and changing them is refused).
      if (key === 'leafKeys')
        return maybe(
          mostly(
            fc.constant(undefined).chain(() => fc.subarray(known.leafKeys, { minLength: 1 })),
            schema,
          ),
          3,
        );
      if (key === 'weights') return maybe(mostly(fc.constantFrom(...WEIGHTS), schema));
      // Anonymous rounds need three a group (fewer is refused, and that refusal is met too).
      if (key === 'minRaters') return maybe(mostly(fc.integer({ min: 2, max: 5 }), schema));
      // Switching anonymity off is refused once answered: mostly kept on.
      if (key === 'anonymous')
        return maybe(
          fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.boolean(), weight: 1 }),
        );
      // A window around today, start before end; now and then any date (an end before the start: refused).
      if (key === 'opensOn' || key === 'closesOn') {
        const near =
          key === 'opensOn'
            ? fc.integer({ min: -30, max: 0 }).map(day)
            : fc.integer({ min: 1, max: 60 }).map(day);
        return maybe(fc.oneof({ arbitrary: near, weight: 6 }, { arbitrary: dateArb, weight: 1 }));
      }
    }
    if (url === '/api/assessment/rating-rounds/:id/candidates' && key === 'q')
      return sometimes(
        arbitraryOf(schema, () => undefined),
        3,
      );
    // A draft saves some of the form's answers; a submission mostly all of them (fewer: refused as incomplete).
    if (key === 'answers' && url.startsWith('/api/me/ratings/:id')) {
      const all = fc.constant(undefined).map(fullAnswers);
      const some = fc.constant(undefined).chain(() => fc.subarray(fullAnswers()));
      return fc.oneof(
        { arbitrary: url.endsWith('/submit') ? all : some, weight: 5 },
        { arbitrary: url.endsWith('/submit') ? some : all, weight: 1 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    }
    return undefined;
  };
}

type Pools = Record<string, string[]>;

function mark(pools: Pools, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Cycles a round was seen on: a later view of the cycle does not make it roundless again. */
const withRound = new Set<string>();

function harvestRound(r: RatingRound, pools: Pools, versions: Map<string, number>): void {
  versions.set(r.id, r.version);
  withRound.add(r.cycleId);
  mark(pools, 'roundlessCycle', r.cycleId, false);
  if (!known.leafKeys.length) known.leafKeys = r.ratedLeaves.map((l) => l.key);
  const spare = !kept.has(r.id);
  const raters = r.groups.reduce((n, g) => n + g.raters, 0);
  mark(pools, 'ratingRound', r.id, true);
  mark(pools, 'editableRound', r.id, spare && r.status !== 'closed');
  mark(pools, 'openableRound', r.id, spare && r.status === 'draft' && raters > 0);
  mark(pools, 'closableRound', r.id, spare && r.status === 'open');
  mark(pools, 'liveRound', r.id, r.status === 'open');
  mark(pools, 'raterRound', r.id, r.status !== 'closed');
}

/** Takes rounds, roundless cycles, candidate accounts and the fuzz member's forms from any assessment or rating answer. */
export function harvestRating(value: unknown, pools: Pools, versions: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestRating(v, pools, versions);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  // A cycle's rating (its round or none, and the rated leaves a round could take), a progress (its round).
  if ('ratedLeaves' in o && 'round' in o) {
    const leaves = o.ratedLeaves as { key: string }[];
    if (leaves.length && !known.leafKeys.length) known.leafKeys = leaves.map((l) => l.key);
    if (o.round) harvestRating(o.round, pools, versions);
    return;
  }
  if (o.round && typeof o.round === 'object' && Array.isArray(o.raters)) {
    harvestRating(o.round, pools, versions);
    return;
  }
  if (typeof o.userId === 'string' && 'alreadyIn' in o) {
    mark(pools, 'raterUser', o.userId, true);
    return;
  }
  if (typeof o.id !== 'string') return;
  // A cycle: a round may be set up on it until one is seen.
  if (typeof o.periodKey === 'string' && typeof o.systemId === 'string' && typeof o.version === 'number') {
    mark(pools, 'roundlessCycle', o.id, !withRound.has(o.id));
    return;
  }
  if (typeof o.cycleId === 'string' && Array.isArray(o.groups) && typeof o.version === 'number') {
    harvestRound(o as RatingRound, pools, versions);
    return;
  }
  // An invitation of the fuzz member (its list or its form).
  if (typeof o.toGive === 'number' && typeof o.group === 'string') {
    const open = o.status === 'open';
    mark(pools, 'myRating', o.id, true);
    mark(pools, 'draftableRating', o.id, open && o.submittedAt === null);
    mark(pools, 'openRating', o.id, open);
    if (Array.isArray(o.subjectList) && known.form?.id === o.id) known.form = o as RatingForm;
  }
}

// The world ---------------------------------------------------------------------------------------------------------

export type RatingFuzzWorld = {
  officer: Client;
  /** The account the rater routes (/api/me/…) are fuzzed as. */
  self: Client;
  /** The fuzz organ's unit and a published edition of it (the default tree, with its rated leaves). */
  unitId: string;
  systemId: string;
  harvest: (url: string, value: unknown) => void;
  /** Keeps a record out of the run's `spare…` pools. */
  protect: (id: string) => void;
};

/**
 * Through the API as the fuzz's officer, on four half-year and three month cycles of its own: an open round the fuzz
 * member and the officer rate in (kept: its cycle computed, so a submission rescores), two open rounds to close,
 * three drafts with a rater to open, and a bare draft; the year's cycle and the bulletins' quarters are left to set a round up on.
 */
export async function buildRatingWorld(w: RatingFuzzWorld): Promise<void> {
  const send = async <T>(method: 'get' | 'post', url: string, route: string, body?: unknown): Promise<T> => {
    const res = method === 'get' ? await w.officer.get(url) : await w.officer.post(url, body);
    if (res.statusCode !== 200) throw new Error(`rating world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(route, json);
    return json;
  };
  const plans = [
    { periodKey: `${YEAR}-H1`, status: 'open', raters: [w.self.userId, w.officer.userId], keep: true },
    { periodKey: `${YEAR}-H2`, status: 'open', raters: [w.officer.userId], keep: false },
    { periodKey: `${YEAR - 1}-H1`, status: 'draft', raters: [w.officer.userId], keep: false },
    { periodKey: `${YEAR - 1}-H2`, status: 'draft', raters: [], keep: false },
    // More to open and to close: with one of each, a run of a hundred opened it once and could miss it.
    { periodKey: `${YEAR - 1}-01`, status: 'draft', raters: [w.officer.userId], keep: false },
    { periodKey: `${YEAR - 1}-02`, status: 'draft', raters: [w.officer.userId], keep: false },
    { periodKey: `${YEAR - 1}-03`, status: 'open', raters: [w.officer.userId], keep: false },
  ];
  for (const p of plans) {
    const c = await send<{ id: string }>('post', '/api/assessment/cycles', '/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: w.systemId,
      level: 'branch',
      periodKind: p.periodKey.includes('-H') ? 'half' : 'month',
      periodKey: p.periodKey,
    });
    if (p.keep)
      await send('post', `/api/assessment/cycles/${c.id}/compute`, '/api/assessment/cycles/:id/compute');
    const rating = await send<{ ratedLeaves: { key: string }[] }>(
      'get',
      `/api/assessment/cycles/${c.id}/rating`,
      '/api/assessment/cycles/:id/rating',
    );
    if (!rating.ratedLeaves.length) throw new Error('rating world: the default tree has no rated leaf');
    let round = await send<RatingRound>(
      'post',
      `/api/assessment/cycles/${c.id}/rating`,
      '/api/assessment/cycles/:id/rating',
      {
        leafKeys: rating.ratedLeaves.map((l) => l.key),
        weights: { superior: 50, peer: 30, public: 20 },
        minRaters: 3,
        anonymous: true,
        opensOn: day(-7),
        closesOn: day(30),
      },
    );
    // Kept from here on: its next answer takes it out of the pools of the routes that would edit, open or close it.
    if (p.keep) {
      kept.add(round.id);
      w.protect(round.id);
    }
    // The fuzz member rates as one of the masses, the officer (a role in the organ) as a superior.
    for (const [i, userId] of p.raters.entries()) {
      const progress = await send<{ round: RatingRound }>(
        'post',
        `/api/assessment/rating-rounds/${round.id}/raters`,
        '/api/assessment/rating-rounds/:id/raters',
        { group: i === 0 && p.keep ? 'public' : 'superior', userIds: [userId] },
      );
      round = progress.round;
    }
    if (p.status === 'open')
      round = await send<RatingRound>(
        'post',
        `/api/assessment/rating-rounds/${round.id}/open`,
        '/api/assessment/rating-rounds/:id/open',
        { version: round.version },
      );
    await send(
      'get',
      `/api/assessment/rating-rounds/${round.id}/candidates`,
      '/api/assessment/rating-rounds/:id/candidates',
    );
  }
  // The fuzz member's list and kept form, as the rater routes will find them.
  const mine = await w.self.get('/api/me/ratings');
  w.harvest('/api/me/ratings', mine.json());
  const list = mine.json() as { id: string }[];
  if (list.length !== 1)
    throw new Error(`rating world: the fuzz member has ${list.length} invitations, not 1`);
  const form = await w.self.get(`/api/me/ratings/${list[0]?.id}`);
  known.form = form.json() as RatingForm;
  if (!known.form.subjectList.length) throw new Error('rating world: the fuzz member rates no subject');
  w.harvest('/api/me/ratings/:id', known.form);
}
