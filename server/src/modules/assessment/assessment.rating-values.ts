// Ratings by groups as leaf values (issue 12 point 2). A rated leaf's value for a subject is the group-weighted mean
// of the answers submitted by the round's raters (assessment.rated.ts): a group without answers drops out and its
// weight is spread over the others; a group with fewer raters than the round's minimum is thin, and the value keeps
// its precise figure but carries a band, which makes the subject's result row a band (assessment.rating-band.ts).
// In an anonymous round the answers count only once it closes, and then a thin group shows nothing of its answers
// (anonymousValue).
// Drafts never count: only the answers of raters who submitted. One query per cycle for all subjects and leaves.
import type { Basis, IndicatorBody } from '#contracts/assessment';
import { type Ctx, todayOf } from '../../core/context.ts';
import type { StoredValue } from './assessment.explain.ts';
import { RATER_GROUP_LABELS, type RaterGroup, ratedScore } from './assessment.rated.ts';
import { fmt } from './assessment.scoring.ts';
import type { SourceQuery, SourceValues } from './assessment.source-types.ts';

/**
 * Any answer lies on 0..100 (a choice is 50..100). A thin group counts as the range its mean could take had the
 * raters still missing answered anything on it — the band narrows as raters answer, and a lone rater does not pass
 * for a certain mean (assessment.rated.ts).
 */
const ANSWER_SCALE = { low: 0, high: 100 };

export const GROUP_ORDER: readonly RaterGroup[] = ['superior', 'peer', 'public'];

export type RoundRow = {
  unitId: string;
  id: string;
  leafKeys: string[];
  weights: Record<RaterGroup, number>;
  minRaters: number;
  anonymous: boolean;
  status: string;
  /** Closed by the organiser, or past its last day (raters can no longer answer). */
  closed: boolean;
};

/** The round of a cycle that has been opened (a round still in draft has no answers to count). */
export async function openedRoundOf(ctx: Ctx, cycleId: string): Promise<RoundRow | null> {
  const r = await ctx.db
    .selectFrom('assessmentRatingRound as r')
    .innerJoin('assessmentCycle as c', (j) =>
      j.onRef('c.id', '=', 'r.cycleId').onRef('c.ownerUnitId', '=', 'r.unitId'),
    )
    .selectAll('r')
    .where('c.id', '=', cycleId)
    .where('r.status', '<>', 'draft')
    .executeTakeFirst();
  if (!r) return null;
  return {
    unitId: r.unitId,
    id: r.id,
    leafKeys: r.leafKeys as string[],
    weights: { superior: r.weightSuperior, peer: r.weightPeer, public: r.weightPublic },
    minRaters: r.minRaters,
    anonymous: r.anonymous,
    status: r.status,
    closed: r.status === 'closed' || todayOf(ctx) > r.closesOn,
  };
}

export type AnswerRow = { subjectId: string; leafKey: string; group: string; score: number; name: string };

async function submittedAnswers(
  ctx: Ctx,
  round: RoundRow,
  subjectIds: readonly string[],
  leafKeys: readonly string[],
): Promise<AnswerRow[]> {
  if (subjectIds.length === 0 || leafKeys.length === 0) return [];
  return ctx.db
    .selectFrom('assessmentRatingAnswer as a')
    .innerJoin('assessmentRater as p', (j) =>
      j.onRef('p.unitId', '=', 'a.unitId').onRef('p.id', '=', 'a.raterId'),
    )
    .select(['a.subjectId', 'a.leafKey', 'p.raterGroup as group', 'a.score', 'p.displayName as name'])
    .where('a.unitId', '=', round.unitId)
    .where('p.roundId', '=', round.id)
    .where('p.submittedAt', 'is not', null)
    .where('a.subjectId', 'in', [...subjectIds])
    .where('a.leafKey', 'in', [...leafKeys])
    .orderBy('p.displayName')
    .execute();
}

/**
 * Said of an anonymous round still open. Were its answers counted as they came, a rated subject's reader watching the
 * value after each submission could read off each newcomer's score; they count when the round closes, all at once.
 */
export const ANONYMOUS_OPEN = '匿名评价进行中，截止后一并计入';

/** One subject's leaf from its answers: the precise value, a band when a group is thin, and the sum in words. */
export function ratedValue(round: RoundRow, answers: readonly AnswerRow[]): StoredValue {
  if (round.anonymous && !round.closed) return { v: null, d: ANONYMOUS_OPEN };
  if (round.anonymous) return anonymousValue(round, answers);
  const result = ratedScore(
    GROUP_ORDER.map((group) => ({
      group,
      weight: round.weights[group],
      minRaters: round.minRaters,
      answers: answers.filter((a) => a.group === group).map((a) => a.score),
      scale: ANSWER_SCALE,
    })),
  );
  const counted = result.groups.filter((g) => g.effectiveWeight !== null && g.mean !== null);
  if (counted.length === 0) return { v: null, d: '本期尚无评价结果' };
  const parts = result.groups.map((g) =>
    g.effectiveWeight !== null && g.mean !== null
      ? `${RATER_GROUP_LABELS[g.group]} ${g.n} 人，平均 ${fmt(g.mean)} 分，权重 ${fmt(g.effectiveWeight)}%${g.note ? `（${g.note}）` : ''}`
      : (g.note ?? `${RATER_GROUP_LABELS[g.group]}无人评价`),
  );
  if (result.score === null && result.band === null) return { v: null, d: parts.join('；') };
  // The precise figure is kept even when a group is thin: the band says how far to trust it.
  const v = counted.reduce((s, g) => s + ((g.effectiveWeight as number) * (g.mean as number)) / 100, 0);
  const d = `按评价组加权：${parts.join('；')}`;
  return result.band
    ? {
        v,
        d: `${d}。评价人数不足，得分为区间 ${fmt(result.band.low)}–${fmt(result.band.high)}`,
        band: result.band,
      }
    : { v, d };
}

