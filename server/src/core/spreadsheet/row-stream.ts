/**
 * The raw row source behind read.ts: exceljs's streaming WorkbookReader, yielding the non-empty rows of the wanted
 * sheets and nothing else, and releasing what exceljs holds (temp files, file streams) however it is left.
 *
 * exceljs reads a sheet straight from the zip when the shared strings and relationships came before it in the
 * file, and otherwise first copies it to a temporary file and reads it after the whole zip (Excel and exceljs
 * itself write sheets before the shared strings, so the second case is the common one).
 */
import { Readable } from 'node:stream';
import ExcelJS, { type Row } from 'exceljs';
import { normalizeText } from './cells.ts';
import { ExcelJsPatchError, SpreadsheetError } from './errors.ts';

/** A row with at least one value; values are 1-based as in exceljs (index = column number). */
export type RawRow = { number: number; values: readonly unknown[] };
type WorksheetHandle = { name: string; iterator?: unknown };

/**
 * What the reader handed over, checked for the private `iterator` field of exceljs 4.4.0's WorksheetReader that
 * release() and abandonSheet() rely on: without it skipped sheets would silently keep their temporary files.
 */
export function worksheetHandle<T extends object>(value: T): T & WorksheetHandle {
  if (!('iterator' in value)) throw new ExcelJsPatchError('WorksheetReader.iterator');
  return value as T & WorksheetHandle;
}

function toRaw(row: Row): RawRow | null {
  const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
  return values.some((v) => normalizeText(v) !== null) ? { number: row.number, values } : null;
}

/** Skips a sheet without reading it; exceljs hands deferred sheets over as open file streams. */
function release(ws: WorksheetHandle): void {
  if (ws.iterator instanceof Readable) {
    // exceljs may have deleted the temp file already: an ENOENT after destroy() must not become an uncaught error.
    ws.iterator.on('error', () => {});
    ws.iterator.destroy();
  }
}

/**
 * Rows (with at least one value) of the wanted sheets, in file order, tagged with the sheet's reader name. Stopping
 * early destroys the temp-file stream of the current sheet (or drains it when it is read straight from the zip)
 * and skips the remaining sheets, so that exceljs removes its temporary files.
 */
export async function* rowsOf(
  buf: Buffer,
  wanted: ReadonlySet<string>,
): AsyncGenerator<{ sheet: string; raw: RawRow }> {
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const row of rowsOfOnce(buf, wanted)) {
        yielded = true;
        yield row;
      }
      return;
    } catch (error) {
      // Nothing handed out yet, so reading again from the start is invisible to the caller.
      if (yielded || attempt >= READ_ATTEMPTS || !(error instanceof SpreadsheetError && error.transient))
        throw error;
    }
  }
}

export const READ_ATTEMPTS = 3;

/** Runs a whole read again when exceljs tripped over itself (see SpreadsheetError.transient). */
export async function withTransientRetry<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= READ_ATTEMPTS || !(error instanceof SpreadsheetError && error.transient)) throw error;
    }
  }
}

async function* rowsOfOnce(
  buf: Buffer,
  wanted: ReadonlySet<string>,
): AsyncGenerator<{ sheet: string; raw: RawRow }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed for exceljs to turn date-formatted numbers into Date values
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const ws = worksheetHandle(next.value as unknown as WorksheetHandle & AsyncIterable<Row>);
      if (!wanted.has(ws.name)) {
        release(ws);
        continue;
      }
      const rows = ws[Symbol.asyncIterator]();
      let sheetDone = false;
      try {
        for (let r = await rows.next(); !r.done; r = await rows.next()) {
          const raw = toRaw(r.value);
          if (raw) yield { sheet: ws.name, raw };
        }
        sheetDone = true;
      } finally {
        if (!sheetDone) await abandonSheet(ws, rows);
      }
    }
    finished = true;
  } catch (error) {
    if (error instanceof SpreadsheetError || error instanceof ExcelJsPatchError) throw error;
    const internal = error instanceof TypeError && /exceljs/.test(error.stack ?? '');
    throw new SpreadsheetError(
      'spreadsheet.corrupt',
      '文件内容无法解析，请用 Excel 重新保存为 .xlsx 后上传',
      {
        transient: internal,
      },
    );
  } finally {
    if (!finished) await skipRest(sheets);
  }
}

async function abandonSheet(ws: WorksheetHandle, rows: AsyncIterator<unknown>): Promise<void> {
  try {
    if (ws.iterator instanceof Readable) await rows.return?.();
    else for (let r = await rows.next(); !r.done; r = await rows.next());
  } catch {
    // Already failing or closing; nothing more to release.
  }
}

async function skipRest(sheets: AsyncIterator<unknown>): Promise<void> {
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      release(next.value as WorksheetHandle);
    }
  } catch {
    // The reader already failed; its temp files are left to tmp's exit cleanup.
  }
}
