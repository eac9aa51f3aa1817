// What the index and the rules read of an organ's organisations on a day (issue 13): measures of the assessment's
// catalogue, the assessment's results, overdue duties, the last branch activity — each through its owner's door,
// each one set-based read for all the organisations. Nothing here decides a level.
import type { IndexPart, IndexPartValue } from '#contracts/warning';
import type { Ctx } from '../../core/context.ts';
import {
  type IndicatorScore,
  indicatorScoresOf,
  type MeasureValue,
  measureOf,
  type PeriodResult,
  periodWindow,
  previousPeriod,
  resultsOfPeriod,
} from '../assessment/index.ts';
import { lastHeldOn } from '../branch/index.ts';
import { type Overdue, overdueOf } from '../responsibility/index.ts';
import { daysBetween, fmt } from './warning.format.ts';
import { composeIndex, valuePart } from './warning.index-formula.ts';
import type { Lever } from './warning.levers.ts';

export type Subject = { id: string; name: string; path: string; kind: string; isRoot: boolean };

export type SubjectFacts = {
  subject: Subject;
  index: number | null;
  parts: IndexPartValue[];
  levers: Map<string, Lever>;
  result: PeriodResult | null;
  /** The scores on the indicators a rule names (null: no rule names any, or no result this quarter). */
  indicators: IndicatorScore[] | null;
  missed: { title: string; date: string; href: string }[] | null;
  overdue: Overdue;
  lastHeldOn: string | null;
  silentDays: number | null;
  /** The index of the three quarters before, oldest first (kept values). */
  before: { periodKey: string; value: number | null }[];
};

const MISSED = 'responsibility.obligations_missed';
/** The fusion module's linked records: the basis of a record not yet linked says so in its state. */
const LINKED = 'fusion.records_linked';
const NOT_LINKED = '未关联项目';
/** A branch with no record at all counts as silent for a year. */
const NEVER = 365;

async function ask(
  ctx: Ctx,
  key: string,
  unitId: string,
  subjects: readonly Subject[],
  window: { from: string; to: string },
  shared: Map<string, Promise<unknown>>,
): Promise<Map<string, MeasureValue>> {
  const m = measureOf(key);
  if (!m || subjects.length === 0) return new Map();
  return m.compute(ctx, {
    unitId,
    subjects: subjects.map((s) => ({ id: s.id, path: s.path })),
    subtree: true,
    from: window.from,
    to: window.to,
    withBasis: key === LINKED || key === MISSED,
    shared,
  });
}

function leverOf(part: IndexPart, mv: MeasureValue | undefined): Lever | null {
  if (!mv || part.source.kind !== 'measure') return null;
  if (part.source.measureKey === LINKED)
    return {
      kind: 'share',
      counted: mv.basis.filter((b) => b.state !== NOT_LINKED).length,
      of: mv.basis.length,
      candidates: mv.basis
        .filter((b) => b.state === NOT_LINKED)
        .map((b) => ({ text: `「${b.title}」（${b.date ?? ''}）`, href: b.href })),
      verb: '把以下支部工作记录关联到融合项目',
    };
  const measure = measureOf(part.source.measureKey);
  if (measure?.unit === 'count' && part.target > part.floor && mv.value !== null)
    return {
      kind: 'count',
      counted: mv.value,
      unit: `召开 {n} 次${measure.label.replace(/次数$/, '')}`,
      href: '/branch/records',
    };
  return null;
}

/**
 * The facts of an organ's organisations for a quarter, read on `today`. The root is counted with its whole subtree
 * (the organ as a whole); a branch with its cells.
 */
