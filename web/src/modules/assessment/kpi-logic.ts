// Business KPI pages, the pure parts: a value as people read it, the periods a filter offers, and the wizard's
// column choices (what each column of the file is, and the mapping to save from them).
import type { ImportPreview, Kpi } from '#contracts/assessment-kpi';

/** 96.5% · 12 件: at most two decimals. */
export function kpiText(value: number, unit: string): string {
  const n = String(Number(value.toFixed(2)));
  return unit === '%' || unit === '％' ? `${n}%` : `${n} ${unit}`;
}

const QUARTERS = ['一', '二', '三', '四'];

/** The year, its quarters and its months, newest first, for this year and the one before. */
export function valuePeriods(year: number): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const y of [year, year - 1]) {
    out.push({ value: `${y}`, label: `${y}年全年` });
    for (const q of [4, 3, 2, 1]) out.push({ value: `${y}-Q${q}`, label: `${y}年第${QUARTERS[q - 1]}季度` });
    for (let m = 12; m >= 1; m--)
      out.push({ value: `${y}-${String(m).padStart(2, '0')}`, label: `${y}年${m}月` });
  }
  return out;
}

export type FieldOption = { value: string; label: string };

/** What a column may be: the fixed fields, then one per KPI of the catalogue (a "wide" file's own columns). */
export function fieldOptions(kpis: readonly Pick<Kpi, 'code' | 'name' | 'active'>[]): FieldOption[] {
  return [
    { value: 'department', label: '部门' },
    { value: 'period', label: '期间' },
    { value: 'kpiCode', label: '指标代码（每行一项指标）' },
    { value: 'value', label: '数值' },
    ...kpis.filter((k) => k.active).map((k) => ({ value: `kpi:${k.code}`, label: `指标列：${k.name}` })),
  ];
}

/** The mapping as the preview applied it: every column's header with its field (null: not imported). */
export function columnsOf(preview: Pick<ImportPreview, 'columns'>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of preview.columns) out[c.header] = c.field;
  return out;
}

/** A column's field chosen anew, another column holding the same field let go (a field has one column). */
export function chooseField(
  columns: Readonly<Record<string, string | null>>,
  header: string,
  field: string | null,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [h, f] of Object.entries(columns)) out[h] = h === header ? field : f === field ? null : f;
  return out;
}

/** Whether the file can be imported as previewed: a layout found, no mapping problem and no row problem. */
export const canApply = (p: Pick<ImportPreview, 'layout' | 'mappingProblems' | 'issues' | 'values'>) =>
  p.layout !== null && p.mappingProblems.length === 0 && p.issues.length === 0 && p.values > 0;

type DepartmentRef = { id: string; parentId: string | null; code: string; name: string };

/**
 * How a department is named in the KPI pages: its name, and where the organ has several of that name (a 综合科 in every
 * subordinate office) the office it belongs to before it, or its code when even that repeats.
 */
export function departmentLabels(departments: readonly DepartmentRef[]): Map<string, string> {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const count = (labels: Iterable<string>) => {
    const n = new Map<string, number>();
    for (const l of labels) n.set(l, (n.get(l) ?? 0) + 1);
    return n;
  };
  const names = count(departments.map((d) => d.name));
  const first = new Map(
    departments.map((d) => {
      if ((names.get(d.name) ?? 0) < 2) return [d.id, d.name];
      const parent = d.parentId ? byId.get(d.parentId) : undefined;
      return [d.id, parent ? `${parent.name} · ${d.name}` : d.name];
    }),
  );
  const again = count(first.values());
  return new Map(
    [...first].map(([id, label]) => [
      id,
      (again.get(label) ?? 0) < 2 ? label : `${label}（${byId.get(id)?.code ?? ''}）`,
    ]),
  );
}
