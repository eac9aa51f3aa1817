// Reading a duties or work points workbook: each cell as the row means it, every problem named by its row and column
// in Chinese. Nothing here touches the database; responsibility.import-apply.ts resolves the names and writes.
import { DOMAIN_LABELS, type Domain, RECURRENCE_LABELS, type Recurrence } from '#contracts/responsibility';
import type { FileImportIssue } from '#contracts/responsibility-files';
import { AppError } from '../../core/errors.ts';
import { matchLabel, normalizeText, parseBooleanCell, parseDateCell } from '../../core/spreadsheet/cells.ts';
import { type DataRow, readSheetRows } from '../../core/spreadsheet/read.ts';
import type { ColumnSpec } from '../../core/spreadsheet/write.ts';
import {
  DOMAIN_VALUES,
  ITEM_COLUMNS,
  ITEM_SHEET,
  type ItemColumnKey,
  MAX_IMPORT_ROWS,
  RECURRENCE_VALUES,
  WORK_POINT_COLUMNS,
  WORK_POINT_SHEET,
  type WorkPointColumnKey,
} from './responsibility.sheets.ts';

export type Issue = FileImportIssue;

/** Text as compared and stored: half-width digits and letters, Chinese punctuation kept, spaces single. */
export const plain = (v: unknown) => normalizeText(v, { keepFullWidthPunctuation: true });

/** A text whose line breaks matter (具体要求): each line cleaned, the breaks kept. */
export function multiline(value: unknown): string | null {
  let raw: string | null;
  if (typeof value === 'string') raw = value;
  else if (
    value !== null &&
    typeof value === 'object' &&
    'richText' in value &&
    Array.isArray(value.richText)
  )
    raw = (value.richText as { text?: unknown }[]).map((p) => String(p?.text ?? '')).join('');
  else raw = plain(value);
  if (raw === null) return null;
  const text = raw
    .split(/\r\n|\r|\n/)
    .map((line) => plain(line) ?? '')
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? null : text;
}

/** Two texts that read the same once cleaned (spaces, widths) are the same text: no update for a space. */
export const sameText = (a: string | null, b: string | null) => (multiline(a) ?? '') === (multiline(b) ?? '');

const RECURRENCE_ALIASES: Record<string, Recurrence> = {
  一次: 'none',
  单次: 'none',
  月度: 'monthly',
  按月: 'monthly',
  季度: 'quarterly',
  按季度: 'quarterly',
  半年: 'half_yearly',
  年度: 'yearly',
  每年度: 'yearly',
  按年: 'yearly',
};

type Read<K extends string> = { rows: DataRow<K>[]; issues: Issue[]; sheet: string };

async function readRows<K extends string>(
  buf: Buffer,
  sheet: string,
  columns: readonly (ColumnSpec & { key: K })[],
): Promise<Read<K>> {
  const stream = await readSheetRows<K>(buf, {
    sheet: [sheet, `${sheet}清单`],
    columns: columns.map((c) => ({
      key: c.key,
      header: c.header,
      aliases: c.aliases ?? [],
      required: c.required ?? false,
    })),
  });
  const issues: Issue[] = stream.missingColumns.map((column) => ({
    sheet: stream.sheetName,
    row: stream.headerRow,
    column,
    value: null,
    reason: `表头中没有“${column}”列，请使用导入模板填写`,
  }));
  const rows: DataRow<K>[] = [];
  // Without its required columns the file cannot be read row by row: the missing headers are the whole answer.
  if (issues.length > 0) {
    await stream.close();
    return { rows, issues, sheet: stream.sheetName };
  }
  for await (const row of stream.rows) {
    rows.push(row);
    if (rows.length > MAX_IMPORT_ROWS) {
      await stream.close();
      throw new AppError(
        'invalid',
        'responsibility.import_too_many',
        `一个文件最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`,
      );
    }
  }
  if (rows.length === 0)
    issues.push({
      sheet: stream.sheetName,
      row: stream.headerRow,
      column: '',
      value: null,
      reason: '表中没有数据行',
    });
  return { rows, issues, sheet: stream.sheetName };
}

/** Collects the problems of one row, each with the column's header and the cell as it was typed. */
class RowReader<K extends string> {
  readonly issues: Issue[] = [];
  constructor(
    readonly sheet: string,
    readonly row: DataRow<K>,
    private readonly headers: ReadonlyMap<K, string>,
  ) {}

  fail(key: K, reason: string): null {
    this.issues.push({
      sheet: this.sheet,
      row: this.row.rowNumber,
      column: this.headers.get(key) ?? key,
      value: plain(this.row.cells[key]),
      reason,
    });
    return null;
  }

  text(key: K, required: boolean): string | null {
    const v = plain(this.row.cells[key]);
    if (v === null && required) return this.fail(key, `请填写${this.headers.get(key) ?? ''}`);
    return v;
  }

  domain(key: K): Domain | null {
    if (plain(this.row.cells[key]) === null) return this.fail(key, '请填写领域');
    return (
      matchLabel(this.row.cells[key], DOMAIN_LABELS) ??
      this.fail(key, `领域应为 ${DOMAIN_VALUES.join('、')} 之一`)
    );
  }

