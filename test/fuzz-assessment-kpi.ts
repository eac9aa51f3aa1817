import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { z } from 'zod';
import { arbitraryOf, type Hint, refArb } from './fuzz-inputs.ts';
import type { Client, TestApp } from './helpers.ts';

// Business KPIs (issue 12 point 2) in the fuzz test (test/fuzz.int.test.ts), beside the other assessment routes
// (test/fuzz-assessment.ts): where the references of their routes come from (the catalogue, saved mappings and push
// tokens, harvested from every answer), values the schemas alone would rarely make meet the rules (codes the
// catalogue has, departments of the organ, period keys of the last two years, a mapping's columns), the files of the
// import wizard (.xlsx or .csv, one value a row or one column per KPI), the push's bearer token, and the records the
// run starts from.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const KPI_URL = /^\/api\/assessment\/kpi(s|-)/;
export const isKpiUrl = (url: string) => KPI_URL.test(url);
export const isKpiUpload = (url: string) =>
  url === '/api/assessment/kpi-import' || url === '/api/assessment/kpi-import/preview';

export const KPI_POOLS = [
  /** KPIs the run may edit (and deactivate): the ones pushes and imports rely on are kept out. */
  'kpi',
  /** The organ's department the run keeps apart from the department routes: values land on it. */
  'kpiDepartment',
  'kpiMapping',
  /** Push tokens the run may revoke: the one the pushes ride on is kept out. */
  'kpiToken',
] as const;

/** The catalogue the run starts from: the first two are kept active for pushes and imports (default-tree codes). */
const KEPT_KPIS = [
  {
    code: 'ontime_rate',
    name: '办件按时办结率',
    measureUnit: '%',
    periodRollup: 'mean',
    deptCombine: 'mean',
  },
  {
    code: 'key_task_rate',
    name: '重点任务完成率',
    measureUnit: '%',
    periodRollup: 'last',
    deptCombine: 'mean',
  },
] as const;
const EDITABLE_KPIS = [
  { code: 'fz_cases', name: '模糊办结件数', measureUnit: '件', periodRollup: 'sum', deptCombine: 'sum' },
  { code: 'fz_days', name: '模糊平均用时', measureUnit: '天', periodRollup: 'mean', deptCombine: 'mean' },
] as const;
const DEPT = { code: 'F-KD', name: '模糊测试业务科' };
/** A business system's own layout, one column per KPI: read through the mapping the world saves. */
const WIDE_HEAD = ['承办单位', '统计月', '按时办结率(%)', '督查完成率'];
const WIDE_COLUMNS = {
  承办单位: 'department',
  统计月: 'period',
  '按时办结率(%)': 'kpi:ontime_rate',
  督查完成率: 'kpi:key_task_rate',
};
const LONG_HEAD = ['部门', '指标代码', '期间', '数值'];
const LONG_COLUMNS = { 部门: 'department', 期间: 'period', 指标代码: 'kpiCode', 数值: 'value' };

/** Records the run must not take away (their ids): kept out of the pools their routes draw. */
const reserved = new Set<string>();
const known = { token: '' };

const byUrl: [RegExp, [string, string?]][] = [
  [/^\/api\/assessment\/kpis\/:id$/, ['kpi']],
  [/^\/api\/assessment\/kpi-mappings\/:id$/, ['kpiMapping']],
  [/^\/api\/assessment\/kpi-tokens\/:id\/revoke$/, ['kpiToken']],
];

/** The pool of a reference of a KPI route; undefined when the route or the key is not one of theirs. */
export function kpiPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isKpiUrl(url)) return undefined;
  if (key === 'id') return byUrl.find(([re]) => re.test(url))?.[1] ?? null;
  if (key === 'unitId') return ['unit', 'assessmentUnit'];
  if (key === 'departmentId') return ['department', 'kpiDepartment'];
  return undefined;
}

const sometimes = (arb: fc.Arbitrary<unknown>, weight = 2) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });
const mostly = (usual: fc.Arbitrary<unknown>, other: fc.Arbitrary<unknown>, weight = 4) =>
  fc.oneof({ arbitrary: usual, weight }, { arbitrary: other, weight: 1 });

const pad = (n: number) => String(n).padStart(2, '0');
/** A period key of the last two years, of any kind. */
const periodKeyArb = fc
  .record({
    kind: fc.constantFrom('month', 'quarter', 'half', 'year'),
    year: fc.integer({ min: YEAR - 1, max: YEAR }),
    n: fc.integer({ min: 1, max: 12 }),
  })
  .map(
    ({ kind, year, n }) =>
      ({
        month: `${year}-${pad(n)}`,
        quarter: `${year}-Q${1 + (n % 4)}`,
        half: `${year}-H${1 + (n % 2)}`,
        year: `${year}`,
      })[kind],
  );
