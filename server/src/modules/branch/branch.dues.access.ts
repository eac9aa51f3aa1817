// Who reaches what of 党费 and 发展党员. Both belong to an organisation (the branch a month is due to, the branch a
// person applies to), scoped by the tree as everywhere: branch.read reads, dues.manage collects, development.manage
// keeps the register. A member reaches their own dues signed in, without a permission (/api/me/dues).
import type { Permission } from '#contracts/identity';
import type { ActorCtx, Ctx } from '../../core/context.ts';
import { notFound, unauthenticated } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { findOrg, findPerson, type OrgRow, type PersonRow } from './branch.dues.repository.ts';

export const DUES_ORG_NOT_FOUND = '该党组织不存在或不在您的管辖范围内';
export const DUES_MEMBER_NOT_FOUND = '该党员不存在或不在您的管辖范围内';
export const NO_OWN_RECORD = '您的账号尚未关联党员信息，请联系所在党支部';

export function actorOf(ctx: Ctx): ActorCtx {
  if (!ctx.actor) throw unauthenticated();
  return ctx as ActorCtx;
}

export async function orgInScope(ctx: Ctx, id: string, permission: Permission): Promise<OrgRow> {
  const org = await findOrg(ctx.db, id);
  if (!org || !isInScope(ctx.actor, permission, org.path))
    throw notFound('branch.org_not_found', DUES_ORG_NOT_FOUND);
  return org;
}

/** A member whose current organisation lies in the actor's `permission` scope. */
export async function memberInScope(ctx: Ctx, id: string, permission: Permission): Promise<PersonRow> {
  const person = await findPerson(ctx.db, id);
  if (!person || !isInScope(ctx.actor, permission, person.orgPath))
    throw notFound('branch.member_not_found', DUES_MEMBER_NOT_FOUND);
  return person;
}

/** The signed-in account's own member record; 404 when the account is linked to none. */
export async function ownPerson(ctx: Ctx): Promise<PersonRow> {
  const actor = actorOf(ctx).actor;
  const person = actor.memberId ? await findPerson(ctx.db, actor.memberId) : undefined;
  if (!person) throw notFound('branch.no_own_record', NO_OWN_RECORD);
  return person;
}