/** Said of a thin group in an anonymous round, in place of its count and mean. */
export const THIN_HIDDEN = (min: number) => `已有评价，人数不足 ${min} 人，暂以区间显示`;

/**
 * Anonymous rounds: a thin group's mean is one or two raters' own scores, so nothing derived from it may be shown.
 * It drops out of the precise value as a group without answers does (its weight spread over the groups that are
 * not thin), and the band takes its mean as anything on 0..100 — edges that do not move with what it answered.
 */
function anonymousValue(round: RoundRow, answers: readonly AnswerRow[]): StoredValue {
  const groups = GROUP_ORDER.map((group) => {
    const own = answers.filter((a) => a.group === group).map((a) => a.score);
    const n = own.length;
    const thin = n > 0 && n < round.minRaters;
    return {
      group,
      weight: round.weights[group],
      n,
      thin,
      mean: n > 0 ? own.reduce((s, a) => s + a, 0) / n : 0,
    };
  });
  const answered = groups.filter((g) => g.n > 0);
  if (answered.length === 0) return { v: null, d: '本期尚无评价结果' };
  const full = answered.filter((g) => !g.thin);
  const fullWeight = full.reduce((s, g) => s + g.weight, 0);
  const allWeight = answered.reduce((s, g) => s + g.weight, 0);
  const parts = groups.map((g) => {
    const label = RATER_GROUP_LABELS[g.group];
    if (g.n === 0) return `${label}无人评价，不计入`;
    if (g.thin) return `${label}${THIN_HIDDEN(round.minRaters)}`;
    const share = fullWeight > 0 ? (g.weight / fullWeight) * 100 : 0;
    return `${label} ${g.n} 人，平均 ${fmt(g.mean)} 分，权重 ${fmt(share)}%`;
  });
  const d = `按评价组加权（匿名）：${parts.join('；')}`;
  if (allWeight <= 0) return { v: null, d: `${d}。有评价的各组权重均为 0，无法计分` };
  const v = fullWeight > 0 ? full.reduce((s, g) => s + (g.weight / fullWeight) * g.mean, 0) : null;
  if (!answered.some((g) => g.thin)) return { v, d };
  // The band weighs every answered group as designed, a thin one at 0 and at 100.
  const edge = (thinAt: number) =>
    answered.reduce((s, g) => s + (g.weight / allWeight) * (g.thin ? thinAt : g.mean), 0);
  const band = { low: edge(0), high: edge(100) };
  return { v, d: `${d}。评价人数不足，得分为区间 ${fmt(band.low)}–${fmt(band.high)}`, band };
}

export async function ratedValues(
  ctx: Ctx,
  leaves: readonly IndicatorBody[],
  q: SourceQuery,
): Promise<SourceValues> {
  const round = await openedRoundOf(ctx, q.cycleId);
  if (!round) return new Map();
  const keys = leaves.map((l) => l.key).filter((k) => round.leafKeys.includes(k));
  const answers = await submittedAnswers(
    ctx,
    round,
    q.subjects.map((s) => s.id),
    keys,
  );
  const out: SourceValues = new Map();
  for (const s of q.subjects) {
    const values = new Map<string, StoredValue>();
    for (const key of keys)
      values.set(
        key,
        ratedValue(
          round,
          answers.filter((a) => a.subjectId === s.id && a.leafKey === key),
        ),
      );
    out.set(s.id, values);
  }
  return out;
}

/**
 * The rows behind one subject's value of one leaf. Anonymous: one row per group, its count and mean, never a name
 * (a thin group: neither).
 * Named: one row per rater and answer.
 */
export async function ratedBasis(
  ctx: Ctx,
  leaf: IndicatorBody,
  q: SourceQuery,
  subjectId: string,
): Promise<Basis[]> {
  const round = await openedRoundOf(ctx, q.cycleId);
  if (!round?.leafKeys.includes(leaf.key)) return [];
  const answers = await submittedAnswers(ctx, round, [subjectId], [leaf.key]);
  if (!round.anonymous)
    return answers.map((a) => ({
      kind: 'rating',
      kindLabel: '评价',
      id: null,
      title: `${a.name}（${RATER_GROUP_LABELS[a.group as RaterGroup]}）`,
      date: null,
      state: `${fmt(a.score)} 分`,
      counted: true,
      href: null,
    }));
  if (!round.closed)
    return GROUP_ORDER.map((group) => ({
      kind: 'rating_group',
      kindLabel: '评价组',
      id: null,
      title: `${RATER_GROUP_LABELS[group]}（匿名）`,
      date: null,
      state: ANONYMOUS_OPEN,
      counted: false,
      href: null,
    }));
  return GROUP_ORDER.map((group) => {
    const own = answers.filter((a) => a.group === group);
    const n = own.length;
    const thin = n > 0 && n < round.minRaters;
    return {
      kind: 'rating_group',
      kindLabel: '评价组',
      id: null,
      title: `${RATER_GROUP_LABELS[group]}（匿名）`,
      date: null,
      // A thin group's count and mean would be its raters' own scores: neither is shown.
      state:
        n === 0
          ? '无人评价，不计入'
          : thin
            ? THIN_HIDDEN(round.minRaters)
            : `${n} 人评价，平均 ${fmt(own.reduce((s, a) => s + a.score, 0) / n)} 分`,
      counted: n > 0 && !thin,
      href: null,
    };
  });
}
