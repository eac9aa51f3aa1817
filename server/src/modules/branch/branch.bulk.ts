// A whole year of an organ's branch records in one go (the demo organ, every organ of a benchmark province):
// set-based — one INSERT … SELECT FROM unnest per table and 5,000 rows (branch.bulk-sql.ts) — then the organ's
// obligation periods settled at once from what was written, and one audit entry for the load, as the responsibility
// module's bulk load does. Ids are made here so attendees and grades name their records before anything is written.
//
// The burden meter's counts are the server's, as for a record entered through the form: each planned record says what
// the form offered when it was entered (the prefill of that day), and `countFields` compares the two. The plan comes
// from code, not from a person's file: it is checked for the slips a generator can make (an organisation or a member
// of another organ, a record without its day), not against the rules a person's entry goes through.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Attendance, BranchRecordKind, Grade } from '#contracts/branch';
import type { Ctx } from '../../core/context.ts';
import type { DB } from '../../core/db-types.ts';
import type { ThemeDayParts } from '../../core/db-types-branch.ts';
import { recordAudit } from '../audit/index.ts';
import { memberRefs } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { settleObligations } from '../responsibility/index.ts';
import { writeBulk } from './branch.bulk-sql.ts';
import { countFields, type FieldCounts } from './branch.counts.ts';
import { BRANCH_RECORD_KINDS } from './branch.record-kinds.ts';

/** What the record form offered when the record was entered (branch.prefill.ts's values on that day). */
export type PlanPrefill = {
  date: string;
  hostMemberId: string | null;
  recorderMemberId: string | null;
  place: string | null;
  /** The roster on the day (empty for a talk): each came marked present. */
  expected: readonly string[];
  /** The plan the held record took over, when it was planned first. */
  planned: { topic: string; plannedOn: string | null; place: string | null } | null;
};

export type PlanRecord = {
  partyOrgId: string;
  kind: BranchRecordKind;
  status: 'planned' | 'held';
  plannedOn: string | null;
  heldOn: string | null;
  place: string | null;
  hostMemberId: string | null;
  recorderMemberId: string | null;
  topic: string;
  content: string | null;
  resolutions: string | null;
  parts: ThemeDayParts | null;
  studied: string | null;
  appliedTo: string | null;
  outcome: string | null;
  attendees: readonly { memberId: string; attendance: Attendance; reason: string | null }[];
  grades: readonly { memberId: string; grade: Grade; note: string | null }[];
  /** 'demo': entered (as the demo tells it) through the form; 'import': from the 三会一课 workbook. */
  source: 'demo' | 'import';
  prefill: PlanPrefill;
  createdByUserId: string | null;
  createdByName: string | null;
  /** When it was entered: the day it was held, or days later. */
  enteredAt: Date;
};

export type PlanTemporaryMember = {
  partyOrgId: string;
  memberId: string;
  fromOn: string;
  toOn: string | null;
};

export type BranchPlan = {
  unitId: string;
  /** The organ's fixed day of the month for 主题党日; null keeps the default (the 9th). */
  themeDayOfMonth: number | null;
  records: readonly PlanRecord[];
  temporaryMembers: readonly PlanTemporaryMember[];
};

export type BranchLoadResult = {
  /** False when the organ already kept branch records: a plan is loaded once and then left to its users. */
  loaded: boolean;
  records: number;
  attendees: number;
  grades: number;
  temporaryMembers: number;
  /** Obligation periods the records met (or, for a reload, no longer met). */
  periodsSettled: number;
  statements: number;
};

const EMPTY = { records: 0, attendees: 0, grades: 0, temporaryMembers: 0, periodsSettled: 0 };

