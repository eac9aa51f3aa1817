// The rules a branch record must meet before it is kept, each refusal naming its field and saying what to do.
import type { BranchRecordKind, CreateRecordBody, UpdateRecordBody } from '#contracts/branch';
import type { FieldIssue } from '#contracts/errors';

type Org = { kind: string; isTemporary: boolean; tempStartOn: string | null; tempEndOn: string | null };
type Body = Omit<CreateRecordBody, 'partyOrgId' | 'kind' | 'clientKey'> | Omit<UpdateRecordBody, 'version'>;

/** Which organisations hold which records: a cell holds its own meetings, talks and study; committees hold no 党小组会. */
const CELL_KINDS: readonly BranchRecordKind[] = ['cell_meeting', 'talk', 'study'];
const COMMITTEE_KINDS: readonly BranchRecordKind[] = [
  'committee_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'study',
  'talk',
  'general_meeting',
];

export function kindIssue(kind: BranchRecordKind, org: Org): string | null {
  if (org.isTemporary) return null;
  if (org.kind === 'cell')
    return CELL_KINDS.includes(kind)
      ? null
      : '党小组只记录党小组会、谈心谈话和学用融，其他活动请记在所在支部';
  if (org.kind === 'branch' || org.kind === 'general_branch')
    return kind === 'cell_meeting' ? '党小组会请记在对应的党小组下' : null;
  if (org.kind === 'organ_committee' || org.kind === 'sub_committee')
    return COMMITTEE_KINDS.includes(kind) ? null : '该类活动由党支部开展，请记在对应的党支部下';
  return '机关工委不在此记录支部活动，请选择党支部';
}

export type Roster = {
  members: ReadonlyMap<string, { unitId: string; status: string }>;
  expected: ReadonlySet<string>;
};

/** Issues of a record's body, given the organisation, today, and the members it names (looked up by the caller). */
export function recordIssues(
  kind: BranchRecordKind,
  body: Body,
  org: Org,
  today: string,
  roster: Roster,
  unitId: string,
) {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `body.${field}`, message });
  if (body.status === 'held') {
    if (!body.heldOn) add('heldOn', '已召开的活动请填写召开日期');
    else if (body.heldOn > today) add('heldOn', '召开日期不能晚于今天；尚未召开的活动请保存为“计划”');
  } else {
    if (!body.plannedOn) add('plannedOn', '计划中的活动请填写计划日期');
    if (body.heldOn) add('heldOn', '尚未召开的活动不填召开日期；召开后改为“已召开”再填写');
  }
  const day = body.status === 'held' ? body.heldOn : body.plannedOn;
  if (day && org.isTemporary && org.tempStartOn && day < org.tempStartOn)
    add(
      body.status === 'held' ? 'heldOn' : 'plannedOn',
      `临时党组织自 ${org.tempStartOn} 起开展活动，日期不能更早`,
    );
  if (day && org.isTemporary && org.tempEndOn && day > org.tempEndOn)
    add(
      body.status === 'held' ? 'heldOn' : 'plannedOn',
      `临时党组织已于 ${org.tempEndOn} 结束，日期不能更晚`,
    );

  const known = (id: string | null | undefined, field: string, what: string) => {
    if (!id) return;
    const m = roster.members.get(id);
    if (!m || m.unitId !== unitId) add(field, `${what}不是本机关的党员，请重新选择`);
  };
  known(body.hostMemberId, 'hostMemberId', kind === 'party_lecture' ? '授课人' : '主持人');
  known(body.recorderMemberId, 'recorderMemberId', '记录人');

  const seen = new Set<string>();
  body.attendees.forEach((a, i) => {
    if (seen.has(a.memberId)) add(`attendees.${i}.memberId`, '同一名党员只需登记一次');
    seen.add(a.memberId);
    known(a.memberId, `attendees.${i}.memberId`, '参加人员');
    if (a.attendance === 'excused' && !a.reason) add(`attendees.${i}.reason`, '请假的请填写请假事由');
  });
  if (body.status === 'held' && kind !== 'talk' && body.attendees.length === 0)
    add('attendees', '请登记参加人员（默认带出当天在册党员）');
  if (kind === 'talk') {
    if (!body.hostMemberId) add('hostMemberId', '请填写谈话人');
    if (body.attendees.length === 0) add('attendees', '请选择谈话对象');
    if (body.hostMemberId && seen.has(body.hostMemberId)) add('attendees', '谈话人和谈话对象不能是同一人');
  }
  if (kind === 'study') {
    if (!body.studied) add('studied', '请写明学了什么');
    if (!body.appliedTo) add('appliedTo', '请写明用来解决哪项业务问题（学用融合）');
  }
  if (kind === 'member_appraisal' && body.status === 'held') {
    if (body.grades.length === 0) add('grades', '请为参加评议的党员评定等次');
    const graded = new Set<string>();
    body.grades.forEach((g, i) => {
      if (graded.has(g.memberId)) add(`grades.${i}.memberId`, '同一名党员只评定一个等次');
      graded.add(g.memberId);
      if (!roster.expected.has(g.memberId)) add(`grades.${i}.memberId`, '只评议当天在册的本支部党员');
      if (g.grade === 'unqualified' && !g.note) add(`grades.${i}.note`, '评为不合格的请写明理由');
    });
  } else if (body.grades.length > 0) add('grades', '只有民主评议党员需要评定等次');
  if (kind !== 'theme_day' && body.parts) add('parts', '“五个一”只适用于主题党日');
  if (kind !== 'study' && (body.studied || body.appliedTo || body.outcome))
    add('studied', '学用融内容只适用于学用融记录');
  return issues;
}
