/**
 * Streams one sheet of a file people made themselves: finds the header row by the fields' synonyms (title blocks
 * and blank rows above it are skipped), fills vertically merged cells (a branch name merged over its members) from
 * the sheet's merge list, and hands out the rows after the header as raw rows. Every few hundred rows it yields to
 * the event loop, so that a long read never holds up other requests; memory stays flat (exceljs streams, only the
 * first rows and the merge origins are kept).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import { SpreadsheetError } from './errors.ts';
import {
  columnsOf,
  detectHeaderRow,
  type HeaderMapping,
  type MappingField,
  type SheetColumn,
} from './mapping.ts';
import { INSTRUCTIONS_SHEET } from './read.ts';
import { type RawRow, READ_ATTEMPTS, rowsOf } from './row-stream.ts';
import { readSheetInfo, type SheetInfo } from './workbook-xml.ts';
import { verifyXlsxBuffer, type ZipEntry, type ZipLimits } from './zip-guard.ts';

export const MAPPED_HEADER_SCAN_ROWS = 30;
const YIELD_EVERY = 200;
/** Cells filled from merges at most; beyond this a sheet's merges are ignored (memory stays bounded). */
const MAX_MERGED_CELLS = 2_000_000;

export type MappedSheet = {
  sheetName: string;
  headerRow: number;
  columns: SheetColumn[];
  /** Rows after the header (non-empty ones), in order; merged cells carry their origin's value. */
  rows: AsyncGenerator<RawRow>;
  close(): Promise<void>;
};

type Range = { top: number; left: number; bottom: number; right: number };

function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m?.[1] || !m[2]) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** The sheet's <mergeCell ref="A3:A9"/> list, read by inflating the part in a stream (they come after the data). */
export function readMergeRanges(buf: Buffer, entry: ZipEntry | undefined): Promise<Range[]> {
  if (!entry) return Promise.resolve([]);
  const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const ranges: Range[] = [];
  const scan = (text: string) => {
    for (const m of text.matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref\s*=\s*"([A-Z$]+\d+):([A-Z$]+\d+)"/gi)) {
      const a = cellRef(m[1] ?? '');
      const b = cellRef(m[2] ?? '');
      if (a && b)
        ranges.push({
          top: Math.min(a.row, b.row),
          left: Math.min(a.col, b.col),
          bottom: Math.max(a.row, b.row),
          right: Math.max(a.col, b.col),
        });
    }
  };
  if (entry.method === 0) {
    scan(data.toString('utf8'));
    return Promise.resolve(ranges);
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let carry = '';
    let seen = false;
    inflate.on('data', (chunk: Buffer) => {
      const text = carry + chunk.toString('latin1');
      // Only the tail after <mergeCells matters; keep a little overlap for a tag split between chunks.
      if (!seen && /<(?:\w+:)?mergeCells\b/.test(text)) seen = true;
      if (seen) {
        const cut = text.lastIndexOf('<');
        scan(text.slice(0, cut));
        carry = text.slice(cut);
      } else carry = text.slice(-64);
    });
    inflate.on('end', () => {
      scan(carry);
      resolve(ranges);
    });
    inflate.on('error', () =>
      reject(
        new SpreadsheetError(
          'spreadsheet.corrupt',
          '文件已损坏，无法读取，请用 Excel 重新保存为 .xlsx 后上传',
        ),
      ),
    );
    inflate.end(data);
  });
}

function pickSheet(
  sheets: readonly SheetInfo[],
  wanted: readonly string[],
  fallback: boolean,
): SheetInfo | null {
  const names = new Set(wanted.map((n) => n.replace(/\s+/g, '')));
  const named = sheets.find((s) => s.readerName !== null && names.has(s.name.replace(/\s+/g, '')));
  if (named || !fallback) return named ?? null;
  return (
    sheets.find(
      (s) => s.readerName !== null && !s.hidden && s.name.replace(/\s+/g, '') !== INSTRUCTIONS_SHEET,
    ) ?? null
  );
}