export async function hasBranchRecords(ctx: Ctx, unitId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('branchRecord')
    .select('id')
    .where('unitId', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The burden meter's counts of a planned record: what was entered against what the form offered that day. */
export function planRecordCounts(r: PlanRecord): FieldCounts {
  const p = r.prefill;
  return countFields(
    {
      date: r.status === 'held' ? r.heldOn : r.plannedOn,
      place: r.place,
      hostMemberId: r.hostMemberId,
      recorderMemberId: r.recorderMemberId,
      topic: r.topic,
      texts: [
        r.content,
        r.resolutions,
        r.parts?.theory,
        r.parts?.bulletin,
        r.parts?.exchange,
        r.parts?.microLecture,
        r.studied,
        r.appliedTo,
        r.outcome,
      ],
      attendees: r.attendees,
      grades: r.grades,
    },
    { ...p, expected: new Set(p.expected) },
    r.source === 'import' ? 'import' : 'entry',
  );
}

function fail(message: string): never {
  throw new Error(`branch plan: ${message}`);
}

/** Every organisation and member the plan names belongs to its organ (one query each). */
async function checkPlan(ctx: Ctx, plan: BranchPlan): Promise<void> {
  const orgIds = new Set([
    ...plan.records.map((r) => r.partyOrgId),
    ...plan.temporaryMembers.map((t) => t.partyOrgId),
  ]);
  const orgs = await partyOrgRefs(ctx.db, [...orgIds]);
  for (const id of orgIds)
    if (orgs.get(id)?.unitId !== plan.unitId) fail(`organisation ${id} is not of organ ${plan.unitId}`);
  const memberIds = new Set<string>();
  for (const r of plan.records) {
    if (r.status === 'held' && !r.heldOn) fail(`a held ${r.kind} without its day`);
    if (r.status === 'planned' && (!r.plannedOn || r.heldOn)) fail(`a planned ${r.kind} without its day`);
    for (const id of [r.hostMemberId, r.recorderMemberId]) if (id) memberIds.add(id);
    for (const a of r.attendees) memberIds.add(a.memberId);
    for (const g of r.grades) memberIds.add(g.memberId);
  }
  for (const t of plan.temporaryMembers) memberIds.add(t.memberId);
  const people = await memberRefs(ctx.db, [...memberIds]);
  for (const id of memberIds)
    if (people.get(id)?.unitId !== plan.unitId) fail(`member ${id} is not of organ ${plan.unitId}`);
}

export async function loadBranchPlan(ctx: Ctx, plan: BranchPlan): Promise<BranchLoadResult> {
  let statements = 1;
  if (await hasBranchRecords(ctx, plan.unitId)) return { loaded: false, ...EMPTY, statements };
  await checkPlan(ctx, plan);
  statements += 2;
  const { unitId } = plan;

  const records: Insertable<DB['branchRecord']>[] = [];
  const attendees: Insertable<DB['branchRecordAttendee']>[] = [];
  const grades: Insertable<DB['memberGrade']>[] = [];
  for (const r of plan.records) {
    const id = randomUUID();
    records.push({
      unitId,
      id,
      partyOrgId: r.partyOrgId,
      kind: r.kind,
      status: r.status,
      plannedOn: r.plannedOn,
      heldOn: r.status === 'held' ? r.heldOn : null,
      place: r.place,
      hostMemberId: r.hostMemberId,
      recorderMemberId: r.recorderMemberId,
      topic: r.topic,
      content: r.content,
      resolutions: r.resolutions,
      parts: r.parts ? JSON.stringify(r.parts) : null,
      studied: r.studied,
      appliedTo: r.appliedTo,
      outcome: r.outcome,
      counts: JSON.stringify(planRecordCounts(r)),
      source: r.source,
      createdByUserId: r.createdByUserId,
      createdByName: r.createdByName,
      createdAt: r.enteredAt,
      updatedAt: r.enteredAt,
    });
    const expected = new Set(r.prefill.expected);
    const seen = new Set<string>();
    for (const a of r.attendees) {
      if (seen.has(a.memberId)) fail(`member ${a.memberId} twice at one ${r.kind}`);
      seen.add(a.memberId);
      attendees.push({
        unitId,
        recordId: id,
        memberId: a.memberId,
        attendance: a.attendance,
        reason: a.attendance === 'present' ? null : a.reason,
        expected: expected.has(a.memberId),
      });
    }
    for (const g of r.grades) grades.push({ unitId, recordId: id, ...g });
  }
  const temporary = plan.temporaryMembers.map((t) => ({ unitId, ...t }));

  if (plan.themeDayOfMonth !== null) {
    await ctx.db
      .insertInto('branchSetting')
      .values({ unitId, themeDayOfMonth: plan.themeDayOfMonth })
      .onConflict((oc) => oc.column('unitId').doNothing())
      .execute();
    statements++;
  }
  statements += await writeBulk(ctx, {
    branchRecord: records,
    branchRecordAttendee: attendees,
    memberGrade: grades,
    temporaryMembership: temporary,
  });

  // The records meet the organ's obligations of the year (a 主题党日 a month …): settled once for the organ, with
  // the kinds this module keeps, whether or not an app registered them yet.
  const days = plan.records.flatMap((r) => (r.heldOn ? [r.heldOn] : [])).sort();
  const settled =
    days.length > 0
      ? await settleObligations(ctx, {
          unitId,
          from: days[0] as string,
          to: days[days.length - 1] as string,
          kinds: BRANCH_RECORD_KINDS,
        })
      : { changed: 0, statements: 0 };
  statements += settled.statements;

  const counts = {
    records: records.length,
    attendees: attendees.length,
    grades: grades.length,
    temporaryMembers: temporary.length,
    periodsSettled: settled.changed,
  };
  // The audit entry takes the chain's lock and writes its record and head: counted as one statement.
  statements++;
  await recordAudit(ctx, {
    action: 'branch.bulk_load',
    entityType: 'branch_record',
    details: { unitId, ...counts },
  });
  return { loaded: true, ...counts, statements };
}
