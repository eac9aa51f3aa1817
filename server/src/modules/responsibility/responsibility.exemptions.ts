// Exemptions (免于考核 of one duty, for a reason): a holder asks, an approver over the item decides. Kept, never
// edited: the history is the evidence. Split from responsibility.reports.ts.
import type { z } from 'zod';
import type { DecideExemptionBodySchema, Exemption, ExemptionBodySchema } from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { assessmentChanged } from '../assessment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { memberRefs } from '../member/index.ts';
import {
  heldMemberIds,
  holdsFor,
  holdsItem,
  ITEM_NOT_FOUND,
  itemInScope,
  loadItem,
  requireActor,
} from './responsibility.access.ts';

export async function exemptionsOfItem(
  ctx: Ctx,
  unitId: string,
  itemIds: readonly string[],
): Promise<Exemption[]> {
  if (itemIds.length === 0) return [];
  const rows = await exemptionRows(ctx)
    .where('e.unitId', '=', unitId)
    .where('e.itemId', 'in', [...itemIds])
    .execute();
  return exemptionViews(ctx, rows);
}

function exemptionRows(ctx: Ctx) {
  return ctx.db
    .selectFrom('responsibilityExemption as e')
    .innerJoin('responsibilityItem as i', (j) =>
      j.onRef('i.unitId', '=', 'e.unitId').onRef('i.id', '=', 'e.itemId'),
    )
    .selectAll('e')
    .select('i.title as itemTitle')
    .orderBy('e.createdAt', 'desc');
}

async function exemptionViews(
  ctx: Ctx,
  rows: Awaited<ReturnType<ReturnType<typeof exemptionRows>['execute']>>,
): Promise<Exemption[]> {
  const today = todayOf(ctx);
  const names = await memberRefs(
    ctx.db,
    rows.map((r) => r.approverMemberId),
  );
  return rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    itemTitle: r.itemTitle,
    startsOn: r.startsOn,
    expiresOn: r.expiresOn,
    reason: r.reason,
    approverMemberId: r.approverMemberId,
    approverName: names.get(r.approverMemberId)?.name ?? null,
    status: r.status as Exemption['status'],
    inForce: r.status === 'approved' && r.startsOn <= today && today <= r.expiresOn,
    requestedByName: r.requestedByName,
    decidedByName: r.decidedByName,
    decisionNote: r.decisionNote,
    version: r.version,
  }));
}

export async function requestExemption(
  ctx: Ctx,
  itemId: string,
  body: z.output<typeof ExemptionBodySchema>,
): Promise<Exemption> {
  const actor = requireActor(ctx).actor;
  const item = await loadItem(ctx, itemId);
  if (!item || !itemInScope(ctx, item, 'responsibility.manage'))
    throw notFound('responsibility.item_not_found', ITEM_NOT_FOUND);
  const issues: { field: string; message: string }[] = [];
  if (body.expiresOn < body.startsOn)
    issues.push({ field: 'body.expiresOn', message: '失效日期不能早于开始日期' });
  const approver = (await memberRefs(ctx.db, [body.approverMemberId])).get(body.approverMemberId);
  if (!approver || approver.unitId !== item.unitId || approver.status !== 'active')
    issues.push({ field: 'body.approverMemberId', message: '审批人须为本单位在册党员' });
  else if (approver.id === actor.memberId || approver.id === item.ownerMemberId)
    issues.push({
      field: 'body.approverMemberId',
      message: '不能由申请人或责任人本人审批，请选择上级负责同志',
    });
  if (issues.length) throw invalid('responsibility.invalid_exemption', '豁免申请有误，请按提示修改', issues);
  const row = await ctx.db
    .insertInto('responsibilityExemption')
    .values({ unitId: item.unitId, itemId, ...body, requestedByName: actor.displayName })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'responsibility.exemption_request',
    entityType: 'responsibility_item',
    entityId: itemId,
    after: body,
  });
  const [view] = await exemptionViews(
    ctx,
    await exemptionRows(ctx).where('e.unitId', '=', item.unitId).where('e.id', '=', row.id).execute(),
  );
  return view as Exemption;
}

/** Exemptions waiting on the actor (or on someone who delegated to them). */
export async function myApprovals(ctx: Ctx): Promise<Exemption[]> {
  const held = await heldMemberIds(ctx);
  const approvers = [...(held.own ? [held.own] : []), ...held.delegatedFrom.keys()];
  if (approvers.length === 0) return [];
  const rows = await exemptionRows(ctx)
    .where('e.approverMemberId', 'in', approvers)
    .where('e.status', '=', 'pending')
    .execute();
  return exemptionViews(
    ctx,
    rows.filter((r) => holdsFor(held, r.approverMemberId, r.unitId)),
  );
}

export async function decideExemption(
  ctx: Ctx,
  id: string,
  body: z.output<typeof DecideExemptionBodySchema>,
): Promise<Exemption> {
  const actor = requireActor(ctx).actor;
  const row = await ctx.db
    .selectFrom('responsibilityExemption')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const held = await heldMemberIds(ctx);
  if (!row) throw notFound('responsibility.exemption_not_found', '豁免申请不存在');
  if (!holdsFor(held, row.approverMemberId, row.unitId)) {
    // Whoever may see the exemption on its duty learns why they cannot decide it; anyone else learns nothing.
    const item = await loadItem(ctx, row.itemId);
    if (!item || !(itemInScope(ctx, item, 'responsibility.read') || (await holdsItem(ctx, item))))
      throw notFound('responsibility.exemption_not_found', '豁免申请不存在');
    throw forbidden('responsibility.not_approver', '只有指定的审批人（或其委托人）可以审批此申请');
  }
  const current = async () =>
    (
      await exemptionViews(
        ctx,
        await exemptionRows(ctx).where('e.unitId', '=', row.unitId).where('e.id', '=', id).execute(),
      )
    )[0];
  if (row.version !== body.version) throw staleVersion(await current());
  if (row.status !== 'pending')
    throw conflict('responsibility.exemption_decided', '该申请已审批，不能重复审批');
  const decided = await ctx.db
    .updateTable('responsibilityExemption')
    .set({
      status: body.status,
      decidedByName: actor.displayName,
      decidedAt: new Date(),
      decisionNote: body.note ?? null,
      version: row.version + 1,
    })
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  // Two deciders at once (the approver and their delegate, a double tap): the second finds the row changed.
  if (!Number(decided.numUpdatedRows)) throw staleVersion(await current());
  if (body.status === 'approved') {
    await ctx.db
      .updateTable('responsibilityPeriod')
      .set({ status: 'exempt', exemptionId: id, updatedAt: new Date() })
      .where('unitId', '=', row.unitId)
      .where('itemId', '=', row.itemId)
      .where('status', '=', 'open')
      .where('dueOn', '>=', row.startsOn)
      .where('dueOn', '<=', row.expiresOn)
      .execute();
    // Exempt periods leave the obligations and duties counted: the owner is scored again.
    const item = await loadItem(ctx, row.itemId);
    if (item)
      await assessmentChanged(ctx, {
        unitId: row.unitId,
        orgIds: [item.ownerOrgId],
        from: row.startsOn,
        to: row.expiresOn,
        counts: ['responsibility_item', 'responsibility_period'],
      });
  }
  await recordAudit(ctx, {
    action: 'responsibility.exemption_decide',
    entityType: 'responsibility_item',
    entityId: row.itemId,
    details: {
      exemptionId: id,
      status: body.status,
      delegatedFor: row.approverMemberId !== held.own ? row.approverMemberId : undefined,
    },
  });
  return (await current()) as Exemption;
}
