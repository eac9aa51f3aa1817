/**
 * Cell normalisation for spreadsheet import. Values arrive as exceljs gives them (string, number, Date, boolean,
 * rich text, hyperlink, formula, error) and as people type them (full-width digits, ideographic spaces, zero-width
 * characters pasted from web pages, dates in half a dozen styles). Everything here is pure and domain-free.
 */

export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export type NormalizeOptions = {
  /**
   * Keep full-width punctuation such as （）， as typed; full-width digits and letters are still made half-width.
   * Useful for display names that should keep Chinese punctuation.
   */
  keepFullWidthPunctuation?: boolean;
};

// Invisible characters with no meaning in the data; removed wherever they occur (they break codes and ID numbers).
const INVISIBLE = /[\u200B\u2060\uFEFF\u180E\u00AD]/g;
// Joiners can matter inside emoji sequences, so they are only stripped at the edges.
const EDGE_SPACE = /^[\s\u200C\u200D]+|[\s\u200C\u200D]+$/g;
const FULL_WIDTH_ALL = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const toHalfWidth = (ch: string) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): CellResult<T> => ({ ok: false, reason });
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function cleanString(raw: string, options: NormalizeOptions): string {
  return raw
    .replace(INVISIBLE, '')
    .replace(options.keepFullWidthPunctuation ? FULL_WIDTH_ALNUM : FULL_WIDTH_ALL, toHalfWidth)
    .replace(EDGE_SPACE, '')
    .replace(/\s+/g, ' ');
}

/**
 * Numbers as text. Whole numbers are written without ".0". Integers from 1e15 up are returned as digits only when
 * JavaScript holds them exactly (safe integers); larger ones (an 18-digit ID number typed into a number cell arrives
 * as 3.30203199001011e17, its last digits already lost) are returned in exponent form, e.g. "3.30203199001011e+17",
 * which no ID-number, code or date validator accepts — so the row is rejected instead of silently storing wrong
 * digits. Note that Excel itself keeps only 15 significant digits, so a 16-digit number typed into a number cell may
 * already have been altered inside the file; codes longer than 15 digits belong in text cells (see write.ts).
 */
function numberText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  if (Number.isInteger(n) && Math.abs(n) >= 1e15 && !Number.isSafeInteger(n)) return n.toExponential();
  return String(n);
}

/** True when a number cell is too large to have kept all its digits (see numberText). */
export function isPrecisionLost(value: unknown): boolean {
  const v = unwrapFormula(value);
  return typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v);
}

function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** The result of a formula cell stands for the cell; other values pass through. */
function unwrapFormula(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    return (value as { result?: unknown }).result;
  }
  return value;
}

function rawText(value: unknown): string | null {
  const v = unwrapFormula(value);
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) {
      return (v.richText as unknown[])
        .map((part) =>
          part !== null && typeof part === 'object' && 'text' in part ? String(part.text ?? '') : '',
        )
        .join('');
    }
    // Hyperlink cells: {text, hyperlink}; the text may itself be rich text.
    if ('text' in v) return rawText(v.text);
  }
  // Errors ({error:'#N/A'}) and unresolved shared strings carry no usable text.
  return null;
}

/**
 * Any exceljs cell value as trimmed, single-spaced, half-width text; null when empty. Idempotent on strings.
 */
export function normalizeText(value: unknown, options: NormalizeOptions = {}): string | null {
  const raw = rawText(value);
  if (raw === null) return null;
  const cleaned = cleanString(raw, options);
  return cleaned === '' ? null : cleaned;
}

/** True when the cell holds nothing worth reading (null, blanks, invisible characters, error values). */
export function isEmptyCell(value: unknown): boolean {
  return normalizeText(value) === null;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const DATE_FORMAT_HINT = '无法识别的日期格式，请使用 2019-07-01 或 2019年7月1日';
const MS_PER_DAY = 86_400_000;
const MAX_SERIAL = 2_958_465; // 9999-12-31

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number): CellResult<string> {
  const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return fail(`日期无效：${text}`);
  return ok(text);
}

function validMonth(y: number, m: number): CellResult<string> {
  if (m < 1 || m > 12) return fail(`日期无效：${pad(y, 4)}-${pad(m)}`);
  return ok(`${pad(y, 4)}-${pad(m)}-01`);
}

