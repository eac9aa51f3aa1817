/**
 * Writing export files and import templates. Every sheet gets: an optional intro row merged across the columns,
 * a bold, filled, frozen header row with an auto-filter, '*' after required headers, header notes as cell
 * comments, drop-down lists as data validation. Text and date columns are formatted as text ('@') so that codes
 * keep leading zeros, long ID numbers stay exact and dates come back as typed: export → import is lossless.
 *
 * Above STREAMING_THRESHOLD rows in total, exceljs's streaming WorkbookWriter is used. It supports everything above
 * (comments, merges, validation, frozen panes, auto-filter) and writes rows as they are committed instead of
 * building the whole sheet in memory; the output reads back the same.
 */
import { Writable } from 'node:stream';
import ExcelJS, { type AddWorksheetOptions, type DataValidation, type Worksheet } from 'exceljs';
import { normalizeText, parseDateCell } from './cells.ts';
import { INSTRUCTIONS_SHEET } from './read.ts';

export type ColumnType = 'text' | 'date' | 'integer';

export type ColumnSpec = {
  key: string;
  header: string;
  width?: number;
  required?: boolean;
  /** Shown as a comment on the header cell and in the 说明 sheet. */
  note?: string;
  /** Allowed values: a drop-down on the column. */
  list?: readonly string[];
  /** Default 'text'. */
  type?: ColumnType;
  /** Ignored when writing; present so that one column definition can serve read.ts too. */
  aliases?: readonly string[];
  /** Example value for the 说明 sheet of a template. */
  example?: string;
  /** Long text wraps within the column's width (exports meant to be printed), top-aligned. */
  wrap?: boolean;
};

export type SheetSpec = {
  name: string;
  columns: readonly ColumnSpec[];
  rows: readonly Record<string, unknown>[];
  /** A first row explaining how to fill the sheet, merged across the columns. */
  intro?: string;
  /** Print layout of an export meant for paper: orientation, fit to width, rows repeated on each page, footer. */
  print?: Partial<Pick<AddWorksheetOptions, 'pageSetup' | 'headerFooter'>>;
};

export type TemplateSheetSpec = Omit<SheetSpec, 'rows'> & { rows?: readonly Record<string, unknown>[] };

export const STREAMING_THRESHOLD = 5_000;
/** Drop-downs reach this many rows below the last written row, so that new rows typed in get them too. */
export const VALIDATION_EXTRA_ROWS = 1_000;
const LISTS_SHEET = '_lists';
const HEADER_FILL = 'FFDDEBF7';
const TEXT = '@';
const WRAP = { wrapText: true, vertical: 'top' } as const;
const TOP = { vertical: 'top' } as const;

export type WriteOptions = { streaming?: boolean };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A JS Date meant as a calendar day may come as UTC midnight (exceljs, most code) or local midnight (pg's DATE
 * parser); the day is read in whichever of the two it matches, UTC otherwise.
 */
function dayOf(d: Date): string {
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
  const utcMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  if (localMidnight && !utcMidnight)
    return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function cellValue(value: unknown, type: ColumnType): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'date') {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dayOf(value);
    const parsed = parseDateCell(value);
    return parsed.ok ? parsed.value : normalizeText(value);
  }
  if (type === 'integer') {
    if (typeof value === 'number') return value;
    const text = normalizeText(value);
    return text !== null && /^-?\d{1,15}$/.test(text) ? Number(text) : text;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return dayOf(value);
  return normalizeText(value);
}

function columnLetter(n: number): string {
  let s = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26))
    s = String.fromCharCode(65 + ((rest - 1) % 26)) + s;
  return s;
}

const defaultWidth = (c: ColumnSpec) => Math.min(40, Math.max(10, [...c.header].length * 2 + 4));

const LINE_HEIGHT = 15;
/**
 * The lines a wrapped cell takes at a column width (in Excel's character units; a Chinese character takes two).
 * Rows get the height their wrapped text needs: Excel, WPS and LibreOffice keep the stored height of a row they read.
 */
