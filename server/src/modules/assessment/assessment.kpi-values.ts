// Imported and pushed business KPIs as leaf values (issue 12 point 2). A branch's figure is the KPI of the
// departments it serves (支部建在科上, the org module's link); an organ's (a work committee's cycle, `subtree`) that of
// all its departments. One query for the catalogue, one for the values of every leaf's code inside the window, and
// one for the links, whatever the number of subjects.

import type { Basis, IndicatorBody } from '#contracts/assessment';
import type { KpiSource } from '#contracts/assessment-kpi';
import type { Ctx } from '../../core/context.ts';
import { departmentsServed, organDepartments } from '../org/index.ts';
import type { StoredValue } from './assessment.explain.ts';
import {
  describe,
  formatKpi,
  type KpiRule,
  periodOfKey,
  type RawKpiValue,
  rollUp,
} from './assessment.kpi-rollup.ts';
import { memberDepartments } from './assessment.member-subjects.ts';
import type { SourceQuery, SourceValues } from './assessment.source-types.ts';

export const KPI_PAGE = '/assessment/kpi';

type Loaded = {
  rules: Map<string, KpiRule>;
  /** code → department → its values: a subject's own are those of its departments, taken without a scan. */
  values: Map<string, Map<string, RawKpiValue[]>>;
  deptNames: Map<string, string>;
  /** subject id → the departments whose figures are its own */
  deptsOf: Map<string, Set<string>>;
  /** The subjects are members, each with the department they work in. */
  members: boolean;
};

async function load(ctx: Ctx, codes: readonly string[], q: SourceQuery): Promise<Loaded> {
  const unique = [...new Set(codes)];
  const [ruleRows, valueRows, depts] = await Promise.all([
    ctx.db
      .selectFrom('businessKpi')
      .select(['code', 'name', 'measureUnit', 'periodRollup', 'deptCombine'])
      .where('unitId', '=', q.unitId)
      .where('code', 'in', unique)
      .execute(),
    ctx.db
      .selectFrom('businessKpiValue')
      .select([
        'id',
        'kpiCode',
        'departmentId',
        'periodKey',
        'periodFrom',
        'periodTo',
        'value',
        'source',
        'recordedAt',
      ])
      .where('unitId', '=', q.unitId)
      .where('kpiCode', 'in', unique)
      .where('periodFrom', '>=', q.from)
      .where('periodTo', '<=', q.to)
      .execute(),
    organDepartments(ctx.db, q.unitId),
  ]);
  const rules = new Map(
    ruleRows.map((r) => [
      r.code,
      { ...r, periodRollup: r.periodRollup, deptCombine: r.deptCombine } as KpiRule,
    ]),
  );
  // Appended in place and grouped by department once: about 21,000 values an organ, asked for by every subject.
  const values = new Map<string, Map<string, RawKpiValue[]>>();
  for (const { kpiCode, ...v } of valueRows) {
    let byDept = values.get(kpiCode);
    if (!byDept) {
      byDept = new Map();
      values.set(kpiCode, byDept);
    }
    const list = byDept.get(v.departmentId);
    const value = { ...v, source: v.source as KpiSource };
    if (list) list.push(value);
    else byDept.set(v.departmentId, [value]);
  }
  const deptNames = new Map(depts.map((d) => [d.id, d.name]));
  const deptsOf = new Map<string, Set<string>>();
  if (q.subtree) {
    const all = new Set(depts.map((d) => d.id));
    for (const s of q.subjects) deptsOf.set(s.id, all);
  } else if (q.members) {
    // A member's business figure is their own department's.
    for (const [id, dept] of await memberDepartments(
      ctx,
      q.unitId,
      q.subjects.map((s) => s.id),
    ))
      deptsOf.set(id, new Set(dept ? [dept] : []));
  } else {
    const served = await departmentsServed(
      ctx.db,
      q.unitId,
      q.subjects.map((s) => s.id),
    );
    for (const s of q.subjects) deptsOf.set(s.id, new Set(served.get(s.id) ?? []));
  }
  return { rules, values, deptNames, deptsOf, members: !!q.members };
}