/** Excel's 1900 date system, which counts the non-existent 1900-02-29 as serial 60. */
function serialToDate(serial: number): CellResult<string> {
  const day = Math.floor(serial);
  if (day === 60) return fail('日期无效：1900-02-29');
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(base + day * MS_PER_DAY);
  return ok(`${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
}

/**
 * Numbers in a date column. Serials are read in the 1900 date system (1904 workbooks are rare; exceljs already
 * turns date-formatted cells into Date values using the workbook's own system). Besides serials:
 * - 20190701 typed as a number is read as yyyymmdd (it is far beyond the last valid serial);
 * - a bare year 1900..2100 is refused rather than read as a serial in 1905;
 * - 2019.07 typed into a number cell is a year-month; 2019.1 is refused because Excel dropped the zero of 2019.10.
 */
function dateFromNumber(n: number): CellResult<string> {
  if (!Number.isFinite(n) || n < 1) return fail(DATE_FORMAT_HINT);
  const whole = Math.floor(n);
  if (Number.isInteger(n) && n >= 10_000_101 && n <= 99_991_231) {
    return validDate(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
  }
  if (whole >= 1900 && whole <= 2100) {
    if (Number.isInteger(n)) return fail('只填写了年份，请填写完整日期，如 2019-07-01');
    const decimals = String(n).split('.')[1] ?? '';
    if (decimals.length === 2) return validMonth(whole, Number(decimals));
    return fail('日期有歧义，请填写完整日期（如 2019-10-01），或把单元格设为文本格式');
  }
  if (n >= MAX_SERIAL + 1) return fail(DATE_FORMAT_HINT);
  return serialToDate(n);
}

const FULL_DATE_PATTERNS = [
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/,
  /^(\d{4})()年(\d{1,2})月(\d{1,2})[日号]?$/,
  /^(\d{4})()(\d{2})(\d{2})$/,
];
const MONTH_PATTERNS = [/^(\d{4})年(\d{1,2})月?$/, /^(\d{4})[-/.](\d{1,2})$/];
// A time part after the date ("2019-07-01 00:00:00", ISO "2019-07-01T00:00:00.000Z") is ignored.
const TIME_SUFFIX = /^(.+?)[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$/;

function dateFromText(text: string): CellResult<string> {
  const withoutTime = TIME_SUFFIX.exec(text)?.[1] ?? text;
  const s = withoutTime.replace(/\s+/g, '');
  for (const pattern of FULL_DATE_PATTERNS) {
    const m = pattern.exec(s);
    if (m) return validDate(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  for (const pattern of MONTH_PATTERNS) {
    const m = pattern.exec(s);
    if (m) return validMonth(Number(m[1]), Number(m[2]));
  }
  return fail(DATE_FORMAT_HINT);
}

/**
 * A date cell as 'YYYY-MM-DD'. Accepts Date values (UTC parts, as exceljs produces them), Excel serials, and text
 * in the styles 2019-07-01, 2019-7-1, 2019/07/01, 2019.07.01, 2019年7月1日, 20190701, and year-months 2019年7月,
 * 2019-07, 2019.07 (read as the first of the month), with full-width digits and stray spaces.
 */
export function parseDateCell(value: unknown): CellResult<string> {
  const v = unwrapFormula(value);
  if (v instanceof Date) {
    return Number.isNaN(v.getTime())
      ? fail(DATE_FORMAT_HINT)
      : validDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') return dateFromNumber(v);
  const text = normalizeText(v);
  if (text === null) return fail('未填写日期');
  return dateFromText(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Booleans, integers, lists

const TRUE_WORDS = new Set(['是', '有', '对', 'y', 'yes', 'true', 't', '1', '√', '✓', '✔']);
const FALSE_WORDS = new Set(['否', '无', '不是', 'n', 'no', 'false', 'f', '0', '×', '✗', '✘']);

/** 是/否, Y/N, yes/no, true/false, 1/0, √/× (and boolean cells). */
export function parseBooleanCell(value: unknown): CellResult<boolean> {
  const v = unwrapFormula(value);
  if (typeof v === 'boolean') return ok(v);
  const text = normalizeText(v)?.toLowerCase().replace(/\s+/g, '');
  if (text === undefined) return fail('未填写');
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  return fail('无法识别的是/否值，请填写“是”或“否”');
}

export type IntegerBounds = { min?: number; max?: number };

function checkBounds(n: number, { min, max }: IntegerBounds): CellResult<number> {
  if (min !== undefined && max !== undefined && (n < min || n > max))
    return fail(`应在 ${min} 到 ${max} 之间`);
  if (min !== undefined && n < min) return fail(`不能小于 ${min}`);
  if (max !== undefined && n > max) return fail(`不能大于 ${max}`);
  return ok(n);
}

/** Whole numbers, from number cells or text such as "12", "１２", "1,200", "12.0". */
export function parseIntegerCell(value: unknown, bounds: IntegerBounds = {}): CellResult<number> {
  const v = unwrapFormula(value);
  if (typeof v === 'number') {
    return Number.isSafeInteger(v) ? checkBounds(v, bounds) : fail('请填写整数');
  }
  if (typeof v === 'boolean') return fail('请填写整数');
  const text = normalizeText(v)?.replace(/\s+/g, '');
  if (text === undefined) return fail('未填写');
  const plain = /^[+-]?\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text.replace(/\.0+$/, '');
  if (!/^[+-]?\d+$/.test(plain)) return fail('请填写整数');
  const n = Number(plain);
  return Number.isSafeInteger(n) ? checkBounds(n, bounds) : fail('数值过大');
}

/** Splits on Chinese or ASCII commas, 顿号, semicolons, spaces and line breaks; empty parts are dropped. */
export function parseListCell(value: unknown): string[] {
  const text = normalizeText(value);
  if (text === null) return [];
  return text.split(/[,，、;；\s]+/).filter((part) => part !== '');
}

// ---------------------------------------------------------------------------------------------------------------
// Labels

const labelKey = (s: string) => (normalizeText(s) ?? '').toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Maps a Chinese or English label, or the identifier itself, back to its identifier. Case, spaces, '_' and '-' are
 * ignored, full-width characters are made half-width. Aliases cover older or colloquial names.
 */
export function matchLabel<T extends string>(
  value: unknown,
  labels: Readonly<Record<T, { readonly zh: string; readonly en: string }>>,
  aliases?: Readonly<Record<string, T>>,
): T | null {
  const text = normalizeText(value);
  if (text === null) return null;
  const key = labelKey(text);
  for (const id of Object.keys(labels) as T[]) {
    const label = labels[id];
    if (labelKey(id) === key || labelKey(label.zh) === key || labelKey(label.en) === key) return id;
  }
  for (const [alias, id] of Object.entries(aliases ?? {}) as [string, T][]) {
    if (labelKey(alias) === key) return id;
  }
  return null;
}
