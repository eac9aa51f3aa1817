/**
 * Reading import sheets. The workbook is streamed with exceljs's WorkbookReader, so memory stays flat for
 * 100,000-row files; only the first rows are buffered to find the header row (title rows above it are common).
 *
 * readSheetRows streams one sheet: iterate `rows` to the end, or break out of the loop / call close() — until then
 * exceljs may hold temporary files. readWorkbook reads several sheets of one workbook in a single pass and returns
 * their rows as arrays (meant for small multi-sheet workbooks).
 */
import { normalizeText } from './cells.ts';
import { SpreadsheetError } from './errors.ts';
import { type RawRow, rowsOf, withTransientRetry } from './row-stream.ts';
import { ensureUtf8SafeWorkbookReader } from './utf8-stream.ts';
import { readSheetInfo, type SheetInfo } from './workbook-xml.ts';
import { verifyXlsxBuffer, type ZipLimits } from './zip-guard.ts';

// exceljs's streaming reader splits multi-byte characters across chunks; see utf8-stream.ts.
ensureUtf8SafeWorkbookReader();

/** Name of the instructions sheet that writeTemplate adds; never taken for a data sheet. */
export const INSTRUCTIONS_SHEET = '说明';
const HEADER_SCAN_ROWS = 10;

export type ReadColumn<K extends string = string> = {
  key: K;
  header: string;
  aliases?: readonly string[];
  required?: boolean;
};

export type ReadSpec<K extends string = string> = {
  /** Accepted sheet names. When none is found and the workbook has a single data sheet, that sheet is used. */
  sheet: string | readonly string[];
  columns: readonly ReadColumn<K>[];
  /** readWorkbook only: a missing or empty optional sheet gives null instead of an error. */
  optional?: boolean;
};

export type DataRow<K extends string = string> = {
  /** The row number Excel shows. */
  rowNumber: number;
  /** Raw exceljs values; null for empty cells and for columns the file does not have. */
  cells: Record<K, unknown>;
};

export type SheetRead<R> = {
  sheetName: string;
  headerRow: number;
  /** Headers of required columns that the header row lacks. */
  missingColumns: string[];
  rows: R;
};

export type SheetStream<K extends string> = SheetRead<AsyncIterable<DataRow<K>>> & {
  /** Releases the reader when rows are not read to the end. Safe to call more than once. */
  close(): Promise<void>;
};

export type ReadOptions = { limits?: Partial<ZipLimits> };

type Header<K extends string> = { rowNumber: number; columnOf: Map<K, number>; missing: string[] };

