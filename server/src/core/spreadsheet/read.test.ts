import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { normalizeText, parseDateCell } from './cells.ts';
import { SpreadsheetError } from './errors.ts';
import { type DataRow, listSheetNames, type ReadColumn, readSheetRows, readWorkbook } from './read.ts';
import { writeWorkbook } from './write.ts';
import { buildZip, extractZip } from './zip-fixtures.ts';

const COLUMNS = [
  { key: 'name', header: '姓名', required: true },
  { key: 'idNumber', header: '身份证号', aliases: ['公民身份号码'], required: true },
  { key: 'joinedOn', header: '入党日期' },
  { key: 'code', header: '编号' },
] as const satisfies readonly ReadColumn[];

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function collect<K extends string>(rows: AsyncIterable<DataRow<K>>): Promise<DataRow<K>[]> {
  const out: DataRow<K>[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['2024 年名册（请勿修改表头）']);
  ws.mergeCells('A1:D1');
  ws.addRow(['姓 名 *', '公民身份号码（必填）', ' 入党日期 ', '编号']);
  ws.addRow(['张三', '330203199001011234', new Date(Date.UTC(2019, 6, 1)), '0012']);
  ws.addRow(['\u3000李四 ', '３３０２０３１９９００１０１１２３４', 43647, 12]);
  ws.addRow([]);
  ws.addRow([null, '  ', '\u3000']); // only blanks: skipped
  ws.addRow([{ richText: [{ text: '王' }, { text: '五', font: { bold: true } }] }, 'x', '2019.07.01', null]);
  ws.addRow(['赵六', 'y', '2019年7月1日', { formula: '"00"&"13"', result: '0013' }]);
  const dated = ws.getCell('C3');
  dated.numFmt = 'yyyy"年"m"月"d"日"';
  return toBuffer(wb);
}

describe('readSheetRows', () => {
  it('finds the header under a title row and reads messy cells', async () => {
    const sheet = await readSheetRows(await messyWorkbook(), {
      sheet: ['党员名册', '名册'],
      columns: COLUMNS,
    });
    expect(sheet.sheetName).toBe('名册');
    expect(sheet.headerRow).toBe(2);
    expect(sheet.missingColumns).toEqual([]);
    const rows = await collect(sheet.rows);
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 7, 8]);
    expect(rows.map((r) => normalizeText(r.cells.name))).toEqual(['张三', '李四', '王五', '赵六']);
    expect(normalizeText(rows[1]?.cells.idNumber)).toBe('330203199001011234');
    expect(rows[0]?.cells.joinedOn).toBeInstanceOf(Date);
    expect(rows.map((r) => parseDateCell(r.cells.joinedOn))).toEqual(
      Array(4).fill({ ok: true, value: '2019-07-01' }),
    );
    expect(rows.map((r) => normalizeText(r.cells.code))).toEqual(['0012', '12', null, '0013']);
  });

  it('reports required columns that the header lacks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['姓名', '编号', '入党日期']);
    ws.addRow(['张三', 'A1', '2019-07-01']);
    const sheet = await readSheetRows(await toBuffer(wb), { sheet: '名册', columns: COLUMNS });
    expect(sheet.sheetName).toBe('Sheet1'); // the only sheet is used when the name does not match
    expect(sheet.missingColumns).toEqual(['身份证号']);
    const rows = await collect(sheet.rows);
    expect(rows).toEqual([
      { rowNumber: 2, cells: { name: '张三', idNumber: null, joinedOn: '2019-07-01', code: 'A1' } },
    ]);
  });

  it('refuses a workbook without the sheet, naming the sheets it has', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('甲').addRow(['姓名']);
    wb.addWorksheet('乙').addRow(['姓名']);
    const error = await readSheetRows(await toBuffer(wb), { sheet: '名册', columns: COLUMNS }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SpreadsheetError);
    expect(error.code).toBe('spreadsheet.sheet_missing');
    expect(error.message).toBe('未找到工作表“名册”（文件中的工作表：甲、乙）');
  });

  it('refuses a sheet without a recognisable header in its first ten rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    for (let i = 0; i < 12; i++) ws.addRow([`说明第 ${i} 行`]);
    ws.addRow(['姓名', '身份证号']);
    const error = await readSheetRows(await toBuffer(wb), { sheet: '名册', columns: COLUMNS }).catch(
      (e) => e,
    );
    expect(error.code).toBe('spreadsheet.header_not_found');
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('名册');
    const error2 = await readSheetRows(await toBuffer(empty), { sheet: '名册', columns: COLUMNS }).catch(
      (e) => e,
    );
    expect(error2.code).toBe('spreadsheet.header_not_found');
  });

  it('refuses non-workbooks before parsing', async () => {
    const error = await readSheetRows(Buffer.from('d0cf11e0a1b11ae1'.padEnd(1024, '0'), 'hex'), {
      sheet: '名册',
      columns: COLUMNS,
    }).catch((e) => e);
    expect(error.code).toBe('spreadsheet.xls_unsupported');
  });

  it('reads a workbook whose parts come in another order (sheets read straight from the zip)', async () => {
    const parts = extractZip(await messyWorkbook());
    const first = [
      '[Content_Types].xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
    ];
    const reordered = [
      ...first.map((name) => parts.find((p) => p.name === name)),
      ...parts.filter((p) => !first.includes(p.name)),
    ].filter((p) => p !== undefined);
    const sheet = await readSheetRows(buildZip(reordered), { sheet: '名册', columns: COLUMNS });
    expect((await collect(sheet.rows)).length).toBe(4);
  });

  it('streams 20,000 rows and keeps codes and ID numbers exact', async () => {
    const count = 20_000;
    const buf = await writeWorkbook([
      {
        name: '名册',
        columns: [...COLUMNS],
        rows: Array.from({ length: count }, (_, i) => ({
          name: `党员${i}`,
          idNumber: `33020319900101${String(i % 10_000).padStart(4, '0')}`,
          joinedOn: '2019-07-01',
          code: String(i).padStart(6, '0'),
        })),
      },
    ]);
    const sheet = await readSheetRows(buf, { sheet: '名册', columns: COLUMNS });
    let n = 0;
    for await (const row of sheet.rows) {
      expect(row.cells.code).toBe(String(n).padStart(6, '0'));
      expect(row.rowNumber).toBe(n + 2);
      n++;
    }
    expect(n).toBe(count);
  }, 60_000);

  it('releases its resources when the caller stops early', async () => {
    const buf = await writeWorkbook([
      {
        name: '名册',
        columns: [...COLUMNS],
        rows: Array.from({ length: 3_000 }, (_, i) => ({ name: `n${i}` })),
      },
      { name: '其他', columns: [{ key: 'a', header: 'A' }], rows: [{ a: 1 }] },
    ]);
    const fds = () => readdirSync('/proc/self/fd').length;
    const tempFiles = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;
    const before = fds();
    for (let round = 0; round < 5; round++) {
      const sheet = await readSheetRows(buf, { sheet: '名册', columns: COLUMNS });
      for await (const row of sheet.rows) {
        if (row.rowNumber > 10) break;
      }
      const unread = await readSheetRows(buf, { sheet: '名册', columns: COLUMNS });
      await unread.close();
    }
    // exceljs's temp files are closed and unlinked asynchronously once released.
    await expect.poll(fds, { timeout: 3_000 }).toBeLessThanOrEqual(before + 1);
    await expect.poll(tempFiles, { timeout: 3_000 }).toBe(0);
  }, 60_000);
});

