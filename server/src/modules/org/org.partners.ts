// Partner organisations (共建单位, issue 11 point 4): outside organisations an organ builds with — communities,
// villages, enterprises — registered per organ without accounts, beside the Party tree and the departments. Read by
// whoever reads the organ's organisations; kept by whoever keeps its departments (org.write at the organ's root).
// Fusion projects, branch records held jointly and pairings name them; other modules read their names through
// partnerOrgRefs.
import type { CreatePartnerBody, PartnerOrg, PatchPartnerBody } from '#contracts/partner';
import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { canWriteUnit, unitsInScope } from './org.departments.ts';
import * as units from './org.units.repository.ts';

const PARTNER_NOT_FOUND = '该共建单位不存在或不在您的管辖范围内';
const UNIT_NOT_FOUND = '该单位不存在或不在您的管辖范围内';

function toPartner(r: {
  id: string;
  unitId: string;
  name: string;
  kind: string;
  contact: string | null;
  address: string | null;
  note: string | null;
  status: string;
  version: number;
}): PartnerOrg {
  return {
    id: r.id,
    unitId: r.unitId,
    name: r.name,
    kind: r.kind as PartnerOrg['kind'],
    contact: r.contact,
    address: r.address,
    note: r.note,
    status: r.status as PartnerOrg['status'],
    version: r.version,
  };
}

export type PartnerOrgRef = { id: string; unitId: string; name: string; kind: string; status: string };

/** id → partner for the ids that exist, in any organ (names for other modules' pages and documents). */
export async function partnerOrgRefs(db: Db, ids: readonly string[]): Promise<Map<string, PartnerOrgRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('partnerOrg')
    .select(['id', 'unitId', 'name', 'kind', 'status'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function visibleUnit(ctx: Ctx, unitId: string) {
  const unit = await units.findUnit(ctx.db, unitId);
  const visible = unit && (await unitsInScope(ctx.db, ctx.actor, 'org.read')).some((u) => u.id === unit.id);
  if (!unit || !visible) throw notFound('org.unit_not_found', UNIT_NOT_FOUND);
  return unit;
}

async function writableUnit(ctx: Ctx, unitId: string) {
  const unit = await visibleUnit(ctx, unitId);
  if (!(await canWriteUnit(ctx.db, ctx.actor, unit, 'org.write')))
    throw forbidden('org.partner_out_of_scope', '共建单位由本单位机关党委登记和维护');
  return unit;
}

export async function listPartners(ctx: Ctx, unitId: string): Promise<PartnerOrg[]> {
  await visibleUnit(ctx, unitId);
  const rows = await ctx.db
    .selectFrom('partnerOrg')
    .selectAll()
    .where('unitId', '=', unitId)
    .orderBy('status')
    .orderBy('name')
    .execute();
  return rows.map(toPartner);
}

async function nameFree(ctx: Ctx, unitId: string, name: string, exceptId?: string): Promise<void> {
  let q = ctx.db.selectFrom('partnerOrg').select('id').where('unitId', '=', unitId).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst())
    throw invalid('org.partner_name_taken', `共建单位“${name}”已登记，请直接选用`, [
      { field: 'body.name', message: `“${name}”已登记` },
    ]);
}

export async function createPartner(ctx: Ctx, body: CreatePartnerBody): Promise<PartnerOrg> {
  await writableUnit(ctx, body.unitId);
  await nameFree(ctx, body.unitId, body.name);
  const row = await ctx.db
    .insertInto('partnerOrg')
    .values({
      unitId: body.unitId,
      name: body.name,
      kind: body.kind,
      contact: body.contact ?? null,
      address: body.address ?? null,
      note: body.note ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'org.partner_create',
    entityType: 'partner_org',
    entityId: row.id,
    after: { name: row.name, kind: row.kind },
  });
  return toPartner(row);
}

export async function patchPartner(ctx: Ctx, id: string, body: PatchPartnerBody): Promise<PartnerOrg> {
  const before = await ctx.db.selectFrom('partnerOrg').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('org.partner_not_found', PARTNER_NOT_FOUND);
  await visibleUnit(ctx, before.unitId).catch(() => {
    throw notFound('org.partner_not_found', PARTNER_NOT_FOUND);
  });
  await writableUnit(ctx, before.unitId);
  if (before.version !== body.version) throw staleVersion(toPartner(before));
  if (body.name !== undefined && body.name !== before.name) await nameFree(ctx, before.unitId, body.name, id);
  const { version: _v, ...changes } = body;
  const row = await ctx.db
    .updateTable('partnerOrg')
    .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
    .where('unitId', '=', before.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const now = await ctx.db
      .selectFrom('partnerOrg')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    throw staleVersion(toPartner(now));
  }
  await recordAudit(ctx, {
    action: 'org.partner_update',
    entityType: 'partner_org',
    entityId: id,
    before: { name: before.name, kind: before.kind, status: before.status },
    after: { name: row.name, kind: row.kind, status: row.status },
  });
  return toPartner(row);
}
