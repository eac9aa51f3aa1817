// Pairings (结对共建, issue 11 point 4): a Party organisation's standing relationship with a partner organisation
// (a community, a village, an enterprise) or with a Party organisation of another organ under the same work
// committee — with a start, an end, an agreement and their own history: every change, and the joint records held
// with the partner while it lasts. Kept by the organisation's keeper (fusion.project); read organ-wide. A pairing
// with another organ's organisation is made by someone who reaches both (the work committee's officers).
import type { FieldIssue } from '#contracts/errors';
import type {
  CreatePairingBody,
  EndPairingBody,
  Pairing,
  PairingDetail,
  PairingState,
  PatchPairingBody,
} from '#contracts/fusion-brand';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { recordsOfPartners, recordsWithPartner } from '../branch/index.ts';
import { isInScope } from '../identity/index.ts';
import { findOrgan, partnerOrgRefs, partyOrgRefs } from '../org/index.ts';
import { actorName, orgInScope, readableOrgan } from './fusion.access.ts';

export const PAIRING_OWNER = 'fusion.pairing';
const PAIRING_NOT_FOUND = '该结对共建关系不存在或不在您的管辖范围内';
const PAIRING_KINDS = ['organ_committee', 'sub_committee', 'general_branch', 'branch'];

function selectPairings(ctx: Ctx) {
  return ctx.db
    .selectFrom('pairing as p')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'p.unitId').onRef('o.id', '=', 'p.partyOrgId'),
    )
    .selectAll('p')
    .select(['o.name as partyOrgName', 'o.path as orgPath']);
}
type PairingRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectPairings>['executeTakeFirst']>>>;

export function stateOf(
  p: { startsOn: string; endsOn: string; endedOn: string | null },
  today: string,
): PairingState {
  if (p.endedOn) return 'ended';
  if (today < p.startsOn) return 'upcoming';
  return today > p.endsOn ? 'expired' : 'active';
}

const until = (p: PairingRow) => p.endedOn ?? p.endsOn;

async function views(ctx: Ctx, rows: readonly PairingRow[]): Promise<Pairing[]> {
  const today = todayOf(ctx);
  const partners = await partnerOrgRefs(
    ctx.db,
    rows.flatMap((r) => (r.partnerOrgId ? [r.partnerOrgId] : [])),
  );
  const counterparts = await partyOrgRefs(
    ctx.db,
    rows.flatMap((r) => (r.counterpartOrgId ? [r.counterpartOrgId] : [])),
  );
  const organs = new Map<string, string>();
  for (const c of counterparts.values())
    if (!organs.has(c.unitId)) organs.set(c.unitId, (await findOrgan(ctx.db, c.unitId))?.name ?? '');
  const first = rows[0];
  const joint = first
    ? await recordsOfPartners(
        ctx,
        first.unitId,
        rows.flatMap((r) => (r.partnerOrgId ? [r.partnerOrgId] : [])),
      )
    : [];
  const out: Pairing[] = [];
  for (const r of rows) {
    const counterpart = r.counterpartOrgId ? counterparts.get(r.counterpartOrgId) : undefined;
    const activities = joint.filter(
      (a) =>
        a.partnerOrgId === r.partnerOrgId &&
        a.heldBy.includes(r.partyOrgId) &&
        a.date >= r.startsOn &&
        a.date <= until(r),
    );
    out.push({
      id: r.id,
      unitId: r.unitId,
      partyOrgId: r.partyOrgId,
      partyOrgName: r.partyOrgName,
      partnerOrgId: r.partnerOrgId,
      counterpartOrgId: r.counterpartOrgId,
      counterpartName: r.partnerOrgId
        ? (partners.get(r.partnerOrgId)?.name ?? '')
        : (counterpart?.name ?? ''),
      counterpartUnitName: counterpart ? (organs.get(counterpart.unitId) ?? null) : null,
      title: r.title,
      agreement: r.agreement,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      endedOn: r.endedOn,
      endReason: r.endReason,
      state: stateOf(r, today),
      activityCount: activities.length,
      version: r.version,
    });
  }
  return out;
}

