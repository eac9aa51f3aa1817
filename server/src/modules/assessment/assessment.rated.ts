// Rated indicators (pure): the ratings of three rater groups — superiors, peers, the public — weighed into one score.
// A group nobody answered for drops out and the others' weights grow to fill its place; a group with fewer raters
// than it needs is too thin to trust as a mean, so it counts as a range — the span of its answers, or, given the answer
// scale, every mean the missing raters could still make — and the whole result becomes a band rather than a number
// that looks more certain than it is.
import { fmt } from './assessment.scoring.ts';

export type RaterGroup = 'superior' | 'peer' | 'public';
export const RATER_GROUP_LABELS: Readonly<Record<RaterGroup, string>> = {
  superior: '上级',
  peer: '同级',
  public: '群众',
};

export type Band = { low: number; high: number };
export type RaterGroupInput = {
  group: RaterGroup;
  weight: number;
  minRaters: number;
  answers: readonly number[];
  /**
   * The lowest and highest answer a rater could give. When given, a thin group counts as the range its mean could
   * take had the raters still missing (minRaters − n) answered anything on it, so a lone rater does not make a
   * band of no width; without it, as the span of the answers given.
   */
  scale?: Band | undefined;
};
export type RatedGroup = {
  group: RaterGroup;
  /** As designed. */
  weight: number;
  /** As applied after dropping the groups without answers (percent); null when dropped. */
  effectiveWeight: number | null;
  n: number;
  mean: number | null;
  /** Thin groups: [min, max] of their answers. */
  band: Band | null;
  thin: boolean;
  note: string | null;
};
export type RatedResult = { score: number | null; band: Band | null; groups: RatedGroup[] };

/**
 * The weighted score of the rater groups. Without a thin group: score = Σ effectiveWeight × mean / 100, band null.
 * With one: score null, band low = Σ w·(thin ? min : mean), high = Σ w·(thin ? max : mean).
 */
export function ratedScore(groups: readonly RaterGroupInput[]): RatedResult {
  const answered = groups.filter((g) => g.answers.length > 0);
  const sumWeight = answered.reduce((s, g) => s + g.weight, 0);

  const out: RatedGroup[] = groups.map((g) => {
    const label = RATER_GROUP_LABELS[g.group];
    const n = g.answers.length;
    if (n === 0)
      return {
        group: g.group,
        weight: g.weight,
        effectiveWeight: null,
        n,
        mean: null,
        band: null,
        thin: false,
        note: `${label}无人评价，不计入，其余评价组权重按比例放大`,
      };
    const mean = g.answers.reduce((s, a) => s + a, 0) / n;
    const thin = n < g.minRaters;
    const effectiveWeight = sumWeight > 0 ? (g.weight / sumWeight) * 100 : null;
    const missing = g.minRaters - n;
    const sum = g.answers.reduce((s, a) => s + a, 0);
    const band = !thin
      ? null
      : g.scale
        ? {
            low: (sum + missing * g.scale.low) / g.minRaters,
            high: (sum + missing * g.scale.high) / g.minRaters,
          }
        : { low: Math.min(...g.answers), high: Math.max(...g.answers) };
    return {
      group: g.group,
      weight: g.weight,
      effectiveWeight,
      n,
      mean,
      band,
      thin,
      note: !thin
        ? null
        : g.scale
          ? `${label}评价人数不足（${n} 人，至少需 ${g.minRaters} 人），按尚缺的 ${missing} 人给出最低至最高分计，均分在 ${fmt(band?.low ?? 0)}–${fmt(band?.high ?? 0)} 分之间`
          : `${label}评价人数不足（${n} 人，至少需 ${g.minRaters} 人），按最低 ${fmt(band?.low ?? 0)} 分至最高 ${fmt(band?.high ?? 0)} 分的区间计入`,
    };
  });

  if (answered.length > 0 && sumWeight <= 0) {
    const noted = out.map((g) => (g.n > 0 ? { ...g, note: '有评价的各组权重均为 0，无法计分' } : g));
    return { score: null, band: null, groups: noted };
  }
  const counted = out.filter((g) => g.effectiveWeight !== null);
  if (counted.length === 0) return { score: null, band: null, groups: out };
  const part = (g: RatedGroup, edge: number) => ((g.effectiveWeight as number) * edge) / 100;
  if (counted.some((g) => g.thin)) {
    const low = counted.reduce((s, g) => s + part(g, g.band ? g.band.low : (g.mean as number)), 0);
    const high = counted.reduce((s, g) => s + part(g, g.band ? g.band.high : (g.mean as number)), 0);
    return { score: null, band: { low, high }, groups: out };
  }
  return { score: counted.reduce((s, g) => s + part(g, g.mean as number), 0), band: null, groups: out };
}
