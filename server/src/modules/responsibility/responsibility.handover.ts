// 五责交接: when a post holder changes, everything the leaver owns that is open — over every registered handover
// kind — passes to the successor in one transaction, each entry recorded for the successor to acknowledge. A
// delegation during leave passes nothing: within its window the delegate holds the absent member's duties and
// approvals (my duties, the digest, deciding exemptions), and the dated record says so.
import type { z } from 'zod';
import type { AcknowledgeBodySchema, CreateHandoverBody, Handover, HandoverEntry } from '#contracts/handover';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { type MemberRef, memberRefs } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { requireActor } from './responsibility.access.ts';
import { latestDate } from './responsibility.periods.ts';
import { allHandoverKinds, handoverKind } from './responsibility.registry.ts';

const NOT_FOUND = '交接记录不存在或不在您的管辖范围内';
const MEMBER_OUT = '党员不存在或不在您的管辖范围内';

/** The member, when the actor may manage handovers over their organisation. */
async function managedMember(
  ctx: Ctx,
  memberId: string,
  field: string,
  options: { mayHaveLeft: boolean },
): Promise<MemberRef> {
  const m = (await memberRefs(ctx.db, [memberId])).get(memberId);
  const org = m ? (await partyOrgRefs(ctx.db, [m.partyOrgId])).get(m.partyOrgId) : undefined;
  if (!m || !org || !isInScope(ctx.actor, 'handover.manage', org.path))
    throw invalid('handover.member_out_of_scope', MEMBER_OUT, [{ field, message: MEMBER_OUT }]);
  if (!options.mayHaveLeft && m.status !== 'active')
    throw invalid('handover.member_inactive', '接任人须为在册党员', [
      { field, message: '接任人须为在册党员，请重新选择' },
    ]);
  return m;
}

async function gather(ctx: Ctx, unitId: string, memberId: string): Promise<HandoverEntry[]> {
  const today = todayOf(ctx);
  const entries: HandoverEntry[] = [];
  for (const kind of allHandoverKinds()) {
    for (const e of await kind.listOpen(ctx, { unitId, memberId, today }))
      entries.push({
        kind: kind.key,
        kindLabel: kind.label.zh,
        id: e.id,
        label: e.label,
        dueOn: e.dueOn,
        acknowledgedAt: null,
      });
  }
  return entries;
}

/** What the leaver owns that is open, in the successor's organ (or the leaver's own, when no organ is given). */
export async function previewHandover(ctx: Ctx, fromMemberId: string, unitId?: string) {
  const from = await managedMemberOrLeft(ctx, fromMemberId);
  return {
    fromMemberId,
    fromMemberName: from.name,
    entries: await gather(ctx, unitId ?? from.unitId, fromMemberId),
  };
}

/** The leaver may already have left the organ or moved to another: their name is still found by id. */
async function managedMemberOrLeft(ctx: Ctx, memberId: string): Promise<MemberRef> {
  return managedMember(ctx, memberId, 'querystring.fromMemberId', { mayHaveLeft: true });
}

