import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { normalizeText, parseDateCell } from './cells.ts';
import { type DataRow, readSheetRows, readWorkbook } from './read.ts';
import { type ColumnSpec, type SheetSpec, writeTemplate, writeWorkbook } from './write.ts';

const COLUMNS = [
  { key: 'code', header: '编号', required: true, note: '6 位数字，保留前导零' },
  { key: 'name', header: '名称', required: true, width: 30 },
  { key: 'idNumber', header: '身份证号' },
  { key: 'since', header: '起始日期', type: 'date' },
  { key: 'count', header: '人数', type: 'integer' },
  { key: 'kind', header: '类别', list: ['甲类', '乙类', '丙类'] },
] as const satisfies readonly ColumnSpec[];

type Key = (typeof COLUMNS)[number]['key'];

const ROWS = [
  {
    code: '0012',
    name: '第一组',
    idNumber: '330203199001011234',
    since: new Date(Date.UTC(2019, 6, 1)),
    count: 12,
  },
  {
    code: '000000',
    name: ' 第二组',
    idNumber: '11010519491231002X',
    since: '2019年7月1日',
    count: '7',
    kind: '乙类',
  },
  {
    code: '0099',
    name: 'R&D <组> &lt;',
    idNumber: null,
    since: new Date(2020, 1, 29),
    count: null,
    kind: '甲类',
  },
];

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function collect<K extends string>(rows: AsyncIterable<DataRow<K>>): Promise<DataRow<K>[]> {
  const out: DataRow<K>[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

function validations(ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation> {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
    .dataValidations.model;
}

describe('writeWorkbook', () => {
  const sheet: SheetSpec = { name: '名单', columns: COLUMNS, rows: ROWS };

  for (const streaming of [false, true]) {
    describe(streaming ? 'streaming writer' : 'in-memory writer', () => {
      it('round-trips codes with leading zeros, 18-digit IDs and dates exactly', async () => {
        const buf = await writeWorkbook([sheet], { streaming });
        const read = await readSheetRows<Key>(buf, { sheet: '名单', columns: COLUMNS });
        expect(read.missingColumns).toEqual([]);
        const rows = await collect(read.rows);
        expect(rows.map((r) => r.cells.code)).toEqual(['0012', '000000', '0099']);
        expect(rows.map((r) => r.cells.idNumber)).toEqual(['330203199001011234', '11010519491231002X', null]);
        // Dates are text cells holding YYYY-MM-DD, whatever form they were given in.
        expect(rows.map((r) => r.cells.since)).toEqual(['2019-07-01', '2019-07-01', '2020-02-29']);
        expect(rows.map((r) => parseDateCell(r.cells.since).ok)).toEqual([true, true, true]);
        expect(rows.map((r) => r.cells.count)).toEqual([12, 7, null]);
        expect(rows.map((r) => normalizeText(r.cells.name))).toEqual(['第一组', '第二组', 'R&D <组> &lt;']);
      });

      it('formats the header, text cells, comments and drop-downs', async () => {
        const buf = await writeWorkbook([{ ...sheet, intro: '请按要求填写。\n带 * 的为必填项。' }], {
          streaming,
        });
        const ws = (await load(buf)).getWorksheet('名单');
        if (!ws) throw new Error('sheet missing');
        expect(ws.getCell('A1').value).toBe('请按要求填写。\n带 * 的为必填项。');
        expect(ws.getCell('A1').isMerged && ws.getCell('F1').isMerged).toBe(true);
        expect(ws.getRow(2).values).toEqual([
          undefined,
          '编号*',
          '名称*',
          '身份证号',
          '起始日期',
          '人数',
          '类别',
        ]);
        expect(ws.getCell('A2').font?.bold).toBe(true);
        expect(ws.getCell('A2').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
        expect(ws.getCell('A2').note).toBe('6 位数字，保留前导零');
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
        expect(ws.autoFilter).toBeTruthy();
        expect(ws.getCell('A3').numFmt).toBe('@');
        expect(ws.getCell('C3').numFmt).toBe('@');
        expect(ws.getCell('D3').value).toBe('2019-07-01');
        expect(ws.getCell('E3').value).toBe(12);
        const dv = Object.entries(validations(ws)).find(([, v]) => v?.type === 'list');
        expect(dv?.[1].formulae).toEqual(['"甲类,乙类,丙类"']);
        expect(dv?.[0]).toMatch(/^F3(:F1005)?$/);
      });
    });
  }

  it('uses the streaming writer above 5,000 rows and stays readable', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => ({
      code: String(i).padStart(6, '0'),
      name: `n${i}`,
    }));
    const buf = await writeWorkbook([{ name: '名单', columns: COLUMNS, rows }]);
    const wb = await load(buf);
    expect(wb.getWorksheet('名单')?.getCell('A6001').value).toBe('005999');
    const read = await readWorkbook(buf, { list: { sheet: '名单', columns: COLUMNS } });
    expect(read.list?.rows.length).toBe(6_000);
    expect(read.list?.rows.at(-1)?.cells.code).toBe('005999');
  });

  it('puts long lists on a hidden sheet', async () => {
    const list = Array.from({ length: 80 }, (_, i) => `第${i}个选项`);
    const buf = await writeWorkbook([
      { name: '名单', columns: [{ key: 'a', header: 'A', list }], rows: [] },
      { name: '其他', columns: [{ key: 'b', header: 'B', list: ['1,2', '3'] }], rows: [] },
    ]);
    const wb = await load(buf);
    const lists = wb.getWorksheet('_lists');
    expect(lists?.state).toBe('veryHidden');
    expect(lists?.getCell('A80').value).toBe('第79个选项');
    expect(lists?.getCell('B1').value).toBe('1,2');
    const ws = wb.getWorksheet('名单');
    const formulae = Object.values(ws ? validations(ws) : {}).map((v) => v.formulae[0]);
    expect(formulae).toContain("'_lists'!$A$1:$A$80");
  });
});

describe('writeTemplate', () => {
  it('adds a 说明 sheet describing every column and keeps data sheets empty', async () => {
    const buf = await writeTemplate([
      { name: '名单', columns: [...COLUMNS, { key: 'x', header: '备注', example: '无' }] },
    ]);
    const wb = await load(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['名单', '说明']);
    const help = wb.getWorksheet('说明');
    expect(help?.getRow(1).values).toEqual([
      undefined,
      '工作表',
      '列名',
      '是否必填',
      '格式',
      '可选值',
      '说明',
      '示例',
    ]);
    const described = (help?.getSheetValues() ?? [])
      .slice(2)
      .map((row) => Array.from({ length: 6 }, (_, i) => (row as unknown[])[i + 2] ?? null));
    expect(described).toContainEqual(['编号', '必填', '文本', null, '6 位数字，保留前导零', null]);
    expect(described).toContainEqual([
      '起始日期',
      '选填',
      '日期，如 2019-07-01 或 2019年7月1日',
      null,
      null,
      null,
    ]);
    expect(described).toContainEqual(['类别', '选填', '从下拉列表中选择', '甲类、乙类、丙类', null, null]);
    expect(described).toContainEqual(['备注', '选填', '文本', null, null, '无']);
    const data = wb.getWorksheet('名单');
    expect(Object.values(data ? validations(data) : {}).some((v) => v.type === 'list')).toBe(true);
    // Typed-in values stay text: the whole column is formatted as text.
    expect(data?.getColumn(1).numFmt).toBe('@');

    const read = await readSheetRows(buf, { sheet: '名单', columns: COLUMNS });
    expect(read.headerRow).toBe(2);
    expect(read.missingColumns).toEqual([]);
    expect(await collect(read.rows)).toEqual([]);
  });

  it('is found by the single-sheet fallback even with its 说明 sheet', async () => {
    const buf = await writeTemplate([
      { name: '名单', columns: COLUMNS, rows: [{ code: '0001', name: 'a' }] },
    ]);
    const read = await readSheetRows(buf, { sheet: '其他名字', columns: COLUMNS });
    expect(read.sheetName).toBe('名单');
    expect((await collect(read.rows)).map((r) => r.cells.code)).toEqual(['0001']);
  });
});

describe('sheets meant for paper', () => {
  it('keeps the print layout, wraps long text and gives each row the height its wrapped text needs', async () => {
    const buf = await writeWorkbook([
      {
        name: '清单',
        columns: [
          { key: 'no', header: '序号', type: 'integer' },
          { key: 'text', header: '内容', width: 11, wrap: true },
        ],
        rows: [
          { no: 1, text: '短' },
          // 12 Chinese characters in a column 11 wide (10 usable, 2 a character): 3 lines; a second paragraph: 4.
          { no: 2, text: '一二三四五六七八九十一二\n第二段' },
        ],
        print: {
          pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '1:1' },
        },
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('清单');
    if (!ws) throw new Error('no sheet');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
    expect(ws.getCell('B3').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('A3').alignment).toMatchObject({ vertical: 'top' });
    expect(ws.getRow(2).height).toBeUndefined();
    expect(ws.getRow(3).height).toBe(60);
  });
});
