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
