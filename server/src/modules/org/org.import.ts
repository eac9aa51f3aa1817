// Reading the organisations workbook: cells become rows as typed by people (full-width digits, stray spaces, dates
// as serials, 2019.07.01 or 2019年7月1日, labels in Chinese or English). A cell that cannot be read becomes an
// issue naming sheet, Excel row and Chinese header; such a row is set aside (its code is still remembered, so that
// rows referring to it do not report a second, misleading problem).
import { PARTY_ORG_KIND_LABELS, type PartyOrgKind } from '#contracts/org';
import type { ColumnOverride, ImportIssue } from '#contracts/transfer';
import {
  type CellResult,
  matchLabel,
  normalizeText,
  parseBooleanCell,
  parseDateCell,
  parseIntegerCell,
  parseListCell,
} from '../../core/spreadsheet/cells.ts';
import type { HeaderMapping } from '../../core/spreadsheet/mapping.ts';
import type { DataRow, SheetRead } from '../../core/spreadsheet/read.ts';
import { readOrganisationSheets, type SheetMapping } from './org.import.mapping.ts';
import { DEPARTMENT_KIND_LABELS, type DepartmentKind, STATUS_LABELS } from './org.policy.ts';
import {
  DEPARTMENT_SHEET_COLUMNS,
  type DepartmentKey,
  type Located,
  ORG_SHEET_COLUMNS,
  type OrgKey,
  SHEET_DEPARTMENTS,
  SHEET_ORGS,
  SHEET_UNITS,
  UNIT_SHEET_COLUMNS,
  type UnitKey,
} from './org.sheets.ts';

/** Rows as read, before the contract's row schemas and the reference checks (org.import.plan.ts). */
export type RawUnitRow = { code: string | null; name: string | null; rootOrgCode: string | null };
export type RawOrgRow = {
  code: string | null;
  name: string | null;
  kind: PartyOrgKind | null;
  parentCode: string | null;
  unitCode: string | null;
  isTemporary: boolean;
  tempStartOn: string | null;
  tempEndOn: string | null;
  foundedOn: string | null;
  sortOrder: number;
  departmentCodes: string[];
  status: 'active' | 'closed';
  closedOn: string | null;
};
export type RawDepartmentRow = {
  code: string | null;
  name: string | null;
  kind: DepartmentKind | null;
  parentCode: string | null;
  unitCode: string | null;
  sortOrder: number;
  status: 'active' | 'closed';
};

export type ParsedWorkbook = {
  units: Located<RawUnitRow>[];
  orgs: Located<RawOrgRow>[];
  departments: Located<RawDepartmentRow>[];
  /** Cell problems found while reading; rows having them are not in the lists above. */
  issues: ImportIssue[];
  /** Codes of rows set aside because of cell problems, per sheet. */
  broken: { units: Set<string>; orgs: Set<string>; departments: Set<string> };
  /** How many rows were set aside. */
  setAside: number;
  /** How each sheet's columns were matched (the mapping step). */
  mapping: SheetMapping[];
  /** Total and note rows that were skipped. */
  notices: ImportIssue[];
};

/** Codes never hold spaces; full-width letters and digits become half-width. */
export function codeText(value: unknown): string | null {
  const text = normalizeText(value);
  return text === null ? null : text.replace(/\s+/g, '');
}

/** Names keep Chinese punctuation such as （二） as typed. */
export function nameText(value: unknown): string | null {
  return normalizeText(value, { keepFullWidthPunctuation: true });
}

const STATUS_ALIASES: Record<string, 'active' | 'closed'> = {
  撤销: 'closed',
  已关闭: 'closed',
  在用: 'active',
  有效: 'active',
};
const KIND_ALIASES: Record<string, PartyOrgKind> = { 支部: 'branch', 总支: 'general_branch', 党小组: 'cell' };
const DEPARTMENT_KIND_ALIASES: Record<string, DepartmentKind> = {
  处: 'division',
  科: 'section',
  部门: 'division',
  内设机构: 'division',
  下属机构: 'office',
  派出机构: 'office',
  直属机构: 'affiliated',
  事业单位: 'affiliated',
};

type Cells<K extends string> = Record<K, unknown>;

/** Converts the cells of one row; collects a problem per unreadable cell. */
class RowReader<K extends string> {
  readonly problems: ImportIssue[] = [];
  constructor(
    private readonly sheet: string,
    private readonly row: DataRow<K>,
    private readonly headers: Record<K, string>,
  ) {}

  private fail(key: K, reason: string): null {
    this.problems.push({
      sheet: this.sheet,
      row: this.row.rowNumber,
      column: this.headers[key],
      value: normalizeText(this.row.cells[key]),
      reason,
    });
    return null;
  }

  get cells(): Cells<K> {
    return this.row.cells;
  }

  code(key: K): string | null {
    return codeText(this.cells[key]);
  }

  name(key: K): string | null {
    return nameText(this.cells[key]);
  }

  private parsed<T>(key: K, result: CellResult<T>): T | null {
    return result.ok ? result.value : this.fail(key, result.reason);
  }

  date(key: K): string | null {
    if (normalizeText(this.cells[key]) === null) return null;
    return this.parsed(key, parseDateCell(this.cells[key]));
  }

  bool(key: K): boolean {
    if (normalizeText(this.cells[key]) === null) return false;
    return this.parsed(key, parseBooleanCell(this.cells[key])) ?? false;
  }

  integer(key: K): number {
    if (normalizeText(this.cells[key]) === null) return 0;
    return this.parsed(key, parseIntegerCell(this.cells[key], { min: 0, max: 100000 })) ?? 0;
  }

