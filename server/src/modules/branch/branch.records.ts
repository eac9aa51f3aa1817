// Entering, changing and removing branch records. Each write settles the responsibility obligations the record can
// meet (the registry's recordsChanged, same transaction), keeps the burden meter's counts, and is audited.
import type { BranchRecord, BranchRecordKind, CreateRecordBody, UpdateRecordBody } from '#contracts/branch';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { assessmentChanged } from '../assessment/index.ts';
import { deleteAttachmentsOf, moveAttachments } from '../attachment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { orgSpans, partyOrgRefs } from '../org/index.ts';
import { recordsChanged } from '../responsibility/index.ts';
import {
  isOfficerOver,
  isSecretaryOf,
  mayReadTalk,
  ORG_NOT_FOUND,
  type RecordRow,
  recordInScope,
  requireActor,
} from './branch.access.ts';
import { countFields } from './branch.counts.ts';
import { forgetJoint, jointIssues, jointOrgIdsOf, writeJoint } from './branch.joint.ts';
import { prefillFor } from './branch.prefill.ts';
import { RECORD_OWNER, recordView } from './branch.records-read.ts';
import { kindIssue, recordIssues } from './branch.validate.ts';

type Fields = Omit<UpdateRecordBody, 'version'>;

const dayOf = (b: { status: string; heldOn?: string | null; plannedOn?: string | null }) =>
  (b.status === 'held' ? b.heldOn : b.plannedOn) ?? null;

/**
 * Checks a body against its organisation and the members it names; returns the burden meter's counts and the members
 * expected to attend (the prefill it checked against, not asked for again).
 */
async function check(
  ctx: Ctx,
  org: { id: string; unitId: string; path: string; kind: string },
  kind: BranchRecordKind,
  body: Fields,
  source: 'entry' | 'import' | 'demo',
  enteredAt?: Date,
) {
  const span = (await orgSpans(ctx.db, [org.id])).get(org.id);
  const orgInfo = {
    kind: org.kind,
    isTemporary: span?.isTemporary ?? false,
    tempStartOn: span?.tempStartOn ?? null,
    tempEndOn: span?.tempEndOn ?? null,
  };
  const kindProblem = kindIssue(kind, orgInfo);
  if (kindProblem)
    throw invalid('branch.kind_not_here', kindProblem, [{ field: 'body.kind', message: kindProblem }]);
  const day = dayOf(body) ?? todayOf(ctx);
  const { values } = await prefillFor(ctx, org, kind, day, enteredAt);
  const named = [
    body.hostMemberId,
    body.recorderMemberId,
    ...body.attendees.map((a) => a.memberId),
    ...body.grades.map((g) => g.memberId),
  ].filter((id): id is string => !!id);
  const refs = await memberRefs(ctx.db, named);
  const issues = recordIssues(
    kind,
    body,
    orgInfo,
    todayOf(ctx),
    { members: refs, expected: values.expected },
    org.unitId,
  );
  issues.push(...(await jointIssues(ctx, kind, org, body, day)));
  if (issues.length) throw invalid('branch.invalid_record', '记录有误，请按提示修改', issues);
  const counts = countFields(
    {
      date: dayOf(body),
      place: body.place,
      hostMemberId: body.hostMemberId,
      recorderMemberId: body.recorderMemberId,
      topic: body.topic,
      texts: [
        body.content,
        body.resolutions,
        body.parts?.theory,
        body.parts?.bulletin,
        body.parts?.exchange,
        body.parts?.microLecture,
        body.studied,
        body.appliedTo,
        body.outcome,
        body.durationMinutes == null ? null : String(body.durationMinutes),
      ],
      attendees: body.attendees,
      grades: body.grades,
    },
    values,
    source,
  );
  return { counts, expected: values.expected };
}

