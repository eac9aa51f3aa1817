// Records held jointly (联学联建联创, issue 11 point 4): a 主题党日, a 党课 or a study session the host branch held with
// other Party organisations of the organ — it counts for each of them, in their obligations and their lists — and
// with partner organisations (a community, a village, an enterprise), whose names the record keeps by reference.
// Talks and a branch's own meetings (支委会, 组织生活会, 民主评议 …) are never joint.
import type { BranchRecordKind } from '#contracts/branch';
import type { FieldIssue } from '#contracts/errors';
import type { Ctx } from '../../core/context.ts';
import { partnerOrgRefs, partyOrgRefs } from '../org/index.ts';

export const JOINT_KINDS: readonly BranchRecordKind[] = ['theme_day', 'party_lecture', 'study'];
const JOINT_ORG_KINDS = ['organ_committee', 'sub_committee', 'general_branch', 'branch'];

export type JointInput = {
  jointOrgIds?: readonly string[] | undefined;
  partnerOrgIds?: readonly string[] | undefined;
};

export async function jointIssues(
  ctx: Ctx,
  kind: BranchRecordKind,
  host: { id: string; unitId: string },
  body: JointInput,
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
  joint.forEach((id, i) => {
    const o = orgs.get(id);
    if (!o || o.unitId !== host.unitId || o.status !== 'active' || !JOINT_ORG_KINDS.includes(o.kind))
      issues.push({
        field: `body.jointOrgIds.${i}`,
        message: '联合开展的党组织须是本单位在建的党支部（党总支、党委）',
      });
    else if (id === host.id)
      issues.push({ field: `body.jointOrgIds.${i}`, message: '举办的党组织不必再列为联合开展的党组织' });
  });
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
    const ids = [...new Set(body.jointOrgIds)];
    if (ids.length)
      await ctx.db
        .insertInto('branchRecordJoint')
        .values(ids.map((partyOrgId) => ({ unitId, recordId, partyOrgId })))
        .execute();
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

/** The joint holders' ids of a record (its obligations are settled for them too). */
export async function jointOrgIdsOf(ctx: Ctx, unitId: string, recordId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('branchRecordJoint')
    .select('partyOrgId')
    .where('unitId', '=', unitId)
    .where('recordId', '=', recordId)
    .execute();
  return rows.map((r) => r.partyOrgId);
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
  return {
    jointOrgs: joint.map((id) => ({ id, name: orgs.get(id)?.name ?? '' })),
    partners: partners.map((p) => ({ id: p.partnerOrgId, name: found.get(p.partnerOrgId)?.name ?? '' })),
  };
}
