/**
 * Thrown when an uploaded file cannot be read as a spreadsheet at all (wrong format, zip bomb, missing sheet or
 * header). Row-level problems are not errors: callers collect them as issues for the report instead.
 * The message is Chinese and fit to show to the user; `code` is stable for callers and tests.
 */
export class SpreadsheetError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'SpreadsheetError';
    this.code = code;
  }
}
