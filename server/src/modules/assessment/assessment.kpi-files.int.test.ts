// Business KPIs from other files (issue 12 point 2): a .csv as business systems export it, the template read back
// through the wizard, and the demo organ's catalogue and months of values.
import type ExcelJS from 'exceljs';
import ExcelJSRuntime from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, Kpi, KpiValue } from '#contracts/assessment-kpi';
import { loadWorkbook, rowsOf, upload } from '../../../../test/file-fixtures.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';
import { loadKpiDemo } from './assessment.kpi-demo.ts';
import { organWithDepartment } from './assessment.kpi-test-helpers.ts';

let w: FusionWorld;
let kuUnit: string;
beforeAll(async () => {
  w = await fusionWorld('2026-04-10');
  for (const [code, name, measureUnit, rule] of [
    ['ontime_rate', '办件按时办结率', '%', 'mean'],
    ['cases_done', '办结件数', '件', 'sum'],
  ] as const)
    await ok<Kpi>(
      w.officer.post('/api/assessment/kpis', {
        unitId: w.unitId,
        code,
        name,
        measureUnit,
        periodRollup: rule,
        deptCombine: rule,
      }),
    );
  // Another organ with one department (KD1), for the demo loader.
  kuUnit = await organWithDepartment(w, 'K');
});
afterAll(async () => {
  await w.t.close();
});

function csvUpload(url: string, text: string) {
  const boundary = '----kpicsv';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kpi.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(`\uFEFF${text}`, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return w.officer.request({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe('other files', () => {
  it('reads a .csv (UTF-8 with a BOM), KPIs by name, values with % and thousands separators', async () => {
    const csv =
      '部门,指标代码,期间,数值\r\n政策法规科,cases_done,2026-04,"1,200"\r\n行政审批科,办件按时办结率,2026年4月,88%\r\n';
    const preview = await ok<ImportPreview>(
      csvUpload(`/api/assessment/kpi-import/preview?unitId=${w.unitId}`, csv),
    );
    expect(preview).toMatchObject({ fileKind: 'csv', layout: 'long', values: 2, issues: [] });
    await ok(csvUpload(`/api/assessment/kpi-import?unitId=${w.unitId}`, csv));
    const values = await ok<KpiValue[]>(
      w.bs1.get(`/api/assessment/kpi-values?unitId=${w.unitId}&period=2026-Q2`),
    );
    expect(values.map((v) => [v.departmentName, v.kpiCode, v.periodKey, v.value, v.source])).toEqual([
      ['政策法规科', 'cases_done', '2026-04', 1200, 'import'],
      ['行政审批科', 'ontime_rate', '2026-04', 88, 'import'],
    ]);
  });

  it('offers a template that reads back through the wizard', async () => {
    const res = await w.officer.get('/api/assessment/kpi-import/template');
    expect(res.statusCode).toBe(200);
    const wb = await loadWorkbook(res.rawPayload);
    const sheet = wb.getWorksheet('业务指标');
    if (!sheet) throw new Error('the template sheet');
    const rows = rowsOf(sheet);
    const header = rows.findIndex((r) => r.some((c) => c.includes('指标代码')));
    expect(rows[header]?.map((c) => c.replace(/\*/g, '').trim())).toEqual([
      '部门',
      '指标代码',
      '期间',
      '数值',
    ]);
    sheet.addRow(['行政审批科', 'cases_done', '2026-05', 42]);
    const filled = Buffer.from(await (wb as ExcelJS.Workbook).xlsx.writeBuffer());
    const preview = await ok<ImportPreview>(
      upload(w.officer, `/api/assessment/kpi-import/preview?unitId=${w.unitId}`, filled),
    );
    expect(preview).toMatchObject({ layout: 'long', values: 1, issues: [], mappingProblems: [] });
    expect(preview.sample[0]).toMatchObject({ department: '行政审批科', periodKey: '2026-05', value: 42 });
  });

  it('reads a cell shown as 96.5% in a business system’s own .xlsx as 96.5, not 0.965', async () => {
    const wb = new ExcelJSRuntime.Workbook();
    const sheet = wb.addWorksheet('数据');
    sheet.addRow(['部门', '指标代码', '期间', '数值']);
    // Excel keeps a cell shown as 96.5% as the fraction 0.965 with the format '0.0%'.
    sheet.addRow(['政策法规科', 'ontime_rate', '2026-07', 0.965]).getCell(4).numFmt = '0.0%';
    // A plain number in the same column is taken as written.
    sheet.addRow(['行政审批科', 'ontime_rate', '2026-07', 88]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await ok<ImportPreview>(
      upload(w.officer, `/api/assessment/kpi-import/preview?unitId=${w.unitId}`, file),
    );
    expect(preview).toMatchObject({ fileKind: 'xlsx', values: 2, issues: [] });
    // 0.965 × 100 = 96.5; 88 stays 88.
    expect(preview.sample.map((x) => x.value)).toEqual([96.5, 88]);
    await ok(upload(w.officer, `/api/assessment/kpi-import?unitId=${w.unitId}`, file));
    const values = await ok<KpiValue[]>(
      w.bs1.get(`/api/assessment/kpi-values?unitId=${w.unitId}&period=2026-07&kpiCode=ontime_rate`),
    );
    expect(values.map((v) => [v.departmentName, v.value])).toEqual([
      ['政策法规科', 96.5],
      ['行政审批科', 88],
    ]);
  });

  it('gives a demo organ a catalogue and a value per department, KPI and month ended, once', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const first = await loadKpiDemo(w.t.ctx(), { unitId: kuUnit, random });
    // Today is 2026-04-10: January to March have ended. One department (KD1) × 6 KPIs × 3 months = 18 values.
    expect(first).toEqual({ loaded: true, kpis: 6, values: 18 });
    expect(await loadKpiDemo(w.t.ctx(), { unitId: kuUnit, random })).toEqual({
      loaded: false,
      kpis: 0,
      values: 0,
    });
    const rows = await w.t.database.db
      .selectFrom('businessKpiValue')
      .select(['kpiCode', 'value', 'source'])
      .where('unitId', '=', kuUnit)
      .execute();
    expect(new Set(rows.map((r) => r.kpiCode)).size).toBe(6);
    expect(
      rows
        .filter((r) => r.source === 'push')
        .map((r) => r.kpiCode)
        .sort(),
    ).toEqual([
      'complaint_closure',
      'complaint_closure',
      'complaint_closure',
      'hotline_satisfaction',
      'hotline_satisfaction',
      'hotline_satisfaction',
    ]);
    for (const r of rows.filter((x) => x.kpiCode === 'ontime_rate'))
      expect(r.value).toBeGreaterThanOrEqual(80);
  });
});
