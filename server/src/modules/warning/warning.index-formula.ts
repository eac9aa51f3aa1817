// The fusion index (融合度, issue 13 point 1), pure: each part scored 0–100 from its raw value, the index the
// weighted mean of the parts that have data. A part without data drops out and says so, as in the assessment
// (a branch with no project this quarter is not a branch that failed its projects). docs/fusion-index.md
// explains the default formula to the people who read it.
import type { IndexPart, IndexPartValue } from '#contracts/warning';

/** The default formula: what the sources call the signs of Party work joined to business work. */
export const DEFAULT_FORMULA_NAME = '融合度（默认公式）';
export const DEFAULT_PARTS: readonly IndexPart[] = [
  {
    key: 'linked',
    label: '党建活动与业务挂钩率',
    source: { kind: 'measure', measureKey: 'fusion.records_linked' },
    floor: 0,
    target: 0.5,
    weight: 30,
  },
  {
    key: 'study',
    label: '学用融合',
    source: { kind: 'measure', measureKey: 'branch.study_applied' },
    floor: 0,
    target: 3,
    weight: 20,
  },
  {
    key: 'gap',
    label: '党建与业务得分差距',
    source: { kind: 'gap' },
    floor: 5,
    target: 40,
    weight: 30,
  },
  {
    key: 'projects',
    label: '融合项目成效',
    source: { kind: 'measure', measureKey: 'fusion.kpis_met' },
    floor: 0,
    target: 1,
    weight: 20,
  },
];

const clamp = (n: number) => Math.min(100, Math.max(0, n));
/** One decimal, as the index is shown and compared (a threshold of 70 is met by 70.0, not by 69.96). */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A part's score from its raw value. A measure: 0 at `floor`, 100 at `target`, linear between, clamped (floor above
 * target: lower is better). The gap: 100 up to `floor` points of difference, 0 from `target` points, linear between.
 */
export function partScore(part: IndexPart, raw: number | null): number | null {
  if (raw === null || !Number.isFinite(raw)) return null;
  if (part.source.kind === 'gap') {
    if (part.target <= part.floor) return raw <= part.floor ? 100 : 0;
    return round1(clamp(((part.target - raw) / (part.target - part.floor)) * 100));
  }
  if (part.target === part.floor) return raw >= part.target ? 100 : 0;
  return round1(clamp(((raw - part.floor) / (part.target - part.floor)) * 100));
}

/** The index from scored parts: Σ score × weight / Σ weight over the parts with a score; null when none has. */
export function composeIndex(parts: readonly Pick<IndexPartValue, 'score' | 'weight'>[]): number | null {
  let s = 0;
  let w = 0;
  for (const p of parts) {
    if (p.score === null || p.weight <= 0) continue;
    s += p.score * p.weight;
    w += p.weight;
  }
  return w > 0 ? round1(s / w) : null;
}

/** A part's value with its score and words, ready to keep and to show. */
export function valuePart(
  part: IndexPart,
  raw: number | null,
  detail: string,
  href: string | null,
): IndexPartValue {
  const score = partScore(part, raw);
  return {
    key: part.key,
    label: part.label,
    weight: part.weight,
    raw,
    score,
    detail: score === null ? `${detail}（无数据，不计入融合度）` : detail,
    href,
  };
}
