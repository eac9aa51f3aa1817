// The KPI import wizard (issue 12 point 2): a file the business system already exports (.xlsx or .csv), its columns
// matched to department / period and either a KPI code and value column (long) or one column per KPI (wide) — by the
// officer's choice, a saved mapping, or the header words — then every row checked against the organ's departments
// and catalogue. The preview names each problem by row and column; applying writes everything or nothing.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ImportPreview, ImportQuerySchema } from '#contracts/assessment-kpi';
import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { normalizeText } from '../../core/spreadsheet/cells.ts';
import { SpreadsheetError } from '../../core/spreadsheet/errors.ts';
import { openMappedSheet } from '../../core/spreadsheet/mapped-read.ts';
import {
  type ColumnChoice,
  chooseColumns,
  columnsOf,
  detectHeaderRow,
  type HeaderMapping,
  type MappingField,
  mappingProblems,
  nonDataRowReason,
  type SheetColumn,
  unmappedHeaders,
} from '../../core/spreadsheet/mapping.ts';
import type { RawRow } from '../../core/spreadsheet/row-stream.ts';
import { organDepartments } from '../org/index.ts';
import { keptUnit } from './assessment.access.ts';
import { listMappings, mappingOf } from './assessment.kpi-catalogue.ts';
import { normalisePeriod, parseKpiNumber } from './assessment.kpi-cells.ts';
import { decodeCsv, parseCsv } from './assessment.kpi-csv.ts';
import { type NewKpiValue, type WriteResult, writeKpiValues } from './assessment.kpi-store.ts';

const MAX_ROWS = 5_000;
const IN_ANSWER = 200;
const HEAD_ROWS = 30;

type Query = z.output<typeof ImportQuerySchema>;
type KpiRow = { code: string; name: string; active: boolean };
type Table = {
  fileKind: 'xlsx' | 'csv';
  sheet: string;
  headerRow: number;
  columns: SheetColumn[];
  rows: RawRow[];
  /** Whether the cell at (row, column) is a number shown as a percentage. */
  percent: (row: number, column: number) => boolean;
};
type Issue = { row: number; column: string; message: string };

const FIXED: MappingField[] = [
  {
    key: 'department',
    label: '部门',
    synonyms: ['部门名称', '部门编码', '科室', '处室', '责任部门', '承办部门'],
    required: true,
  },
  {
    key: 'period',
    label: '期间',
    synonyms: ['统计期间', '月份', '季度', '年度', '统计月份', '所属期', '时间'],
    required: true,
  },
  { key: 'kpiCode', label: '指标代码', synonyms: ['指标', '指标名称', '业务指标', '指标编码'] },
  { key: 'value', label: '数值', synonyms: ['值', '指标值', '完成值', '实际值'] },
];

export const fieldsFor = (kpis: readonly KpiRow[]): MappingField[] => [
  ...FIXED,
  ...kpis.map((k) => ({ key: `kpi:${k.code}`, label: k.name, synonyms: [k.code] })),
];

async function readTable(buf: Buffer, fields: readonly MappingField[], saved: HeaderMapping): Promise<Table> {
  const isZip = buf.length > 3 && buf[0] === 0x50 && buf[1] === 0x4b;
  if (isZip) {
    const sheet = await openMappedSheet(buf, { sheetNames: ['业务指标', '数据'], fields, saved });
    const rows: RawRow[] = [];
    for await (const raw of sheet.rows) {
      if (rows.length >= MAX_ROWS) {
        await sheet.close();
        throw new SpreadsheetError(
          'spreadsheet.too_many_rows',
          `一个文件最多 ${MAX_ROWS} 行，请拆分后分批导入`,
        );
      }
      rows.push(raw);
    }
    const percent = rows.some((r) => r.values.some((v) => typeof v === 'number'))
      ? await percentCells(buf, sheet.sheetName)
      : new Set<string>();
    return {
      fileKind: 'xlsx',
      sheet: sheet.sheetName,
      headerRow: sheet.headerRow,
      columns: sheet.columns,
      rows,
      percent: (row, column) => percent.has(`${row}:${column}`),
    };
  }
  const all = parseCsv(decodeCsv(buf), MAX_ROWS + HEAD_ROWS);
  const at = detectHeaderRow(all.slice(0, HEAD_ROWS), fields, saved);
  const header = at === null ? undefined : all[at];
  if (at === null || !header)
    throw new SpreadsheetError(
      'spreadsheet.header_not_found',
      `CSV 文件的前 ${HEAD_ROWS} 行中没有找到表头（应有“部门”“期间”等列名），请检查文件或使用导入模板`,
    );
  return {
    fileKind: 'csv',
    sheet: 'CSV',
    headerRow: header.number,
    columns: columnsOf(header),
    rows: all.slice(at + 1),
    percent: () => false,
  };
}

