// The 三会一课 entry template (issue 10, point 10): its columns, the words a sheet may use for them and for the kinds,
// and the template workbook. The export of records carries the same columns first, so that a secretary reads both
// the same way.

import { type BranchRecordKind, RECORD_KIND_LABELS } from '#contracts/branch';
import { IMPORTABLE_KINDS } from '#contracts/branch-files';
import { type ColumnSpec, writeTemplate } from '../../core/spreadsheet/write.ts';

export const RECORDS_SHEET = '三会一课';
/** A branch's history of some years is a few hundred rows; an organ's a few thousand. */
export const MAX_IMPORT_ROWS = 3_000;

export type RecordColumnKey =
  | 'kind'
  | 'heldOn'
  | 'org'
  | 'topic'
  | 'place'
  | 'host'
  | 'recorder'
  | 'expected'
  | 'present'
  | 'absent'
  | 'resolutions';

export const KIND_VALUES = IMPORTABLE_KINDS.map((k) => RECORD_KIND_LABELS[k].zh);

/** Other words for the kinds, as registers and old spreadsheets write them. */
export const KIND_ALIASES: Record<string, BranchRecordKind> = {
  党员大会: 'general_meeting',
  支部大会: 'general_meeting',
  支部党员大会: 'general_meeting',
  支部委员会: 'committee_meeting',
  支委会议: 'committee_meeting',
  支部委员会会议: 'committee_meeting',
  小组会: 'cell_meeting',
  党小组会议: 'cell_meeting',
  上党课: 'party_lecture',
  专题党课: 'party_lecture',
  主题党日活动: 'theme_day',
  党日活动: 'theme_day',
  组织生活: 'org_life_meeting',
  专题组织生活会: 'org_life_meeting',
};

export const NAMES_NOTE =
  '姓名之间用顿号“、”分隔；同一党组织有同名党员时，在姓名后用括号注明身份证号后 4 位，如 张伟（1234）';

export const RECORD_COLUMNS: readonly (ColumnSpec & { key: RecordColumnKey })[] = [
  {
    key: 'kind',
    header: '类型',
    required: true,
    width: 14,
    list: KIND_VALUES,
    aliases: ['会议类型', '活动类型', '类别'],
    example: '支委会',
  },
  {
    key: 'heldOn',
    header: '日期',
    required: true,
    width: 12,
    type: 'date',
    aliases: ['召开日期', '会议日期', '活动日期', '时间'],
    note: '召开的日期，按 YYYY-MM-DD 填写；只导入已经召开的会议，不能晚于今天',
    example: '2025-03-12',
  },
  {
    key: 'org',
    header: '党组织',
    required: true,
    width: 20,
    aliases: ['党组织名称', '党组织编码', '所在党组织', '党支部', '支部', '党小组'],
    note: '召开会议的党组织，填名称或编码；党小组会填党小组',
    example: '第一党支部',
  },
  {
    key: 'topic',
    header: '主题',
    required: true,
    width: 30,
    aliases: ['会议主题', '活动主题', '议题', '党课题目', '题目'],
    example: '传达学习上级会议精神',
  },
  { key: 'place', header: '地点', width: 14, aliases: ['会议地点', '活动地点'], example: '三楼会议室' },
  {
    key: 'host',
    header: '主持人',
    width: 10,
    aliases: ['授课人', '主讲人', '会议主持人'],
    note: '党课填授课人',
    example: '张伟',
  },
  { key: 'recorder', header: '记录人', width: 10, aliases: ['会议记录人'], example: '李娜' },
  {
    key: 'expected',
    header: '应到人员',
    width: 30,
    aliases: ['应参会人员', '应到'],
    note: `不填则为当天在册的全体党员（支委会为支部委员）。${NAMES_NOTE}`,
    example: '',
  },
  {
    key: 'present',
    header: '实到人员',
    width: 30,
    aliases: ['参会人员', '出席人员', '实到', '参加人员'],
    note: `与“缺席人员”至少填一项。${NAMES_NOTE}`,
    example: '张伟、李娜、王强',
  },
  {
    key: 'absent',
    header: '缺席人员',
    width: 24,
    aliases: ['请假人员', '缺席及请假人员', '未到人员'],
    note: '请假的在姓名后用括号写明事由，如 赵敏（出差）；未写事由的记为缺席；全部到会的填“无”',
    example: '赵敏（出差）',
  },
  {
    key: 'resolutions',
    header: '决议',
    width: 30,
    aliases: ['决议事项', '会议决议', '决定事项'],
    wrap: true,
    example: '通过年度学习计划',
  },
];

export function recordsTemplate(): Promise<Buffer> {
  return writeTemplate([
    {
      name: RECORDS_SHEET,
      columns: RECORD_COLUMNS.map(({ aliases: _a, ...c }) => c),
      intro:
        '每行一次已召开的会议（支部党员大会、支委会、党小组会、党课、主题党日、组织生活会）。带 * 的列为必填项；任何一行有误则整个文件不导入。',
    },
  ]);
}