const CN = ['一', '二', '三', '四'];
/** A period as people write it in a file; now and then one that is no period. */
const periodTextArb = fc.oneof(
  {
    arbitrary: fc
      .record({
        form: fc.nat({ max: 6 }),
        year: fc.integer({ min: YEAR - 1, max: YEAR }),
        n: fc.nat({ max: 11 }),
      })
      .map(
        ({ form, year, n }) =>
          [
            `${year}-${pad(n + 1)}`,
            `${year}年${n + 1}月`,
            `${year}Q${1 + (n % 4)}`,
            `${year}年第${CN[n % 4]}季度`,
            `${year}年${n % 2 ? '下' : '上'}半年`,
            `${year}`,
            `${year}-H${1 + (n % 2)}`,
          ][form],
      ),
    weight: 9,
  },
  { arbitrary: fc.constantFrom(`${YEAR}-13`, '下个月', `${YEAR}-Q5`, ''), weight: 1 },
);
const KEPT_CODES = KEPT_KPIS.map((k) => k.code);
/** Mostly a code the catalogue keeps active; now and then one the run may have deactivated, or none it has. */
const kpiCodeArb = fc.oneof(
  { arbitrary: fc.constantFrom(...KEPT_CODES), weight: 8 },
  { arbitrary: fc.constantFrom(...EDITABLE_KPIS.map((k) => k.code)), weight: 1 },
  { arbitrary: fc.constant('fz_no_such'), weight: 1 },
);
const columnsArb = (schema: z.ZodType) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(LONG_COLUMNS, WIDE_COLUMNS), weight: 4 },
    // Two columns read as the department: refused (one column per field).
    { arbitrary: fc.constant({ ...LONG_COLUMNS, 科室: 'department' }), weight: 1 },
    {
      arbitrary: fc.dictionary(
        // Not the headers of the files the import routes send: every saved mapping teaches the wizard its headers,
        // and one that read 部门 as a period would spoil those files for the rest of the run.
        fc.constantFrom('科室名称', '统计期', '单位', '月份', '完成值', '指标', '备注'),
        fc.constantFrom('department', 'period', 'kpiCode', 'value', 'kpi:ontime_rate', 'kpi:fz_cases', null),
        { maxKeys: 4 },
      ),
      weight: 1,
    },
    { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
  );

/** Values of the KPI routes the schemas alone would rarely make meet the rules. */
export function kpiHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (!isKpiUrl(url)) return undefined;
    if (url === '/api/assessment/kpis') {
      // A few codes over and over: the first registration of each goes through, the next ones meet the 409.
      if (key === 'code')
        return mostly(
          fc.constantFrom('fz_a', 'fz_b', 'fz_c', 'ontime_rate'),
          arbitraryOf(schema, () => undefined),
          2,
        );
      if (key === 'measureUnit')
        return mostly(
          fc.constantFrom('%', '件', '天'),
          arbitraryOf(schema, () => undefined),
        );
    }
    if (url === '/api/assessment/kpi-values') {
      if (key === 'period') return sometimes(periodKeyArb, 1);
      if (key === 'kpiCode') return sometimes(kpiCodeArb);
    }
    if (url === '/api/assessment/kpi-push') {
      if (key === 'departmentCode')
        return fc.oneof(
          { arbitrary: fc.constant(DEPT.code), weight: 8 },
          { arbitrary: fc.constantFrom('F-D1', 'F-ZZ'), weight: 1 },
          { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
        );
      if (key === 'kpiCode') return kpiCodeArb;
      if (key === 'periodKey')
        return mostly(
          periodKeyArb,
          arbitraryOf(schema, () => undefined),
          9,
        );
    }
    if (url === '/api/assessment/kpi-mappings') {
      // The same names again replace the mapping saved under them (not the world's, which the files rely on).
      if (key === 'name')
        return mostly(
          fc.constantFrom('督查督办月报', '绩效系统季报'),
          arbitraryOf(schema, () => undefined),
          1,
        );
      if (key === 'columns') return columnsArb(schema);
    }
    return undefined;
  };
}

type Pools = Record<string, string[]>;

function mark(pools: Pools, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Takes KPIs, saved mappings and push tokens from any answer of an assessment route. */
export function harvestKpi(value: unknown, pools: Pools): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestKpi(v, pools);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const id = o.id;
  if (typeof id !== 'string' || reserved.has(id)) return;
  if (typeof o.code === 'string' && typeof o.periodRollup === 'string') mark(pools, 'kpi', id, true);
  else if (o.columns && typeof o.updatedAt === 'string') mark(pools, 'kpiMapping', id, true);
  else if (typeof o.hint === 'string' && typeof o.systemName === 'string') mark(pools, 'kpiToken', id, true);
}

