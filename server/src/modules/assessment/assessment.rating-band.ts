// A result row's band (issue 12 point 2): when a rated leaf rests on a thin rater group, the subject's total is shown
// as the range it may lie in, not as a precise score. The leaf's own band comes from the rated engine
// (assessment.rated.ts: the thin group's mean as it could be had the raters still missing answered 0 or 100, see
// assessment.rating-values.ts); the total's band is the tree scored twice, once with every thin leaf at the low edge
// of its band and once at the high edge. Rated leaves are scored by rules that never fall as the value rises
// ('direct'), so the two totals are the edges; the pair is ordered anyway, in case a designer gave a rated leaf a
// falling rule.
import type { StoredValues } from './assessment.explain.ts';
import { type IndicatorNode, type LeafValue, scoreTree } from './assessment.scoring.ts';

export function totalBand(
  root: IndicatorNode,
  stored: StoredValues,
): { bandLow: number | null; bandHigh: number | null } {
  const none = { bandLow: null, bandHigh: null };
  if (!Object.values(stored).some((x) => x.band)) return none;
  const at = (edge: 'low' | 'high') =>
    scoreTree(
      root,
      new Map<string, LeafValue>(
        Object.entries(stored).map(([k, x]) => [k, { value: x.band ? x.band[edge] : x.v }]),
      ),
    ).score;
  const low = at('low');
  const high = at('high');
  if (low === null || high === null) return none;
  return { bandLow: Math.min(low, high), bandHigh: Math.max(low, high) };
}