function wrappedLines(value: string | number | null, width: number): number {
  if (value === null) return 1;
  const room = Math.max(1, width - 1);
  return String(value)
    .split('\n')
    .reduce((n, line) => {
      const units = [...line].reduce((u, ch) => u + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
      return n + Math.max(1, Math.ceil(units / room));
    }, 0);
}

type ListSink = { values: string[][] };

/** Excel limits a literal list to 255 characters and cannot escape commas in it; longer lists go to a sheet. */
function listFormula(list: readonly string[], sink: ListSink): string {
  const literal = list.join(',');
  if (literal.length <= 250 && !list.some((v) => v.includes(',') || v.includes('"'))) return `"${literal}"`;
  sink.values.push([...list]);
  const col = columnLetter(sink.values.length);
  return `'${LISTS_SHEET}'!$${col}$1:$${col}$${Math.max(list.length, 1)}`;
}

function addValidation(ws: Worksheet, range: string, validation: DataValidation): void {
  // dataValidations exists on both Worksheet and the streaming WorksheetWriter but is missing from the typings.
  (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations.add(
    range,
    validation,
  );
}

function writeSheet(wb: ExcelJS.Workbook, sheet: SheetSpec, lists: ListSink, streaming: boolean): void {
  const headerRow = sheet.intro ? 2 : 1;
  const count = sheet.columns.length;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: headerRow }], ...sheet.print });
  ws.columns = sheet.columns.map((c) => ({
    key: c.key,
    width: c.width ?? defaultWidth(c),
    style: { numFmt: c.type === 'integer' ? '0' : TEXT, ...(c.wrap ? { alignment: WRAP } : {}) },
  }));

  if (sheet.intro) {
    const row = ws.addRow([sheet.intro]);
    row.height = Math.max(30, sheet.intro.split('\n').length * 16 + 8);
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    if (count > 1) ws.mergeCells(1, 1, 1, count);
    row.commit();
  }

  const header = ws.addRow(sheet.columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  header.height = 22;
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
    if (c.note) cell.note = c.note;
  });
  header.commit();
  if (count > 0)
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: count } };

  const wrapped = sheet.columns.some((c) => c.wrap);
  for (const record of sheet.rows) {
    const values = sheet.columns.map((c) => cellValue(record[c.key], c.type ?? 'text'));
    const row = ws.addRow(values);
    sheet.columns.forEach((c, i) => {
      row.getCell(i + 1).numFmt = c.type === 'integer' ? '0' : TEXT;
      if (c.wrap) row.getCell(i + 1).alignment = WRAP;
      else if (wrapped) row.getCell(i + 1).alignment = TOP;
    });
    if (wrapped) {
      const lines = Math.max(
        1,
        ...sheet.columns.map((c, i) =>
          c.wrap ? wrappedLines(values[i] ?? null, c.width ?? defaultWidth(c)) : 1,
        ),
      );
      if (lines > 1) row.height = Math.min(409, lines * LINE_HEIGHT);
    }
    row.commit();
  }

  const lastRow = headerRow + sheet.rows.length + VALIDATION_EXTRA_ROWS;
  sheet.columns.forEach((c, i) => {
    if (!c.list || c.list.length === 0) return;
    const col = columnLetter(i + 1);
    addValidation(ws, `${col}${headerRow + 1}:${col}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [listFormula(c.list, lists)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '无效的值',
      error: '请从下拉列表中选择',
    });
  });
  // Only the streaming WorksheetWriter has commit(), although the typings put it on every Worksheet.
  if (streaming) ws.commit();
}

function writeLists(wb: ExcelJS.Workbook, lists: ListSink, streaming: boolean): void {
  if (lists.values.length === 0) return;
  const ws = wb.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
  const height = Math.max(...lists.values.map((l) => l.length));
  for (let r = 0; r < height; r++) {
    ws.addRow(lists.values.map((l) => l[r] ?? null)).commit();
  }
  if (streaming) ws.commit();
}

export async function writeWorkbook(
  sheets: readonly SheetSpec[],
  options: WriteOptions = {},
): Promise<Buffer> {
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  const lists: ListSink = { values: [] };
  if (!(options.streaming ?? total > STREAMING_THRESHOLD)) {
    const wb = new ExcelJS.Workbook();
    for (const sheet of sheets) writeSheet(wb, sheet, lists, false);
    writeLists(wb, lists, false);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // Shared strings, not inline ones: exceljs's streaming reader decodes inline strings twice, so a cell holding
  // the text "&lt;" would come back as "<". The table costs memory per distinct string only.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  for (const sheet of sheets) writeSheet(wb, sheet, lists, true);
  writeLists(wb, lists, true);
  await wb.commit();
  return Buffer.concat(chunks);
}

const TYPE_TEXT: Record<ColumnType, string> = {
  text: '文本',
  date: '日期，如 2019-07-01 或 2019年7月1日',
  integer: '整数',
};

/**
 * An import template: the given sheets with their headers (and rows, normally none) plus a 说明 sheet listing
 * every column — required or not, format, allowed values, note and example. Example values live only in the 说明
 * sheet, not as a row in the data sheet, because a forgotten example row would be imported as real data.
 */
export function writeTemplate(sheets: readonly TemplateSheetSpec[]): Promise<Buffer> {
  const dataSheets: SheetSpec[] = sheets.map((s) => ({
    ...s,
    rows: s.rows ?? [],
    intro: s.intro ?? `带 * 的列为必填项；填写要求见“${INSTRUCTIONS_SHEET}”工作表。`,
  }));
  const instructions: SheetSpec = {
    name: INSTRUCTIONS_SHEET,
    columns: [
      { key: 'sheet', header: '工作表', width: 14 },
      { key: 'column', header: '列名', width: 18 },
      { key: 'required', header: '是否必填', width: 10 },
      { key: 'format', header: '格式', width: 30 },
      { key: 'values', header: '可选值', width: 36 },
      { key: 'note', header: '说明', width: 40 },
      { key: 'example', header: '示例', width: 20 },
    ],
    rows: sheets.flatMap((s) =>
      s.columns.map((c) => ({
        sheet: s.name,
        column: c.header,
        required: c.required ? '必填' : '选填',
        format: c.list?.length ? '从下拉列表中选择' : TYPE_TEXT[c.type ?? 'text'],
        values: c.list?.join('、') ?? '',
        note: c.note ?? '',
        example: c.example ?? '',
      })),
    ),
  };
  return writeWorkbook([...dataSheets, instructions]);
}