/** A push as a business system sends it: its bearer token and no session. */
export function withPushToken(opts: InjectOptions): InjectOptions {
  return { ...opts, headers: { ...opts.headers, authorization: `Bearer ${known.token}` } };
}

// Files of the import wizard -----------------------------------------------------------------------------------

const deptArb = fc.oneof(
  { arbitrary: fc.constantFrom(DEPT.code, DEPT.name), weight: 24 },
  { arbitrary: fc.constantFrom('F-D1', '不存在科', ''), weight: 1 },
);
const cleanValueArb = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100);
const valueArb = fc.oneof(
  { arbitrary: cleanValueArb, weight: 18 },
  { arbitrary: fc.constantFrom('96.5%', '1,200', ' 88 ', '８８'), weight: 2 },
  { arbitrary: fc.constantFrom('abc', null, '--'), weight: 1 },
);
const kpiTextArb = fc.oneof(
  { arbitrary: fc.constantFrom(...KEPT_CODES, KEPT_KPIS[0].name), weight: 24 },
  { arbitrary: fc.constantFrom('fz_cases', 'fz_no_such', ''), weight: 1 },
);
type FileRow = { dept: unknown; kpi: unknown; period: unknown; value: unknown; value2: unknown };
// Clean rows two times in three: each of a row's cells may be wrong on its own, and a mixed file of two rows was clean
// about one time in four, so a run's valid previews (after the unit, the query and the upload mutation also drew
// well) could all fall on files with a row issue, and the route never succeeded (a clean clone's CI run).
const cleanRowsArb: fc.Arbitrary<FileRow[]> = fc.array(
  fc.record({
    dept: fc.constantFrom(DEPT.code, DEPT.name),
    kpi: fc.constantFrom(...KEPT_CODES, KEPT_KPIS[0].name),
    period: periodTextArb.filter((p) => typeof p === 'string' && /^\d{4}(?!-13|-Q5)/.test(p)),
    value: cleanValueArb,
    value2: cleanValueArb,
  }),
  { minLength: 1, maxLength: 2 },
);
const mixedRowsArb: fc.Arbitrary<FileRow[]> = fc.array(
  fc.record({ dept: deptArb, kpi: kpiTextArb, period: periodTextArb, value: valueArb, value2: valueArb }),
  { minLength: 1, maxLength: 2 },
);
const fileArb = fc.record({
  format: fc.constantFrom('xlsx', 'csv'),
  layout: fc.constantFrom('long', 'wide'),
  /** How the columns are told: by the header words or a saved mapping found by them, a mapping named, or chosen. */
  query: fc.oneof(
    { arbitrary: fc.constant('none'), weight: 6 },
    { arbitrary: fc.constantFrom('mapping', 'columns'), weight: 2 },
    { arbitrary: fc.constant('broken'), weight: 1 },
  ),
  // Mostly the fuzz organ, whose departments and KPIs the rows name: a valid file must succeed often enough that
  // every run sees one (about one in twenty did, and a run of a hundred sometimes saw none).
  unit: fc.oneof(
    { arbitrary: refArb(['assessmentUnit']), weight: 6 },
    { arbitrary: refArb(['unit', 'assessmentUnit']), weight: 1 },
  ),
  mapping: refArb(['kpiMapping']),
  title: fc.boolean(),
  tabs: fc.boolean(),
  bom: fc.boolean(),
  // Clean rows two times in three: each of a row's cells may be wrong on its own, and a mixed file of two rows was
  // clean about one time in four, so a run's valid previews (after the unit, the query and the upload mutation also
  // drew well) could all fall on files with a row issue, and the route never succeeded (a clean clone's CI run).
  rows: fc.oneof({ arbitrary: cleanRowsArb, weight: 2 }, { arbitrary: mixedRowsArb, weight: 1 }),
});

export function kpiRowsArb(url: string): fc.Arbitrary<unknown[]> | undefined {
  return isKpiUpload(url) ? fileArb.map((f) => [f]) : undefined;
}

type KpiFile = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;
type CellMutation = { kind: string; row?: number; col?: number; value?: unknown };

