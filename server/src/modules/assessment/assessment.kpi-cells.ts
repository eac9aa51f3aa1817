// Cells of a KPI import (pure): periods as people write them (2026-03, 2026年3月, 2026Q1, 2026年第一季度, 2026年上半年,
// 2026年度, an Excel date) to the keys of PeriodKeySchema, and values as numbers (96.5, "96.5%", "1,234").
// Also the template offered for download.
import type { CellResult } from '../../core/spreadsheet/cells.ts';
import { normalizeText } from '../../core/spreadsheet/cells.ts';
import { writeTemplate } from '../../core/spreadsheet/write.ts';
import { periodOfKey } from './assessment.kpi-rollup.ts';

const PERIOD_HINT = '期间格式如 2026-03、2026-Q1、2026-H1 或 2026';
const CN_DIGIT: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };
const pad = (n: string) => n.padStart(2, '0');

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(\d{4})(?:年度?)?$/, (m) => `${m[1]}`],
  [/^(\d{4})[-/.年]?(\d{1,2})月?$/, (m) => `${m[1]}-${pad(m[2] ?? '')}`],
  [/^(\d{4})[-年]?第?[Qq]([1-4])(?:季度)?$/, (m) => `${m[1]}-Q${m[2]}`],
  [/^(\d{4})[-年]?第?([1-4一二三四])季度$/, (m) => `${m[1]}-Q${CN_DIGIT[m[2] ?? ''] ?? m[2]}`],
  [/^(\d{4})-?[Hh]([12])$/, (m) => `${m[1]}-H${m[2]}`],
  [/^(\d{4})年?(上|下)半年$/, (m) => `${m[1]}-H${m[2] === '上' ? 1 : 2}`],
];

function periodKeyOfText(text: string): string | null {
  for (const [re, key] of PATTERNS) {
    const m = re.exec(text);
    if (m) return key(m);
  }
  return null;
}

export function normalisePeriod(value: unknown): CellResult<string> {
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return {
      ok: true,
      value: `${value.getUTCFullYear()}-${pad(String(value.getUTCMonth() + 1))}`,
    };
  const text = (normalizeText(value) ?? '').replace(/\s+/g, '');
  if (!text) return { ok: false, reason: `请填写期间（${PERIOD_HINT}）` };
  const key = periodKeyOfText(text);
  if (!key || !periodOfKey(key)) return { ok: false, reason: `“${text}”不是有效的期间：${PERIOD_HINT}` };
  return { ok: true, value: key };
}

/**
 * `percentFormatted`: the cell is a number shown with a percent format, which Excel stores as a fraction (96.5% as
 * 0.965); the catalogue keeps percentages as 96.5.
 */
export function parseKpiNumber(value: unknown, percentFormatted = false): CellResult<number> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: '请填写数字' };
    // toPrecision(15) drops the binary noise of the product (0.965 × 100 is 96.49999999999999).
    return { ok: true, value: percentFormatted ? Number((value * 100).toPrecision(15)) : value };
  }
  const text = (normalizeText(value) ?? '').replace(/[\s,，]/g, '').replace(/[%％]$/, '');
  if (!text) return { ok: false, reason: '请填写数值' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return { ok: false, reason: `“${text}”不是数字，请只填写数值` };
  return { ok: true, value: Number(text) };
}

/** The long layout, one value a row; the wizard also reads other layouts (one column per KPI). */
export function kpiTemplate(): Promise<Buffer> {
  return writeTemplate([
    {
      name: '业务指标',
      columns: [
        {
          key: 'department',
          header: '部门',
          required: true,
          width: 18,
          example: '政务服务科',
          note: '部门名称或编码',
        },
        {
          key: 'kpiCode',
          header: '指标代码',
          required: true,
          width: 18,
          example: 'ontime_rate',
          note: '业务指标目录中的代码或名称',
        },
        { key: 'period', header: '期间', required: true, width: 14, example: '2026-03', note: PERIOD_HINT },
        {
          key: 'value',
          header: '数值',
          required: true,
          width: 12,
          example: '96.5',
          note: '百分比填 96.5 或 96.5%',
        },
      ],
      intro:
        '每行一个部门一项指标一个期间的数值。同一部门、指标和期间再次导入时替换原数值；任何一行有误则整个文件不导入。',
    },
  ]);
}
