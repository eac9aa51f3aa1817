// The member roster (党员名册) as a sheet: one column list serves the template, the export and the import, so that
// an exported file reads back in unchanged. Cell normalisation turns what people type into MemberImportRow values;
// rules between fields and against the database come later (member.import.ts).

import { type CodeListName, codeListNames, normaliseCode, unknownCodeMessage } from '#contracts/code-lists';
import { maskIdNumber, maskPhone } from '#contracts/id-number';
import type { MemberImportRow } from '#contracts/member';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, PARTY_POST_LABELS } from '#contracts/member';
import type { ImportIssue } from '#contracts/transfer';
import { isPrecisionLost, matchLabel, normalizeText, parseDateCell } from '../../core/spreadsheet/cells.ts';
import type { DataRow } from '../../core/spreadsheet/read.ts';
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
    example: '110101199003074578',
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

export const ROSTER_HEADER = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<
  RosterKey,
  string
>;

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
export function issueValue(key: RosterKey, text: string | null): string | null {
  if (text === null) return null;
  if (key === 'idNumber' && text.length >= 8 && !text.includes('*')) return maskIdNumber(text);
  if (key === 'phone' && !text.includes('*')) return maskPhone(text);
  return text;
}

/** A row's cells as MemberImportRow values, or the problems with them (labels, dates, numbers Excel mangled). */
export function parseRosterRow(
  row: DataRow<RosterKey>,
  sheet: string,
): { row: MemberImportRow | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const cell = (key: RosterKey) => row.cells[key];
  const add = (key: RosterKey, reason: string, text = normalizeText(cell(key))) =>
    issues.push({
      sheet,
      row: row.rowNumber,
      column: ROSTER_HEADER[key],
      value: issueValue(key, text),
      reason,
    });
  const text = (key: RosterKey, max: number, keep = false): string | null => {
    const value = normalizeText(cell(key), keep ? KEEP : {});
    if (value !== null && [...value].length > max) add(key, `不能超过 ${max} 个字符`, value);
    return value;
  };
  const label = <T extends string>(
    key: RosterKey,
    l: Readonly<Record<T, { zh: string; en: string }>>,
    aliases: Readonly<Record<string, T>>,
    reason: string,
  ): T | null => {
    if (normalizeText(cell(key)) === null) return null;
    const value = matchLabel(cell(key), l, aliases);
    if (value === null) add(key, reason);
    return value;
  };
  const date = (key: RosterKey): string | null => {
    if (normalizeText(cell(key)) === null) return null;
    const parsed = parseDateCell(cell(key));
    if (!parsed.ok) add(key, parsed.reason);
    return parsed.ok ? parsed.value : null;
  };
  const compact = (key: RosterKey): string | null => {
    if (isPrecisionLost(cell(key))) {
      add(key, '该单元格被 Excel 当作数字保存，末几位已丢失；请把该列设为“文本”格式后重新填写');
      return null;
    }
    return normalizeText(cell(key))?.replace(/\s+/g, '').toUpperCase() ?? null;
  };

  // A replacement character means the file's text was damaged before it reached us: never store it.
  for (const { key } of ROSTER_COLUMNS) {
    if (normalizeText(cell(key))?.includes('\uFFFD'))
      add(key, '含有无法识别的字符（文件编码可能已损坏），请核对后重新填写');
  }
  const name = text('name', 50, true);
  if (name === null) add('name', '请填写姓名');
  const gender = label('gender', GENDER_LABELS, GENDER_ALIASES, '性别应填写“男”或“女”');
  const idNumber = compact('idNumber');
  if (idNumber === null && !isPrecisionLost(cell('idNumber'))) add('idNumber', '请填写身份证号');
  const coded = (key: RosterKey, list: CodeListName): string | null => {
    const value = normalizeText(cell(key));
    if (value === null) return null;
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
  if (partyOrgCode === null) add('partyOrgCode', '请填写所在党组织编码');
  const partyPost = label(
    'partyPost',
    PARTY_POST_LABELS,
    POST_ALIASES,
    '党内职务应为“书记”“副书记”或“委员”，不担任职务的不填',
  );
  const departmentCode = text('departmentCode', 32);
  const businessPost = text('businessPost', 100, true);

  if (issues.length > 0 || name === null || idNumber === null || category === null || partyOrgCode === null) {
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
      partyPost,
      departmentCode,
      businessPost,
    },
    issues,
  };
}