export async function gatherFacts(
  ctx: Ctx,
  q: {
    unitId: string;
    subjects: readonly Subject[];
    periodKey: string;
    today: string;
    parts: readonly IndexPart[];
    /** The indicators the indicator_below rule names (none: its scores are not read). */
    indicators?: readonly string[];
  },
): Promise<SubjectFacts[]> {
  const w = periodWindow('quarter', q.periodKey);
  if (!w) throw new RangeError(`不是有效的季度：${q.periodKey}`);
  // Dates as text: the earlier of the quarter's end and today.
  const window = { from: w.from, to: [w.to, q.today].sort()[0] as string };
  const roots = q.subjects.filter((s) => s.isRoot);
  const branches = q.subjects.filter((s) => !s.isRoot);
  const keys = new Set(q.parts.flatMap((p) => (p.source.kind === 'measure' ? [p.source.measureKey] : [])));
  // Subjects of one ask must not nest (the root holds the branches): the root is asked apart.
  const values = new Map<string, Map<string, MeasureValue>>();
  for (const group of [roots, branches]) {
    const shared = new Map<string, Promise<unknown>>();
    const wanted = group === branches ? [...keys, MISSED] : [...keys];
    for (const key of wanted) {
      const got = await ask(ctx, key, q.unitId, group, window, shared);
      const known = values.get(key) ?? new Map<string, MeasureValue>();
      for (const [id, v] of got) known.set(id, v);
      values.set(key, known);
    }
  }
  const ids = q.subjects.map((s) => s.id);
  const results = await resultsOfPeriod(ctx, {
    unitId: q.unitId,
    orgIds: ids,
    periodKind: 'quarter',
    periodKey: q.periodKey,
  });
  const scores = await indicatorScoresOf(ctx, {
    unitId: q.unitId,
    orgIds: ids,
    periodKind: 'quarter',
    periodKey: q.periodKey,
    keys: q.indicators ?? [],
  });
  const overdue = await overdueOf(ctx, { unitId: q.unitId, orgIds: ids, today: q.today });
  const held = await lastHeldOn(ctx, { unitId: q.unitId, orgIds: branches.map((b) => b.id), today: q.today });
  const before = await keptBefore(ctx, q.unitId, ids, q.periodKey);

  return q.subjects.map((s) => {
    const result = results.get(s.id) ?? null;
    const levers = new Map<string, Lever>();
    const parts = q.parts.map((p) => {
      if (p.source.kind === 'gap') {
        const gap =
          result && result.party !== null && result.business !== null
            ? Math.abs(result.party - result.business)
            : null;
        return valuePart(
          p,
          gap,
          gap === null
            ? '本季度没有同时含党建和业务得分的考核结果'
            : `党建得分 ${fmt(result?.party as number)}，业务得分 ${fmt(result?.business as number)}，相差 ${fmt(gap)} 分`,
          result?.href ?? null,
        );
      }
      const mv = values.get(p.source.measureKey)?.get(s.id);
      const lever = leverOf(p, mv);
      if (lever) levers.set(p.key, lever);
      return valuePart(p, mv?.value ?? null, mv?.detail ?? '没有数据', null);
    });
    const missedValue = s.isRoot ? undefined : values.get(MISSED)?.get(s.id);
    const last = held.get(s.id) ?? null;
    return {
      subject: s,
      index: composeIndex(parts),
      parts,
      levers,
      result,
      indicators: scores.get(s.id) ?? null,
      missed:
        missedValue === undefined
          ? null
          : missedValue.basis
              .filter((b) => b.counted)
              .map((b) => ({ title: b.title, date: b.date ?? '', href: b.href ?? '/duties' })),
      overdue: overdue.get(s.id) ?? { duties: [], rectifications: [] },
      lastHeldOn: last,
      silentDays: s.isRoot ? null : last ? daysBetween(last, q.today) : NEVER,
      before: before.get(s.id) ?? [],
    };
  });
}

/** The index kept for the three quarters before `periodKey`, oldest first, for each organisation. */
async function keptBefore(
  ctx: Ctx,
  unitId: string,
  orgIds: readonly string[],
  periodKey: string,
): Promise<Map<string, { periodKey: string; value: number | null }[]>> {
  const keys: string[] = [];
  let k = periodKey;
  for (let i = 0; i < 3; i++) {
    k = previousPeriod('quarter', k);
    keys.unshift(k);
  }
  const out = new Map<string, { periodKey: string; value: number | null }[]>();
  if (orgIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('fusionIndexValue')
    .select(['partyOrgId', 'periodKey', 'value'])
    .where('unitId', '=', unitId)
    .where('periodKey', 'in', keys)
    .where('partyOrgId', 'in', [...orgIds])
    .execute();
  const byOrg = new Map<string, Map<string, number | null>>();
  for (const r of rows) {
    const m = byOrg.get(r.partyOrgId) ?? new Map();
    m.set(r.periodKey, r.value === null ? null : Number(r.value));
    byOrg.set(r.partyOrgId, m);
  }
  for (const id of orgIds) {
    const m = byOrg.get(id);
    // A quarter with no kept value is a gap (null), so a run of falls never spans it.
    out.set(
      id,
      keys.map((key) => ({ periodKey: key, value: m?.get(key) ?? null })),
    );
  }
  return out;
}
