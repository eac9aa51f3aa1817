// The organisations workbook through the shared mapping step: each of its sheets (单位 / 党组织 / 业务部门) has its
// header found below any title rows, its columns matched to fields by header synonyms, a saved mapping or the
// user's choice, its totals and notes skipped with a notice, and every column not imported named. An organ's own
// single-sheet list of Party organisations is read as the 党组织 sheet.
import type { ColumnOverride, ImportIssue } from '#contracts/transfer';
import { openMappedSheet, sheetNamesPresent } from '../../core/spreadsheet/mapped-read.ts';
import {
  type ColumnChoice,
  cellsByField,
  chooseColumns,
  type HeaderMapping,
  type MappingField,
  type MappingProblem,
  mappingProblems,
  nonDataRowReason,
} from '../../core/spreadsheet/mapping.ts';
import type { DataRow, SheetRead } from '../../core/spreadsheet/read.ts';
import {
  DEPARTMENT_SHEET_COLUMNS,
  type DepartmentKey,
  ORG_SHEET_COLUMNS,
  type OrgKey,
  SHEET_DEPARTMENTS,
  SHEET_ORGS,
  SHEET_UNITS,
  UNIT_SHEET_COLUMNS,
  type UnitKey,
} from './org.sheets.ts';

export type SheetId = 'units' | 'orgs' | 'departments';

const UNIT_SYNONYMS: Partial<Record<UnitKey, string[]>> = {
  code: ['单位代码'],
  name: ['单位', '机关名称', '单位全称'],
  rootOrgCode: ['机关党组织编码', '最高党组织编码'],
};
const ORG_SYNONYMS: Partial<Record<OrgKey, string[]>> = {
  code: ['党组织编码', '组织代码', '编码'],
  name: ['党组织名称', '党组织全称', '名称'],
  kind: ['党组织类别', '组织类型', '党组织类型', '类别'],
  parentCode: ['上级党组织编码', '上级编码'],
  unitCode: ['单位编码'],
  isTemporary: ['临时党组织', '是否临时'],
  foundedOn: ['成立时间', '建立日期', '成立年月'],
  sortOrder: ['排序'],
  departmentCodes: ['对应部门编码', '部门编码'],
  closedOn: ['撤销时间'],
};
const DEPARTMENT_SYNONYMS: Partial<Record<DepartmentKey, string[]>> = {
  code: ['处室编码', '科室编码', '编码'],
  name: ['处室名称', '科室名称', '部门', '名称'],
  kind: ['部门类型', '类别'],
  parentCode: ['上级处室编码'],
  unitCode: ['单位编码'],
  sortOrder: ['排序'],
};

function fieldsOf<K extends string>(
  columns: readonly { key: K; header: string; required?: boolean }[],
  synonyms: Partial<Record<K, string[]>>,
): MappingField<K>[] {
  return columns.map((c) => ({
    key: c.key,
    label: c.header,
    synonyms: synonyms[c.key] ?? [],
    ...(c.required ? { required: true } : {}),
  }));
}

export const ORG_IMPORT_SHEETS = [
  { id: 'units', name: SHEET_UNITS, fields: fieldsOf(UNIT_SHEET_COLUMNS, UNIT_SYNONYMS) },
  { id: 'orgs', name: SHEET_ORGS, fields: fieldsOf(ORG_SHEET_COLUMNS, ORG_SYNONYMS) },
  {
    id: 'departments',
    name: SHEET_DEPARTMENTS,
    fields: fieldsOf(DEPARTMENT_SHEET_COLUMNS, DEPARTMENT_SYNONYMS),
  },
] as const;

export type SheetMapping = {
  id: SheetId;
  sheet: string;
  headerRow: number;
  choices: ColumnChoice[];
  problems: MappingProblem[];
};

/** Saved mappings hold every sheet's headers, each under "sheet/header" ("单位编码" means different fields). */
export function savedForSheet(saved: HeaderMapping, sheet: string): HeaderMapping {
  const out: Record<string, string | null> = {};
  for (const [key, field] of Object.entries(saved)) {
    const cut = key.indexOf('/');
    if (cut > 0 && key.slice(0, cut) === sheet) out[key.slice(cut + 1)] = field;
  }
  return out;
}

export function toSavedMapping(sheets: readonly SheetMapping[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const s of sheets) for (const c of s.choices) out[`${s.sheet}/${c.header}`] = c.field;
  return out;
}

export type MappedSheets = {
  reads: Record<SheetId, SheetRead<DataRow[]> | null>;
  sheets: SheetMapping[];
  notices: ImportIssue[];
};

/** Reads the sheets that are there (each optional); when none is, the single data sheet is read as 党组织. */
export async function readOrganisationSheets(
  buf: Buffer,
  options: { saved?: HeaderMapping; overrides?: readonly ColumnOverride[] } = {},
): Promise<MappedSheets> {
  const { present, dataSheets } = await sheetNamesPresent(
    buf,
    ORG_IMPORT_SHEETS.map((s) => s.name),
  );
  const reads: MappedSheets['reads'] = { units: null, orgs: null, departments: null };
  const sheets: SheetMapping[] = [];
  const notices: ImportIssue[] = [];
  for (const spec of ORG_IMPORT_SHEETS) {
    const there = present.includes(spec.name);
    const fallback = spec.id === 'orgs' && present.length === 0 && dataSheets === 1;
    if (!there && !fallback) continue;
    const saved = savedForSheet(options.saved ?? {}, spec.name);
    const fields = spec.fields as readonly MappingField[];
    const sheet = await openMappedSheet(buf, { sheetNames: [spec.name], fields, saved, fallback });
    const overrides = (options.overrides ?? []).filter((o) => (o.sheet ?? SHEET_ORGS) === spec.name);
    const choices = chooseColumns(sheet.columns, fields, { saved, overrides }).map((c) => ({
      ...c,
      sheet: spec.name,
    }));
    const problems = mappingProblems(choices, fields);
    sheets.push({ id: spec.id, sheet: spec.name, headerRow: sheet.headerRow, choices, problems });
    const rows: DataRow[] = [];
    for await (const raw of sheet.rows) {
      const kind = nonDataRowReason(raw);
      if (kind) {
        notices.push({
          sheet: spec.name,
          row: raw.number,
          column: '',
          value: null,
          reason: kind === 'total' ? '合计行，已跳过' : '备注或落款行，已跳过',
        });
        continue;
      }
      const cells = cellsByField(raw, choices, fields);
      if (Object.values(cells).every((v) => v === null || v === undefined || v === '')) continue;
      rows.push({ rowNumber: raw.number, cells });
    }
    reads[spec.id] = {
      sheetName: spec.name,
      headerRow: sheet.headerRow,
      missingColumns: problems.map((p) => p.field),
      rows,
    };
  }
  return { reads, sheets, notices };
}
