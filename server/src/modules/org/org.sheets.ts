// The organisations workbook: sheet names, columns (one definition serves the template, the export and the
// reader) and the Chinese labels written into and read back from cells.
import { PARTY_ORG_KIND_LABELS, PARTY_ORG_KINDS } from '#contracts/org';
import type { ColumnSpec } from '../../core/spreadsheet/write.ts';
import { DEPARTMENT_KIND_LABELS, STATUS_LABELS } from './org.policy.ts';

export const SHEET_UNITS = '单位';
export const SHEET_ORGS = '党组织';
export const SHEET_DEPARTMENTS = '业务部门';

export type Located<T> = { row: number; data: T };

type Column<K extends string> = ColumnSpec & { key: K };

const YES_NO = ['是', '否'] as const;
const STATUS_LIST = [STATUS_LABELS.active.zh, STATUS_LABELS.closed.zh];

export type UnitKey = 'code' | 'name' | 'rootOrgCode';
export const UNIT_SHEET_COLUMNS: readonly Column<UnitKey>[] = [
  {
    key: 'code',
    header: '单位编码',
    required: true,
    width: 16,
    example: 'MZHG',
    note: '本单位的唯一编码，导入时按编码更新',
  },
  { key: 'name', header: '单位名称', required: true, width: 28, example: '明州海关' },
  {
    key: 'rootOrgCode',
    header: '党组织编码',
    width: 16,
    example: 'JG',
    note: '本单位最高一级党组织（通常为机关党委）的组织编码，须在“党组织”表或系统中存在',
  },
];

export type OrgKey =
  | 'code'
  | 'name'
  | 'kind'
  | 'parentCode'
  | 'unitCode'
  | 'isTemporary'
  | 'tempStartOn'
  | 'tempEndOn'
  | 'foundedOn'
  | 'sortOrder'
  | 'departmentCodes'
  | 'status'
  | 'closedOn';

export const ORG_SHEET_COLUMNS: readonly Column<OrgKey>[] = [
  {
    key: 'code',
    header: '组织编码',
    required: true,
    width: 16,
    example: 'JG-01',
    note: '唯一编码，导入时按编码新增或更新',
  },
  { key: 'name', header: '组织名称', required: true, width: 32, example: '第一党支部' },
  {
    key: 'kind',
    header: '组织类别',
    required: true,
    width: 14,
    list: PARTY_ORG_KINDS.map((k) => PARTY_ORG_KIND_LABELS[k].zh),
    example: PARTY_ORG_KIND_LABELS.branch.zh,
  },
  {
    key: 'parentCode',
    header: '上级组织编码',
    width: 16,
    example: 'JG',
    note: '上级党组织的组织编码；只有机关工委或独立的机关党委可以不填',
  },
  {
    key: 'unitCode',
    header: '所属单位编码',
    width: 16,
    example: 'MZHG',
    note: '不填时沿用上级组织的所属单位',
  },
  { key: 'isTemporary', header: '是否临时党组织', width: 14, list: YES_NO, example: '否' },
  { key: 'tempStartOn', header: '临时组织开始日期', type: 'date', width: 16, note: '临时党组织必填' },
  { key: 'tempEndOn', header: '临时组织结束日期', type: 'date', width: 16 },
  { key: 'foundedOn', header: '成立日期', type: 'date', width: 14, example: '2019-07-01' },
  {
    key: 'sortOrder',
    header: '排序号',
    type: 'integer',
    width: 8,
    example: '1',
    note: '同一上级下的显示顺序，从小到大',
  },
  {
    key: 'departmentCodes',
    header: '对应业务部门编码',
    width: 28,
    example: 'JG-D01-S01,JG-D01-S02',
    note: '支部建在科上：本组织对应的处室/科室编码，多个用逗号或顿号分隔，须属于同一单位',
  },
  {
    key: 'status',
    header: '状态',
    width: 10,
    list: STATUS_LIST,
    example: STATUS_LABELS.active.zh,
    note: '不填视为正常',
  },
  { key: 'closedOn', header: '撤销日期', type: 'date', width: 14, note: '状态为“已撤销”时必填' },
];

export type DepartmentKey = 'code' | 'name' | 'kind' | 'parentCode' | 'unitCode' | 'sortOrder' | 'status';
export const DEPARTMENT_SHEET_COLUMNS: readonly Column<DepartmentKey>[] = [
  { key: 'code', header: '部门编码', required: true, width: 16, example: 'JG-D01' },
  { key: 'name', header: '部门名称', required: true, width: 28, example: '综合业务处' },
  {
    key: 'kind',
    header: '部门类别',
    required: true,
    width: 10,
    list: Object.values(DEPARTMENT_KIND_LABELS).map((l) => l.zh),
    example: DEPARTMENT_KIND_LABELS.division.zh,
  },
  { key: 'parentCode', header: '上级部门编码', width: 16, note: '科室所在处室的部门编码；处室可不填' },
  { key: 'unitCode', header: '所属单位编码', required: true, width: 16, example: 'MZHG' },
  { key: 'sortOrder', header: '排序号', type: 'integer', width: 8, example: '1' },
  {
    key: 'status',
    header: '状态',
    width: 10,
    list: STATUS_LIST,
    example: STATUS_LABELS.active.zh,
    note: '不填视为正常',
  },
];

const headersOf = <K extends string>(cols: readonly Column<K>[]) =>
  Object.fromEntries(cols.map((c) => [c.key, c.header])) as Record<K, string>;

export const UNIT_HEADERS = headersOf(UNIT_SHEET_COLUMNS);
export const ORG_HEADERS = headersOf(ORG_SHEET_COLUMNS);
export const DEPARTMENT_HEADERS = headersOf(DEPARTMENT_SHEET_COLUMNS);

export const SHEET_INTROS = {
  units: '每行一个单位（机关）。带 * 的列为必填项；填写要求见“说明”工作表。',
  orgs: '每行一个党组织，上级组织可在本表中或系统中。带 * 的列为必填项；填写要求见“说明”工作表。',
  departments: '每行一个处室或科室。带 * 的列为必填项；填写要求见“说明”工作表。',
} as const;