const columns = (body: Fields) => ({
  status: body.status,
  plannedOn: body.plannedOn ?? null,
  heldOn: body.status === 'held' ? (body.heldOn ?? null) : null,
  place: body.place ?? null,
  hostMemberId: body.hostMemberId ?? null,
  recorderMemberId: body.recorderMemberId ?? null,
  topic: body.topic,
  content: body.content ?? null,
  resolutions: body.resolutions ?? null,
  parts: body.parts ? JSON.stringify(body.parts) : null,
  studied: body.studied ?? null,
  appliedTo: body.appliedTo ?? null,
  outcome: body.outcome ?? null,
  durationMinutes: body.durationMinutes ?? null,
});

async function writePeople(
  ctx: Ctx,
  unitId: string,
  recordId: string,
  body: Fields,
  expected: ReadonlySet<string>,
  /** A record just made has no one to replace. */
  fresh = false,
) {
  if (!fresh) {
    await ctx.db
      .deleteFrom('branchRecordAttendee')
      .where('unitId', '=', unitId)
      .where('recordId', '=', recordId)
      .execute();
    await ctx.db
      .deleteFrom('memberGrade')
      .where('unitId', '=', unitId)
      .where('recordId', '=', recordId)
      .execute();
  }
  if (body.attendees.length)
    await ctx.db
      .insertInto('branchRecordAttendee')
      .values(
        body.attendees.map((a) => ({
          unitId,
          recordId,
          memberId: a.memberId,
          attendance: a.attendance,
          reason: a.attendance === 'present' ? null : (a.reason ?? null),
          expected: expected.has(a.memberId),
        })),
      )
      .execute();
  if (body.grades.length)
    await ctx.db
      .insertInto('memberGrade')
      .values(
        body.grades.map((g) => ({
          unitId,
          recordId,
          memberId: g.memberId,
          grade: g.grade,
          note: g.note ?? null,
        })),
      )
      .execute();
}

/**
 * Tells the responsibility module that records of this kind around these days changed (obligations settle), for the
 * host and every organisation that held the record jointly, before or after the change.
 */
async function changed(
  ctx: Ctx,
  unitId: string,
  orgIds: readonly string[],
  kind: string,
  days: (string | null)[],
  // An import tells the assessments once, after its last row (branch.records-import-apply.ts).
  opts: { assessment: boolean } = { assessment: true },
) {
  const known = days.filter((d): d is string => !!d).sort();
  const from = known[0];
  const to = known[known.length - 1];
  if (!from || !to) return;
  // A joint holder of another organ settles its obligations in its own organ.
  const units = new Map<string, string[]>([[unitId, []]]);
  for (const o of (await partyOrgRefs(ctx.db, [...new Set(orgIds)])).values())
    units.set(o.unitId, [...(units.get(o.unitId) ?? []), o.id]);
  for (const [u, ids] of units) {
    if (ids.length === 0) continue;
    const settled = await recordsChanged(ctx, { kind: `branch.${kind}`, unitId: u, orgIds: ids, from, to });
    // The record itself, and the obligations it settled if any did change: the assessments counting either are
    // scored again (measures of periods alone, such as duties done on time, are not asked when none changed).
    if (opts.assessment)
      await assessmentChanged(ctx, {
        unitId: u,
        orgIds: ids,
        from,
        to,
        counts: settled > 0 ? ['branch_record', 'responsibility_period'] : ['branch_record'],
        recordKinds: [kind],
      });
  }
}

