// How a business KPI's values become one figure for a subject (pure): inside the period window each department's
// finest periods win where they cover a coarser one whole (three months over their quarter; two months beside a
// quarter leave the quarter standing), so a quarter and its months are never counted twice,
// they roll up by the KPI's rule (sum, mean or the latest), and the departments a subject serves combine by the KPI's
// other rule (sum or mean). The words say what the figure is, for the leaf's explanation.
import type { DeptCombine, KpiSource, PeriodRollup } from '#contracts/assessment-kpi';
import { type PeriodKind, periodWindow } from './assessment.periods.ts';

export type KpiRule = {
  code: string;
  name: string;
  measureUnit: string;
  periodRollup: PeriodRollup;
  deptCombine: DeptCombine;
};

export type RawKpiValue = {
  id: string;
  departmentId: string;
  periodKey: string;
  periodFrom: string;
  periodTo: string;
  value: number;
  source: KpiSource;
  recordedAt: Date;
};

export type RolledUp = {
  /** The figure in the KPI's own unit (96.5 for 96.5%). */
  value: number;
  /** The figure as a leaf scores it: a percentage becomes a ratio (0.965), so ratio and linear rules read it. */
  leafValue: number;
  used: RawKpiValue[];
  /** Coarser values that stood because the finer ones inside them did not cover them whole. */
  partial: PartialCover[];
};

const span = (v: RawKpiValue) => Date.parse(v.periodTo) - Date.parse(v.periodFrom);
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
/** Calendar months a period spans (a month 1, a quarter 3, a half 6, a year 12). */
export const monthsOf = (v: Pick<RawKpiValue, 'periodFrom' | 'periodTo'>) =>
  monthIndex(v.periodTo) - monthIndex(v.periodFrom) + 1;

/** A coarser value taken over finer ones inside it that leave part of it uncovered. */
export type PartialCover = { coarse: RawKpiValue; finer: RawKpiValue[] };

/**
 * Each department's values to count. Finer periods replace a coarser one only where they tile it completely
 * (January, February and March for Q1): two months of a quarter say nothing about the third, so beside them the
 * quarter's own value stands and the months inside it are left out (and named in `partial`).
 */
export function countedValues(values: readonly RawKpiValue[]): {
  counted: RawKpiValue[];
  partial: PartialCover[];
} {
  const byDept = new Map<string, RawKpiValue[]>();
  for (const v of values) byDept.set(v.departmentId, [...(byDept.get(v.departmentId) ?? []), v]);
  const out: RawKpiValue[] = [];
  const partial: PartialCover[] = [];
  for (const own of byDept.values()) {
    let taken: RawKpiValue[] = [];
    for (const v of [...own].sort((a, b) => span(a) - span(b) || a.periodFrom.localeCompare(b.periodFrom))) {
      const overlapping = taken.filter((t) => t.periodFrom <= v.periodTo && v.periodFrom <= t.periodTo);
      if (overlapping.length === 0) taken.push(v);
      else if (overlapping.every((t) => t.periodFrom >= v.periodFrom && t.periodTo <= v.periodTo)) {
        // The taken values inside are disjoint, so they tile v exactly when their months add up to v's.
        if (overlapping.reduce((n, t) => n + monthsOf(t), 0) < monthsOf(v)) {
          taken = [...taken.filter((t) => !overlapping.includes(t)), v];
          partial.push({
            coarse: v,
            finer: overlapping.sort((a, b) => a.periodFrom.localeCompare(b.periodFrom)),
          });
        }
      }
      // A value straddling the edge of one already taken is left out; calendar periods nest, so none does.
    }
    out.push(...taken);
  }
  return {
    counted: out.sort(
      (a, b) => a.departmentId.localeCompare(b.departmentId) || a.periodFrom.localeCompare(b.periodFrom),
    ),
    partial,
  };
}

function rollPeriods(rule: PeriodRollup, own: readonly RawKpiValue[]): number {
  if (rule === 'last')
    return [...own].sort((a, b) => b.periodTo.localeCompare(a.periodTo))[0]?.value ?? Number.NaN;
  if (rule === 'sum') return own.reduce((s, v) => s + v.value, 0);
  // A quarter stands for three months beside a single month: each period weighs as many months as it spans.
  const months = own.reduce((n, v) => n + monthsOf(v), 0);
  return own.reduce((s, v) => s + v.value * monthsOf(v), 0) / months;
}

/** The subject's figure from the values of the departments it serves inside the window; null when there are none. */
export function rollUp(rule: KpiRule, values: readonly RawKpiValue[]): RolledUp | null {
  const { counted: used, partial } = countedValues(values);
  if (used.length === 0) return null;
  const byDept = new Map<string, RawKpiValue[]>();
  for (const v of used) byDept.set(v.departmentId, [...(byDept.get(v.departmentId) ?? []), v]);
  const perDept = [...byDept.values()].map((own) => rollPeriods(rule.periodRollup, own));
  const total = perDept.reduce((s, v) => s + v, 0);
  const value = rule.deptCombine === 'sum' ? total : total / perDept.length;
  return { value, leafValue: isPercent(rule.measureUnit) ? value / 100 : value, used, partial };
}

export const isPercent = (unit: string) => unit.trim() === '%' || unit.trim() === '％';

/** 96.5% · 12 件 · 3.25 天: at most two decimals, no trailing zeros. */
export function formatKpi(value: number, unit: string): string {
  const n = String(Number(value.toFixed(2)));
  return isPercent(unit) ? `${n}%` : `${n} ${unit}`;
}

const SOURCE_WORDS: Record<KpiSource, string> = { import: '导入', push: '推送' };

/** '办件按时办结率 96.5%（政务服务科 2026-Q1，推送）'. */
export function describe(rule: KpiRule, r: RolledUp, departmentName: (id: string) => string): string {
  const depts = [...new Set(r.used.map((v) => v.departmentId))].map(departmentName);
  const keys = [
    ...new Set([...r.used].sort((a, b) => a.periodFrom.localeCompare(b.periodFrom)).map((v) => v.periodKey)),
  ];
  const periods = keys.length === 1 ? keys[0] : `${keys[0]}～${keys[keys.length - 1]}`;
  const sources = [...new Set(r.used.map((v) => SOURCE_WORDS[v.source]))].join('、');
  const shown =
    depts.length > 3 ? `${depts.slice(0, 3).join('、')}等 ${depts.length} 个部门` : depts.join('、');
  const coarse = [...new Set(r.partial.map((p) => p.coarse.periodKey))].sort();
  const note = coarse.length ? `；${coarse.join('、')} 内的分期数值不全，按整期数值计` : '';
  return `${rule.name} ${formatKpi(r.value, rule.measureUnit)}（${shown} ${periods}，${sources}${note}）`;
}

/** A period key's kind and window ('2026-03', '2026-Q1', '2026-H1', '2026'); null for anything else. */
export function periodOfKey(
  key: string,
): { kind: PeriodKind; from: string; to: string; label: string } | null {
  const kind: PeriodKind = /^\d{4}$/.test(key)
    ? 'year'
    : /-Q\d$/.test(key)
      ? 'quarter'
      : /-H\d$/.test(key)
        ? 'half'
        : 'month';
  const w = periodWindow(kind, key);
  return w ? { kind, ...w } : null;
}
