import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberDues } from '#contracts/branch-dues';
import type { Client } from '../../../../test/helpers.ts';
import { importPayroll } from './branch.dues.import.ts';
import { account, addMember, type DuesWorld, duesWorld, idNumberBornOn } from './branch.dues.test-helpers.ts';

// The payroll import (all or nothing, row errors in Chinese) and the ledger's export, read back cell by cell.

let w: DuesWorld;
let collector: Client;
let reader: Client;
let zhang: string;
let zhao2Number: string;

async function workbook(rows: unknown[][], sheet = '党费'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(client: Client, url: string, file: Buffer) {
  const boundary = `----dues${randomBytes(6).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="payroll.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return client.request({
    method: 'POST',
    url,
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
async function cells(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text ?? '')))));
  return out;
}
const count = async (table: 'duesPayment' | 'duesBase') =>
  Number(
    (
      await w.t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const HEADER = ['姓名', '身份证号', '月份', '人员类别', '税后月收入（元）', '实交党费（元）'];
const GOOD = () => [
  HEADER,
  ['张三', null, '2026-01', '在职', 6500, 97.5],
  ['张三', null, '2026-02', null, null, '97.50'],
  ['李四', null, '2026年1月', '离退休', '3,000.00', 15],
  ['赵六', zhao2Number, '2026-01', null, null, 10],
];

beforeAll(async () => {
  w = await duesWorld('2026-07-15');
  zhang = (await addMember(w, w.B1, '张三')).id;
  await addMember(w, w.B1, '李四');
  await addMember(w, w.B1, '赵六');
  zhao2Number = idNumberBornOn('1990-02-02');
  await addMember(w, w.B1, '赵六', { idNumber: zhao2Number });
  await addMember(w, w.B2, '王五');
  collector = await account(w, 'files-bs', [{ role: 'branch_secretary', partyOrgId: w.B1.id }]);
  reader = await account(w, 'files-sup', [{ role: 'supervisor', partyOrgId: w.JG.id }]);
}, 120_000);
afterAll(async () => {
  await w.t.close();
});

describe('the payroll import', () => {
  it('refuses a file with any bad row, names each problem by row and column, and writes nothing', async () => {
    const file = await workbook([
      ...GOOD(),
      ['不存在', null, '2026-01', null, null, 10],
      ['赵六', null, '2026-01', null, null, 10],
      ['王五', null, '2026-01', null, null, 10],
      ['张三', null, '2026-01', null, null, 97.5],
      ['李四', null, '下个月', null, null, 15],
      ['李四', null, '2026-03', '退伍', '15.555', null],
      ['张三', null, '2026-04', 'constructor', null, 10],
    ]);
    const res = await upload(collector, `/api/branch/dues/import?partyOrgId=${w.B1.id}`, file);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error as {
      code: string;
      issues: { field: string; message: string }[];
      details: { reportToken: string; total: number };
    };
    expect(error.code).toBe('dues.import_invalid');
    const said = error.issues.map((i) => `${i.field}: ${i.message}`);
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^第6行 姓名: .*没有名为“不存在”的党员/),
        expect.stringMatching(/^第7行 身份证号: .*有 2 名党员叫“赵六”/),
        expect.stringMatching(/^第8行 姓名: .*没有名为“王五”/),
        expect.stringMatching(/^第9行 月份: 与第 2 行重复/),
        expect.stringMatching(/^第10行 月份: 月份无效/),
        expect.stringMatching(/^第11行 人员类别: /),
        expect.stringMatching(/^第11行 税后月收入（元）: .*最多两位小数/),
        // A word an object's prototype knows is no category either (it once gave a 500).
        expect.stringMatching(/^第12行 人员类别: /),
      ]),
    );
    expect(error.details.total).toBe(8);
    expect(await count('duesPayment')).toBe(0);
    expect(await count('duesBase')).toBe(0);
    const report = await collector.get(`/api/import-reports/${error.details.reportToken}`);
    expect(report.statusCode).toBe(200);
    expect((await cells(report.rawPayload)).join('\n')).toContain('有 2 名党员叫“赵六”');
  });

  it('imports a right file whole: bases from the incomes, a payment per row', async () => {
    const res = await upload(
      collector,
      `/api/branch/dues/import?partyOrgId=${w.B1.id}`,
      await workbook(GOOD()),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 4, bases: 2, payments: 4, amountFen: 9750 + 9750 + 1500 + 1000 });
    const dues = (await collector.get(`/api/branch/dues/members/${zhang}?year=2026`)).json() as MemberDues;
    expect(dues.currentBase).toMatchObject({
      effectiveFrom: '2026-01',
      incomeFen: 650_000,
      rateBp: 150,
      monthlyFen: 9750,
    });
    expect(dues.months.slice(0, 3).map((m) => m.state)).toEqual(['paid', 'paid', 'arrears']);
    expect(dues.payments.map((p) => p.source)).toEqual(['import', 'import']);
    // Payroll months are paid on their last day unless the sheet says otherwise.
    expect(dues.payments.map((p) => p.paidOn).sort()).toEqual(['2026-01-31', '2026-02-28']);
  });

  it('refuses the same file twice: those months are paid already', async () => {
    const res = await upload(
      collector,
      `/api/branch/dues/import?partyOrgId=${w.B1.id}`,
      await workbook(GOOD()),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].message).toContain('已经交清');
    expect(await count('duesPayment')).toBe(4);
  });

  it('refuses a file beyond the row limit, counting the bad rows too', async () => {
    const rows = Array.from({ length: 5_001 }, () => ['张三', null, '下个月', null, null, 10]);
    const res = await upload(
      collector,
      `/api/branch/dues/import?partyOrgId=${w.B1.id}`,
      await workbook([HEADER, ...rows]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('dues.import_too_many');
  });

  it('is for whoever collects the branch’s dues: others are refused before the file is read', async () => {
    const file = await workbook(GOOD());
    expect((await upload(reader, `/api/branch/dues/import?partyOrgId=${w.B1.id}`, file)).statusCode).toBe(
      403,
    );
    expect((await upload(collector, `/api/branch/dues/import?partyOrgId=${w.B2.id}`, file)).statusCode).toBe(
      404,
    );
  });
});

describe('the ledger as .xlsx', () => {
  it('gives the collector amounts and bases, and reads back', async () => {
    const res = await collector.get(`/api/branch/dues/export?partyOrgId=${w.B1.id}&year=2026`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('党费台账');
    expect(ws).toBeDefined();
    const rows: string[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows[1] as string[];
    expect(header).toEqual(
      expect.arrayContaining(['姓名', '每月应交（元）', '1月', '12月', '欠交金额（元）']),
    );
    const line = rows.find((r) => r[header.indexOf('姓名')] === '张三') as string[];
    expect(line[header.indexOf('月收入（元）')]).toBe('6500.00');
    expect(line[header.indexOf('每月应交（元）')]).toBe('97.50');
    expect(line[header.indexOf('1月')]).toBe('97.50');
    expect(line[header.indexOf('3月')]).toBe('欠交');
    expect(line[header.indexOf('欠交月数')]).toBe('4');
    expect(rows[0]?.[0]).toContain('第一党支部2026年党费收缴台账');
  });

  it('gives a reader paid / in arrears only', async () => {
    const res = await reader.get(`/api/branch/dues/export?partyOrgId=${w.B1.id}&year=2026`);
    const text = (await cells(res.rawPayload)).join('\n');
    expect(text).toContain('已交');
    expect(text).toContain('欠交');
    expect(text).not.toContain('97.50');
    expect(text).not.toContain('6500');
    expect(text).not.toContain('每月应交');
  });

  it('offers a template with the columns the import reads', async () => {
    const res = await collector.get('/api/branch/dues/template');
    expect(await cells(res.rawPayload)).toEqual(
      expect.arrayContaining(['姓名*', '月份*', '税后月收入（元）']),
    );
  });
});

describe('the payroll import at scale', () => {
  it('reads and writes in a number of statements that does not grow with the rows', async () => {
    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const ctx = {
      ...w.t.ctx(),
      db: w.t.database.db.withPlugin(counting),
      actor: {
        userId: collector.userId,
        username: collector.username,
        displayName: '支部书记',
        mustChangePassword: false,
        memberId: null,
        assignments: [{ role: 'branch_secretary' as const, partyOrgId: w.B1.id, path: w.B1.path }],
      },
    };
    const run = async (rows: unknown[][]) => {
      statements = 0;
      const result = await importPayroll(ctx, w.B1.id, await workbook([HEADER, ...rows]));
      return { result, statements };
    };
    const few = await run([
      ['张三', null, '2026-03', null, 7000, 105],
      ['李四', null, '2026-03', null, null, 15],
    ]);
    const many = await run(
      ['04', '05', '06', '07'].flatMap((m) => [
        ['张三', null, `2026-${m}`, null, m === '05' ? 8000 : null, m >= '05' ? 120 : 105],
        ['李四', null, `2026-${m}`, null, null, 15],
      ]),
    );
    expect(few.result).toMatchObject({ rows: 2, bases: 1, payments: 2 });
    expect(many.result).toMatchObject({ rows: 8, bases: 1, payments: 8 });
    expect(many.statements).toBeLessThanOrEqual(few.statements);
    // The base a row sets is in force for the later months' rows of the same file.
    const dues = (await collector.get(`/api/branch/dues/members/${zhang}?year=2026`)).json() as MemberDues;
    expect(dues.months.slice(2, 7).map((m) => m.state)).toEqual(['paid', 'paid', 'paid', 'paid', 'paid']);
    expect(dues.currentBase).toMatchObject({
      effectiveFrom: '2026-05',
      incomeFen: 800_000,
      monthlyFen: 12_000,
    });
  });
});