/** The values of `code` reported by the departments `depts`, in the order they were read. */
function ownValues(l: Loaded, code: string, depts: ReadonlySet<string>): RawKpiValue[] {
  const byDept = l.values.get(code);
  if (!byDept) return [];
  const out: RawKpiValue[] = [];
  for (const [dept, list] of byDept) if (depts.has(dept)) out.push(...list);
  return out;
}

function leafValueOf(l: Loaded, code: string, subjectId: string): StoredValue | null {
  const rule = l.rules.get(code);
  if (!rule) return { v: null, d: `业务指标目录中没有代码“${code}”，请先在“业务指标”中登记` };
  const depts = l.deptsOf.get(subjectId) ?? new Set();
  if (depts.size === 0)
    return {
      v: null,
      d: l.members
        ? '未登记所在科室，取不到业务指标：请在党员信息中填写其所在科室'
        : '未关联业务部门，取不到业务指标：请在组织架构中关联其服务的科室',
    };
  const rolled = rollUp(rule, ownValues(l, code, depts));
  if (!rolled) return null;
  return { v: rolled.leafValue, d: describe(rule, rolled, (id) => l.deptNames.get(id) ?? '已撤销的部门') };
}

export async function importedValues(
  ctx: Ctx,
  leaves: readonly IndicatorBody[],
  q: SourceQuery,
): Promise<SourceValues> {
  const coded = leaves.filter((l) => l.kpiCode);
  if (coded.length === 0 || q.subjects.length === 0) return new Map();
  const l = await load(
    ctx,
    coded.map((x) => x.kpiCode as string),
    q,
  );
  const out: SourceValues = new Map();
  for (const s of q.subjects) {
    const values = new Map<string, StoredValue>();
    for (const leaf of coded) {
      // No value: the dispatcher's '本期尚未导入或推送该业务指标', and the leaf drops out of the average.
      const v = leafValueOf(l, leaf.kpiCode as string, s.id);
      if (v) values.set(leaf.key, v);
    }
    out.set(s.id, values);
  }
  return out;
}

const stamp = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);

/** The rows behind one subject's value of one leaf, for the drill-down: each value in the window, counted or not. */
export async function importedBasis(
  ctx: Ctx,
  leaf: IndicatorBody,
  q: SourceQuery,
  subjectId: string,
): Promise<Basis[]> {
  if (!leaf.kpiCode) return [];
  const subjects = q.subjects.filter((s) => s.id === subjectId);
  if (subjects.length === 0) return [];
  const l = await load(ctx, [leaf.kpiCode], { ...q, subjects });
  const rule = l.rules.get(leaf.kpiCode);
  const depts = l.deptsOf.get(subjectId) ?? new Set();
  const own = ownValues(l, leaf.kpiCode, depts);
  if (!rule || own.length === 0) return [];
  const rolled = rollUp(rule, own);
  const counted = new Set(rolled?.used.map((v) => v.id));
  // A finer value is left out either because finer ones still cover its period whole or because a coarser one stands.
  const under = new Map(rolled?.partial.flatMap((p) => p.finer.map((f) => [f.id, p.coarse] as const)));
  const why = (v: RawKpiValue) => {
    const coarse = under.get(v.id);
    return coarse
      ? `（${periodOfKey(coarse.periodKey)?.label ?? coarse.periodKey}的分期数值不全，按整期计）`
      : '（已按更细的期间计）';
  };
  return [...own]
    .sort(
      (a, b) =>
        (l.deptNames.get(a.departmentId) ?? '').localeCompare(l.deptNames.get(b.departmentId) ?? '') ||
        a.periodTo.localeCompare(b.periodTo) ||
        b.periodFrom.localeCompare(a.periodFrom),
    )
    .map((v) => ({
      kind: 'business_kpi',
      kindLabel: '业务指标',
      id: v.id,
      title: `${rule.name}：${l.deptNames.get(v.departmentId) ?? '已撤销的部门'} ${periodOfKey(v.periodKey)?.label ?? v.periodKey} ${formatKpi(v.value, rule.measureUnit)}${counted.has(v.id) ? '' : why(v)}`,
      date: v.periodTo,
      state: `${v.source === 'push' ? '推送' : '导入'}于 ${stamp(v.recordedAt)}`,
      counted: counted.has(v.id),
      href: `${KPI_PAGE}?period=${encodeURIComponent(v.periodKey)}&kpiCode=${encodeURIComponent(rule.code)}`,
    }));
}
