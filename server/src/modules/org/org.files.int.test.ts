import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectError, type TestApp } from '../../../../test/helpers.ts';
import { upload, workCommittee } from './org.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});
const committee = (p: string) => workCommittee(t, p);

describe('workbook files', () => {
  it('serves the template with the three sheets, Chinese headers and the kind drop-down', async () => {
    const { officer } = await committee('F1');
    const res = await officer.get('/api/party-orgs/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename*=UTF-8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(0, 4)).toEqual(['单位', '党组织', '业务部门', '说明']);
    const orgs = wb.getWorksheet('党组织') as ExcelJS.Worksheet;
    expect(orgs.getRow(2).getCell(1).value).toBe('组织编码*');
    expect(orgs.getRow(2).getCell(3).value).toBe('组织类别*');
    const validation = orgs.getCell('C3').dataValidation;
    expect(validation?.type).toBe('list');
    expect(String(validation?.formulae?.[0])).toContain('党支部');
  });

  it('answers 415 for a request that is not an upload, 400 without a file and 415 for a file that is not a workbook', async () => {
    const { officer } = await committee('F2');
    const json = await officer.post('/api/party-orgs/import', {});
    expectError(json, 415, 'common.multipart_required');
    const boundary = 'ronghe-empty';
    const noFile = await officer.request({
      method: 'POST',
      url: '/api/party-orgs/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`,
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('common.file_missing');
    const notXlsx = await upload(
      officer,
      '/api/party-orgs/import',
      Buffer.from('名称,编码\n一,二\n'),
      'orgs.csv',
    );
    expectError(notXlsx, 415, 'spreadsheet.not_xlsx');
    expect(notXlsx.json().error.message).toMatch(/xlsx/);
  });
});