/**
 * The numeric cells shown with a percent format ('0.0%'): a business system's own export stores 96.5% as 0.965.
 * The streaming rows carry values only, so the sheet is read once more whole (the file passed the zip guard and
 * the row cap already) for its number formats.
 */
async function percentCells(buf: Buffer, sheetName: string): Promise<Set<string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out = new Set<string>();
  wb.getWorksheet(sheetName)?.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (typeof cell.value === 'number' && cell.numFmt?.includes('%')) out.add(`${r}:${c}`);
    }),
  );
  return out;
}

/** The saved mapping that names most of the file's headers (at least two), when the officer chose none. */
function bestMapping<M extends { columns: Record<string, string | null> }>(
  mappings: readonly M[],
  columns: readonly SheetColumn[],
): M | null {
  const headers = new Set(columns.map((c) => c.header));
  let best: { m: M; n: number } | null = null;
  for (const m of mappings) {
    const n = Object.keys(m.columns).filter((h) => headers.has(h)).length;
    if (n >= 2 && (!best || n > best.n)) best = { m, n };
  }
  return best?.m ?? null;
}

function layoutOf(choices: readonly ColumnChoice[]) {
  const fields = new Set(choices.flatMap((c) => (c.field ? [c.field] : [])));
  const long = fields.has('kpiCode') || fields.has('value');
  const wide = [...fields].some((f) => f.startsWith('kpi:'));
  const problems: { field: string; message: string }[] = [];
  if (long && wide)
    problems.push({
      field: '指标代码',
      message: '文件既有“指标代码/数值”列，又有按指标分列的列：请只保留一种格式',
    });
  else if (long && !(fields.has('kpiCode') && fields.has('value')))
    problems.push({
      field: fields.has('value') ? '指标代码' : '数值',
      message: `缺少“${fields.has('value') ? '指标代码' : '数值'}”列：请在映射中指定与它对应的列`,
    });
  else if (!long && !wide)
    problems.push({
      field: '数值',
      message: '没有找到数值列：请指定“指标代码”和“数值”两列，或把各项指标的列对应到业务指标',
    });
  return { layout: long && !wide ? ('long' as const) : wide && !long ? ('wide' as const) : null, problems };
}