describe('readWorkbook', () => {
  const unitColumns = [
    { key: 'code', header: '单位代码', required: true },
    { key: 'name', header: '单位名称', required: true },
  ] as const;
  const orgColumns = [
    { key: 'code', header: '组织代码', required: true },
    { key: 'parentCode', header: '上级组织代码' },
  ] as const;

  it('reads several sheets in one pass; a missing optional sheet is null', async () => {
    const wb = new ExcelJS.Workbook();
    const units = wb.addWorksheet('单位');
    units.addRow(['单位代码*', '单位名称*']);
    units.addRow(['001', '某某局']);
    const orgs = wb.addWorksheet('党组织');
    orgs.addRow(['填表说明：每行一个组织']);
    orgs.addRow(['组织代码', '上级组织代码']);
    orgs.addRow(['001001', '001']);
    orgs.addRow(['001002', '001']);
    const result = await readWorkbook(await toBuffer(wb), {
      units: { sheet: '单位', columns: unitColumns },
      orgs: { sheet: ['党组织', '组织'], columns: orgColumns },
      departments: { sheet: '业务部门', columns: [{ key: 'code', header: '部门代码' }], optional: true },
    });
    expect(result.units?.rows).toEqual([{ rowNumber: 2, cells: { code: '001', name: '某某局' } }]);
    expect(result.orgs?.headerRow).toBe(2);
    expect(result.orgs?.rows.map((r) => r.cells.code)).toEqual(['001001', '001002']);
    expect(result.departments).toBeNull();
  });

  it('refuses a missing required sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('党组织').addRow(['组织代码']);
    const error = await readWorkbook(await toBuffer(wb), {
      units: { sheet: '单位', columns: unitColumns },
      orgs: { sheet: '党组织', columns: orgColumns },
    }).catch((e) => e);
    expect(error.code).toBe('spreadsheet.sheet_missing');
  });
});

describe('listSheetNames', () => {
  it('lists sheets in workbook order, with XML entities decoded', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('单位');
    wb.addWorksheet('R&D <1>');
    wb.addWorksheet('隐藏', { state: 'hidden' });
    expect(await listSheetNames(await toBuffer(wb))).toEqual(['单位', 'R&D <1>', '隐藏']);
  });
});
