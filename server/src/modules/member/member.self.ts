// Member self-service: the signed-in user's own member record and history (whatever their roles), and correction
// requests. A request always concerns the requester's own record; it is settled by whoever holds member.write on the
// organisation the member is in now (their branch secretary, or an officer above), so it follows a transfer.
import type { Correction, CreateCorrectionBody, ResolveCorrectionBody } from '#contracts/correction';
import type { Member } from '#contracts/member';
import type { Ctx } from '../../core/context.ts';
import { notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import * as corrections from './member.corrections.repository.ts';
import * as repo from './member.repository.ts';
import type { MemberHistoryEntry } from './member.service.ts';
import { requireActor, toMember } from './member.view.ts';

const NO_RECORD = '您的账号尚未关联党员信息，请联系所在党支部';

async function ownRow(ctx: Ctx): Promise<repo.MemberRow> {
  const actor = requireActor(ctx);
  const row = actor.memberId ? await repo.findMemberById(ctx.db, actor.memberId) : undefined;
  if (!row) throw notFound('member.no_own_record', NO_RECORD);
  return row;
}

/** The own record, numbers masked: shown on a phone, possibly in public, to the one person it is about. */
export async function getOwnMember(ctx: Ctx): Promise<Member> {
  // Their own birth date is theirs to see; the numbers stay masked (a phone screen may be seen by others).
  return toMember(await ownRow(ctx), true);
}

export async function getOwnHistory(ctx: Ctx): Promise<MemberHistoryEntry[]> {
  return repo.listHistory(ctx.db, (await ownRow(ctx)).id);
}

const toCorrection = (r: corrections.CorrectionRow): Correction => ({
  id: r.id,
  memberId: r.memberId,
  memberName: r.memberName,
  partyOrgName: r.partyOrgName,
  field: r.field as Correction['field'],
  message: r.message,
  status: r.status as Correction['status'],
  resolution: r.resolution,
  createdAt: r.createdAt.toISOString(),
  resolvedAt: r.resolvedAt?.toISOString() ?? null,
  version: r.version,
});

export async function listOwnCorrections(ctx: Ctx): Promise<Correction[]> {
  const row = await ownRow(ctx);
  return (await corrections.listCorrections(ctx.db, { memberId: row.id })).map(toCorrection);
}

export async function requestCorrection(ctx: Ctx, body: CreateCorrectionBody): Promise<Correction> {
  const row = await ownRow(ctx);
  const id = await corrections.insertCorrection(ctx.db, {
    unitId: row.unitId,
    memberId: row.id,
    requestedByUserId: requireActor(ctx).userId,
    field: body.field,
    message: body.message,
  });
  await recordAudit(ctx, {
    action: 'correction.request',
    entityType: 'member',
    entityId: row.id,
    details: { correctionId: id, field: body.field, message: body.message },
  });
  const created = await corrections.findCorrection(ctx.db, id);
  if (!created) throw notFound('correction.not_found');
  return toCorrection(created);
}

/** Requests about members the actor may edit: the secretary's task list. */
export async function listCorrectionTasks(ctx: Ctx, status: Correction['status']): Promise<Correction[]> {
  const scope = scopeSql(requireActor(ctx), 'member.write', 'po.path');
  return (await corrections.listCorrections(ctx.db, { scope, status })).map(toCorrection);
}

export async function resolveCorrection(
  ctx: Ctx,
  id: string,
  body: ResolveCorrectionBody,
): Promise<Correction> {
  const actor = requireActor(ctx);
  const before = await corrections.findCorrection(ctx.db, id);
  if (!before || !isInScope(actor, 'member.write', before.partyOrgPath))
    throw notFound('correction.not_found', '更正申请不存在或不在您的管理范围内');
  if (before.version !== body.version || before.status !== 'open') throw staleVersion(toCorrection(before));
  const updated = await corrections.settleCorrection(ctx.db, id, body.version, {
    status: body.status,
    resolution: body.resolution ?? null,
    resolvedByUserId: actor.userId,
  });
  if (!updated) throw staleVersion(toCorrection(before));
  await recordAudit(ctx, {
    action: 'correction.resolve',
    entityType: 'member',
    entityId: before.memberId,
    details: { correctionId: id, status: body.status, resolution: body.resolution ?? null },
  });
  const after = await corrections.findCorrection(ctx.db, id);
  if (!after) throw notFound('correction.not_found');
  return toCorrection(after);
}