/** Fills vertically merged cells below their origin; origins' values are remembered while their merge lasts. */
function mergeFiller(ranges: readonly Range[], headerRow: number) {
  const vertical = ranges.filter((r) => r.bottom > r.top && r.bottom > headerRow);
  const cells = vertical.reduce((n, r) => n + (r.bottom - r.top) * (r.right - r.left + 1), 0);
  if (vertical.length === 0 || cells > MAX_MERGED_CELLS) return (raw: RawRow) => raw;
  const startingAt = new Map<number, Range[]>();
  for (const r of vertical) startingAt.set(r.top, [...(startingAt.get(r.top) ?? []), r]);
  let active: { range: Range; value: unknown }[] = [];
  return (raw: RawRow): RawRow => {
    active = active.filter((a) => a.range.bottom >= raw.number);
    const values = [...raw.values];
    for (const a of active) {
      if (a.range.top >= raw.number) continue;
      for (let col = a.range.left; col <= a.range.right; col++) {
        if (values[col] === undefined || values[col] === null || values[col] === '')
          values[col] = col === a.range.left ? a.value : null;
      }
    }
    for (const r of startingAt.get(raw.number) ?? [])
      active.push({ range: r, value: raw.values[r.left] ?? null });
    return { number: raw.number, values };
  };
}

/**
 * Opens the sheet named in `sheetNames` (or, failing that, the first visible data sheet) and finds its header.
 * Throws SpreadsheetError when the file is not a readable workbook or no header row is found.
 */
export async function openMappedSheet(
  buf: Buffer,
  spec: {
    sheetNames: readonly string[];
    fields: readonly MappingField[];
    saved?: HeaderMapping;
    /** Take the first visible data sheet when none has one of the names (default true). */
    fallback?: boolean;
  },
  options: { limits?: Partial<ZipLimits> } = {},
): Promise<MappedSheet> {
  const entries = await verifyXlsxBuffer(buf, options.limits);
  const sheets = readSheetInfo(buf, entries);
  const sheet = pickSheet(sheets, spec.sheetNames, spec.fallback ?? true);
  if (!sheet?.readerName)
    throw new SpreadsheetError('spreadsheet.sheet_missing', '文件中没有可读取的工作表，请检查文件');
  const merges = await readMergeRanges(
    buf,
    entries.find((e) => e.name === sheet.path),
  );
  const readerName = sheet.readerName;
  let source = rowsOf(buf, new Set([readerName]));
  const close = async () => {
    await source.return(undefined);
  };
  let head: RawRow[] = [];
  let headerIndex: number | null = null;
  for (let attempt = 1; ; attempt++) {
    try {
      while (head.length < MAPPED_HEADER_SCAN_ROWS) {
        const next = await source.next();
        if (next.done) break;
        head.push(next.value.raw);
      }
      headerIndex = detectHeaderRow(head, spec.fields, spec.saved);
    } catch (error) {
      await close();
      throw error;
    }
    if (headerIndex !== null || attempt >= READ_ATTEMPTS) break;
    // A good roster was once refused here under load (the CI's B4, never reproduced since): exceljs's streaming
    // reader races with itself now and then (row-stream.ts). The first rows are read again before the file is
    // blamed; a file that really has no header costs two more reads of its first rows.
    await close();
    source = rowsOf(buf, new Set([readerName]));
    head = [];
  }
  const header = headerIndex === null ? undefined : head[headerIndex];
  if (!header || headerIndex === null) {
    await close();
    const known = spec.fields
      .slice(0, 4)
      .map((f) => f.label)
      .join('、');
    throw new SpreadsheetError(
      'spreadsheet.header_not_found',
      `工作表“${sheet.name}”的前 ${MAPPED_HEADER_SCAN_ROWS} 行中没有找到表头（应有“${known}”等列名），请检查文件`,
    );
  }
  const fill = mergeFiller(merges, header.number);
  const rest = head.slice(headerIndex + 1);
  async function* rows(): AsyncGenerator<RawRow> {
    let n = 0;
    try {
      for (const raw of rest) yield fill(raw);
      for await (const { raw } of source) {
        if (++n % YIELD_EVERY === 0) await yieldToLoop();
        yield fill(raw);
      }
    } finally {
      await close();
    }
  }
  return { sheetName: sheet.name, headerRow: header.number, columns: columnsOf(header), rows: rows(), close };
}

/** The sheets of a workbook that exist among the names given, in workbook order (cheap: no sheet is read). */
export async function sheetNamesPresent(
  buf: Buffer,
  names: readonly string[],
  options: { limits?: Partial<ZipLimits> } = {},
): Promise<{ present: string[]; dataSheets: number }> {
  const sheets = readSheetInfo(buf, await verifyXlsxBuffer(buf, options.limits));
  const wanted = new Set(names.map((n) => n.replace(/\s+/g, '')));
  const data = sheets.filter(
    (s) => s.readerName !== null && !s.hidden && s.name.replace(/\s+/g, '') !== INSTRUCTIONS_SHEET,
  );
  return {
    present: sheets
      .filter((s) => s.readerName !== null && wanted.has(s.name.replace(/\s+/g, '')))
      .map((s) => s.name),
    dataSheets: data.length,
  };
}