export async function createRecord(
  ctx: Ctx,
  body: CreateRecordBody,
  source: 'entry' | 'import' = 'entry',
): Promise<BranchRecord> {
  const actor = requireActor(ctx).actor;
  const org = (await partyOrgRefs(ctx.db, [body.partyOrgId])).get(body.partyOrgId);
  if (!org || !isInScope(ctx.actor, 'branch.record', org.path))
    throw notFound('branch.org_not_found', ORG_NOT_FOUND);
  if (body.clientKey) {
    // The same draft sent again (the answer was lost on a dropped connection): the record it made, once.
    const again = await sentBefore(ctx, org.unitId, body.clientKey);
    if (again) return again;
  }
  const closedOn = (await orgSpans(ctx.db, [org.id])).get(org.id)?.closedOn;
  if (org.status === 'closed' && (!closedOn || (dayOf(body) ?? '') > closedOn))
    throw invalid('branch.org_closed', '该党组织已撤销，不能再记录撤销后的活动', [
      { field: 'body.partyOrgId', message: '该党组织已撤销，请选择现在的党组织' },
    ]);
  const plan = body.planId ? await planOf(ctx, body.planId, org.id, body.kind) : null;
  const { counts, expected } = await check(ctx, org, body.kind, body, source);
  const inserted = await ctx.db
    .insertInto('branchRecord')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: body.kind,
      ...columns(body),
      counts: JSON.stringify(counts),
      source,
      clientKey: body.clientKey ?? null,
      createdByUserId: actor.userId,
      createdByName: actor.displayName,
    })
    // A resend racing the first with the same key got past the look above: the record the first made stands.
    .onConflict((oc) => oc.columns(['unitId', 'clientKey']).where('clientKey', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const again = body.clientKey ? await sentBefore(ctx, org.unitId, body.clientKey) : undefined;
    if (!again) throw new Error('unreachable: an insert skipped only on a draft key already kept');
    return again;
  }
  await writePeople(ctx, org.unitId, inserted.id, body, expected, true);
  await writeJoint(ctx, org.unitId, inserted.id, body);
  if (plan) {
    // The plan's files (a notice, a reading list) stay with the meeting that was held.
    await moveAttachments(ctx, {
      unitId: plan.unitId,
      ownerKind: RECORD_OWNER,
      fromId: plan.id,
      toId: inserted.id,
    });
    await forgetJoint(ctx, plan.unitId, plan.id);
    await ctx.db
      .deleteFrom('branchRecord')
      .where('unitId', '=', plan.unitId)
      .where('id', '=', plan.id)
      .execute();
  }
  await changed(ctx, org.unitId, [org.id, ...(body.jointOrgIds ?? [])], body.kind, [body.heldOn ?? null], {
    assessment: source !== 'import',
  });
  await recordAudit(ctx, {
    action: 'branch.record_create',
    entityType: 'branch_record',
    entityId: inserted.id,
    details: {
      kind: body.kind,
      partyOrgId: org.id,
      topic: body.kind === 'talk' ? null : body.topic,
      source,
      ...(plan ? { replacedPlanId: plan.id } : {}),
    },
  });
  return recordView(ctx, await recordInScope(ctx, inserted.id, 'branch.read'));
}

async function sentBefore(ctx: Ctx, unitId: string, clientKey: string) {
  const row = await ctx.db
    .selectFrom('branchRecord')
    .select('id')
    .where('unitId', '=', unitId)
    .where('clientKey', '=', clientKey)
    .executeTakeFirst();
  return row && recordView(ctx, await recordInScope(ctx, row.id, 'branch.read'));
}

/** The plan a new record takes over: a planned record of the same organisation and kind, in scope. */
async function planOf(ctx: Ctx, planId: string, orgId: string, kind: string): Promise<RecordRow> {
  // Taking a plan over removes it: only those who may change it (a talk's readers) may.
  const plan = await editable(ctx, planId);
  if (plan.status !== 'planned' || plan.partyOrgId !== orgId || plan.kind !== kind)
    throw invalid('branch.not_a_plan', '所选计划不是本党组织同类活动的计划，请重新选择', [
      { field: 'body.planId', message: '请选择本党组织同类活动的计划，或不选计划' },
    ]);
  return plan;
}

