// The Party organisation tree: reads limited to the actor's scope, and the writes (create, edit, move, close,
// reopen) with their rules, version checks, history events and audit entries.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Permission } from '#contracts/identity';
import type { CreatePartyOrgBody, PartyOrg, PartyOrgKind, UpdatePartyOrgBody } from '#contracts/org';
import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { changedFields, childPath, kindAllowedUnder, kindRuleMessage, treeOrder } from './org.policy.ts';
import type { OrgRow } from './org.repository.ts';
import * as repo from './org.repository.ts';
import { findDepartmentsByIds, findUnit } from './org.units.repository.ts';

export type MemberCounts = { direct: number; total: number };

export function toPartyOrg(row: OrgRow, departmentIds: string[], counts: MemberCounts | null): PartyOrg {
  return {
    id: row.id,
    unitId: row.unitId,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    kind: row.kind as PartyOrgKind,
    depth: row.depth,
    isTemporary: row.isTemporary,
    tempStartOn: row.tempStartOn,
    tempEndOn: row.tempEndOn,
    foundedOn: row.foundedOn,
    status: row.status as PartyOrg['status'],
    closedOn: row.closedOn,
    closeReason: row.closeReason,
    sortOrder: row.sortOrder,
    departmentIds: [...departmentIds].sort(),
    memberCount: counts?.direct ?? null,
    memberTotal: counts?.total ?? null,
    version: row.version,
  };
}

const NO_MEMBERS: MemberCounts = { direct: 0, total: 0 };

/** The API shape of one organisation: its links, and its member count when the actor may read members there. */
export async function dtoOf(ctx: Ctx, row: OrgRow): Promise<PartyOrg> {
  const links = await repo.linksOfOrgs(ctx.db, [row]);
  let count: MemberCounts | null = null;
  if (isInScope(ctx.actor, 'member.read', row.path)) {
    const counts = await repo.countMembersWithSubtree(
      ctx.db,
      sql<boolean>`party_org.path like ${`${row.path}%`}`,
    );
    count = counts.get(row.id) ?? NO_MEMBERS;
  }
  return toPartyOrg(
    row,
    links.map((l) => l.departmentId),
    count,
  );
}

export async function listPartyOrgs(ctx: Ctx, query: { includeClosed: boolean }): Promise<PartyOrg[]> {
  const rows = await repo.listOrgs(
    ctx.db,
    scopeSql(ctx.actor, 'org.read', 'partyOrg.path'),
    query.includeClosed,
  );
  const links = await repo.linksOfOrgs(ctx.db, rows);
  const counts = await repo.countMembersWithSubtree(
    ctx.db,
    scopeSql(ctx.actor, 'member.read', 'partyOrg.path'),
  );
  const byOrg = new Map<string, string[]>();
  for (const l of links) byOrg.set(l.partyOrgId, [...(byOrg.get(l.partyOrgId) ?? []), l.departmentId]);
  return treeOrder(rows).map((r) =>
    toPartyOrg(
      r,
      byOrg.get(r.id) ?? [],
      isInScope(ctx.actor, 'member.read', r.path) ? (counts.get(r.id) ?? NO_MEMBERS) : null,
    ),
  );
}

const orgNotFound = () => notFound('org.not_found', '党组织不存在或不在您的管理范围内');

/**
 * The organisation if the actor may act on it with `permission`: 404 when it is missing or outside what the actor
 * may even read, 403 when it is readable but the permission is not held on it.
 */
export async function loadInScope(ctx: Ctx, id: string, permission: Permission): Promise<OrgRow> {
  const row = await repo.findOrg(ctx.db, id);
  if (!row || !isInScope(ctx.actor, 'org.read', row.path)) throw orgNotFound();
  if (!isInScope(ctx.actor, permission, row.path)) {
    throw forbidden('org.out_of_scope', '您对该党组织没有此项权限，请联系上级党组织办理');
  }
  return row;
}

export async function getPartyOrg(ctx: Ctx, id: string): Promise<PartyOrg> {
  return dtoOf(ctx, await loadInScope(ctx, id, 'org.read'));
}

