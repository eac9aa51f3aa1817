/**
 * Thrown when an uploaded file cannot be read as a spreadsheet at all (wrong format, zip bomb, missing sheet or
 * header). Row-level problems are not errors: callers collect them as issues for the report instead.
 * The message is Chinese and fit to show to the user; `code` is stable for callers and tests.
 */
export class SpreadsheetError extends Error {
  readonly code: string;

  /**
   * True when exceljs's streaming reader failed in its own internals (it races with itself under load and now and
   * then parses a worksheet before the workbook part it needs); reading the same bytes again succeeds.
   */
  readonly transient: boolean;

  constructor(code: string, message: string, options: { transient?: boolean } = {}) {
    super(message);
    this.name = 'SpreadsheetError';
    this.code = code;
    this.transient = options.transient ?? false;
  }
}

/** The exceljs version the product patches (utf8-stream.ts) and reads internals of (row-stream.ts); pinned exactly. */
export const PATCHED_EXCELJS_VERSION = '4.4.0';

/**
 * Thrown when exceljs no longer has an internal the product relies on (after an upgrade): a fault of the
 * installation, never of the user's file, so it is not a SpreadsheetError and is never retried or reported as a bad
 * upload.
 */
export class ExcelJsPatchError extends Error {
  constructor(what: string) {
    super(
      `exceljs 的内部接口 ${what} 不存在。本程序修补了 exceljs ${PATCHED_EXCELJS_VERSION} 流式读取的缺陷，请安装 package.json 中锁定的版本后再启动。 ` +
        `(exceljs internal ${what} is missing: Ronghe patches exceljs ${PATCHED_EXCELJS_VERSION}; install the pinned version)`,
    );
    this.name = 'ExcelJsPatchError';
  }
}