/** A talk is changed only by those who may read it: nobody edits what they cannot see. */
async function editable(ctx: Ctx, id: string): Promise<RecordRow> {
  const row = await recordInScope(ctx, id, 'branch.record');
  if (row.kind === 'talk') {
    const people = await ctx.db
      .selectFrom('branchRecordAttendee')
      .select('memberId')
      .where('unitId', '=', row.unitId)
      .where('recordId', '=', row.id)
      .execute();
    if (
      !mayReadTalk(
        ctx,
        row,
        people.map((p) => p.memberId),
      )
    )
      throw forbidden('branch.talk_confidential', '谈心谈话内容仅谈话双方和支部书记可见，也只能由他们修改');
  }
  return row;
}

export async function updateRecord(ctx: Ctx, id: string, body: UpdateRecordBody): Promise<BranchRecord> {
  requireActor(ctx);
  const row = await editable(ctx, id);
  if (row.version !== body.version) throw staleVersion(await recordView(ctx, row));
  const org = { id: row.partyOrgId, unitId: row.unitId, path: row.orgPath, kind: await orgKind(ctx, row) };
  const { counts, expected } = await check(
    ctx,
    org,
    row.kind as BranchRecordKind,
    body,
    row.source === 'import' ? 'import' : 'entry',
    row.createdAt,
  );
  const done = await ctx.db
    .updateTable('branchRecord')
    .set({
      ...columns(body),
      counts: JSON.stringify(counts),
      version: row.version + 1,
      updatedAt: new Date(),
    })
    .where('unitId', '=', row.unitId)
    .where('id', '=', row.id)
    .where('version', '=', body.version)
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows))
    throw staleVersion(await recordView(ctx, await recordInScope(ctx, id, 'branch.read')));
  const jointBefore = await jointOrgIdsOf(ctx, row.unitId, row.id);
  await writePeople(ctx, row.unitId, row.id, body, expected);
  await writeJoint(ctx, row.unitId, row.id, body);
  await changed(ctx, row.unitId, [row.partyOrgId, ...jointBefore, ...(body.jointOrgIds ?? [])], row.kind, [
    row.heldOn,
    body.status === 'held' ? (body.heldOn ?? null) : null,
  ]);
  await recordAudit(ctx, {
    action: 'branch.record_update',
    entityType: 'branch_record',
    entityId: row.id,
    details: { kind: row.kind, version: row.version + 1 },
  });
  return recordView(ctx, await recordInScope(ctx, id, 'branch.read'));
}

async function orgKind(ctx: Ctx, row: RecordRow): Promise<string> {
  return (await partyOrgRefs(ctx.db, [row.partyOrgId])).get(row.partyOrgId)?.kind ?? 'branch';
}

export async function deleteRecord(ctx: Ctx, id: string, version: number): Promise<void> {
  requireActor(ctx);
  const row = await editable(ctx, id);
  if (row.version !== version) throw staleVersion(await recordView(ctx, row));
  // A held record that others count on (obligations met, the ledger) is removed only by the secretary or an officer
  // above; a committee member corrects it instead.
  if (row.status === 'held' && !isSecretaryOf(ctx, row.orgPath) && !isOfficerOver(ctx, row.orgPath))
    throw conflict(
      'branch.record_counted',
      '已召开的活动记录已计入台账和责任清单，请由支部书记删除，或修改记录内容',
    );
  await deleteAttachmentsOf(ctx, RECORD_OWNER, [row.id]);
  const joint = await jointOrgIdsOf(ctx, row.unitId, row.id);
  await forgetJoint(ctx, row.unitId, row.id);
  await ctx.db.deleteFrom('branchRecord').where('unitId', '=', row.unitId).where('id', '=', row.id).execute();
  await changed(ctx, row.unitId, [row.partyOrgId, ...joint], row.kind, [row.heldOn]);
  await recordAudit(ctx, {
    action: 'branch.record_delete',
    entityType: 'branch_record',
    entityId: row.id,
    details: { kind: row.kind, partyOrgId: row.partyOrgId, heldOn: row.heldOn },
  });
}