export async function listPairings(ctx: Ctx, q: { unitId: string; partyOrgId?: string | undefined }) {
  await readableOrgan(ctx, q.unitId);
  let query = selectPairings(ctx).where('p.unitId', '=', q.unitId);
  if (q.partyOrgId) query = query.where('p.partyOrgId', '=', q.partyOrgId);
  return views(ctx, await query.orderBy('p.startsOn', 'desc').orderBy('p.id').execute());
}

async function readablePairing(ctx: Ctx, id: string): Promise<PairingRow> {
  const row = await selectPairings(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('fusion.pairing_not_found', PAIRING_NOT_FOUND);
  await readableOrgan(ctx, row.unitId).catch(() => {
    throw notFound('fusion.pairing_not_found', PAIRING_NOT_FOUND);
  });
  return row;
}

async function keptPairing(ctx: Ctx, id: string): Promise<PairingRow> {
  const row = await selectPairings(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'fusion.project', row.orgPath))
    throw notFound('fusion.pairing_not_found', PAIRING_NOT_FOUND);
  return row;
}

export async function getPairing(ctx: Ctx, id: string): Promise<PairingDetail> {
  const row = await readablePairing(ctx, id);
  const [view] = await views(ctx, [row]);
  if (!view) throw new Error('a pairing without its view');
  const [events, activities] = await Promise.all([
    ctx.db
      .selectFrom('pairingEvent')
      .select(['kind', 'happenedOn', 'note', 'byName'])
      .where('unitId', '=', row.unitId)
      .where('pairingId', '=', id)
      .orderBy('createdAt')
      .execute(),
    row.partnerOrgId
      ? recordsWithPartner(ctx, {
          unitId: row.unitId,
          orgId: row.partyOrgId,
          partnerOrgId: row.partnerOrgId,
          from: row.startsOn,
          to: until(row),
        })
      : [],
  ]);
  return {
    ...view,
    events: events.map((e) => ({ ...e, kind: e.kind as PairingDetail['events'][number]['kind'] })),
    activities: activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      date: a.date,
      topic: a.topic,
      partyOrgName: a.partyOrgName,
    })),
    can: { edit: isInScope(ctx.actor, 'fusion.project', row.orgPath) && !row.endedOn },
  };
}

async function event(
  ctx: Ctx,
  row: { unitId: string; id: string },
  kind: string,
  on: string,
  note: string | null,
) {
  await ctx.db
    .insertInto('pairingEvent')
    .values({ unitId: row.unitId, pairingId: row.id, kind, happenedOn: on, note, byName: actorName(ctx) })
    .execute();
}

export async function createPairing(ctx: Ctx, body: CreatePairingBody): Promise<PairingDetail> {
  const org = await orgInScope(ctx, body.partyOrgId, 'fusion.project');
  const issues: FieldIssue[] = [];
  if (!PAIRING_KINDS.includes(org.kind) || org.status !== 'active')
    issues.push({ field: 'body.partyOrgId', message: '请选择在建的党支部（党总支、党委）' });
  const partnerId = body.partnerOrgId ?? null;
  const counterpartId = body.counterpartOrgId ?? null;
  let counterpartUnit: string | null = null;
  if (!partnerId === !counterpartId)
    issues.push({
      field: 'body.partnerOrgId',
      message: '请选择结对的共建单位，或另一单位的党组织（二选一）',
    });
  if (partnerId) {
    const p = (await partnerOrgRefs(ctx.db, [partnerId])).get(partnerId);
    if (!p || p.unitId !== org.unitId || p.status !== 'active')
      issues.push({ field: 'body.partnerOrgId', message: '请选择本单位在册的共建单位' });
  }
  if (counterpartId) {
    const c = (await partyOrgRefs(ctx.db, [counterpartId])).get(counterpartId);
    if (c?.status !== 'active' || !isInScope(ctx.actor, 'fusion.read', c.path))
      issues.push({
        field: 'body.counterpartOrgId',
        message: '结对的党组织不存在或不在您的管辖范围内（跨单位结对由机关工委办理）',
      });
    else if (c.unitId === org.unitId)
      issues.push({
        field: 'body.counterpartOrgId',
        message: '本单位内的党组织请用“联合开展”，结对共建面向共建单位或其他单位的党组织',
      });
    else counterpartUnit = c.unitId;
  }
  if (body.endsOn < body.startsOn) issues.push({ field: 'body.endsOn', message: '结束日期不能早于开始日期' });
  if (issues.length > 0)
    throw invalid('fusion.pairing_invalid', issues[0]?.message ?? '请按提示修改', issues);
  const row = await ctx.db
    .insertInto('pairing')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      partnerOrgId: partnerId,
      counterpartUnitId: counterpartUnit,
      counterpartOrgId: counterpartId,
      title: body.title,
      agreement: body.agreement ?? null,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      createdByUserId: ctx.actor?.userId ?? null,
    })
    .returning(['unitId', 'id'])
    .executeTakeFirstOrThrow();
  await event(ctx, row, 'created', todayOf(ctx), `${body.startsOn} 至 ${body.endsOn}`);
  await recordAudit(ctx, {
    action: 'fusion.pairing_create',
    entityType: 'pairing',
    entityId: row.id,
    after: {
      title: body.title,
      partyOrgId: org.id,
      partnerOrgId: partnerId,
      counterpartOrgId: counterpartId,
    },
  });
  return getPairing(ctx, row.id);
}

