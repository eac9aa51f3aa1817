// Finding a member, an organisation or a department the actor may act on, shared by the member services: one
// answer for what does not exist and what lies outside the scope, so that a 404 says nothing about the other.
import type { FieldIssue } from '#contracts/errors';
import type { Permission } from '#contracts/identity';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { findDepartmentById, findPartyOrgById, type PartyOrgRef } from '../org/index.ts';
import { departmentProblem, MEMBER_NOT_FOUND, memberOrgProblem } from './member.policy.ts';
import * as repo from './member.repository.ts';
import { requireActor } from './member.view.ts';

export const ORG_OUT_OF_REACH = '党组织不存在或不在您的管理范围内';

/** The member if it exists and lies in the actor's scope for `permission`; otherwise 404, the same either way. */
export async function loadInScope(ctx: Ctx, id: string, permission: Permission): Promise<repo.MemberRow> {
  const actor = requireActor(ctx);
  const row = await repo.findMemberById(ctx.db, id);
  if (!row || !isInScope(actor, permission, row.partyOrgPath))
    throw notFound('member.not_found', MEMBER_NOT_FOUND);
  return row;
}

export async function reload(ctx: Ctx, id: string): Promise<repo.MemberRow> {
  const row = await repo.findMemberById(ctx.db, id);
  if (!row) throw notFound('member.not_found', MEMBER_NOT_FOUND);
  return row;
}

/** A Party organisation members may be placed in by this actor, or the reason as a field issue. */
export async function memberOrgOrIssue(
  ctx: Ctx,
  id: string,
  field: string,
): Promise<PartyOrgRef | FieldIssue> {
  const actor = requireActor(ctx);
  const org = await findPartyOrgById(ctx.db, id);
  if (!org || !isInScope(actor, 'member.write', org.path)) return { field, message: ORG_OUT_OF_REACH };
  const problem = memberOrgProblem(org);
  return problem ? { field, message: problem } : org;
}

/** A problem with placing a member of an organisation in unit `orgUnitId` in department `id`, as a field issue. */
export async function departmentIssue(
  ctx: Ctx,
  id: string | null | undefined,
  orgUnitId: string | null,
): Promise<FieldIssue | null> {
  if (!id) return null;
  const dept = await findDepartmentById(ctx.db, id);
  if (!dept) return { field: 'body.departmentId', message: '部门不存在' };
  const problem = departmentProblem(dept, orgUnitId);
  return problem ? { field: 'body.departmentId', message: problem } : null;
}
