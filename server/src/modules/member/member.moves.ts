// Transfers between organisations (keeping the history) and leaving: each closes the open history row on its date,
// which may not lie before the day the member came to the current organisation.
import { type Member, reasonText } from '#contracts/member';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { departmentIssue, loadInScope, memberOrgOrIssue, reload } from './member.placement.ts';
import * as repo from './member.repository.ts';
import { auditView, memberFor } from './member.view.ts';

async function checkMoveDate(ctx: Ctx, id: string, on: string, what: string): Promise<void> {
  const open = await repo.findOpenHistory(ctx.db, id);
  if (open && on < open.fromOn) {
    throw invalid('member.invalid_date', `${what}不能早于在现党组织的起始日期`, [
      { field: 'body.on', message: `${what}不能早于 ${open.fromOn}（在现党组织的起始日期）` },
    ]);
  }
}

export async function transferMember(
  ctx: Ctx,
  id: string,
  body: {
    toPartyOrgId: string;
    departmentId?: string | null | undefined;
    on: string;
    reason: string;
    note?: string | undefined;
    version: number;
  },
): Promise<Member> {
  const before = await loadInScope(ctx, id, 'member.write');
  if (before.version !== body.version) throw staleVersion(memberFor(ctx, before));
  if (before.status !== 'active') throw conflict('member.not_active', '该党员已登记离开，不能办理转接');
  const target = await memberOrgOrIssue(ctx, body.toPartyOrgId, 'body.toPartyOrgId');
  if ('field' in target) throw invalid('member.invalid_target', target.message, [target]);
  if (target.id === before.partyOrgId) {
    throw invalid('member.same_org', '该党员已在此党组织', [
      { field: 'body.toPartyOrgId', message: '请选择另一个党组织' },
    ]);
  }
  const deptIssue = await departmentIssue(ctx, body.departmentId, target.unitId);
  if (deptIssue) throw invalid('member.invalid_department', deptIssue.message, [deptIssue]);
  await checkMoveDate(ctx, id, body.on, '转接日期');
  const reason = reasonText(body.reason, body.note);
  await repo.closeOpenHistory(ctx.db, [id], body.on);
  // A party post belongs to the organisation it was held in; a department only makes sense within the same organ,
  // so without a new one it is kept only when the member stays in the organ.
  const patch: repo.MemberPatch = { partyOrgId: target.id, unitId: target.unitId, partyPost: null };
  if (body.departmentId !== undefined) patch.departmentId = body.departmentId;
  else if (target.unitId !== before.unitId) patch.departmentId = null;
  if (!(await repo.updateMemberRow(ctx.db, id, body.version, patch))) {
    throw staleVersion(memberFor(ctx, await reload(ctx, id)));
  }
  // After the member row: a history row is keyed by its member's organ, and a member who changes organ takes its
  // history and correction requests along through the key (on update cascade, ADR 20).
  await repo.insertHistory(ctx.db, [
    { unitId: target.unitId, memberId: id, partyOrgId: target.id, fromOn: body.on, reason },
  ]);
  const after = await reload(ctx, id);
  await recordAudit(ctx, {
    action: 'member.transfer',
    entityType: 'member',
    entityId: id,
    before: auditView(before),
    after: auditView(after),
    details: { fromPartyOrgId: before.partyOrgId, toPartyOrgId: target.id, on: body.on, reason },
  });
  return memberFor(ctx, after);
}

export async function leaveMember(
  ctx: Ctx,
  id: string,
  body: { on: string; reason: string; note?: string | undefined; version: number },
): Promise<Member> {
  const before = await loadInScope(ctx, id, 'member.write');
  const reason = reasonText(body.reason, body.note);
  if (before.version !== body.version) throw staleVersion(memberFor(ctx, before));
  if (before.status !== 'active') throw conflict('member.not_active', '该党员已登记离开');
  await checkMoveDate(ctx, id, body.on, '离开日期');
  await repo.closeOpenHistory(ctx.db, [id], body.on);
  const patch: repo.MemberPatch = { status: 'left', leftOn: body.on, leftReason: reason };
  if (!(await repo.updateMemberRow(ctx.db, id, body.version, patch))) {
    throw staleVersion(memberFor(ctx, await reload(ctx, id)));
  }
  const after = await reload(ctx, id);
  await recordAudit(ctx, {
    action: 'member.leave',
    entityType: 'member',
    entityId: id,
    before: auditView(before),
    after: auditView(after),
    details: { on: body.on, reason },
  });
  return memberFor(ctx, after);
}
