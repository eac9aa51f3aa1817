import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportPreview, MappedImportResult } from '#contracts/transfer';
import { buildTestApp, type TestApp } from '../../../../test/helpers.ts';
import { upload, workCommittee } from './org.test-helpers.ts';

// The organisations import through the same mapping step as the roster (issue 7 point 1): an organ's own list of
// Party organisations, with a title row, its own headers, an extra column and a total row.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function ownList(rows: readonly (readonly string[])[]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['机关党组织设置情况一览表']);
  ws.mergeCells(1, 1, 1, 5);
  ws.addRow([]);
  ws.addRow(['党组织编码', '党组织名称', '党组织类别', '上级党组织编码', '书记']);
  for (const r of rows) ws.addRow([...r]);
  ws.addRow(['合计', `共${rows.length}个`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

it('maps an organ’s own list of organisations, names the column it drops and writes only when confirmed', async () => {
  const { officer } = await workCommittee(t, 'OM');
  const buf = await ownList([
    ['OMA', '某局机关党委', '机关党委', 'OMWC', '张书记'],
    ['OMB1', '第一党支部', '党支部', 'OMA', '李书记'],
  ]);
  const count = async () =>
    (await t.database.db.selectFrom('partyOrg').select('id').where('code', 'like', 'OM%').execute()).length;
  const before = await count();
  const res = await upload(officer, '/api/party-orgs/import/upload', buf);
  expect(res.statusCode, res.body).toBe(200);
  const p = res.json() as ImportPreview;
  expect(p).toMatchObject({ headerRow: 3, mappingProblems: [], issues: [], created: 2 });
  expect(Object.fromEntries(p.columns.map((c) => [c.header, c.field]))).toEqual({
    党组织编码: 'code',
    党组织名称: 'name',
    党组织类别: 'kind',
    上级党组织编码: 'parentCode',
    书记: null,
  });
  expect(p.unmappedColumns).toEqual(['党组织：书记']);
  expect(p.notices.map((n) => [n.row, n.reason])).toEqual([[6, '合计行，已跳过']]);
  expect(await count()).toBe(before);

  const done = await officer.post('/api/party-orgs/import/confirm', { token: p.token, columns: [] });
  expect(done.statusCode, done.body).toBe(200);
  expect(done.json() as MappedImportResult).toMatchObject({
    applied: true,
    created: 2,
    unmappedColumns: ['党组织：书记'],
  });
  expect(await count()).toBe(before + 2);
});