export async function createHandover(ctx: Ctx, body: CreateHandoverBody): Promise<Handover> {
  const actor = requireActor(ctx).actor;
  const to = await managedMember(ctx, body.toMemberId, 'body.toMemberId', { mayHaveLeft: false });
  const from = (await memberRefs(ctx.db, [body.fromMemberId])).get(body.fromMemberId);
  if (!from)
    throw invalid('handover.member_out_of_scope', MEMBER_OUT, [
      { field: 'body.fromMemberId', message: MEMBER_OUT },
    ]);
  // A delegation lends a present member's duties within one organ; only a handover may come from a member who has
  // moved to another organ (their duties stayed behind here).
  if (body.kind === 'delegation' && from.unitId !== to.unitId)
    throw invalid('handover.member_out_of_scope', MEMBER_OUT, [
      { field: 'body.fromMemberId', message: MEMBER_OUT },
    ]);
  if (from.unitId === to.unitId)
    await managedMember(ctx, body.fromMemberId, 'body.fromMemberId', {
      mayHaveLeft: body.kind === 'handover',
    });
  const unitId = to.unitId;
  if (body.kind === 'delegation') {
    const overlapping = await ctx.db
      .selectFrom('handover')
      .select('id')
      .where('unitId', '=', unitId)
      .where('fromMemberId', '=', body.fromMemberId)
      .where('kind', '=', 'delegation')
      .where('status', '=', 'completed')
      .where('startsOn', '<=', body.endsOn as string)
      .where('endsOn', '>=', body.startsOn)
      .executeTakeFirst();
    if (overlapping)
      throw conflict('handover.delegation_overlaps', '该同志在这段时间已有委托，请先结束原委托或调整日期');
  }
  const entries = body.kind === 'handover' ? await gather(ctx, unitId, body.fromMemberId) : [];
  const row = await ctx.db
    .insertInto('handover')
    .values({
      unitId,
      kind: body.kind,
      fromMemberId: body.fromMemberId,
      toMemberId: body.toMemberId,
      post: body.post,
      reason: body.reason,
      startsOn: body.startsOn,
      endsOn: body.endsOn ?? null,
      status: 'completed',
      createdByName: actor.displayName,
      completedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (entries.length) {
    await ctx.db
      .insertInto('handoverEntry')
      .values(
        entries.map((e) => ({
          unitId,
          handoverId: row.id,
          entryKind: e.kind,
          entryId: e.id,
          label: e.label,
        })),
      )
      .execute();
    const byKind = new Map<string, string[]>();
    for (const e of entries) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e.id]);
    for (const [key, ids] of byKind)
      await handoverKind(key)?.reassign(ctx, {
        unitId,
        fromMemberId: body.fromMemberId,
        toMemberId: body.toMemberId,
        ids,
      });
  }
  await recordAudit(ctx, {
    action: body.kind === 'handover' ? 'handover.complete' : 'handover.delegate',
    entityType: 'handover',
    entityId: row.id,
    after: { ...body, entries: entries.length },
  });
  return getHandover(ctx, row.id);
}

function handoverRows(ctx: Ctx) {
  return ctx.db.selectFrom('handover').selectAll();
}

async function views(
  ctx: Ctx,
  rows: Awaited<ReturnType<ReturnType<typeof handoverRows>['execute']>>,
): Promise<Handover[]> {
  if (rows.length === 0) return [];
  const today = todayOf(ctx);
  const names = await memberRefs(
    ctx.db,
    rows.flatMap((r) => [r.fromMemberId, r.toMemberId]),
  );
  const entries = await ctx.db
    .selectFrom('handoverEntry')
    .selectAll()
    .where(
      'handoverId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('entryKind')
    .execute();
  return rows.map((r) => {
    const own = entries.filter((e) => e.handoverId === r.id);
    return {
      id: r.id,
      kind: r.kind as Handover['kind'],
      fromMemberId: r.fromMemberId,
      fromMemberName: names.get(r.fromMemberId)?.name ?? '',
      toMemberId: r.toMemberId,
      toMemberName: names.get(r.toMemberId)?.name ?? '',
      post: r.post,
      reason: r.reason,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      status: r.status as Handover['status'],
      inForce:
        r.kind === 'delegation' &&
        r.status === 'completed' &&
        r.startsOn <= today &&
        (r.endsOn ?? '') >= today,
      createdByName: r.createdByName,
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      version: r.version,
      entries: own.map((e) => ({
        kind: e.entryKind,
        kindLabel: handoverKind(e.entryKind)?.label.zh ?? e.entryKind,
        id: e.entryId,
        label: e.label,
        dueOn: null,
        acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
      })),
      acknowledged: own.filter((e) => e.acknowledgedAt).length,
    };
  });
}

/** Handovers whose successor's organisation is in the actor's scope, newest first. */
export async function listHandovers(ctx: Ctx): Promise<Handover[]> {
  const rows = await handoverRows(ctx)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('member as m')
          .innerJoin('partyOrg as o', (j) =>
            j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
          )
          .select('m.id')
          .whereRef('m.id', '=', 'handover.toMemberId')
          .where(scopeSql(ctx.actor, 'handover.manage', 'o.path')),
      ),
    )
    .orderBy('createdAt', 'desc')
    .limit(200)
    .execute();
  return views(ctx, rows);
}

