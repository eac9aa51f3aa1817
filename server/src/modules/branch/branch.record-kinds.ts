// What the branch module contributes to other modules' registries (listed in server/src/registrations.ts):
// - its record kinds to the responsibility obligations ("a 主题党日 every month" is met by a held 主题党日);
// - its records as owners of attachments (photos, sign-in sheets, minutes).
// Entered once, counted many times: the record is linked, never copied.
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
  let query = ctx.db
    .selectFrom('branchRecord as r')
    .select(['r.id', 'r.partyOrgId', 'r.heldOn', 'r.topic'])
    .where('r.unitId', '=', q.unitId)
    .where('r.kind', '=', kind)
    .where('r.status', '=', 'held')
    // Held by one of the organisations, or jointly with one of them (联学联建): it counts for each.
    .where((eb) =>
      eb.or([
        eb('r.partyOrgId', 'in', [...q.orgIds]),
        eb.exists(
          eb
            .selectFrom('branchRecordJoint as j')
            .select('j.recordId')
            .whereRef('j.unitId', '=', 'r.unitId')
            .whereRef('j.recordId', '=', 'r.id')
            .where('j.partyOrgId', 'in', [...q.orgIds]),
        ),
      ]),
    )
    .where('r.heldOn', '>=', q.from)
    .where('r.heldOn', '<=', q.to);
  if (q.memberId) {
    const memberId = q.memberId;
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
  }
  const rows = await query.orderBy('r.heldOn').execute();
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
  if (rows.length === 0) return asGuest;
  const attendees = await ctx.db
    .selectFrom('branchRecordAttendee')
    .select(['recordId', 'memberId'])
    .where('unitId', '=', q.unitId)
    .where(
      'recordId',
      'in',
      rows.map((r) => r.id),
    )
    .where('attendance', '=', 'present')
    .execute();
  const byRecord = new Map<string, string[]>();
  for (const a of attendees) byRecord.set(a.recordId, [...(byRecord.get(a.recordId) ?? []), a.memberId]);
  const joint = await ctx.db
    .selectFrom('branchRecordJoint')
    .select(['recordId', 'partyOrgId'])
    .where('unitId', '=', q.unitId)
    .where(
      'recordId',
      'in',
      rows.map((r) => r.id),
    )
    .where('partyOrgId', 'in', [...q.orgIds])
    .execute();
  const asked = new Set(q.orgIds);
  const own = rows.flatMap((r) =>
    [
      ...(asked.has(r.partyOrgId) ? [r.partyOrgId] : []),
      ...joint.filter((j) => j.recordId === r.id).map((j) => j.partyOrgId),
    ].map((orgId) => ({
      id: r.id,
      orgId,
      date: r.heldOn as string,
      // A talk is counted by that it took place, never by what was said: its title says only the kind.
      title: kind === 'talk' ? RECORD_KIND_LABELS.talk.zh : r.topic,
      attendeeMemberIds: byRecord.get(r.id) ?? [],
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
