// The member roster (党员名册) as a sheet: one column list serves the template, the export and the import, so that
// an exported file reads back in unchanged. Cell normalisation turns what people type into MemberImportRow values;
// rules between fields and against the database come later (member.import.ts).

import { type CodeListName, codeListNames, normaliseCode, unknownCodeMessage } from '#contracts/code-lists';
import { dateProblem, textProblem } from '#contracts/common';
import { maskIdNumber, maskPhone } from '#contracts/id-number';
import type { MemberImportRow } from '#contracts/member';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, PARTY_POST_LABELS } from '#contracts/member';
import type { ImportIssue } from '#contracts/transfer';
import { isPrecisionLost, matchLabel, normalizeText, parseDateCell } from '../../core/spreadsheet/cells.ts';
import type { MappingField } from '../../core/spreadsheet/mapping.ts';
import type { ColumnSpec } from '../../core/spreadsheet/write.ts';

export const ROSTER_SHEET = '党员名册';

const labels = (l: Readonly<Record<string, { zh: string }>>) => Object.values(l).map((x) => x.zh);

export const ROSTER_COLUMNS = [
  { key: 'name', header: '姓名', required: true, width: 12, aliases: ['党员姓名'], example: '张三' },
  {
    key: 'gender',
    header: '性别',
    width: 8,
    list: labels(GENDER_LABELS),
    note: '可不填：按身份证号确定；填写时须与身份证号一致',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    width: 22,
    aliases: ['身份证号码', '公民身份号码', '身份证'],
    note: '18 位公民身份号码（末位可为 X）。从系统导出的脱敏号码（含 *）表示保留系统中已登记的号码',
    example: '110101199003074573',
  },
  {
    key: 'ethnicity',
    header: '民族',
    width: 10,
    list: codeListNames('ethnicity'),
    note: 'GB/T 3304 的 56 个民族，如“汉族”（“汉”亦可）',
    example: '汉族',
  },
  {
    key: 'education',
    header: '学历',
    width: 12,
    list: codeListNames('education'),
    note: '最高学历，如“大学本科”“大学专科”（“本科”“大专”亦可）',
    example: '大学本科',
  },
  {
    key: 'phone',
    header: '手机号',
    width: 16,
    aliases: ['手机', '手机号码', '联系电话'],
    example: '13800138000',
  },
  {
    key: 'category',
    header: '党员类别',
    required: true,
    width: 12,
    aliases: ['人员类别', '类别'],
    list: labels(MEMBER_CATEGORY_LABELS),
  },
  { key: 'joinedOn', header: '入党日期', width: 14, type: 'date', example: '2019-07-01' },
  { key: 'fullOn', header: '转正日期', width: 14, type: 'date', note: '预备党员不填', example: '2020-07-01' },
  {
    key: 'partyOrgCode',
    header: '所在党组织编码',
    required: true,
    width: 18,
    aliases: ['党组织编码'],
    note: '党员所在党支部或党小组的编码，见组织管理',
  },
  {
    key: 'partyOrgName',
    header: '所在党组织名称',
    width: 24,
    aliases: ['党组织名称'],
    note: '仅供核对，导入时以编码为准',
  },
  {
    key: 'partyPost',
    header: '党内职务',
    width: 10,
    list: labels(PARTY_POST_LABELS),
    note: '不担任职务的不填',
  },
  { key: 'departmentCode', header: '所在部门编码', width: 16, aliases: ['部门编码', '处室编码'] },
  { key: 'businessPost', header: '业务职务', width: 16, aliases: ['职务'], example: '一级主任科员' },
] as const satisfies readonly ColumnSpec[];

export type RosterKey = (typeof ROSTER_COLUMNS)[number]['key'];
/** A roster row as read from a file: the organisation is named by code or, failing that, by name. */
export type RosterRow = Omit<MemberImportRow, 'partyOrgCode'> & { partyOrgCode: string | null };
/** Fields a mapped import reads besides the template's columns. */
export type ImportKey = RosterKey | 'departmentName' | 'transferInOn';

export const ROSTER_HEADER = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<
  RosterKey,
  string
>;

export const IMPORT_LABEL: Record<ImportKey, string> = {
  ...ROSTER_HEADER,
  partyOrgName: '所在党组织',
  departmentName: '所在部门',
  transferInOn: '转入日期',
};

