// Who reaches the fusion lists of an organ (issue 11). Needs, resources, the board and projects are read organ-wide:
// anyone holding fusion.read anywhere in the organ (or above it, the work committee) reads them, so a branch sees
// the departments' pain points it could help with. Needs, the board's decisions and the project steps of the organ
// committee are kept at the organ's root (the 机关党委): fusion.manage held there or above. A branch's resources
// and the projects it leads are kept with fusion.project on the branch.
import type { Permission } from '#contracts/identity';
import { type Actor, type ActorCtx, type Ctx, todayOf } from '../../core/context.ts';
import { forbidden, notFound, unauthenticated } from '../../core/errors.ts';
import { isInScope, scopePaths, scopeSql } from '../identity/index.ts';
import { findOrgan, type PartyOrgRef, partyOrgRefs } from '../org/index.ts';
import { pairedOrgs } from './fusion.joint-guests.ts';

export const UNIT_NOT_FOUND = '该单位不存在或不在您的管辖范围内';
export const ORG_NOT_FOUND = '该党组织不存在或不在您的管辖范围内';

export function actorOf(ctx: Ctx): ActorCtx {
  if (!ctx.actor) throw unauthenticated();
  return ctx as ActorCtx;
}

/** Whether the actor holds `permission` on any organisation of the organ (or above it). */
export async function reachesOrgan(ctx: Ctx, unitId: string, permission: Permission): Promise<boolean> {
  if (scopePaths(ctx.actor, permission) === 'all') return true;
  const row = await ctx.db
    .selectFrom('partyOrg')
    .select('id')
    .where('unitId', '=', unitId)
    .where(scopeSql(ctx.actor, permission, 'partyOrg.path'))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The organ, when the actor reads its fusion work; 404 otherwise (an organ out of reach is not confirmed). */
export async function readableOrgan(ctx: Ctx, unitId: string): Promise<void> {
  if (!(await reachesOrgan(ctx, unitId, 'fusion.read')))
    throw notFound('fusion.unit_not_found', UNIT_NOT_FOUND);
}

async function rootOf(ctx: Ctx, unitId: string): Promise<PartyOrgRef | null> {
  const organ = await findOrgan(ctx.db, unitId);
  if (!organ?.rootPartyOrgId) return null;
  return (await partyOrgRefs(ctx.db, [organ.rootPartyOrgId])).get(organ.rootPartyOrgId) ?? null;
}

/** Whether the actor keeps the organ's fusion lists (fusion.manage at the organ's root or above). */
export async function managesOrgan(
  ctx: Ctx,
  unitId: string,
  actor: Actor | null = ctx.actor,
): Promise<boolean> {
  if (scopePaths(actor, 'fusion.manage') === 'all') return true;
  const root = await rootOf(ctx, unitId);
  return !!root && isInScope(actor, 'fusion.manage', root.path);
}

/** 404 for an organ the actor does not read, 403 for one it reads but does not keep. */
export async function managedOrgan(ctx: Ctx, unitId: string): Promise<void> {
  await readableOrgan(ctx, unitId);
  if (!(await managesOrgan(ctx, unitId)))
    throw forbidden('fusion.organ_only', '需求清单、匹配和项目的立项、验收由本单位机关党委负责');
}

/** A Party organisation the actor holds `permission` on; 404 otherwise. */
export async function orgInScope(ctx: Ctx, id: string, permission: Permission): Promise<PartyOrgRef> {
  const org = (await partyOrgRefs(ctx.db, [id])).get(id);
  if (!org || !isInScope(ctx.actor, permission, org.path))
    throw notFound('fusion.org_not_found', ORG_NOT_FOUND);
  return org;
}

/** Who did it, as the lists show it. */
export function actorName(ctx: Ctx): string {
  return ctx.actor?.displayName || ctx.actor?.username || '系统';
}

/**
 * The organ's Party organisations that lead, hold jointly or pair (党委, 党总支, 党支部), in tree order, for anyone
 * who reads the organ's fusion work: a branch secretary picks the other branches of a joint theme day from them,
 * though their own roles reach only their branch. Then the organisations of other organs it is paired with
 * (结对共建), named with their organ: a joint record or project may name them too.
 */
export async function organOrgs(ctx: Ctx, unitId: string) {
  await readableOrgan(ctx, unitId);
  const [own, paired] = await Promise.all([
    ctx.db
      .selectFrom('partyOrg')
      .select(['id', 'name', 'kind', 'path', 'unitId'])
      .where('unitId', '=', unitId)
      .where('status', '=', 'active')
      .where('kind', 'in', ['organ_committee', 'sub_committee', 'general_branch', 'branch'])
      .orderBy('path')
      .execute(),
    pairedOrgs(ctx, unitId, todayOf(ctx)),
  ]);
  return [...own, ...paired];
}