const matchKey = (value: unknown) =>
  (normalizeText(value) ?? '')
    .replace(/\s+/g, '')
    .replace(/\(必填\)/g, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();

export async function listSheetNames(buf: Buffer, options: ReadOptions = {}): Promise<string[]> {
  const entries = await verifyXlsxBuffer(buf, options.limits);
  return readSheetInfo(buf, entries).map((s) => s.name);
}

function findSheet(
  spec: ReadSpec,
  sheets: readonly SheetInfo[],
  allowSingleFallback: boolean,
): SheetInfo | null {
  const wanted = new Set((typeof spec.sheet === 'string' ? [spec.sheet] : spec.sheet).map(matchKey));
  const found = sheets.find((s) => s.readerName !== null && wanted.has(matchKey(s.name)));
  if (found) return found;
  const data = sheets.filter(
    (s) => s.readerName !== null && !s.hidden && matchKey(s.name) !== INSTRUCTIONS_SHEET,
  );
  return allowSingleFallback && data.length === 1 ? (data[0] ?? null) : null;
}

function sheetMissing(spec: ReadSpec, sheets: readonly SheetInfo[]): SpreadsheetError {
  const name = typeof spec.sheet === 'string' ? spec.sheet : (spec.sheet[0] ?? '');
  const present = sheets.map((s) => s.name).join('、');
  return new SpreadsheetError(
    'spreadsheet.sheet_missing',
    `未找到工作表“${name}”（文件中的工作表：${present}）`,
  );
}

const headerNotFound = (sheet: string) =>
  new SpreadsheetError(
    'spreadsheet.header_not_found',
    `工作表“${sheet}”的前 ${HEADER_SCAN_ROWS} 行中没有找到表头，请使用导入模板填写`,
  );

function matchHeader<K extends string>(values: readonly unknown[], columns: readonly ReadColumn<K>[]) {
  const columnOf = new Map<K, number>();
  values.forEach((value, col) => {
    const key = matchKey(value);
    if (key === '') return;
    const column = columns.find(
      (c) => !columnOf.has(c.key) && [c.header, ...(c.aliases ?? [])].some((h) => matchKey(h) === key),
    );
    if (column) columnOf.set(column.key, col);
  });
  return columnOf;
}

/**
 * The first scanned row holding at least half of the known headers (or all required ones, when there are fewer);
 * failing that, the row matching the most, so that missingColumns can tell the user what is wrong.
 */
function pickHeader<K extends string>(head: readonly RawRow[], columns: readonly ReadColumn<K>[]) {
  const required = columns.filter((c) => c.required).length;
  const half = Math.ceil(columns.length / 2);
  const threshold = Math.max(1, required > 0 ? Math.min(half, required) : half);
  let best: { index: number; columnOf: Map<K, number> } | null = null;
  for (const [index, row] of head.entries()) {
    const columnOf = matchHeader(row.values, columns);
    if (columnOf.size >= threshold) return { index, columnOf };
    if (columnOf.size > 0 && (!best || columnOf.size > best.columnOf.size)) best = { index, columnOf };
  }
  return best;
}

function settleHeader<K extends string>(
  head: readonly RawRow[],
  columns: readonly ReadColumn<K>[],
  sheet: string,
) {
  const picked = pickHeader(head, columns);
  const headerRaw = picked ? head[picked.index] : undefined;
  if (!picked || !headerRaw) throw headerNotFound(sheet);
  const missing = columns.filter((c) => c.required && !picked.columnOf.has(c.key)).map((c) => c.header);
  const header: Header<K> = { rowNumber: headerRaw.number, columnOf: picked.columnOf, missing };
  return { header, rest: head.slice(picked.index + 1) };
}

function toDataRow<K extends string>(raw: RawRow, header: Header<K>, columns: readonly ReadColumn<K>[]) {
  const cells = {} as Record<K, unknown>;
  let empty = true;
  for (const { key } of columns) {
    const col = header.columnOf.get(key);
    const value = col === undefined ? null : (raw.values[col] ?? null);
    if (normalizeText(value) !== null) empty = false;
    cells[key] = value;
  }
  return empty ? null : { rowNumber: raw.number, cells };
}

/** Streams the data rows of one sheet. Rows whose known columns are all empty are skipped. */
export async function readSheetRows<K extends string>(
  input: Buffer,
  spec: ReadSpec<K>,
  options: ReadOptions = {},
): Promise<SheetStream<K>> {
  const sheets = readSheetInfo(input, await verifyXlsxBuffer(input, options.limits));
  const sheet = findSheet(spec, sheets, true);
  if (!sheet?.readerName) throw sheetMissing(spec, sheets);
  const source = rowsOf(input, new Set([sheet.readerName]));
  const close = async () => {
    await source.return(undefined);
  };
  const head: RawRow[] = [];
  let settled: { header: Header<K>; rest: RawRow[] };
  try {
    while (head.length < HEADER_SCAN_ROWS) {
      const next = await source.next();
      if (next.done) break;
      head.push(next.value.raw);
    }
    settled = settleHeader(head, spec.columns, sheet.name);
  } catch (error) {
    await close();
    throw error;
  }
  const { header, rest } = settled;
  async function* rows(): AsyncGenerator<DataRow<K>> {
    try {
      for (const raw of rest) {
        const row = toDataRow(raw, header, spec.columns);
        if (row) yield row;
      }
      for await (const { raw } of source) {
        const row = toDataRow(raw, header, spec.columns);
        if (row) yield row;
      }
    } finally {
      await close();
    }
  }
  return {
    sheetName: sheet.name,
    headerRow: header.rowNumber,
    missingColumns: header.missing,
    rows: rows(),
    close,
  };
}

type KeysOf<S> = S extends ReadSpec<infer K> ? K : never;
export type WorkbookRead<M extends Record<string, ReadSpec>> = {
  [P in keyof M]: SheetRead<DataRow<KeysOf<M[P]>>[]> | null;
};

/**
 * Reads several sheets of one workbook in one pass, e.g. { units: {sheet:'单位',…}, orgs: {sheet:'党组织',…} }.
 * A missing or empty sheet gives null when its spec is optional and an error otherwise. The single-sheet fallback
 * applies only when exactly one spec is given.
 */
export function readWorkbook<M extends Record<string, ReadSpec>>(
  input: Buffer,
  specs: M,
  options: ReadOptions = {},
): Promise<WorkbookRead<M>> {
  return withTransientRetry(() => readWorkbookOnce(input, specs, options));
}

async function readWorkbookOnce<M extends Record<string, ReadSpec>>(
  input: Buffer,
  specs: M,
  options: ReadOptions,
): Promise<WorkbookRead<M>> {
  const sheets = readSheetInfo(input, await verifyXlsxBuffer(input, options.limits));
  const ids = Object.keys(specs) as (keyof M & string)[];
  type Collector = {
    id: keyof M;
    spec: ReadSpec;
    sheet: SheetInfo;
    head: RawRow[];
    header: Header<string> | null;
  };
  const collectors: Collector[] = [];
  const result = {} as Record<keyof M, SheetRead<DataRow[]> | null>;
  for (const id of ids) {
    const spec = specs[id] as ReadSpec;
    const sheet = findSheet(spec, sheets, ids.length === 1);
    result[id] = null;
    if (sheet?.readerName) collectors.push({ id, spec, sheet, head: [], header: null });
    else if (!spec.optional) throw sheetMissing(spec, sheets);
  }
  const settle = (c: Collector) => {
    const { header, rest } = settleHeader(c.head, c.spec.columns, c.sheet.name);
    c.header = header;
    c.head = [];
    const read: SheetRead<DataRow[]> = {
      sheetName: c.sheet.name,
      headerRow: header.rowNumber,
      missingColumns: header.missing,
      rows: [],
    };
    result[c.id] = read;
    for (const raw of rest) push(c, raw);
  };
  const push = (c: Collector, raw: RawRow) => {
    const row = c.header ? toDataRow(raw, c.header, c.spec.columns) : null;
    if (row) result[c.id]?.rows.push(row);
  };
  const wanted = new Set(collectors.map((c) => c.sheet.readerName ?? ''));
  for await (const { sheet, raw } of rowsOf(input, wanted)) {
    for (const c of collectors) {
      if (c.sheet.readerName !== sheet) continue;
      if (c.header) push(c, raw);
      else {
        c.head.push(raw);
        if (c.head.length >= HEADER_SCAN_ROWS) settle(c);
      }
    }
  }
  for (const c of collectors) {
    if (c.header) continue;
    if (c.head.length > 0) settle(c);
    else if (!c.spec.optional) throw headerNotFound(c.sheet.name);
  }
  return result as WorkbookRead<M>;
}
