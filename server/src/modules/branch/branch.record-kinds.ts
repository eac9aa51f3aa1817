// What the branch module contributes to other modules' registries (listed in server/src/registrations.ts):
// - its record kinds to the responsibility obligations ("a 主题党日 every month" is met by a held 主题党日);
// - its records as owners of attachments (photos, sign-in sheets, minutes).
// Entered once, counted many times: the record is linked, never copied.

import { sql } from 'kysely';
import { type BranchRecordKind, RECORD_KIND_LABELS, RECORD_KINDS } from '#contracts/branch';
import type { Ctx } from '../../core/context.ts';
import type { AttachmentOwnerKind } from '../attachment/index.ts';
import { isInScope } from '../identity/index.ts';
import type { HeldRecord, RecordKind } from '../responsibility/index.ts';
import { loadRecord, mayReadTalk } from './branch.access.ts';
import { JOINT_KINDS } from './branch.joint.ts';
import { guestRecords } from './branch.joint-guests.ts';
import { RECORD_OWNER } from './branch.records-read.ts';

async function held(
  ctx: Ctx,
  kind: string,
  q: { unitId: string; orgIds: readonly string[]; from: string; to: string; memberId?: string },
): Promise<HeldRecord[]> {
  if (q.orgIds.length === 0) return [];
  const orgIds = [...q.orgIds];
  const memberId = q.memberId;
  // Who attended and which of the asked organisations held it jointly come in the same statement (a record's
  // write settles its obligations inside the request: B2).
  const select = () => {
    let query = ctx.db
      .selectFrom('branchRecord as r')
      .select(['r.id', 'r.partyOrgId', 'r.heldOn', 'r.topic'])
      .select(
        sql<string[]>`array(select a.member_id::text from branch_record_attendee as a
          where a.unit_id = r.unit_id and a.record_id = r.id and a.attendance = ${'present'})`.as('present'),
      )
      .select(
        sql<string[]>`array(select j.party_org_id::text from branch_record_joint as j
          where j.unit_id = r.unit_id and j.record_id = r.id and j.party_org_id = any(${orgIds}::uuid[]))`.as(
          'jointOrgIds',
        ),
      )
      .where('r.unitId', '=', q.unitId)
      .where('r.kind', '=', kind)
      .where('r.status', '=', 'held')
      .where('r.heldOn', '>=', q.from)
      .where('r.heldOn', '<=', q.to);
    if (memberId)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('branchRecordAttendee as a')
            .select('a.memberId')
            .whereRef('a.unitId', '=', 'r.unitId')
            .whereRef('a.recordId', '=', 'r.id')
            .where('a.memberId', '=', memberId)
            .where('a.attendance', '=', 'present'),
        ),
      );
    return query;
  };
  // Held by one of the organisations, or jointly with one of them (联学联建): it counts for each. Two halves, each
  // on its own index.
  const hosted = select().where('r.partyOrgId', 'in', orgIds);
  const jointly = select().where('r.id', 'in', (eb) =>
    eb
      .selectFrom('branchRecordJoint as j')
      .select('j.recordId')
      .where('j.unitId', '=', q.unitId)
      .where('j.partyOrgId', 'in', orgIds),
  );
  const rows = await ctx.db
    .selectFrom(hosted.union(jointly).as('u'))
    .selectAll()
    .orderBy('u.heldOn')
    .execute();
  // Held by another organ jointly with one of them: counted for the organisation, not for a member (the host's
  // attendance names the host's members only).
  const guests =
    q.memberId || !JOINT_KINDS.includes(kind as BranchRecordKind) ? [] : await guestRecords(ctx, kind, q);
  const asGuest: HeldRecord[] = guests.map((g) => ({
    id: g.id,
    orgId: g.orgId,
    date: g.heldOn,
    title: g.topic,
    attendeeMemberIds: [],
  }));
  const asked = new Set(q.orgIds);
  const own = rows.flatMap((r) =>
    [...(asked.has(r.partyOrgId) ? [r.partyOrgId] : []), ...r.jointOrgIds].map((orgId) => ({
      id: r.id,
      orgId,
      date: r.heldOn as string,
      // A talk is counted by that it took place, never by what was said: its title says only the kind.
      title: kind === 'talk' ? RECORD_KIND_LABELS.talk.zh : r.topic,
      attendeeMemberIds: r.present,
    })),
  );
  return [...own, ...asGuest].sort((a, b) => a.date.localeCompare(b.date));
}

export const BRANCH_RECORD_KINDS: RecordKind[] = RECORD_KINDS.map((kind) => ({
  key: `branch.${kind}`,
  label: RECORD_KIND_LABELS[kind],
  find: (ctx, q) => held(ctx, kind, q),
  attendedBy: (ctx, q) => held(ctx, kind, q),
}));

/** A talk's files are as confidential as what was said: only its participants and the branch secretary reach them. */
async function talkAllows(
  ctx: Ctx,
  row: NonNullable<Awaited<ReturnType<typeof loadRecord>>>,
): Promise<boolean> {
  if (row.kind !== 'talk') return true;
  const people = await ctx.db
    .selectFrom('branchRecordAttendee')
    .select('memberId')
    .where('unitId', '=', row.unitId)
    .where('recordId', '=', row.id)
    .execute();
  return mayReadTalk(
    ctx,
    row,
    people.map((p) => p.memberId),
  );
}

export const BRANCH_ATTACHMENT_OWNERS: AttachmentOwnerKind[] = [
  {
    kind: RECORD_OWNER,
    label: { zh: '支部工作记录', en: 'Branch work record' },
    unitOf: async (ctx, id) => (await loadRecord(ctx, id))?.unitId ?? null,
    canRead: async (ctx, id) => {
      const row = await loadRecord(ctx, id);
      return !!row && isInScope(ctx.actor, 'branch.read', row.orgPath) && (await talkAllows(ctx, row));
    },
    canWrite: async (ctx, id) => {
      const row = await loadRecord(ctx, id);
      return !!row && isInScope(ctx.actor, 'branch.record', row.orgPath) && (await talkAllows(ctx, row));
    },
    maxFiles: 20,
  },
];
