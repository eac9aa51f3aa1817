// Records held with a Party organisation of another organ (联学联建 across organs, issue 11 point 4). The guest's
// row lives in the guest organ's partition (branch_record_guest, unit_id = the guest organ): the guest's obligations
// read their own partition first, then fetch the host's records by their full key — never a join across organs.
//
// Who may name another organ's organisation: whoever keeps records there too (a work committee's officer reaches
// both), or the host when a pairing (结对共建) links the two on the day it was held. Pairings belong to the fusion
// module, which registers the rule here at start-up (registrations.ts): the branch module never reads its tables.
import type { Ctx } from '../../core/context.ts';
import { isInScope } from '../identity/index.ts';
import type { PartyOrgRef } from '../org/index.ts';

/** Whether `host` may hold a record or a project with `guest` (another organ's organisation) on `on`. */
export type JointAllowance = (
  ctx: Ctx,
  q: { host: { id: string; unitId: string; path: string }; guest: PartyOrgRef; on: string },
) => Promise<boolean>;

const allowances: JointAllowance[] = [];

export function registerJointAllowances(list: readonly JointAllowance[]): void {
  for (const a of list) if (!allowances.includes(a)) allowances.push(a);
}

export async function mayHoldWithGuest(
  ctx: Ctx,
  q: Parameters<JointAllowance>[1],
  permission: 'branch.record' | 'fusion.project',
): Promise<boolean> {
  if (isInScope(ctx.actor, permission, q.guest.path)) return true;
  for (const allow of allowances) if (await allow(ctx, q)) return true;
  return false;
}

/** Replaces a record's guests (other organs' organisations) with `guests`. */
export async function writeGuests(
  ctx: Ctx,
  hostUnitId: string,
  recordId: string,
  guests: readonly PartyOrgRef[],
): Promise<void> {
  await deleteGuests(ctx, hostUnitId, recordId);
  if (guests.length)
    await ctx.db
      .insertInto('branchRecordGuest')
      .values(guests.map((g) => ({ unitId: g.unitId, partyOrgId: g.id, hostUnitId, recordId })))
      .execute();
}

export async function deleteGuests(ctx: Ctx, hostUnitId: string, recordId: string): Promise<void> {
  await ctx.db
    .deleteFrom('branchRecordGuest')
    .where('hostUnitId', '=', hostUnitId)
    .where('recordId', '=', recordId)
    .execute();
}

export async function guestIdsOf(ctx: Ctx, hostUnitId: string, recordIds: readonly string[]) {
  if (recordIds.length === 0) return [];
  return ctx.db
    .selectFrom('branchRecordGuest')
    .select(['recordId', 'partyOrgId', 'unitId'])
    .where('hostUnitId', '=', hostUnitId)
    .where('recordId', 'in', [...recordIds])
    .execute();
}

/**
 * Other organs' records of `kind` held jointly with these organisations of `unitId` between two days: read from the
 * guest's own partition, then each host's records by key.
 */
export async function guestRecords(
  ctx: Ctx,
  kind: string,
  q: { unitId: string; orgIds: readonly string[]; from: string; to: string },
) {
  const mine = await ctx.db
    .selectFrom('branchRecordGuest')
    .select(['hostUnitId', 'recordId', 'partyOrgId'])
    .where('unitId', '=', q.unitId)
    .where('partyOrgId', 'in', [...q.orgIds])
    .execute();
  const byHost = new Map<string, string[]>();
  for (const g of mine) byHost.set(g.hostUnitId, [...(byHost.get(g.hostUnitId) ?? []), g.recordId]);
  const out: { id: string; orgId: string; heldOn: string; topic: string }[] = [];
  for (const [hostUnitId, ids] of byHost) {
    const rows = await ctx.db
      .selectFrom('branchRecord')
      .select(['id', 'heldOn', 'topic'])
      .where('unitId', '=', hostUnitId)
      .where('id', 'in', [...new Set(ids)])
      .where('kind', '=', kind)
      .where('status', '=', 'held')
      .where('heldOn', '>=', q.from)
      .where('heldOn', '<=', q.to)
      .execute();
    for (const r of rows)
      for (const g of mine)
        if (g.hostUnitId === hostUnitId && g.recordId === r.id)
          out.push({ id: r.id, orgId: g.partyOrgId, heldOn: r.heldOn as string, topic: r.topic });
  }
  return out;
}
