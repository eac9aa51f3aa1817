// Reading items with the name of the organisation owning them.
import type { Ctx } from '../../core/context.ts';
import type { ItemBaseRow } from './responsibility.view.ts';

const ITEM_COLUMNS = [
  'i.unitId',
  'i.id',
  'i.listId',
  'i.parentItemId',
  'i.workPointId',
  'i.templateKey',
  'i.issued',
  'i.seq',
  'i.domain',
  'i.category',
  'i.title',
  'i.detail',
  'i.weight',
  'i.ownerOrgId',
  'i.ownerMemberId',
  'i.deadline',
  'i.recurrence',
  'i.recordKind',
  'i.effectiveFrom',
  'i.status',
  'i.version',
] as const;

function items(ctx: Ctx) {
  return ctx.db
    .selectFrom('responsibilityItem as i')
    .innerJoin('partyOrg as oo', (j) =>
      j.onRef('oo.unitId', '=', 'i.unitId').onRef('oo.id', '=', 'i.ownerOrgId'),
    )
    .select([...ITEM_COLUMNS, 'oo.name as ownerOrgName']);
}

export async function itemRowsOfLists(ctx: Ctx, listIds: readonly string[]): Promise<ItemBaseRow[]> {
  if (listIds.length === 0) return [];
  return items(ctx)
    .where('i.listId', 'in', [...listIds])
    .orderBy('i.listId')
    .orderBy('i.seq')
    .execute();
}

export async function itemRowsByIds(ctx: Ctx, ids: readonly string[]): Promise<ItemBaseRow[]> {
  if (ids.length === 0) return [];
  return items(ctx)
    .where('i.id', 'in', [...ids])
    .orderBy('i.seq')
    .execute();
}

/** Items of organ `unitId` whose lists are of `year`. */
export async function itemRowsOfYear(ctx: Ctx, unitId: string, year: number) {
  return items(ctx)
    .innerJoin('responsibilityList as l', (j) =>
      j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
    )
    .select(['l.level', 'l.partyOrgId as listOrgId', 'l.title as listTitle'])
    .where('i.unitId', '=', unitId)
    .where('l.year', '=', year)
    .orderBy('l.level')
    .orderBy('i.seq')
    .execute();
}
