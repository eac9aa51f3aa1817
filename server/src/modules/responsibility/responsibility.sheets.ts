// The columns of the duties and work points workbooks, shared by the import templates, the import reader and the
// list export: a list exported and imported back changes nothing, because both speak the same headers.
import { DOMAIN_LABELS, DOMAINS, RECURRENCE_LABELS, RECURRENCES } from '#contracts/responsibility';
import { type ColumnSpec, type SheetSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';

export const ITEM_SHEET = '职责';
export const WORK_POINT_SHEET = '工作要点';
export const GUIDE_SHEET = '填写说明';
/** Rows one file may carry: an organ's list is a few dozen duties, the work committee's plan fewer. */
export const MAX_IMPORT_ROWS = 500;

export const DOMAIN_VALUES = DOMAINS.map((d) => DOMAIN_LABELS[d].zh);
export const RECURRENCE_VALUES = RECURRENCES.map((r) => RECURRENCE_LABELS[r].zh);
const YES_NO = ['是', '否'];
const DATE_NOTE = '按 YYYY-MM-DD 填写，如 2026-06-30';
/** A4 landscape, as wide as the page, as many pages long as it takes, the header row on every page. */
export const LANDSCAPE = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
} as const;

export type ItemColumnKey =
  | 'domain'
  | 'category'
  | 'title'
  | 'detail'
  | 'ownerOrgName'
  | 'ownerOrgCode'
  | 'ownerMember'
  | 'idTail'
  | 'deadline'
  | 'recurrence'
  | 'effectiveFrom'
  | 'weight'
  | 'issued'
  | 'parent'
  | 'workPoint';

type Column<K extends string> = ColumnSpec & { key: K };

export const ITEM_COLUMNS: readonly Column<ItemColumnKey>[] = [
  {
    key: 'domain',
    header: '领域',
    required: true,
    width: 8,
    list: DOMAIN_VALUES,
    note: '党建、业务或融合（党建与业务相融合的工作）',
    example: '融合',
  },
  {
    key: 'category',
    header: '类别',
    required: true,
    width: 14,
    note: '职责的分类，不超过 30 个字，如“组织建设”“业务工作”',
    example: '组织建设',
  },
  {
    key: 'title',
    header: '职责内容',
    required: true,
    width: 40,
    note: '不超过 200 个字。清单内以职责内容区分各条：再次导入时，职责内容相同的行更新原有职责，不会重复新增',
    example: '每月开展一次主题党日活动',
  },
  {
    key: 'detail',
    header: '具体要求',
    width: 40,
    note: '完成标准、工作措施等，不超过 2000 个字；不填则无',
    example: '围绕本科室业务难点确定主题，会后形成记录',
  },
  {
    key: 'ownerOrgName',
    header: '责任党组织',
    width: 18,
    note: '本单位党组织的名称，须是清单所属党组织或其下级；与“党组织编码”任填其一，都不填为清单所属党组织',
    example: '第一党支部',
  },
  {
    key: 'ownerOrgCode',
    header: '党组织编码',
    width: 14,
    note: '党组织编码；填了编码则以编码为准（党组织重名时请填编码）',
  },
  {
    key: 'ownerMember',
    header: '责任人',
    width: 10,
    note: '责任党组织（含下级组织）在册党员的姓名；不填则不指定责任人',
    example: '李明',
  },
  {
    key: 'idTail',
    header: '身份证号后4位',
    width: 10,
    aliases: ['责任人身份证号后4位', '身份证后四位', '身份证号后四位'],
    note: '责任人有同名时填写，用于区分；无同名不必填写',
  },
  {
    key: 'deadline',
    header: '完成时限',
    type: 'date',
    width: 12,
    note: `一次性职责必填，${DATE_NOTE}；周期性职责可不填`,
    example: '2026-06-30',
  },
  {
    key: 'recurrence',
    header: '周期',
    required: true,
    width: 10,
    list: RECURRENCE_VALUES,
    note: '一次性职责按“完成时限”考核；周期性职责每个周期各考核一次',
    example: '每月',
  },
  {
    key: 'effectiveFrom',
    header: '起算日期',
    type: 'date',
    width: 12,
    note: `职责从哪一天起计算，须在清单年度内，${DATE_NOTE}；不填为导入当天`,
    example: '2026-01-01',
  },
  {
    key: 'weight',
    header: '权重',
    width: 8,
    note: '大于 0、不超过 1000 的数，最多两位小数；不填时新职责为 1，已有职责保持不变',
    example: '1',
  },
  {
    key: 'issued',
    header: '是否下发',
    width: 10,
    list: YES_NO,
    note: '“是”表示下级清单应承接此项，覆盖情况会提示尚未承接的下级；不填时新职责为“否”，已有职责保持不变',
    example: '否',
  },
  {
    key: 'parent',
    header: '承接的上级职责',
    width: 30,
    note: '承接上级清单的哪一项：填写上级职责的内容或序号；不承接不填',
  },
  {
    key: 'workPoint',
    header: '承接的工作要点',
    width: 30,
    note: '承接工委本年度的哪一项工作要点：填写要点的内容或序号；不承接不填',
  },
];

