// What other modules may read of single indicators (issue 13, the warning on chosen indicators): an organisation's
// score on chosen indicators of its period's result, and which indicators a work committee may choose. Scores are
// worked out from the kept leaf values with the cycle's own system, exactly as the result page shows them.
import type { IndicatorBody } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import { asLeafValues } from './assessment.cycles.ts';
import { defaultTree } from './assessment.default-system.ts';
import { unpackValues } from './assessment.explain.ts';
import { type ScoredNode, scoreTree } from './assessment.scoring.ts';
import { rootOf } from './assessment.system-check.ts';
import { treeOf } from './assessment.systems.ts';

export type IndicatorScore = {
  key: string;
  name: string;
  /** 0–100 as the result page shows it; null when the indicator had no data (dropped) or is not in the system. */
  score: number | null;
  /** The result page, where the indicator explains itself down to its records. */
  href: string;
};

export type IndicatorChoice = { key: string; name: string; path: string };

function namesOf(tree: readonly IndicatorBody[]): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (bodies: readonly IndicatorBody[]) => {
    for (const b of bodies) {
      out.set(b.key, b.name);
      visit(b.children);
    }
  };
  visit(tree);
  return out;
}

function scoresOf(root: ScoredNode): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const visit = (n: ScoredNode) => {
    out.set(n.id, n.dropped ? null : n.score);
    n.children.forEach(visit);
  };
  root.children.forEach(visit);
  return out;
}

/**
 * Each organisation's scores on `keys` in its result of one period (the cycle computed last, as resultsOfPeriod
 * takes it). Organisations without a result are absent.
 */
export async function indicatorScoresOf(
  ctx: Ctx,
  q: {
    unitId: string;
    orgIds: readonly string[];
    periodKind: string;
    periodKey: string;
    keys: readonly string[];
  },
): Promise<Map<string, IndicatorScore[]>> {
  const out = new Map<string, IndicatorScore[]>();
  if (q.orgIds.length === 0 || q.keys.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('assessmentResult as r')
    .innerJoin('assessmentCycle as c', 'c.id', 'r.cycleId')
    .select(['r.subjectId', 'r.cycleId', 'r.leafValues', 'c.systemId', 'c.computedAt'])
    .where('r.unitId', '=', q.unitId)
    .where('r.subjectId', 'in', [...new Set(q.orgIds)])
    .where('c.periodKind', '=', q.periodKind)
    .where('c.periodKey', '=', q.periodKey)
    .where('c.computedAt', 'is not', null)
    .orderBy('c.computedAt', 'desc')
    .execute();
  const systemIds = [...new Set(rows.map((r) => r.systemId))];
  const systems = new Map(
    systemIds.length === 0
      ? []
      : (
          await ctx.db
            .selectFrom('indicatorSystem')
            .select(['id', 'tree'])
            .where('id', 'in', systemIds)
            .execute()
        ).map((s) => {
          const tree = treeOf(s);
          return [s.id, { root: rootOf(tree), names: namesOf(tree) }] as const;
        }),
  );
  for (const r of rows) {
    if (out.has(r.subjectId)) continue;
    const system = systems.get(r.systemId);
    if (!system) continue;
    const scores = scoresOf(scoreTree(system.root, asLeafValues(unpackValues(r.leafValues))));
    out.set(
      r.subjectId,
      q.keys.map((key) => ({
        key,
        name: system.names.get(key) ?? key,
        score: scores.get(key) ?? null,
        href: `/assessment/cycles/${r.cycleId}/results/${r.subjectId}`,
      })),
    );
  }
  return out;
}

/**
 * The indicators a work committee may name in a rule: every indicator (groups and leaves) of its published
 * organisation systems, and of the default system, each key once with the name it has in the latest of them.
 */
export async function indicatorChoicesOf(ctx: Ctx, ownerUnitId: string): Promise<IndicatorChoice[]> {
  const systems = await ctx.db
    .selectFrom('indicatorSystem')
    .select(['tree'])
    .where('ownerUnitId', '=', ownerUnitId)
    .where('status', '=', 'published')
    .where('subject', '=', 'org')
    .orderBy('publishedAt', 'desc')
    .execute();
  const out = new Map<string, IndicatorChoice>();
  const visit = (bodies: readonly IndicatorBody[], above: string) => {
    for (const b of bodies) {
      if (!out.has(b.key)) out.set(b.key, { key: b.key, name: b.name, path: above });
      visit(b.children, above ? `${above} / ${b.name}` : b.name);
    }
  };
  for (const s of systems) visit(treeOf(s), '');
  visit(defaultTree(), '');
  return [...out.values()];
}