async function bump(ctx: Ctx, row: PairingRow, version: number, set: Record<string, unknown>) {
  if (row.version !== version) throw staleVersion(await getPairing(ctx, row.id));
  const done = await ctx.db
    .updateTable('pairing')
    .set({ ...set, version: row.version + 1, updatedAt: new Date() })
    .where('unitId', '=', row.unitId)
    .where('id', '=', row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows)) throw staleVersion(await getPairing(ctx, row.id));
}

export async function patchPairing(ctx: Ctx, id: string, body: PatchPairingBody): Promise<PairingDetail> {
  const row = await keptPairing(ctx, id);
  if (row.endedOn) throw conflict('fusion.pairing_ended', '结对关系已解除，不能再修改');
  if (body.endsOn && body.endsOn < row.startsOn)
    throw invalid('fusion.pairing_invalid', '结束日期不能早于开始日期', [
      { field: 'body.endsOn', message: '结束日期不能早于开始日期' },
    ]);
  const { version, ...fields } = body;
  await bump(ctx, row, version, fields);
  const renewed = body.endsOn && body.endsOn > row.endsOn;
  await event(
    ctx,
    row,
    renewed ? 'renewed' : 'updated',
    todayOf(ctx),
    renewed
      ? `续签至 ${body.endsOn}`
      : body.endsOn && body.endsOn !== row.endsOn
        ? `结束日期改为 ${body.endsOn}`
        : null,
  );
  await recordAudit(ctx, {
    action: 'fusion.pairing_update',
    entityType: 'pairing',
    entityId: id,
    before: { title: row.title, endsOn: row.endsOn },
    after: { title: body.title ?? row.title, endsOn: body.endsOn ?? row.endsOn },
  });
  return getPairing(ctx, id);
}

export async function endPairing(ctx: Ctx, id: string, body: EndPairingBody): Promise<PairingDetail> {
  const row = await keptPairing(ctx, id);
  if (row.endedOn) throw conflict('fusion.pairing_ended', '结对关系已解除');
  const on = body.on ?? todayOf(ctx);
  if (on > todayOf(ctx) || on < row.startsOn)
    throw invalid('fusion.pairing_invalid', '解除日期须在开始日期和今天之间', [
      { field: 'body.on', message: `解除日期须在 ${row.startsOn} 和今天之间` },
    ]);
  await bump(ctx, row, body.version, { endedOn: on, endReason: body.reason });
  await event(ctx, row, 'ended', on, body.reason);
  await recordAudit(ctx, {
    action: 'fusion.pairing_end',
    entityType: 'pairing',
    entityId: id,
    after: { endedOn: on, reason: body.reason },
  });
  return getPairing(ctx, id);
}

/** For the attachment registry: the pairing's organ and who may read and add its agreement's files. */
export async function pairingAccess(ctx: Ctx, id: string) {
  const row = await selectPairings(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const readable = await readableOrgan(ctx, row.unitId).then(
    () => true,
    () => false,
  );
  return {
    unitId: row.unitId,
    readable,
    writable: readable && isInScope(ctx.actor, 'fusion.project', row.orgPath),
  };
}
