import type { PartyOrgKind } from '#contracts/org';
import type { Ctx } from '../../core/context.ts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { childPath, isWithin, kindAllowedUnder, kindRuleMessage } from './org.policy.ts';
import type { OrgRow } from './org.repository.ts';
import * as repo from './org.repository.ts';
import { addEvent, assertVersion, closedError, dtoOf, loadInScope, updateChecked } from './org.service.ts';

// Moving, closing and reopening: the changes of an organisation's place and life that keep its history.

export async function movePartyOrg(ctx: Ctx, id: string, body: { newParentId: string; version: number }) {
  const row = await loadInScope(ctx, id, 'org.write');
  if (row.parentId === null) throw invalid('org.move_root', '最高一级党组织不能移动');
  const parent = await repo.findOrg(ctx.db, body.newParentId);
  if (!parent || !isInScope(ctx.actor, 'org.read', parent.path)) {
    throw notFound('org.parent_not_found', '目标上级党组织不存在或不在您的管理范围内');
  }
  if (!isInScope(ctx.actor, 'org.write', parent.path))
    throw forbidden('org.out_of_scope', '您无权把组织移到该党组织下');
  if (isWithin(parent.path, row.path)) {
    throw invalid('org.move_into_own_subtree', '不能把党组织移到它自己或它的下级组织之下', [
      { field: 'body.newParentId', message: '不能选择本组织或其下级组织' },
    ]);
  }
  await assertVersion(ctx, row, body.version);
  if (row.status !== 'active') throw closedError();
  if (parent.status !== 'active') throw conflict('org.parent_closed', '目标上级党组织已撤销');
  const kind = row.kind as PartyOrgKind;
  if (!kindAllowedUnder(parent.kind as PartyOrgKind, kind)) {
    const message = kindRuleMessage(parent.kind as PartyOrgKind, kind);
    throw invalid('org.kind_not_allowed', message, [{ field: 'body.newParentId', message }]);
  }
  if (parent.unitId !== null && parent.unitId !== row.unitId) {
    throw invalid('org.move_across_units', '不能把党组织移到其他单位的党组织之下', [
      { field: 'body.newParentId', message: '目标组织属于其他单位' },
    ]);
  }
  const before = await dtoOf(ctx, row);
  if (parent.id === row.parentId) return before;
  const oldParent = await repo.findOrg(ctx.db, row.parentId);
  await updateChecked(ctx, row, body.version, { parentId: parent.id });
  const moved = await repo.rewriteSubtree(
    ctx.db,
    row.path,
    childPath(parent.path, row.id),
    parent.depth + 1 - row.depth,
  );
  await addEvent(ctx, id, 'moved', {
    fromParentId: row.parentId,
    fromParentName: oldParent?.name ?? null,
    toParentId: parent.id,
    toParentName: parent.name,
    subtreeSize: moved,
  });
  const after = await dtoOf(ctx, (await repo.findOrg(ctx.db, id)) as OrgRow);
  await recordAudit(ctx, { action: 'org.move', entityType: 'party_org', entityId: id, before, after });
  return after;
}

export async function closePartyOrg(
  ctx: Ctx,
  id: string,
  body: { closedOn: string; reason: string; version: number },
) {
  const row = await loadInScope(ctx, id, 'org.write');
  await assertVersion(ctx, row, body.version);
  if (row.status !== 'active') throw conflict('org.closed', '该党组织已经撤销');
  const members = await repo.countMembersInSubtree(ctx.db, row.path);
  if (members > 0) {
    throw conflict(
      'org.has_members',
      `该党组织及其下级组织还有 ${members} 名党员，请先将党员转接到其他党组织后再撤销`,
      { count: members },
    );
  }
  const children = await repo.countActiveChildren(ctx.db, id);
  if (children > 0) {
    throw conflict(
      'org.has_children',
      `该党组织还有 ${children} 个未撤销的下级组织，请先撤销或移走下级组织`,
      {
        count: children,
      },
    );
  }
  if (row.foundedOn && body.closedOn < row.foundedOn) {
    throw invalid('org.closed_before_founded', '撤销日期不能早于成立日期', [
      { field: 'body.closedOn', message: `成立日期为 ${row.foundedOn}` },
    ]);
  }
  const before = await dtoOf(ctx, row);
  const updated = await updateChecked(ctx, row, body.version, {
    status: 'closed',
    closedOn: body.closedOn,
    closeReason: body.reason,
  });
  await addEvent(ctx, id, 'closed', { closedOn: body.closedOn, reason: body.reason });
  const after = await dtoOf(ctx, updated);
  await recordAudit(ctx, { action: 'org.close', entityType: 'party_org', entityId: id, before, after });
  return after;
}

export async function reopenPartyOrg(ctx: Ctx, id: string, body: { version: number }) {
  const row = await loadInScope(ctx, id, 'org.write');
  await assertVersion(ctx, row, body.version);
  if (row.status === 'active') throw conflict('org.not_closed', '该党组织未撤销，无需恢复');
  if (row.parentId) {
    const parent = await repo.findOrg(ctx.db, row.parentId);
    if (parent && parent.status !== 'active') {
      throw conflict('org.parent_closed', `上级党组织“${parent.name}”已撤销，请先恢复上级组织`);
    }
  }
  const before = await dtoOf(ctx, row);
  const updated = await updateChecked(ctx, row, body.version, {
    status: 'active',
    closedOn: null,
    closeReason: null,
  });
  await addEvent(ctx, id, 'reopened', { previousClosedOn: row.closedOn, previousReason: row.closeReason });
  const after = await dtoOf(ctx, updated);
  await recordAudit(ctx, { action: 'org.reopen', entityType: 'party_org', entityId: id, before, after });
  return after;
}

export const TEMPORARY_END_REASON = '临时党组织期满';

/**
 * Closes every active temporary organisation whose end date has passed, on its end date, with a history event and
 * an audit entry. One that still has members or active children stays open (its members must be transferred
 * first); those are returned by code so that the caller can say so. Run at start-up and daily (org.jobs.ts).
 */
export async function closeEndedTemporaryOrgs(
  ctx: Ctx,
  today: string,
): Promise<{ closed: string[]; kept: string[] }> {
  const ended = await repo.listEndedTemporaryOrgs(ctx.db, today);
  const closed: string[] = [];
  const kept: string[] = [];
  for (const row of ended) {
    const busy =
      (await repo.countMembersInSubtree(ctx.db, row.path)) > 0 ||
      (await repo.countActiveChildren(ctx.db, row.id)) > 0;
    if (busy || !row.tempEndOn) {
      kept.push(row.code);
      continue;
    }
    const before = await dtoOf(ctx, row);
    const updated = await updateChecked(ctx, row, row.version, {
      status: 'closed',
      closedOn: row.tempEndOn,
      closeReason: TEMPORARY_END_REASON,
    });
    await addEvent(ctx, row.id, 'closed', {
      closedOn: row.tempEndOn,
      reason: TEMPORARY_END_REASON,
      source: 'temporary_end',
    });
    await recordAudit(ctx, {
      action: 'org.close',
      entityType: 'party_org',
      entityId: row.id,
      before,
      after: await dtoOf(ctx, updated),
    });
    closed.push(row.code);
  }
  return { closed, kept };
}
