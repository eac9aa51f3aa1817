// Duties on a list: entered by hand, taken up from a higher level's item or from the work committee's work points
// (the cascade), or copied from the template. Each gets its periods at once, and an obligation is settled against
// the records already there.
import {
  type CreateItemBody,
  type Item,
  type ItemDetail,
  LEVEL_LABELS,
  LEVELS,
  type Level,
  type PatchItemBody,
} from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import {
  holdsItem,
  ITEM_NOT_FOUND,
  itemInScope,
  type ListRow,
  listInScope,
  loadItem,
} from './responsibility.access.ts';
import { PLANNED_RECORD_KINDS } from './responsibility.default-template.ts';
import { exemptionsOfItem } from './responsibility.exemptions.ts';
import { itemRowsByIds } from './responsibility.items.repository.ts';
import { settleItems } from './responsibility.obligations.ts';
import { ensurePeriods } from './responsibility.periods.repository.ts';
import { recordKind } from './responsibility.registry.ts';
import { reportsOfItem } from './responsibility.reports.ts';
import { itemViews, periodsOfItems, periodView } from './responsibility.view.ts';

const rank = (level: string) => LEVELS.indexOf(level as Level);

type Issue = { field: string; message: string };

async function checkItem(
  ctx: Ctx,
  list: ListRow,
  body: Partial<CreateItemBody>,
  issues: Issue[],
): Promise<void> {
  if (body.ownerOrgId) {
    const org = (await partyOrgRefs(ctx.db, [body.ownerOrgId])).get(body.ownerOrgId);
    if (!org || org.unitId !== list.unitId || !org.path.startsWith(list.orgPath) || org.status !== 'active')
      issues.push({
        field: 'body.ownerOrgId',
        message: `责任党组织须是“${list.orgName}”或其下级的在建党组织`,
      });
  }
  if (body.ownerMemberId) {
    const m = (await memberRefs(ctx.db, [body.ownerMemberId])).get(body.ownerMemberId);
    if (!m || m.unitId !== list.unitId || m.status !== 'active')
      issues.push({ field: 'body.ownerMemberId', message: '责任人须为本单位在册党员，请重新选择' });
  }
  if (body.recordKind && !recordKind(body.recordKind) && !PLANNED_RECORD_KINDS[body.recordKind])
    issues.push({ field: 'body.recordKind', message: '该记录类型尚未登记，请从列表中选择' });
  if (body.recordKind && body.recurrence === 'none')
    issues.push({ field: 'body.recurrence', message: '由记录自动完成的职责须设定周期（每月、每季度等）' });
}

