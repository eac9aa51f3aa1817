// Labels of kinds, attendance and grades as message keys. Kept out of #contracts/branch at run time (types only):
// the workbench cards use them on the home page, which must not bring zod and the schemas with it.
import type { Attendance, BranchRecordKind, Grade } from '#contracts/branch';
import type { MessageKey } from '../../i18n/zh-cn.ts';

export const RECORD_KIND_LIST: readonly BranchRecordKind[] = [
  'theme_day',
  'general_meeting',
  'committee_meeting',
  'cell_meeting',
  'party_lecture',
  'org_life_meeting',
  'member_appraisal',
  'talk',
  'study',
];

export const KIND_LABEL: Record<BranchRecordKind, MessageKey> = {
  general_meeting: 'record.kind.general_meeting',
  committee_meeting: 'record.kind.committee_meeting',
  cell_meeting: 'record.kind.cell_meeting',
  party_lecture: 'record.kind.party_lecture',
  theme_day: 'record.kind.theme_day',
  org_life_meeting: 'record.kind.org_life_meeting',
  member_appraisal: 'record.kind.member_appraisal',
  talk: 'record.kind.talk',
  study: 'record.kind.study',
};

/** Tag colours: the 三会一课 in reds, the theme day gold, the rest by kind. */
export const KIND_COLOUR: Record<BranchRecordKind, string> = {
  general_meeting: 'red',
  committee_meeting: 'volcano',
  cell_meeting: 'orange',
  party_lecture: 'magenta',
  theme_day: 'gold',
  org_life_meeting: 'purple',
  member_appraisal: 'geekblue',
  talk: 'cyan',
  study: 'green',
};

/** The same colours as plain values, for the calendar's dots (antd's preset colours, shade 6). */
export const KIND_HEX: Record<BranchRecordKind, string> = {
  general_meeting: '#f5222d',
  committee_meeting: '#fa541c',
  cell_meeting: '#fa8c16',
  party_lecture: '#eb2f96',
  theme_day: '#faad14',
  org_life_meeting: '#722ed1',
  member_appraisal: '#2f54eb',
  talk: '#13c2c2',
  study: '#52c41a',
};

export const ATTENDANCE_LABEL: Record<Attendance, MessageKey> = {
  present: 'record.attendance.present',
  excused: 'record.attendance.excused',
  absent: 'record.attendance.absent',
};

export const GRADE_LIST: readonly Grade[] = ['excellent', 'qualified', 'basically_qualified', 'unqualified'];
export const GRADE_LABEL: Record<Grade, MessageKey> = {
  excellent: 'record.grade.excellent',
  qualified: 'record.grade.qualified',
  basically_qualified: 'record.grade.basically_qualified',
  unqualified: 'record.grade.unqualified',
};

export function isRecordKind(value: string | null | undefined): value is BranchRecordKind {
  return !!value && (RECORD_KIND_LIST as readonly string[]).includes(value);
}