// Header texts organs use in their own rosters, beside the template's; compared without spaces or '*'.
const SYNONYMS: Record<ImportKey, readonly string[]> = {
  name: ['姓名', '党员姓名'],
  gender: ['性别'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '身份证',
    '居民身份证号码',
    '证件号码',
  ],
  ethnicity: ['民族'],
  education: ['学历', '文化程度', '最高学历', '全日制学历'],
  phone: ['手机号', '手机', '手机号码', '联系电话', '联系方式', '电话', '电话号码', '移动电话'],
  category: ['人员类别', '党员类别', '类别', '党员身份'],
  joinedOn: ['入党日期', '入党时间', '入党年月', '加入党组织日期', '加入中国共产党时间'],
  fullOn: ['转正日期', '转正时间', '转正年月'],
  partyOrgCode: ['所在党组织编码', '党组织编码', '支部编码', '党支部编码'],
  partyOrgName: [
    '所在党组织名称',
    '党组织名称',
    '所在党组织',
    '所在党支部',
    '所属支部',
    '所属党支部',
    '所属党组织',
    '所在支部',
    '党支部',
    '支部',
    '党支部名称',
    '支部名称',
  ],
  partyPost: ['党内职务'],
  departmentCode: ['所在部门编码', '部门编码', '处室编码'],
  departmentName: [
    '所在部门',
    '部门',
    '处室',
    '所在处室',
    '所在科室',
    '科室',
    '工作部门',
    '部门名称',
    '所在部门名称',
  ],
  businessPost: ['业务职务', '职务', '工作岗位', '岗位', '行政职务', '现任职务', '职务职级'],
  transferInOn: ['转入日期', '转入时间', '组织关系转入日期', '组织关系转入时间', '转入本支部日期'],
};

const HINTS: Partial<Record<ImportKey, string>> = {
  idNumber: '18 位公民身份号码；系统导出的脱敏号码表示保留已登记的号码',
  category: '正式党员 / 预备党员',
  partyOrgCode: '党组织编码（见组织管理）',
  partyOrgName: '党支部全称，或在您管理范围内唯一的名称',
  departmentName: '本单位的部门名称',
  joinedOn: '2019-07-01、2019.07.01、2019年7月1日 均可',
  transferInOn: '组织关系转入本党组织的日期；不填则以导入当天为准',
};

/** The fields of the mapping step, in the order the mapping table lists them. */
export const ROSTER_FIELDS: readonly MappingField<ImportKey>[] = (
  [
    'name',
    'idNumber',
    'gender',
    'ethnicity',
    'education',
    'phone',
    'category',
    'joinedOn',
    'fullOn',
    'partyOrgCode',
    'partyOrgName',
    'partyPost',
    'departmentCode',
    'departmentName',
    'businessPost',
    'transferInOn',
  ] as const
).map((key) => ({
  key,
  label: IMPORT_LABEL[key],
  synonyms: SYNONYMS[key],
  ...(key === 'name' || key === 'idNumber' || key === 'category' ? { required: true } : {}),
  ...(key === 'partyOrgCode' || key === 'partyOrgName' ? { oneOf: 'partyOrg' } : {}),
}));

export function fieldHint(key: string): string | null {
  return HINTS[key as ImportKey] ?? null;
}

const GENDER_ALIASES = { 男性: 'male', 女性: 'female', m: 'male', f: 'female' } as const;
const CATEGORY_ALIASES = { 正式: 'full', 预备: 'probationary' } as const;
const POST_ALIASES = {
  支部书记: 'secretary',
  党支部书记: 'secretary',
  支部副书记: 'deputy_secretary',
  党支部副书记: 'deputy_secretary',
  支委: 'committee_member',
  支委委员: 'committee_member',
  支部委员: 'committee_member',
} as const;

const KEEP = { keepFullWidthPunctuation: true };

/** What an issue shows of a personal number: never more than the masked form. */
export function issueValue(key: ImportKey, text: string | null): string | null {
  if (text === null) return null;
  if (key === 'idNumber' && text.length >= 8 && !text.includes('*')) return maskIdNumber(text);
  if (key === 'phone' && !text.includes('*')) return maskPhone(text);
  return text;
}