/** A handover, for the officers over it and for its two parties. */
export async function getHandover(ctx: Ctx, id: string): Promise<Handover> {
  const row = await handoverRows(ctx).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('handover.not_found', NOT_FOUND);
  const party = ctx.actor?.memberId === row.toMemberId || ctx.actor?.memberId === row.fromMemberId;
  if (!party) {
    const to = (await memberRefs(ctx.db, [row.toMemberId])).get(row.toMemberId);
    const org = to ? (await partyOrgRefs(ctx.db, [to.partyOrgId])).get(to.partyOrgId) : undefined;
    if (!org || !isInScope(ctx.actor, 'handover.manage', org.path))
      throw notFound('handover.not_found', NOT_FOUND);
  }
  return (await views(ctx, [row]))[0] as Handover;
}

/** Handovers waiting on the actor as successor. */
export async function myHandovers(ctx: Ctx): Promise<Handover[]> {
  const memberId = ctx.actor?.memberId;
  if (!memberId) return [];
  const rows = await handoverRows(ctx)
    .where('toMemberId', '=', memberId)
    .orderBy('createdAt', 'desc')
    .limit(50)
    .execute();
  return views(ctx, rows);
}

/** The successor confirms that they took over the given entries. */
export async function acknowledgeEntries(
  ctx: Ctx,
  id: string,
  body: z.output<typeof AcknowledgeBodySchema>,
): Promise<Handover> {
  requireActor(ctx);
  const row = await handoverRows(ctx).where('id', '=', id).executeTakeFirst();
  if (!row || ctx.actor?.memberId !== row.toMemberId)
    throw notFound('handover.not_found', '交接记录不存在，或您不是接任人');
  let changed = 0;
  for (const e of body.entries) {
    const r = await ctx.db
      .updateTable('handoverEntry')
      .set({ acknowledgedAt: new Date() })
      .where('unitId', '=', row.unitId)
      .where('handoverId', '=', id)
      .where('entryKind', '=', e.kind)
      .where('entryId', '=', e.id)
      .where('acknowledgedAt', 'is', null)
      .executeTakeFirst();
    changed += Number(r.numUpdatedRows);
  }
  if (changed)
    await recordAudit(ctx, {
      action: 'handover.acknowledge',
      entityType: 'handover',
      entityId: id,
      details: { entries: changed },
    });
  return getHandover(ctx, id);
}

/** Ends a delegation early (the absent member is back). */
export async function cancelHandover(ctx: Ctx, id: string, version: number): Promise<Handover> {
  const current = await getHandover(ctx, id);
  const to = (await memberRefs(ctx.db, [current.toMemberId])).get(current.toMemberId);
  const org = to ? (await partyOrgRefs(ctx.db, [to.partyOrgId])).get(to.partyOrgId) : undefined;
  if (!org || !isInScope(ctx.actor, 'handover.manage', org.path))
    throw notFound('handover.not_found', NOT_FOUND);
  if (current.version !== version) throw staleVersion(current);
  if (current.kind !== 'delegation' || current.status !== 'completed')
    throw conflict('handover.not_cancellable', '只有生效中的临时委托可以提前结束；正式交接请另行交接回去');
  const today = todayOf(ctx);
  const cancelled = await ctx.db
    .updateTable('handover')
    .set({
      status: 'cancelled',
      endsOn: latestDate(today, current.startsOn),
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!Number(cancelled.numUpdatedRows)) throw staleVersion(await getHandover(ctx, id));
  await recordAudit(ctx, { action: 'handover.cancel', entityType: 'handover', entityId: id });
  return getHandover(ctx, id);
}
