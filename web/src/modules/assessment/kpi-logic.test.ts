import { describe, expect, it } from 'vitest';
import {
  canApply,
  chooseField,
  columnsOf,
  departmentLabels,
  fieldOptions,
  kpiText,
  valuePeriods,
} from './kpi-logic.ts';

describe('kpi logic', () => {
  it('shows a value in its unit with at most two decimals', () => {
    expect(kpiText(96.5, '%')).toBe('96.5%');
    expect(kpiText(86.66666, '%')).toBe('86.67%');
    expect(kpiText(12, '件')).toBe('12 件');
  });

  it('offers the year, its quarters and its months, newest first', () => {
    const p = valuePeriods(2026);
    // Per year: 1 year + 4 quarters + 12 months = 17; two years = 34.
    expect(p).toHaveLength(34);
    expect(p.slice(0, 3).map((x) => x.value)).toEqual(['2026', '2026-Q4', '2026-Q3']);
    expect(p[5]).toEqual({ value: '2026-12', label: '2026年12月' });
    expect(p[17]?.value).toBe('2025');
  });

  it('offers a column per active KPI beside the fixed fields', () => {
    const opts = fieldOptions([
      { code: 'a', name: '甲', active: true },
      { code: 'b', name: '乙', active: false },
    ]);
    expect(opts.map((o) => o.value)).toEqual(['department', 'period', 'kpiCode', 'value', 'kpi:a']);
  });

  it('gives a field one column: choosing it again lets the other column go', () => {
    const cols = columnsOf({
      columns: [
        { column: 1, header: '科室', field: 'department', source: 'synonym' },
        { column: 2, header: '月份', field: 'period', source: 'synonym' },
        { column: 3, header: '备注', field: null, source: null },
      ],
    });
    expect(chooseField(cols, '备注', 'period')).toEqual({ 科室: 'department', 月份: null, 备注: 'period' });
    expect(chooseField(cols, '科室', null)).toEqual({ 科室: null, 月份: 'period', 备注: null });
  });

  it('applies only a clean preview with values', () => {
    const clean = { layout: 'long' as const, mappingProblems: [], issues: [], values: 3 };
    expect(canApply(clean)).toBe(true);
    expect(canApply({ ...clean, values: 0 })).toBe(false);
    expect(canApply({ ...clean, layout: null })).toBe(false);
    expect(canApply({ ...clean, issues: [{ row: 2, column: '数值', message: '请填写数值' }] })).toBe(false);
  });

  it('names a department by its office where the name repeats, and by its code where even that does', () => {
    const labels = departmentLabels([
      { id: 'a', parentId: null, code: 'BGS', name: '办公室' },
      { id: 'b', parentId: null, code: 'ZS1', name: '驻机场办事处' },
      { id: 'c', parentId: 'b', code: 'ZS1-ZH', name: '综合科' },
      { id: 'd', parentId: null, code: 'ZS2', name: '驻港区办事处' },
      { id: 'e', parentId: 'd', code: 'ZS2-ZH', name: '综合科' },
      { id: 'f', parentId: 'd', code: 'ZS2-ZH2', name: '综合科' },
    ]);
    expect([...labels.values()]).toEqual([
      '办公室',
      '驻机场办事处',
      '驻机场办事处 · 综合科',
      '驻港区办事处',
      '驻港区办事处 · 综合科（ZS2-ZH）',
      '驻港区办事处 · 综合科（ZS2-ZH2）',
    ]);
  });
});