  label<T extends string>(
    key: K,
    labels: Readonly<Record<T, { zh: string; en: string }>>,
    aliases: Readonly<Record<string, T>>,
    what: string,
  ): T | null {
    const text = normalizeText(this.cells[key]);
    if (text === null) return null;
    const found = matchLabel(text, labels, aliases);
    if (found) return found;
    const allowed = (Object.values(labels) as { zh: string }[]).map((l) => l.zh).join('、');
    return this.fail(key, `无法识别的${what}“${text}”，请从下拉列表中选择：${allowed}`);
  }

  status(key: K): 'active' | 'closed' {
    return this.label(key, STATUS_LABELS, STATUS_ALIASES, '状态') ?? 'active';
  }

  list(key: K): string[] {
    return parseListCell(this.cells[key]).map((c) => codeText(c) ?? c);
  }
}

const headerMap = <K extends string>(columns: readonly { key: K; header: string }[]) =>
  Object.fromEntries(columns.map((c) => [c.key, c.header])) as Record<K, string>;

function missingColumnIssues(read: SheetRead<unknown> | null): ImportIssue[] {
  if (!read) return [];
  return read.missingColumns.map((column) => ({
    sheet: read.sheetName,
    row: read.headerRow,
    column,
    value: null,
    reason: `缺少必填列“${column}”：请在列映射中指定与它对应的列，或使用导入模板`,
  }));
}

function readRows<K extends string, R extends { code: string | null }>(
  read: SheetRead<DataRow<K>[]> | null,
  sheet: string,
  columns: readonly { key: K; header: string }[],
  convert: (r: RowReader<K>) => R,
  out: { rows: Located<R>[]; issues: ImportIssue[]; broken: Set<string> },
): number {
  if (!read) return 0;
  let setAside = 0;
  const headers = headerMap(columns);
  for (const row of read.rows) {
    const reader = new RowReader(sheet, row, headers);
    const data = convert(reader);
    if (reader.problems.length) {
      out.issues.push(...reader.problems);
      if (data.code) out.broken.add(data.code);
      setAside++;
    } else {
      out.rows.push({ row: row.rowNumber, data });
    }
  }
  return setAside;
}

/**
 * Reads the three sheets (each optional, but at least one must be there). Throws SpreadsheetError when the file is
 * not a readable workbook; everything about rows comes back as issues.
 */
export async function parseOrganisationWorkbook(
  buf: Buffer,
  options: { saved?: HeaderMapping; overrides?: readonly ColumnOverride[] } = {},
): Promise<ParsedWorkbook> {
  const mapped = await readOrganisationSheets(buf, options);
  const read = mapped.reads as {
    units: SheetRead<DataRow<UnitKey>[]> | null;
    orgs: SheetRead<DataRow<OrgKey>[]> | null;
    departments: SheetRead<DataRow<DepartmentKey>[]> | null;
  };
  const result: ParsedWorkbook = {
    units: [],
    orgs: [],
    departments: [],
    issues: [
      ...missingColumnIssues(read.units),
      ...missingColumnIssues(read.orgs),
      ...missingColumnIssues(read.departments),
    ],
    broken: { units: new Set(), orgs: new Set(), departments: new Set() },
    setAside: 0,
    mapping: mapped.sheets,
    notices: mapped.notices,
  };
  const sheetOf = (r: SheetRead<unknown> | null, fallback: string) => r?.sheetName ?? fallback;

  result.setAside += readRows(
    read.units,
    sheetOf(read.units, SHEET_UNITS),
    UNIT_SHEET_COLUMNS,
    (r) => ({ code: r.code('code'), name: r.name('name'), rootOrgCode: r.code('rootOrgCode') }),
    { rows: result.units, issues: result.issues, broken: result.broken.units },
  );
  result.setAside += readRows(
    read.orgs,
    sheetOf(read.orgs, SHEET_ORGS),
    ORG_SHEET_COLUMNS,
    (r) => ({
      code: r.code('code'),
      name: r.name('name'),
      kind: r.label('kind', PARTY_ORG_KIND_LABELS, KIND_ALIASES, '组织类别'),
      parentCode: r.code('parentCode'),
      unitCode: r.code('unitCode'),
      isTemporary: r.bool('isTemporary'),
      tempStartOn: r.date('tempStartOn'),
      tempEndOn: r.date('tempEndOn'),
      foundedOn: r.date('foundedOn'),
      sortOrder: r.integer('sortOrder'),
      departmentCodes: r.list('departmentCodes'),
      status: r.status('status'),
      closedOn: r.date('closedOn'),
    }),
    { rows: result.orgs, issues: result.issues, broken: result.broken.orgs },
  );
  result.setAside += readRows(
    read.departments,
    sheetOf(read.departments, SHEET_DEPARTMENTS),
    DEPARTMENT_SHEET_COLUMNS,
    (r) => ({
      code: r.code('code'),
      name: r.name('name'),
      kind: r.label('kind', DEPARTMENT_KIND_LABELS, DEPARTMENT_KIND_ALIASES, '部门类别'),
      parentCode: r.code('parentCode'),
      unitCode: r.code('unitCode'),
      sortOrder: r.integer('sortOrder'),
      status: r.status('status'),
    }),
    { rows: result.departments, issues: result.issues, broken: result.broken.departments },
  );
  if (!read.units && !read.orgs && !read.departments) {
    result.issues.push({
      sheet: SHEET_ORGS,
      row: 0,
      column: '',
      value: null,
      reason: `文件中没有“${SHEET_UNITS}”“${SHEET_ORGS}”“${SHEET_DEPARTMENTS}”中的任何一个工作表，请使用导入模板`,
    });
  }
  return result;
}
