// Ratings by groups as leaf values (issue 12 point 2). Not built yet: every rated leaf answers
// "no data", and drops out of the averages saying so.
import type { Basis, IndicatorBody } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import type { SourceQuery, SourceValues } from './assessment.source-types.ts';

export async function ratedValues(
  _ctx: Ctx,
  _leaves: readonly IndicatorBody[],
  _q: SourceQuery,
): Promise<SourceValues> {
  return new Map();
}

/** The rows behind one subject's value of one leaf, for the drill-down. */
export async function ratedBasis(
  _ctx: Ctx,
  _leaf: IndicatorBody,
  _q: SourceQuery,
  _subjectId: string,
): Promise<Basis[]> {
  return [];
}
