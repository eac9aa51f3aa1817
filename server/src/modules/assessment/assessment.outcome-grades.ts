// Grades as 年度考核 rules give them (pure): the scale's bars, then a quota on the top grade — at most N% of the ranked
// subjects — that sends the ones past it by rank down to the next grade, saying why; and no grade for a row known
// only as a band (待定, with the reason), since a band's grade is as unsettled as its score.
import { type GradeStep, gradeOf, type RankEntry, type Ranked, rankEntries } from './assessment.ranking.ts';

export type GradeRule = { steps: readonly GradeStep[]; topQuota: number | null };
export type Graded = { grade: { grade: string; label: string } | null; gradeNote: string | null };

/** Scores as people write them: at most two decimals. */
const num = (n: number) => String(Math.round(n * 100) / 100);

/**
 * How many subjects the top grade may take: the quota's share of the ranked subjects, rounded down — "at most N%"
 * is a ceiling, so 4 ranked subjects at 20% (0.8) leave no place, and the officer sees why on every row.
 */
export function quotaPlaces(ranked: number, topQuota: number): number {
  // The epsilon keeps 10 × 30 / 100 from reading 2.9999… and losing a place.
  return Math.floor((ranked * topQuota) / 100 + 1e-9);
}

/**
 * Grades one ranking (the rows rankEntries gave, ranks counted within it). A subject the bars put in the top grade
 * keeps it while its whole tie group fits within the quota's places; otherwise it takes the next grade. Ties at the
 * quota line are never broken silently: a tie group that does not fit whole goes down whole (giving some of it the
 * top grade would pick among equal scores with no rule), and its rows say so and that a calibration with a reason
 * is how the officer separates them.
 */
export function gradeRanking(rows: readonly Ranked[], rule: GradeRule): Map<string, Graded> {
  const steps = [...rule.steps].sort((a, b) => b.atLeast - a.atLeast);
  const [top, next] = steps;
  const quota = rule.topQuota;
  const places = quota === null ? null : quotaPlaces(rows.filter((r) => r.rank !== null).length, quota);
  const out = new Map<string, Graded>();
  for (const r of rows) {
    if (r.band) {
      out.set(r.id, {
        grade: null,
        gradeNote: `待定：评价人数不足，得分在 ${num(r.band.low)}–${num(r.band.high)} 之间，待评价补齐或经校准后确定等次`,
      });
      continue;
    }
    const g = gradeOf(r.score, steps);
    if (!g) {
      out.set(r.id, { grade: null, gradeNote: null });
      continue;
    }
    const overQuota =
      top && next && g === top && quota !== null && places !== null && r.rank !== null
        ? r.rank + r.tiedWith.length > places
        : false;
    if (!overQuota || !top || !next) {
      out.set(r.id, { grade: { grade: g.grade, label: g.label }, gradeNote: null });
      continue;
    }
    const q = `${top.label}比例（${num(quota as number)}%）`;
    const rank = r.rank as number;
    const tie = r.tiedWith.length > 0 && rank <= (places as number);
    out.set(r.id, {
      grade: { grade: next.grade, label: next.label },
      gradeNote: tie
        ? `与其他 ${r.tiedWith.length} 个对象并列第 ${rank} 名，全部评为${top.label}将超出${q}，并列者一并顺延为${next.label}；如需区分，请校准并写明理由`
        : `超出${q}，按排名顺延为${next.label}`,
    });
  }
  return out;
}

export type RankedAndGraded = Ranked & Graded;

/**
 * Ranks entries within each group when a group is given (members within their branch), else all as one; grades them
 * over the whole cycle — 年度考核 caps 优秀 as a share of the organ's people, not of each branch (at 20% a branch of
 * four would otherwise never have one, and the organ's share would go unchecked), so the quota's places go to the
 * cycle's best scores wherever they are. Out come the groups in the order they first appear, each ranked as
 * rankEntries orders it.
 */
export function rankAndGrade(
  entries: readonly (RankEntry & { group?: string | null })[],
  rule: GradeRule,
): RankedAndGraded[] {
  const groups = new Map<string, RankEntry[]>();
  for (const e of entries) {
    const g = e.group ?? '';
    const list = groups.get(g);
    if (list) list.push(e);
    else groups.set(g, [e]);
  }
  const graded = gradeRanking(rankEntries(entries), rule);
  return [...groups.values()].flatMap((group) =>
    rankEntries(group).map((r) => ({ ...r, ...(graded.get(r.id) as Graded) })),
  );
}
