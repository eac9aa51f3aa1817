// Who may see and change what in the responsibility system. Lists and their items belong to the organisation the
// list is kept for (the organ's root organisation for the 党组's and the 机关党委's lists, the branch for a
// branch's): the organisation tree scopes them as everywhere. A duty's owner reaches their own duties whatever their
// roles (my duties), and so does whoever holds them by a delegation in force.
import type { Permission } from '#contracts/identity';
import { type ActorCtx, type Ctx, todayOf } from '../../core/context.ts';
import { notFound, unauthenticated } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';

export function requireActor(ctx: Ctx): ActorCtx {
  if (!ctx.actor) throw unauthenticated();
  return ctx as ActorCtx;
}

export const LIST_NOT_FOUND = '责任清单不存在或不在您的管辖范围内';
export const ITEM_NOT_FOUND = '该职责不存在或不在您的管辖范围内';

/** A list of the organ, with the path of the organisation it is kept for. */
export async function loadList(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('responsibilityList as l')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.partyOrgId'),
    )
    .selectAll('l')
    .select(['o.path as orgPath', 'o.name as orgName'])
    .where('l.id', '=', id)
    .executeTakeFirst();
}
export type ListRow = NonNullable<Awaited<ReturnType<typeof loadList>>>;

export async function listInScope(ctx: Ctx, id: string, permission: Permission): Promise<ListRow> {
  const list = await loadList(ctx, id);
  if (!list || !isInScope(ctx.actor, permission, list.orgPath))
    throw notFound('responsibility.list_not_found', LIST_NOT_FOUND);
  return list;
}

/** An item with its list's and its owner organisation's paths. */
export async function loadItem(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('responsibilityItem as i')
    .innerJoin('responsibilityList as l', (j) =>
      j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
    )
    .innerJoin('partyOrg as lo', (j) =>
      j.onRef('lo.unitId', '=', 'l.unitId').onRef('lo.id', '=', 'l.partyOrgId'),
    )
    .innerJoin('partyOrg as oo', (j) =>
      j.onRef('oo.unitId', '=', 'i.unitId').onRef('oo.id', '=', 'i.ownerOrgId'),
    )
    .selectAll('i')
    .select([
      'l.year',
      'l.level',
      'l.title as listTitle',
      'l.partyOrgId as listOrgId',
      'lo.path as listOrgPath',
      'oo.path as ownerOrgPath',
      'oo.name as ownerOrgName',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}
export type ItemRow = NonNullable<Awaited<ReturnType<typeof loadItem>>>;

/** The item is within the actor's `permission` scope, by its list's organisation or by the organisation owning it. */
export function itemInScope(ctx: Ctx, item: ItemRow, permission: Permission): boolean {
  return (
    isInScope(ctx.actor, permission, item.listOrgPath) || isInScope(ctx.actor, permission, item.ownerOrgPath)
  );
}

/** Members whose duties the actor holds today: themselves and whoever delegated to them for a window covering today. */
export async function heldMemberIds(
  ctx: Ctx,
): Promise<{ own: string | null; ownUnit: string | null; delegatedFrom: Map<string, string> }> {
  const own = ctx.actor?.memberId ?? null;
  const delegatedFrom = new Map<string, string>();
  if (!own) return { own, ownUnit: null, delegatedFrom };
  const me = (await memberRefs(ctx.db, [own])).get(own);
  // Own records count in the organ one is an active member of; delegations only in the organ they were made in.
  const ownUnit = me?.status === 'active' ? me.unitId : null;
  const today = todayOf(ctx);
  const rows = await ctx.db
    .selectFrom('handover')
    .select(['fromMemberId', 'unitId'])
    .where('toMemberId', '=', own)
    .where('kind', '=', 'delegation')
    .where('status', '=', 'completed')
    .where('startsOn', '<=', today)
    .where('endsOn', '>=', today)
    .execute();
  for (const r of rows) delegatedFrom.set(r.fromMemberId, r.unitId);
  return { own, ownUnit, delegatedFrom };
}

/**
 * The actor owns the item as an active member of its organ, or holds it by a delegation in force made in that organ
 * (a member who has left, or moved to another organ, no longer holds the duties they left behind).
 */
export async function holdsItem(
  ctx: Ctx,
  item: { ownerMemberId: string | null; unitId: string },
): Promise<boolean> {
  if (!item.ownerMemberId) return false;
  const held = await heldMemberIds(ctx);
  return holdsFor(held, item.ownerMemberId, item.unitId);
}

/** Whether `held` covers the member `memberId`'s records of organ `unitId`. */
export function holdsFor(
  held: Awaited<ReturnType<typeof heldMemberIds>>,
  memberId: string,
  unitId: string,
): boolean {
  if (held.delegatedFrom.get(memberId) === unitId) return true;
  return held.own === memberId && held.ownUnit === unitId;
}
