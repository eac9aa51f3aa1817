// Where a leaf's value comes from (issue 12 point 2): computed leaves ask the catalogue of measures; imported leaves
// read the business KPIs imported or pushed for the departments a subject serves; rated leaves read the answers of
// the cycle's raters. Each source answers for every subject at once, so a cycle costs one query per source and leaf,
// never one per subject.
import type { Basis, IndicatorBody } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import type { MeasureValue } from './assessment.catalogue.ts';
import { measureOf } from './assessment.catalogue.ts';
import type { StoredValue } from './assessment.explain.ts';
import { importedBasis, importedValues } from './assessment.kpi-values.ts';
import { ratedBasis, ratedValues } from './assessment.rating-values.ts';
import type { SourceQuery, SourceValues } from './assessment.source-types.ts';

export type { SourceQuery, SourceValues };

async function computedValues(
  ctx: Ctx,
  leaves: readonly IndicatorBody[],
  q: SourceQuery,
): Promise<SourceValues> {
  const byMeasure = new Map<string, Map<string, MeasureValue>>();
  // What the measures of this ask share (the subjects' organisations, a module's rows two of its measures count) is
  // read once: MeasureQuery.shared.
  const asked = { ...q, withBasis: false, shared: new Map<string, Promise<unknown>>() };
  for (const key of new Set(leaves.flatMap((l) => (l.measureKey ? [l.measureKey] : [])))) {
    const m = measureOf(key);
    if (m) byMeasure.set(key, await m.compute(ctx, asked));
  }
  const out: SourceValues = new Map();
  for (const s of q.subjects) {
    const values = new Map<string, StoredValue>();
    for (const l of leaves) {
      const v = l.measureKey ? byMeasure.get(l.measureKey)?.get(s.id) : undefined;
      values.set(l.key, v ? { v: v.value, d: v.detail } : { v: null, d: '度量不可用' });
    }
    out.set(s.id, values);
  }
  return out;
}

const SOURCES: Record<
  Exclude<IndicatorBody['source'], 'group'>,
  (ctx: Ctx, leaves: readonly IndicatorBody[], q: SourceQuery) => Promise<SourceValues>
> = {
  computed: computedValues,
  imported: importedValues,
  rated: ratedValues,
};

const NO_DATA: Record<Exclude<IndicatorBody['source'], 'group'>, string> = {
  computed: '度量不可用',
  imported: '本期尚未导入或推送该业务指标',
  rated: '本期尚无评价结果',
};

/** Every leaf's value for every subject, each source asked once for all of its leaves. */
export async function sourceValues(
  ctx: Ctx,
  leaves: readonly IndicatorBody[],
  q: SourceQuery,
): Promise<Map<string, Record<string, StoredValue>>> {
  const answers = new Map<string, SourceValues>();
  for (const source of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    const own = leaves.filter((l) => l.source === source);
    if (own.length) answers.set(source, await SOURCES[source](ctx, own, q));
  }
  const out = new Map<string, Record<string, StoredValue>>();
  for (const s of q.subjects) {
    const values: Record<string, StoredValue> = {};
    for (const l of leaves) {
      if (l.source === 'group') continue;
      values[l.key] = answers.get(l.source)?.get(s.id)?.get(l.key) ?? { v: null, d: NO_DATA[l.source] };
    }
    out.set(s.id, values);
  }
  return out;
}

/** The records behind one subject's value of one leaf, as its source names them today. */
export async function sourceBasis(
  ctx: Ctx,
  leaf: IndicatorBody,
  q: SourceQuery,
  subjectId: string,
): Promise<Basis[]> {
  if (leaf.source === 'imported') return importedBasis(ctx, leaf, q, subjectId);
  if (leaf.source === 'rated') return ratedBasis(ctx, leaf, q, subjectId);
  const m = leaf.source === 'computed' && leaf.measureKey ? measureOf(leaf.measureKey) : undefined;
  if (!m) return [];
  const subjects = q.subjects.filter((s) => s.id === subjectId);
  return (await m.compute(ctx, { ...q, subjects, withBasis: true })).get(subjectId)?.basis ?? [];
}