const cellText = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
function csvOf(table: unknown[][], sep: string): string {
  const quote = (v: unknown) => {
    const s = cellText(v);
    return /["\r\n,\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return table.map((r) => r.map(quote).join(sep)).join('\r\n');
}

/**
 * The file of an import (one data cell broken by a `cell` mutation, in either format) and its URL: the organ, and the
 * saved mapping or the wizard's choice of columns when the draw names one.
 */
export async function kpiUpload(
  url: string,
  rows: unknown[],
  m: CellMutation,
  resolve: (v: unknown) => unknown,
): Promise<{ file: Buffer; url: string; filename: string }> {
  const f = rows[0] as KpiFile;
  const wide = f.layout === 'wide';
  const head = wide ? WIDE_HEAD : LONG_HEAD;
  const data = f.rows.map((r) =>
    wide ? [r.dept, r.period, r.value, r.value2] : [r.dept, r.kpi, r.period, r.value],
  );
  if (m.kind === 'cell' && data.length > 0) {
    const row = data[(m.row ?? 0) % data.length] as unknown[];
    row[(m.col ?? 0) % row.length] = m.value;
  }
  const table: unknown[][] = [...(f.title ? [['政务服务系统月报']] : []), head, ...data];
  let file: Buffer;
  if (f.format === 'csv') {
    const text = csvOf(table, f.tabs ? '\t' : ',');
    file = Buffer.from(`${f.bom ? '\uFEFF' : ''}${text}\r\n`, 'utf8');
  } else {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(wide ? 'Sheet1' : '业务指标');
    for (const r of table)
      ws.addRow(
        r.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)) as ExcelJS.CellValue[],
      );
    file = Buffer.from(await wb.xlsx.writeBuffer());
  }
  const query = [`unitId=${encodeURIComponent(String(resolve(f.unit)))}`];
  if (f.query === 'mapping') query.push(`mappingId=${encodeURIComponent(String(resolve(f.mapping)))}`);
  if (f.query === 'columns')
    query.push(`columns=${encodeURIComponent(JSON.stringify(wide ? WIDE_COLUMNS : LONG_COLUMNS))}`);
  if (f.query === 'broken') query.push('columns=%7Bbad');
  return { file, url: `${url}?${query.join('&')}`, filename: `kpi.${f.format}` };
}

// The world ---------------------------------------------------------------------------------------------------------

export type KpiFuzzWorld = {
  t: TestApp;
  officer: Client;
  /** The fuzz organ's unit (the assessment world's). */
  unitId: string;
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
  /** Keeps a record out of the generic pools (a department the department routes would rename or close). */
  keepApart: (id: string) => void;
};

/**
 * Through the API as the fuzz's officer: a department of the organ kept apart from the department routes; the
 * catalogue (two KPIs of the default tree's codes kept active, two the run may edit); the wide layout's mapping
 * saved; a push token the pushes ride on (kept from the revoke route) and another the run may revoke; and values
 * pushed for last year, for the list of values.
 */
export async function buildKpiWorld(w: KpiFuzzWorld): Promise<void> {
  const send = async <T extends { id: string }>(url: string, body: unknown, keep = false): Promise<T> => {
    const res = await w.officer.post(url, body);
    if (res.statusCode !== 200) throw new Error(`kpi world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    if (keep) reserved.add(json.id);
    w.harvest(url, json);
    return json;
  };
  const dept = await send('/api/departments', {
    unitId: w.unitId,
    code: DEPT.code,
    name: DEPT.name,
    kind: 'section',
  });
  w.keepApart(dept.id);
  w.setPool('kpiDepartment', [dept.id]);
  for (const k of KEPT_KPIS) await send('/api/assessment/kpis', { unitId: w.unitId, ...k }, true);
  for (const k of EDITABLE_KPIS) await send('/api/assessment/kpis', { unitId: w.unitId, ...k });
  // Kept: the wide files are read through it, so the run neither replaces nor deletes it.
  await send(
    '/api/assessment/kpi-mappings',
    { unitId: w.unitId, name: '政务服务系统月报', columns: WIDE_COLUMNS },
    true,
  );
  const pusher = await send<{ id: string; token: string }>(
    '/api/assessment/kpi-tokens',
    { unitId: w.unitId, systemName: '模糊测试政务服务系统' },
    true,
  );
  known.token = pusher.token;
  await send('/api/assessment/kpi-tokens', { unitId: w.unitId, systemName: '模糊测试督查系统' });
  const pushed = await w.t.app.inject(
    withPushToken({
      method: 'POST',
      url: '/api/assessment/kpi-push',
      payload: {
        values: [1, 2, 3].map((n) => ({
          departmentCode: DEPT.code,
          kpiCode: 'ontime_rate',
          periodKey: `${YEAR - 1}-${pad(n)}`,
          value: 90 + n,
        })),
      },
    }),
  );
  if (pushed.statusCode !== 200) throw new Error(`kpi world: push ${pushed.statusCode} ${pushed.body}`);
}