  recurrence(key: K): Recurrence | null {
    if (plain(this.row.cells[key]) === null) return this.fail(key, '请填写周期');
    return (
      matchLabel(this.row.cells[key], RECURRENCE_LABELS, RECURRENCE_ALIASES) ??
      this.fail(key, `周期应为 ${RECURRENCE_VALUES.join('、')} 之一`)
    );
  }

  date(key: K): string | null {
    if (plain(this.row.cells[key]) === null) return null;
    const parsed = parseDateCell(this.row.cells[key]);
    if (!parsed.ok)
      return this.fail(key, `日期无效，请按 YYYY-MM-DD 填写，如 2026-06-30（${parsed.reason}）`);
    if (parsed.value < '2000-01-01' || parsed.value > '2099-12-31')
      return this.fail(key, '日期应在 2000-01-01 至 2099-12-31 之间');
    return parsed.value;
  }

  weight(key: K): number | null {
    const v = this.row.cells[key];
    const text = plain(v);
    if (text === null) return null;
    const n = typeof v === 'number' ? v : Number(text.replace(/[,，]/g, ''));
    if (!Number.isFinite(n) || n <= 0 || n > 1000) return this.fail(key, '权重应为大于 0、不超过 1000 的数');
    if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) return this.fail(key, '权重最多两位小数');
    return Math.round(n * 100) / 100;
  }

  yesNo(key: K): boolean | null {
    if (plain(this.row.cells[key]) === null) return null;
    const parsed = parseBooleanCell(this.row.cells[key]);
    return parsed.ok ? parsed.value : this.fail(key, '请填写“是”或“否”');
  }

  idTail(key: K): string | null {
    const v = this.row.cells[key];
    let text = plain(v)?.toUpperCase() ?? null;
    if (text === null) return null;
    // A tail typed into a number cell loses its leading zeros (0123 → 123).
    if (typeof v === 'number' && /^\d{1,3}$/.test(text)) text = text.padStart(4, '0');
    return /^\d{3}[\dX]$/.test(text) ? text : this.fail(key, '请填写身份证号的后 4 位（数字，末位可为 X）');
  }
}

const headersOf = <K extends string>(columns: readonly (ColumnSpec & { key: K })[]) =>
  new Map(columns.map((c) => [c.key, c.header]));

export type ItemInput = {
  row: number;
  domain: Domain | null;
  category: string | null;
  title: string | null;
  detail: string | null;
  ownerOrgName: string | null;
  ownerOrgCode: string | null;
  ownerMember: string | null;
  idTail: string | null;
  deadline: string | null;
  recurrence: Recurrence | null;
  effectiveFrom: string | null;
  weight: number | null;
  issued: boolean | null;
  parent: string | null;
  workPoint: string | null;
  /** This row's cell problems; a row with any is not resolved further. */
  failed: boolean;
};

export async function readItemRows(
  buf: Buffer,
): Promise<{ sheet: string; rows: ItemInput[]; issues: Issue[] }> {
  const read = await readRows<ItemColumnKey>(buf, ITEM_SHEET, ITEM_COLUMNS);
  const headers = headersOf(ITEM_COLUMNS);
  const issues = [...read.issues];
  const rows = read.rows.map((row) => {
    const r = new RowReader(read.sheet, row, headers);
    const input: ItemInput = {
      row: row.rowNumber,
      domain: r.domain('domain'),
      category: r.text('category', true),
      title: r.text('title', true),
      detail: multiline(row.cells.detail),
      ownerOrgName: r.text('ownerOrgName', false),
      ownerOrgCode: r.text('ownerOrgCode', false),
      ownerMember: r.text('ownerMember', false),
      idTail: r.idTail('idTail'),
      deadline: r.date('deadline'),
      recurrence: r.recurrence('recurrence'),
      effectiveFrom: r.date('effectiveFrom'),
      weight: r.weight('weight'),
      issued: r.yesNo('issued'),
      parent: r.text('parent', false),
      workPoint: r.text('workPoint', false),
      failed: false,
    };
    input.failed = r.issues.length > 0;
    issues.push(...r.issues);
    return input;
  });
  return { sheet: read.sheet, rows, issues };
}

export type WorkPointInput = {
  row: number;
  domain: Domain | null;
  category: string | null;
  title: string | null;
  detail: string | null;
  weight: number | null;
  failed: boolean;
};

export async function readWorkPointRows(
  buf: Buffer,
): Promise<{ sheet: string; rows: WorkPointInput[]; issues: Issue[] }> {
  const read = await readRows<WorkPointColumnKey>(buf, WORK_POINT_SHEET, WORK_POINT_COLUMNS);
  const headers = headersOf(WORK_POINT_COLUMNS);
  const issues = [...read.issues];
  const rows = read.rows.map((row) => {
    const r = new RowReader(read.sheet, row, headers);
    const input: WorkPointInput = {
      row: row.rowNumber,
      domain: r.domain('domain'),
      category: r.text('category', true),
      title: r.text('title', true),
      detail: multiline(row.cells.detail),
      weight: r.weight('weight'),
      failed: false,
    };
    input.failed = r.issues.length > 0;
    issues.push(...r.issues);
    return input;
  });
  return { sheet: read.sheet, rows, issues };
}
