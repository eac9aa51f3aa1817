// Records held jointly (联学联建联创, issue 11 point 4): a 主题党日, a 党课 or a study session the host branch held with
// other Party organisations of the organ — it counts for each of them, in their obligations and their lists — and
// with partner organisations (a community, a village, an enterprise), whose names the record keeps by reference.
// Talks and a branch's own meetings (支委会, 组织生活会, 民主评议 …) are never joint. A joint holder may belong to another
// organ under the same work committee (branch.joint-guests.ts): the record then counts in that organ too.
import type { BranchRecordKind } from '#contracts/branch';
import type { FieldIssue } from '#contracts/errors';
import type { Ctx } from '../../core/context.ts';
import { findOrgan, type PartyOrgRef, partnerOrgRefs, partyOrgRefs } from '../org/index.ts';
import { deleteGuests, guestIdsOf, mayHoldWithGuest, writeGuests } from './branch.joint-guests.ts';

export const JOINT_KINDS: readonly BranchRecordKind[] = ['theme_day', 'party_lecture', 'study'];
const JOINT_ORG_KINDS = ['organ_committee', 'sub_committee', 'general_branch', 'branch'];

export type JointInput = {
  jointOrgIds?: readonly string[] | undefined;
  partnerOrgIds?: readonly string[] | undefined;
};

export async function jointIssues(
  ctx: Ctx,
  kind: BranchRecordKind,
  host: { id: string; unitId: string; path: string },
  body: JointInput,
  on: string,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const joint = body.jointOrgIds ?? [];
  const partners = body.partnerOrgIds ?? [];
  if ((joint.length > 0 || partners.length > 0) && !JOINT_KINDS.includes(kind)) {
    issues.push({
      field: joint.length > 0 ? 'body.jointOrgIds' : 'body.partnerOrgIds',
      message: '只有主题党日、党课和学习可以联合开展',
    });
    return issues;
  }
  const orgs = await partyOrgRefs(ctx.db, joint);
  for (const [i, id] of joint.entries()) {
    const o = orgs.get(id);
    if (!o || o.status !== 'active' || !JOINT_ORG_KINDS.includes(o.kind))
      issues.push({
        field: `body.jointOrgIds.${i}`,
        message: '联合开展的党组织须是在建的党支部（党总支、党委）',
      });
    else if (id === host.id)
      issues.push({ field: `body.jointOrgIds.${i}`, message: '举办的党组织不必再列为联合开展的党组织' });
    else if (
      o.unitId !== host.unitId &&
      !(await mayHoldWithGuest(ctx, { host, guest: o, on }, 'branch.record'))
    )
      issues.push({
        field: `body.jointOrgIds.${i}`,
        message: `“${o.name}”属于其他单位：须在活动当天与本支部（或其上级党组织）有结对共建关系，或由同时管辖两个单位的上级党组织录入`,
      });
  }
  const found = await partnerOrgRefs(ctx.db, partners);
  partners.forEach((id, i) => {
    const p = found.get(id);
    if (!p || p.unitId !== host.unitId || p.status !== 'active')
      issues.push({ field: `body.partnerOrgIds.${i}`, message: '请选择本单位在册的共建单位' });
  });
  return issues;
}

/** Replaces the joint holders and partners the body names (absent: left as they are). */
export async function writeJoint(
  ctx: Ctx,
  unitId: string,
  recordId: string,
  body: JointInput,
): Promise<void> {
  if (body.jointOrgIds) {
    await ctx.db
      .deleteFrom('branchRecordJoint')
      .where('unitId', '=', unitId)
      .where('recordId', '=', recordId)
      .execute();
    const refs = await partyOrgRefs(ctx.db, [...new Set(body.jointOrgIds)]);
    const own = [...refs.values()].filter((o) => o.unitId === unitId);
    if (own.length)
      await ctx.db
        .insertInto('branchRecordJoint')
        .values(own.map((o) => ({ unitId, recordId, partyOrgId: o.id })))
        .execute();
    await writeGuests(
      ctx,
      unitId,
      recordId,
      [...refs.values()].filter((o) => o.unitId !== unitId),
    );
  }
  if (body.partnerOrgIds) {
    await ctx.db
      .deleteFrom('branchRecordPartner')
      .where('unitId', '=', unitId)
      .where('recordId', '=', recordId)
      .execute();
    const ids = [...new Set(body.partnerOrgIds)];
    if (ids.length)
      await ctx.db
        .insertInto('branchRecordPartner')
        .values(ids.map((partnerOrgId) => ({ unitId, recordId, partnerOrgId })))
        .execute();
  }
}

/** The joint holders' ids of a record, of this organ and of others (its obligations are settled for them too). */
export async function jointOrgIdsOf(ctx: Ctx, unitId: string, recordId: string): Promise<string[]> {
  const [rows, guests] = await Promise.all([
    ctx.db
      .selectFrom('branchRecordJoint')
      .select('partyOrgId')
      .where('unitId', '=', unitId)
      .where('recordId', '=', recordId)
      .execute(),
    guestIdsOf(ctx, unitId, [recordId]),
  ]);
  return [...rows, ...guests].map((r) => r.partyOrgId);
}

/** Before a record goes: its guests' rows in other organs go with it (no foreign key crosses organs). */
export async function forgetJoint(ctx: Ctx, unitId: string, recordId: string): Promise<void> {
  await deleteGuests(ctx, unitId, recordId);
}

/** Another organ's organisations are shown with their organ's name. */
async function organNames(ctx: Ctx, unitId: string, orgs: Iterable<PartyOrgRef>) {
  const names = new Map<string, string>();
  for (const o of orgs)
    if (o.unitId !== unitId && !names.has(o.unitId))
      names.set(o.unitId, (await findOrgan(ctx.db, o.unitId))?.name ?? '');
  return names;
}

/** Who held a record with its host, by name. */
export async function jointOf(ctx: Ctx, unitId: string, recordId: string) {
  const [joint, partners] = await Promise.all([
    jointOrgIdsOf(ctx, unitId, recordId),
    ctx.db
      .selectFrom('branchRecordPartner')
      .select('partnerOrgId')
      .where('unitId', '=', unitId)
      .where('recordId', '=', recordId)
      .execute(),
  ]);
  const [orgs, found] = await Promise.all([
    partyOrgRefs(ctx.db, joint),
    partnerOrgRefs(
      ctx.db,
      partners.map((p) => p.partnerOrgId),
    ),
  ]);
  const organs = await organNames(ctx, unitId, orgs.values());
  return {
    jointOrgs: joint.map((id) => {
      const o = orgs.get(id);
      const organName = o && o.unitId !== unitId ? organs.get(o.unitId) : undefined;
      return { id, name: o?.name ?? '', ...(organName !== undefined ? { organName } : {}) };
    }),
    partners: partners.map((p) => ({ id: p.partnerOrgId, name: found.get(p.partnerOrgId)?.name ?? '' })),
  };
}