export async function createItem(ctx: Ctx, listId: string, body: CreateItemBody): Promise<Item> {
  const list = await listInScope(ctx, listId, 'responsibility.manage');
  const issues: Issue[] = [];
  await checkItem(ctx, list, body, issues);
  const effectiveFrom = body.effectiveFrom ?? clampToYear(todayOf(ctx), list.year);
  if (effectiveFrom.slice(0, 4) !== String(list.year))
    issues.push({ field: 'body.effectiveFrom', message: `生效日期应在清单所属的 ${list.year} 年度内` });
  if (body.recurrence === 'none' && !body.deadline)
    issues.push({ field: 'body.deadline', message: '一次性职责须填写完成时限' });
  if (body.parentItemId) {
    const parent = await loadItem(ctx, body.parentItemId);
    // An item issued downward reaches every list below its own (a branch takes up what the 机关党委 issued).
    const reachable =
      parent &&
      (itemInScope(ctx, parent, 'responsibility.read') ||
        (parent.issued && list.orgPath.startsWith(parent.listOrgPath)));
    if (!parent || parent.unitId !== list.unitId || !reachable)
      issues.push({ field: 'body.parentItemId', message: '要承接的上级职责不存在或不在您的范围内' });
    else if (parent.year !== list.year)
      issues.push({ field: 'body.parentItemId', message: `只能承接 ${list.year} 年度的上级职责` });
    else if (parent.listId === list.id || rank(parent.level) > rank(list.level))
      issues.push({
        field: 'body.parentItemId',
        message: `${LEVEL_LABELS[list.level as Level].zh}清单只能承接同级或上级清单的职责，不能承接本清单或下级的`,
      });
  }
  if (body.workPointId) {
    const point = await ctx.db
      .selectFrom('workPoint')
      .select(['year'])
      .where('id', '=', body.workPointId)
      .executeTakeFirst();
    if (!point) issues.push({ field: 'body.workPointId', message: '要承接的工委工作要点不存在' });
    else if (point.year !== list.year)
      issues.push({ field: 'body.workPointId', message: `只能承接 ${list.year} 年度的工作要点` });
  }
  if (issues.length) throw invalid('responsibility.invalid_item', '职责信息有误，请按提示修改', issues);
  if (body.parentItemId || body.workPointId) {
    const taken = await ctx.db
      .selectFrom('responsibilityItem')
      .select('title')
      .where('unitId', '=', list.unitId)
      .where('listId', '=', list.id)
      .where('status', '=', 'active')
      .where(
        body.parentItemId ? 'parentItemId' : 'workPointId',
        '=',
        (body.parentItemId ?? body.workPointId) as string,
      )
      .executeTakeFirst();
    if (taken)
      throw conflict(
        'responsibility.already_taken_up',
        `本清单已承接此项（“${taken.title}”），请在原职责上调整，不要重复承接`,
      );
  }

  const last = await ctx.db
    .selectFrom('responsibilityItem')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('unitId', '=', list.unitId)
    .where('listId', '=', list.id)
    .executeTakeFirst();
  const inserted = await ctx.db
    .insertInto('responsibilityItem')
    .values({
      unitId: list.unitId,
      listId: list.id,
      parentItemId: body.parentItemId ?? null,
      workPointId: body.workPointId ?? null,
      issued: body.issued,
      seq: (last?.seq ?? 0) + 1,
      domain: body.domain,
      category: body.category,
      title: body.title,
      detail: body.detail ?? null,
      weight: body.weight,
      ownerOrgId: body.ownerOrgId,
      ownerMemberId: body.ownerMemberId ?? null,
      deadline: body.deadline ?? null,
      recurrence: body.recurrence,
      recordKind: body.recordKind ?? null,
      effectiveFrom,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ensurePeriods(ctx, { itemIds: [inserted.id] });
  await settleItems(ctx, [inserted.id]);
  await recordAudit(ctx, {
    action: 'responsibility.item_create',
    entityType: 'responsibility_item',
    entityId: inserted.id,
    after: body,
  });
  return itemById(ctx, inserted.id);
}

function clampToYear(date: string, year: number): string {
  if (date < `${year}-01-01`) return `${year}-01-01`;
  if (date > `${year}-12-31`) return `${year}-12-31`;
  return date;
}

async function itemById(ctx: Ctx, id: string): Promise<Item> {
  const [view] = await itemViews(ctx, await itemRowsByIds(ctx, [id]));
  if (!view) throw notFound('responsibility.item_not_found', ITEM_NOT_FOUND);
  return view;
}

export async function patchItem(ctx: Ctx, id: string, body: PatchItemBody): Promise<Item> {
  const item = await loadItem(ctx, id);
  if (!item || !itemInScope(ctx, item, 'responsibility.manage'))
    throw notFound('responsibility.item_not_found', ITEM_NOT_FOUND);
  // Whoever edits a duty keeps the list it is on (the owning organisation alone does not make one its keeper).
  const list = await listInScope(ctx, item.listId, 'responsibility.manage');
  const { version, ...patch } = body;
  if (item.version !== version) throw staleVersion(await itemById(ctx, id));
  const issues: Issue[] = [];
  await checkItem(
    ctx,
    list,
    { ...patch, recurrence: item.recurrence as CreateItemBody['recurrence'] },
    issues,
  );
  if (item.recurrence === 'none' && patch.deadline === null)
    issues.push({ field: 'body.deadline', message: '一次性职责须填写完成时限' });
  if (issues.length) throw invalid('responsibility.invalid_item', '职责信息有误，请按提示修改', issues);
  const updated = await ctx.db
    .updateTable('responsibilityItem')
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where('unitId', '=', item.unitId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw staleVersion(await itemById(ctx, id));
  if (patch.deadline && item.recurrence === 'none')
    await ctx.db
      .updateTable('responsibilityPeriod')
      .set({ dueOn: patch.deadline, updatedAt: new Date() })
      .where('unitId', '=', item.unitId)
      .where('itemId', '=', id)
      .where('periodKey', '=', 'once')
      .execute();
  if (patch.recordKind !== undefined) await settleItems(ctx, [id]);
  await recordAudit(ctx, {
    action: 'responsibility.item_update',
    entityType: 'responsibility_item',
    entityId: id,
    before: {
      title: item.title,
      ownerOrgId: item.ownerOrgId,
      ownerMemberId: item.ownerMemberId,
      deadline: item.deadline,
      status: item.status,
    },
    after: patch,
  });
  return itemById(ctx, id);
}

/** An item with its periods, reports, exemptions and what took it up: for whoever may read it or holds it. */
export async function getItemDetail(ctx: Ctx, id: string): Promise<ItemDetail> {
  const item = await loadItem(ctx, id);
  if (!item || !(itemInScope(ctx, item, 'responsibility.read') || (await holdsItem(ctx, item))))
    throw notFound('responsibility.item_not_found', ITEM_NOT_FOUND);
  const today = todayOf(ctx);
  const [view, periods, reports, exemptions, children] = await Promise.all([
    itemById(ctx, id),
    periodsOfItems(ctx, [id]),
    reportsOfItem(ctx, item.unitId, id),
    exemptionsOfItem(ctx, item.unitId, [id]),
    ctx.db
      .selectFrom('responsibilityItem as c')
      .innerJoin('responsibilityList as l', (j) =>
        j.onRef('l.unitId', '=', 'c.unitId').onRef('l.id', '=', 'c.listId'),
      )
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'c.unitId').onRef('o.id', '=', 'c.ownerOrgId'),
      )
      .innerJoin('partyOrg as lo', (j) =>
        j.onRef('lo.unitId', '=', 'l.unitId').onRef('lo.id', '=', 'l.partyOrgId'),
      )
      .select([
        'c.id',
        'c.title',
        'o.name as ownerOrgName',
        'l.title as listTitle',
        'o.path as ownerPath',
        'lo.path as listPath',
      ])
      .where('c.unitId', '=', item.unitId)
      .where('c.parentItemId', '=', id)
      .execute(),
  ]);
  // Who took it up, as far as the reader may see: a branch does not read its sibling branches' lists.
  const visibleChildren = children
    .filter(
      (c) =>
        isInScope(ctx.actor, 'responsibility.read', c.listPath) ||
        isInScope(ctx.actor, 'responsibility.read', c.ownerPath),
    )
    .map(({ ownerPath: _o, listPath: _l, ...c }) => c);
  return {
    ...view,
    listTitle: item.listTitle,
    level: item.level as Level,
    periods: (periods.get(id) ?? []).map((p) => periodView(p, today)),
    reports,
    exemptions,
    takenUpBy: visibleChildren,
  };
}