async function parseImport(ctx: Ctx, q: Query, buf: Buffer) {
  await keptUnit(ctx, q.unitId, 'assessment.run');
  const [kpis, depts, mappings] = await Promise.all([
    ctx.db
      .selectFrom('businessKpi')
      .select(['code', 'name', 'active'])
      .where('unitId', '=', q.unitId)
      .orderBy('code')
      .execute(),
    organDepartments(ctx.db, q.unitId),
    listMappings(ctx, q.unitId),
  ]);
  const fields = fieldsFor(kpis);
  const chosen = q.mappingId ? await mappingOf(ctx, q.unitId, q.mappingId) : null;
  const known: HeaderMapping = Object.assign(
    {},
    ...mappings.map((m) => m.columns),
    chosen?.columns,
    q.columns,
  );
  const table = await readTable(buf, fields, known);
  const applied = chosen ?? (q.columns ? null : bestMapping(mappings, table.columns));
  const choices = chooseColumns(table.columns, fields, { saved: { ...applied?.columns, ...q.columns } });
  const { layout, problems } = layoutOf(choices);
  const fixedProblems = mappingProblems(
    choices,
    fields.filter((f) => !f.key.startsWith('kpi:')),
  );
  const mappingIssues = [...fixedProblems, ...problems];
  const header = new Map(choices.map((c) => [c.field, c.header]));
  const issues: Issue[] = [];
  const unknownDepartments = new Set<string>();
  const unknownKpis = new Set<string>();
  const values: (NewKpiValue & { row: number; department: string })[] = [];
  const byDept = new Map<string, typeof depts>();
  for (const d of depts) for (const k of [d.code, d.name]) byDept.set(k, [...(byDept.get(k) ?? []), d]);
  const kpiBy = new Map<string, KpiRow>();
  for (const k of kpis) for (const key of [k.code, k.name]) kpiBy.set(key, k);
  const cell = (raw: RawRow, field: string) => {
    const c = choices.find((x) => x.field === field);
    return c ? (raw.values[c.column] ?? null) : null;
  };
  let dataRows = 0;
  if (layout && mappingIssues.length === 0)
    for (const raw of table.rows) {
      if (nonDataRowReason(raw)) continue;
      dataRows++;
      const fail = (field: string, message: string) =>
        issues.push({ row: raw.number, column: header.get(field) ?? field, message });
      const deptText = normalizeText(cell(raw, 'department'));
      const found = deptText ? (byDept.get(deptText) ?? []) : [];
      const dept = found.length === 1 ? found[0] : undefined;
      if (!deptText) fail('department', '请填写部门名称或编码');
      else if (found.length > 1) fail('department', `有同名部门“${deptText}”，请改填部门编码`);
      else if (!dept) {
        unknownDepartments.add(deptText);
        fail('department', `本单位没有“${deptText}”这个业务部门，请填写组织架构中的部门名称或编码`);
      }
      const period = normalisePeriod(cell(raw, 'period'));
      if (!period.ok) fail('period', period.reason);
      const entries: { code: string; field: string; value: unknown; column: number }[] = [];
      if (layout === 'long') {
        const text = normalizeText(cell(raw, 'kpiCode'));
        const k = text ? kpiBy.get(text) : undefined;
        if (!text) fail('kpiCode', '请填写业务指标代码或名称');
        else if (!k) {
          unknownKpis.add(text);
          fail('kpiCode', `业务指标目录中没有“${text}”，请先在“业务指标”中登记，或改填已有的指标代码`);
        } else
          entries.push({
            code: k.code,
            field: 'kpiCode',
            value: cell(raw, 'value'),
            column: choices.find((x) => x.field === 'value')?.column ?? 0,
          });
      } else
        for (const c of choices)
          if (c.field?.startsWith('kpi:') && normalizeText(raw.values[c.column]) !== null)
            entries.push({
              code: c.field.slice(4),
              field: c.field,
              value: raw.values[c.column],
              column: c.column,
            });
      if (layout === 'wide' && entries.length === 0) fail('department', '这一行没有任何指标数值');
      for (const e of entries) {
        const k = kpiBy.get(e.code);
        const valueField = layout === 'long' ? 'value' : e.field;
        if (k && !k.active)
          fail(layout === 'long' ? 'kpiCode' : e.field, `业务指标“${k.name}”已停用，不再接收数值`);
        const n = parseKpiNumber(e.value, table.percent(raw.number, e.column));
        if (!n.ok) fail(valueField, n.reason);
        if (dept && period.ok && n.ok && k?.active)
          values.push({
            row: raw.number,
            department: dept.name,
            departmentId: dept.id,
            kpiCode: e.code,
            periodKey: period.value,
            value: n.value,
          });
      }
    }
  const seen = new Map<string, number>();
  for (const v of values) {
    const key = `${v.departmentId}|${v.kpiCode}|${v.periodKey}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        row: v.row,
        column: header.get(layout === 'long' ? 'kpiCode' : `kpi:${v.kpiCode}`) ?? '指标',
        message: `与第 ${first} 行重复（同一部门、指标和期间只能有一个数值）`,
      });
    else seen.set(key, v.row);
  }
  if (layout && mappingIssues.length === 0 && dataRows === 0)
    issues.push({ row: 0, column: '', message: '文件中没有数据行，请在表头下逐行填写' });
  issues.sort((a, b) => a.row - b.row);
  return {
    fileKind: table.fileKind,
    sheet: table.sheet,
    headerRow: table.headerRow,
    layout,
    mapping: applied && 'id' in applied ? { id: applied.id, name: applied.name } : null,
    columns: choices.map((c) => ({ column: c.column, header: c.header, field: c.field, source: c.source })),
    ignoredColumns: unmappedHeaders(choices),
    mappingProblems: mappingIssues,
    rows: dataRows,
    values,
    issues,
    unknownDepartments: [...unknownDepartments],
    unknownKpis: [...unknownKpis],
  };
}

export async function previewKpiImport(ctx: Ctx, q: Query, buf: Buffer): Promise<ImportPreview> {
  const p = await parseImport(ctx, q, buf);
  const codes = [...new Set(p.values.map((v) => v.kpiCode))];
  const incoming = new Map(p.values.map((v) => [`${v.departmentId}|${v.kpiCode}|${v.periodKey}`, v.value]));
  const existing = codes.length
    ? await ctx.db
        .selectFrom('businessKpiValue')
        .select(['departmentId', 'kpiCode', 'periodKey', 'value'])
        .where('unitId', '=', q.unitId)
        .where('kpiCode', 'in', codes)
        .where('periodKey', 'in', [...new Set(p.values.map((v) => v.periodKey))])
        .execute()
    : [];
  return {
    ...p,
    values: p.values.length,
    // As the upsert counts: an existing value only when the file brings a different one.
    replaces: existing.filter((e) => {
      const next = incoming.get(`${e.departmentId}|${e.kpiCode}|${e.periodKey}`);
      return next !== undefined && Number(e.value) !== next;
    }).length,
    sample: p.values.slice(0, 20).map((v) => ({
      row: v.row,
      department: v.department,
      kpiCode: v.kpiCode,
      periodKey: v.periodKey,
      value: v.value,
    })),
    issues: p.issues.slice(0, IN_ANSWER),
  };
}

/** All or nothing: any problem refuses the whole file, naming every problem by row and column. */
export async function applyKpiImport(ctx: Ctx, q: Query, buf: Buffer): Promise<WriteResult> {
  const p = await parseImport(ctx, q, buf);
  const problems = [
    ...p.mappingProblems.map((m) => ({ field: m.field, message: m.message })),
    ...p.issues.map((i) => ({
      field: i.row > 0 ? `第${i.row}行 ${i.column}` : i.column || '文件',
      message: i.message,
    })),
  ];
  if (problems.length > 0)
    throw new AppError(
      'invalid',
      'assessment.kpi_import_invalid',
      `文件中有 ${problems.length} 处问题，未导入任何数值；请按提示修改后重新导入`,
      {
        issues: problems.slice(0, IN_ANSWER),
        details: {
          unknownDepartments: p.unknownDepartments,
          unknownKpis: p.unknownKpis,
          total: problems.length,
        },
      },
    );
  return writeKpiValues(
    ctx,
    q.unitId,
    p.values.map(({ departmentId, kpiCode, periodKey, value }) => ({
      departmentId,
      kpiCode,
      periodKey,
      value,
    })),
    { source: 'import', byName: ctx.actor?.displayName ?? ctx.actor?.username ?? '导入' },
  );
}