export type WorkPointColumnKey = 'domain' | 'category' | 'title' | 'detail' | 'weight';

export const WORK_POINT_COLUMNS: readonly Column<WorkPointColumnKey>[] = [
  { ...(ITEM_COLUMNS[0] as Column<'domain'>) },
  { ...(ITEM_COLUMNS[1] as Column<'category'>), example: '融合发展' },
  {
    key: 'title',
    header: '工作要点',
    required: true,
    width: 44,
    note: '不超过 200 个字。同一年度以要点内容区分各条：再次导入时，内容相同的行更新原有要点，不会重复新增',
    example: '开展“党建+营商环境”攻坚',
  },
  { ...(ITEM_COLUMNS[3] as Column<'detail'>), example: '各机关围绕企业反映集中的问题确定攻坚项目' },
  {
    key: 'weight',
    header: '权重',
    width: 8,
    note: '大于 0、不超过 1000 的数，最多两位小数；不填时新要点为 1，已有要点保持不变',
    example: '2',
  },
];

const COMMON_RULES = [
  '1. 每行填写一条，带 * 的列必须填写；日期一律按 YYYY-MM-DD 填写（如 2026-06-30）。',
  '2. 导入时逐行检查，只要有一行有误，整个文件都不导入，并按行号和列名列出问题；改正后重新导入即可。',
  '3. 再次导入同一文件不会重复新增，只更新有变化的内容；可以先导出，在导出的表格上修改后再导入。',
];

const ITEM_RULES = [
  ...COMMON_RULES,
  '4. 周期、起算日期和承接关系在职责建立后不能通过导入修改，请在系统中关闭原职责后重新建立。',
  `5. 领域可填：${DOMAIN_VALUES.join('、')}；周期可填：${RECURRENCE_VALUES.join('、')}。`,
];
const WORK_POINT_RULES = [...COMMON_RULES, `4. 领域可填：${DOMAIN_VALUES.join('、')}。`];

function guideSheet(columns: readonly ColumnSpec[], rules: readonly string[]): SheetSpec {
  return {
    name: GUIDE_SHEET,
    intro: ['填写说明', ...rules].join('\n'),
    columns: [
      { key: 'column', header: '列名', width: 16 },
      { key: 'required', header: '是否必填', width: 10 },
      { key: 'format', header: '格式', width: 22 },
      { key: 'values', header: '可选值', width: 30 },
      { key: 'note', header: '填写要求', width: 60 },
      { key: 'example', header: '示例', width: 24 },
    ],
    rows: columns.map((c) => ({
      column: c.header,
      required: c.required ? '必填' : '选填',
      format: c.list?.length
        ? '从下拉列表中选择'
        : c.type === 'date'
          ? '日期 YYYY-MM-DD'
          : c.key === 'weight'
            ? '数字'
            : '文本',
      values: c.list?.join('、') ?? '',
      note: c.note ?? '',
      example: c.example ?? '',
    })),
    print: { pageSetup: LANDSCAPE },
  };
}

function template(sheet: string, columns: readonly ColumnSpec[], rules: readonly string[], intro: string) {
  return writeWorkbook([{ name: sheet, columns, rows: [], intro }, guideSheet(columns, rules)]);
}

export function itemTemplate(): Promise<Buffer> {
  return template(
    ITEM_SHEET,
    ITEM_COLUMNS,
    ITEM_RULES,
    `每行一条职责，带 * 的列为必填项；各列的填写要求见“${GUIDE_SHEET}”工作表。`,
  );
}

export function workPointTemplate(): Promise<Buffer> {
  return template(
    WORK_POINT_SHEET,
    WORK_POINT_COLUMNS,
    WORK_POINT_RULES,
    `每行一项年度工作要点，带 * 的列为必填项；各列的填写要求见“${GUIDE_SHEET}”工作表。`,
  );
}