/** A row's cells as MemberImportRow values, or the problems with them (labels, dates, numbers Excel mangled). */
export function parseRosterRow(
  row: { rowNumber: number; cells: Readonly<Partial<Record<ImportKey, unknown>>> },
  sheet: string,
  headers: Readonly<Partial<Record<ImportKey, string>>> = {},
): { row: RosterRow | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const cell = (key: ImportKey) => row.cells[key] ?? null;
  const add = (key: ImportKey, reason: string, text = normalizeText(cell(key))) =>
    issues.push({
      sheet,
      row: row.rowNumber,
      column: headers[key] ?? IMPORT_LABEL[key],
      value: issueValue(key, text),
      reason,
    });
  const text = (key: ImportKey, max: number, keep = false): string | null => {
    const value = normalizeText(cell(key), keep ? KEEP : {});
    if (value !== null && [...value].length > max) add(key, `不能超过 ${max} 个字符`, value);
    return value;
  };
  const label = <T extends string>(
    key: ImportKey,
    l: Readonly<Record<T, { zh: string; en: string }>>,
    aliases: Readonly<Record<string, T>>,
    reason: string,
  ): T | null => {
    if (normalizeText(cell(key)) === null) return null;
    const value = matchLabel(cell(key), l, aliases);
    if (value === null) add(key, reason);
    return value;
  };
  const date = (key: ImportKey): string | null => {
    if (normalizeText(cell(key)) === null) return null;
    const parsed = parseDateCell(cell(key));
    // A date the cell reader accepts (0000-01-01 is a calendar day to it) must also be one the product keeps.
    const problem = parsed.ok ? dateProblem(parsed.value) : parsed.reason;
    if (problem) add(key, problem);
    return parsed.ok && !problem ? parsed.value : null;
  };
  const compact = (key: ImportKey): string | null => {
    if (isPrecisionLost(cell(key))) {
      add(key, '该单元格被 Excel 当作数字保存，末几位已丢失；请把该列设为“文本”格式后重新填写');
      return null;
    }
    return normalizeText(cell(key))?.replace(/\s+/g, '').toUpperCase() ?? null;
  };

  // A replacement character means the file's text was damaged before it reached us: never store it.
  for (const { key } of ROSTER_FIELDS) {
    const value = normalizeText(cell(key));
    if (value?.includes('\uFFFD')) add(key, '含有无法识别的字符（文件编码可能已损坏），请核对后重新填写');
    else if (value) {
      const problem = textProblem(value);
      if (problem) add(key, problem);
    }
  }
  const name = text('name', 50, true);
  if (name === null) add('name', '请填写姓名');
  const gender = label('gender', GENDER_LABELS, GENDER_ALIASES, '性别应填写“男”或“女”');
  const idNumber = compact('idNumber');
  if (idNumber === null && !isPrecisionLost(cell('idNumber'))) add('idNumber', '请填写身份证号');
  const coded = (key: RosterKey, list: CodeListName): string | null => {
    const value = normalizeText(cell(key));
    if (value === null) return null;
    // Damaged or forbidden characters were reported above, once per cell.
    if (value.includes('\uFFFD') || textProblem(value)) return null;
    const name = normaliseCode(list, value);
    if (name === null) add(key, unknownCodeMessage(list, value), value);
    return name;
  };
  const ethnicity = coded('ethnicity', 'ethnicity');
  const education = coded('education', 'education');
  const phone = compact('phone');
  const category = label(
    'category',
    MEMBER_CATEGORY_LABELS,
    CATEGORY_ALIASES,
    '党员类别应为“正式党员”或“预备党员”',
  );
  if (normalizeText(cell('category')) === null) add('category', '请选择党员类别（正式党员/预备党员）');
  const joinedOn = date('joinedOn');
  const fullOn = date('fullOn');
  const partyOrgCode = text('partyOrgCode', 32);
  const partyOrgName = text('partyOrgName', 100, true);
  if (partyOrgCode === null && partyOrgName === null)
    add(headers.partyOrgCode ? 'partyOrgCode' : 'partyOrgName', '请填写所在党组织（编码或名称）');
  const partyPost = label(
    'partyPost',
    PARTY_POST_LABELS,
    POST_ALIASES,
    '党内职务应为“书记”“副书记”或“委员”，不担任职务的不填',
  );
  const departmentCode = text('departmentCode', 32);
  const departmentName = text('departmentName', 100, true);
  const businessPost = text('businessPost', 100, true);
  const transferInOn = date('transferInOn');

  if (
    issues.length > 0 ||
    name === null ||
    idNumber === null ||
    category === null ||
    (partyOrgCode === null && partyOrgName === null)
  ) {
    return { row: null, issues };
  }
  return {
    row: {
      name,
      gender,
      idNumber,
      ethnicity,
      education,
      phone,
      category,
      joinedOn,
      fullOn,
      partyOrgCode,
      partyOrgName,
      partyPost,
      departmentCode,
      departmentName,
      businessPost,
      transferInOn,
    },
    issues,
  };
}