export async function listPartyOrgEvents(ctx: Ctx, id: string) {
  await loadInScope(ctx, id, 'org.read');
  const events = await repo.listEvents(ctx.db, id);
  // Older events name the parent by id only: its name is looked up, so that history never shows an id.
  const details = events.map((e) => (e.details ?? {}) as Record<string, unknown>);
  const parentIds = details.flatMap((d) =>
    typeof d.parentId === 'string' && !d.parentName ? [d.parentId] : [],
  );
  const names = await repo.orgNames(ctx.db, [...new Set(parentIds)]);
  return events.map((e, i) => {
    const d = details[i] ?? {};
    const parentName = typeof d.parentId === 'string' ? names.get(d.parentId) : undefined;
    return {
      id: e.id,
      kind: e.kind as 'created' | 'renamed' | 'moved' | 'updated' | 'closed' | 'reopened',
      details: parentName ? { ...d, parentName } : d,
      actorUserId: e.actorUserId,
      at: e.at.toISOString(),
    };
  });
}

const codeTaken = (code: string) =>
  conflict('org.code_taken', `组织编码“${code}”已被使用，请换一个编码`, { code });

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** Links must name existing departments of the organisation's own unit. */
async function checkDepartments(db: Db, unitId: string | null, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const field = 'body.departmentIds';
  if (new Set(ids).size !== ids.length) {
    throw invalid('org.department_duplicate', '同一业务部门只能关联一次', [
      { field, message: '请勿重复选择同一业务部门' },
    ]);
  }
  // The work committee's own unit is not an organ and has no departments (ADR 20).
  if (unitId === null || !(await findUnit(db, unitId))) {
    throw invalid('org.department_without_unit', '该党组织不属于任何单位，不能关联业务部门', [
      { field, message: '请先通过导入为该党组织指定所属单位' },
    ]);
  }
  const found = await findDepartmentsByIds(db, ids);
  const missing = ids.filter((id) => !found.some((d) => d.id === id));
  if (missing.length) {
    throw invalid('org.department_not_found', '所选业务部门不存在', [
      { field, message: `部门不存在：${missing.join('、')}` },
    ]);
  }
  const foreign = found.filter((d) => d.unitId !== unitId);
  if (foreign.length) {
    throw invalid('org.department_other_unit', '只能关联本单位的业务部门', [
      { field, message: `不属于本单位：${foreign.map((d) => d.name).join('、')}` },
    ]);
  }
}

function checkTemporary(v: {
  isTemporary: boolean;
  tempStartOn: string | null;
  tempEndOn: string | null;
}): void {
  if (v.isTemporary && !v.tempStartOn) {
    throw invalid('org.temporary_start_required', '临时党组织须填写开始日期', [
      { field: 'body.tempStartOn', message: '临时党组织须填写开始日期' },
    ]);
  }
  if (v.tempStartOn && v.tempEndOn && v.tempEndOn < v.tempStartOn) {
    throw invalid('org.temporary_dates', '结束日期不能早于开始日期', [
      { field: 'body.tempEndOn', message: '结束日期不能早于开始日期' },
    ]);
  }
}

export async function addEvent(ctx: Ctx, partyOrgId: string, kind: string, details: Record<string, unknown>) {
  await repo.insertEvents(ctx.db, [{ partyOrgId, kind, details, actorUserId: ctx.actor?.userId ?? null }]);
}

/**
 * Creates an organisation under `parentId`. Its unit is the parent's: an organisation created directly under a
 * work committee (which belongs to no unit) has none until an import names it as a unit's root (所属单位编码).
 */
