// A .csv file as raw rows, the way the spreadsheet helpers hand out a sheet's rows (1-based cells), so the KPI import
// reads .csv and .xlsx alike. Business systems export UTF-8 (with or without a BOM) or, on older Windows desktops,
// GBK; commas or tabs; quoted cells may hold commas, quotes ("") and line breaks.
import { SpreadsheetError } from '../../core/spreadsheet/errors.ts';
import type { RawRow } from '../../core/spreadsheet/row-stream.ts';

/** The text of the file: UTF-8 when it decodes as such, GBK otherwise. */
export function decodeCsv(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    try {
      return new TextDecoder('gbk').decode(buf);
    } catch {
      throw new SpreadsheetError(
        'spreadsheet.csv_encoding',
        '无法识别 CSV 文件的编码，请另存为 UTF-8 编码后重新上传',
      );
    }
  }
}

/** Rows with at least one value, numbered from 1 as a spreadsheet shows them. */
export function parseCsv(text: string, maxRows: number): RawRow[] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRow = () => {
    cells.push(cell);
    cell = '';
    if (cells.some((c) => c.trim() !== '')) {
      if (rows.length >= maxRows)
        throw new SpreadsheetError(
          'spreadsheet.too_many_rows',
          `一个文件最多 ${maxRows} 行，请拆分后分批导入`,
        );
      rows.push({ number: startLine, values: [undefined, ...cells.map((c) => (c === '' ? null : c))] });
    }
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