export async function createPartyOrg(ctx: Ctx, body: CreatePartyOrgBody): Promise<PartyOrg> {
  const parent = await repo.findOrg(ctx.db, body.parentId);
  if (!parent || !isInScope(ctx.actor, 'org.read', parent.path)) {
    throw notFound('org.parent_not_found', '上级党组织不存在或不在您的管理范围内');
  }
  if (!isInScope(ctx.actor, 'org.write', parent.path)) {
    throw forbidden('org.out_of_scope', '您无权在该党组织下设立组织');
  }
  if (parent.status !== 'active') throw conflict('org.parent_closed', '上级党组织已撤销，不能在其下设立组织');
  const parentKind = parent.kind as PartyOrgKind;
  if (!kindAllowedUnder(parentKind, body.kind)) {
    const message = kindRuleMessage(parentKind, body.kind);
    throw invalid('org.kind_not_allowed', message, [{ field: 'body.kind', message }]);
  }
  const values = {
    isTemporary: body.isTemporary,
    tempStartOn: body.tempStartOn ?? null,
    tempEndOn: body.tempEndOn ?? null,
  };
  checkTemporary(values);
  if (await repo.codeTaken(ctx.db, body.code)) throw codeTaken(body.code);
  await checkDepartments(ctx.db, parent.unitId, body.departmentIds);

  const id = randomUUID();
  const row: Omit<repo.OrgRow, 'version'> = {
    id,
    unitId: parent.unitId,
    parentId: parent.id,
    code: body.code,
    name: body.name,
    kind: body.kind,
    path: childPath(parent.path, id),
    depth: parent.depth + 1,
    ...values,
    foundedOn: body.foundedOn ?? null,
    status: 'active',
    closedOn: null,
    closeReason: null,
    sortOrder: body.sortOrder,
  };
  try {
    await repo.insertOrgs(ctx.db, [row]);
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(body.code);
    throw error;
  }
  await repo.replaceLinks(
    ctx.db,
    [],
    body.departmentIds.map((departmentId) => ({ partyOrgId: id, departmentId })),
  );
  await addEvent(ctx, id, 'created', {
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: parent.id,
    parentName: parent.name,
  });
  const created = await dtoOf(ctx, { ...row, version: 1 });
  await recordAudit(ctx, { action: 'org.create', entityType: 'party_org', entityId: id, after: created });
  return created;
}

/** Updates with the version the client saw; a stale one answers 409 with the current record. */
export async function updateChecked(
  ctx: Ctx,
  row: OrgRow,
  version: number,
  patch: repo.OrgPatch,
): Promise<OrgRow> {
  const updated = await repo.updateOrg(ctx.db, row.id, version, patch);
  if (!updated) {
    const current = await repo.findOrg(ctx.db, row.id);
    throw current ? staleVersion(await dtoOf(ctx, current)) : orgNotFound();
  }
  return updated;
}

export async function assertVersion(ctx: Ctx, row: OrgRow, version: number): Promise<void> {
  if (row.version !== version) throw staleVersion(await dtoOf(ctx, row));
}

export const closedError = () => conflict('org.closed', '该党组织已撤销，不能修改；如需修改请先恢复');

export async function updatePartyOrg(ctx: Ctx, id: string, body: UpdatePartyOrgBody): Promise<PartyOrg> {
  const row = await loadInScope(ctx, id, 'org.write');
  await assertVersion(ctx, row, body.version);
  if (row.status !== 'active') throw closedError();
  const before = await dtoOf(ctx, row);
  const { version, departmentIds, ...fields } = body;
  const merged = {
    isTemporary: fields.isTemporary ?? row.isTemporary,
    tempStartOn: fields.tempStartOn === undefined ? row.tempStartOn : fields.tempStartOn,
    tempEndOn: fields.tempEndOn === undefined ? row.tempEndOn : fields.tempEndOn,
  };
  checkTemporary(merged);
  const changes = changedFields(before as unknown as Record<string, unknown>, { ...fields, departmentIds });
  if (Object.keys(changes).length === 0) return before;
  if (fields.code !== undefined && changes.code && (await repo.codeTaken(ctx.db, fields.code, id))) {
    throw codeTaken(fields.code);
  }
  if (departmentIds !== undefined && changes.departmentIds)
    await checkDepartments(ctx.db, row.unitId, departmentIds);

  const { departmentIds: _links, ...columnChanges } = changes;
  let updated = row;
  if (Object.keys(columnChanges).length > 0) {
    try {
      updated = await updateChecked(ctx, row, version, fields);
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken(fields.code ?? row.code);
      throw error;
    }
  } else {
    // Only the links change: the version still moves, so that concurrent edits of the links are caught too.
    updated = await updateChecked(ctx, row, version, {});
  }
  if (departmentIds !== undefined && changes.departmentIds) {
    await repo.replaceLinks(
      ctx.db,
      [id],
      departmentIds.map((departmentId) => ({ partyOrgId: id, departmentId })),
    );
  }
  const { name: renamed, ...others } = changes;
  if (renamed) await addEvent(ctx, id, 'renamed', { from: renamed.from, to: renamed.to });
  if (Object.keys(others).length) await addEvent(ctx, id, 'updated', { changes: others });
  const after = await dtoOf(ctx, updated);
  await recordAudit(ctx, { action: 'org.update', entityType: 'party_org', entityId: id, before, after });
  return after;
}

/**
 * Moves an organisation with its whole subtree under another parent. Members stay attached to their organisations
 * and role assignments point at organisation ids, so both follow the move without being touched.
 */
