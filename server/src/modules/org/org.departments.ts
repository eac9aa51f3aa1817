// Units (机关/单位) and the business department tree (处室/科室) beside the Party tree. A unit is visible to whoever
// may read an organisation of it; departments are written by whoever holds org.write on the unit's root
// organisation (the whole tree when the unit has no root yet).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import type {
  CreateDepartmentBodySchema,
  Department,
  Unit,
  UpdateDepartmentBodySchema,
} from '#contracts/org';
import type { Actor, Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopePaths, scopeSql } from '../identity/index.ts';
import {
  changedFields,
  childPath,
  type DepartmentKind,
  departmentParentAllowed,
  isWithin,
} from './org.policy.ts';
import { findOrg, linksOfDepartments } from './org.repository.ts';
import type { DepartmentRow, UnitRow } from './org.units.repository.ts';
import * as units from './org.units.repository.ts';

export const DepartmentListQuerySchema = z.strictObject({ unitId: IdSchema.optional() });
type CreateBody = z.infer<typeof CreateDepartmentBodySchema>;
type UpdateBody = z.infer<typeof UpdateDepartmentBodySchema>;

const toUnit = (u: UnitRow): Unit => ({
  id: u.id,
  code: u.code,
  name: u.name,
  rootPartyOrgId: u.rootPartyOrgId,
});

export function toDepartment(d: DepartmentRow, partyOrgIds: string[]): Department {
  return {
    id: d.id,
    unitId: d.unitId,
    parentId: d.parentId,
    code: d.code,
    name: d.name,
    kind: d.kind as DepartmentKind,
    status: d.status as Department['status'],
    sortOrder: d.sortOrder,
    partyOrgIds: [...partyOrgIds].sort(),
    version: d.version,
  };
}

/** Units the actor can see with `permission`: those holding (or rooted at) an organisation in its scope. */
export function unitsInScope(db: Db, actor: Actor | null, permission: Permission): Promise<UnitRow[]> {
  if (scopePaths(actor, permission) === 'all') return units.listAllUnits(db);
  return units.listUnitsTouching(db, scopeSql(actor, permission, 'partyOrg.path'));
}

/** True when the actor holds `permission` on the unit's root organisation (or everywhere, for a unit without one). */
export async function canWriteUnit(
  db: Db,
  actor: Actor | null,
  unit: UnitRow,
  permission: Permission,
): Promise<boolean> {
  if (scopePaths(actor, permission) === 'all') return true;
  if (!unit.rootPartyOrgId) return false;
  const root = await findOrg(db, unit.rootPartyOrgId);
  return !!root && isInScope(actor, permission, root.path);
}

export async function listUnits(ctx: Ctx): Promise<Unit[]> {
  return (await unitsInScope(ctx.db, ctx.actor, 'org.read')).map(toUnit);
}

async function withLinks(db: Db, rows: DepartmentRow[]): Promise<Department[]> {
  const links = await linksOfDepartments(
    db,
    rows.map((r) => r.id),
  );
  const byDept = new Map<string, string[]>();
  for (const l of links) byDept.set(l.departmentId, [...(byDept.get(l.departmentId) ?? []), l.partyOrgId]);
  return rows.map((r) => toDepartment(r, byDept.get(r.id) ?? []));
}

export async function listDepartments(
  ctx: Ctx,
  query: { unitId?: string | undefined },
): Promise<Department[]> {
  const visible = (await unitsInScope(ctx.db, ctx.actor, 'org.read')).map((u) => u.id);
  const ids = query.unitId ? visible.filter((id) => id === query.unitId) : visible;
  const rows = await units.listDepartments(ctx.db, ids);
  return withLinks(ctx.db, rows);
}

const departmentNotFound = () => notFound('department.not_found', '业务部门不存在或不在您的管理范围内');
const codeTaken = (code: string) =>
  conflict('department.code_taken', `部门编码“${code}”已被使用，请换一个编码`, { code });

/** The unit if the actor may see it; 403 when it may see but not write it. */
async function writableUnit(ctx: Ctx, unitId: string, missing: () => Error): Promise<UnitRow> {
  const unit = await units.findUnit(ctx.db, unitId);
  const visible = unit && (await unitsInScope(ctx.db, ctx.actor, 'org.read')).some((u) => u.id === unit.id);
  if (!unit || !visible) throw missing();
  if (!(await canWriteUnit(ctx.db, ctx.actor, unit, 'org.write'))) {
    throw forbidden('department.out_of_scope', '只有对本单位机关党委有管理权限的人员才能维护业务部门');
  }
  return unit;
}

async function checkParent(
  db: Db,
  unitId: string,
  parentId: string,
  kind: DepartmentKind,
): Promise<DepartmentRow> {
  const parent = await units.findDepartment(db, parentId);
  const field = 'body.parentId';
  if (!parent)
    throw invalid('department.parent_not_found', '上级部门不存在', [{ field, message: '上级部门不存在' }]);
  if (parent.unitId !== unitId) {
    throw invalid('department.parent_other_unit', '上级部门必须属于同一单位', [
      { field, message: '上级部门属于其他单位' },
    ]);
  }
  if (!departmentParentAllowed(parent.kind as DepartmentKind, kind)) {
    throw invalid('department.kind_not_allowed', '处室不能设在科室之下', [
      { field, message: '处室不能设在科室之下' },
    ]);
  }
  return parent;
}

export async function createDepartment(ctx: Ctx, body: CreateBody): Promise<Department> {
  const unit = await writableUnit(ctx, body.unitId, () =>
    notFound('unit.not_found', '单位不存在或不在您的管理范围内'),
  );
  const parent = body.parentId ? await checkParent(ctx.db, unit.id, body.parentId, body.kind) : null;
  if (await units.departmentCodeTaken(ctx.db, body.code)) throw codeTaken(body.code);
  const id = randomUUID();
  const row = {
    id,
    unitId: unit.id,
    parentId: parent?.id ?? null,
    code: body.code,
    name: body.name,
    kind: body.kind,
    path: childPath(parent?.path ?? null, id),
    status: 'active',
    sortOrder: body.sortOrder,
  };
  await units.insertDepartments(ctx.db, [row]);
  const created = toDepartment({ ...row, version: 1 }, []);
  await recordAudit(ctx, {
    action: 'department.create',
    entityType: 'department',
    entityId: id,
    after: created,
  });
  return created;
}

export async function updateDepartment(ctx: Ctx, id: string, body: UpdateBody): Promise<Department> {
  const row = await units.findDepartment(ctx.db, id);
  if (!row) throw departmentNotFound();
  await writableUnit(ctx, row.unitId, departmentNotFound);
  const [before] = await withLinks(ctx.db, [row]);
  if (!before) throw departmentNotFound();
  if (row.version !== body.version) throw staleVersion(before);
  const { version, ...fields } = body;
  const changes = changedFields(before as unknown as Record<string, unknown>, fields);
  if (Object.keys(changes).length === 0) return before;

  let newPath = row.path;
  if (changes.parentId) {
    if (fields.parentId) {
      const parent = await checkParent(ctx.db, row.unitId, fields.parentId, row.kind as DepartmentKind);
      if (isWithin(parent.path, row.path)) {
        throw invalid('department.cycle', '不能把部门移到它自己或它的下级部门之下', [
          { field: 'body.parentId', message: '不能选择本部门或其下级部门' },
        ]);
      }
      newPath = childPath(parent.path, row.id);
    } else {
      newPath = childPath(null, row.id);
    }
  }
  if (changes.code && fields.code && (await units.departmentCodeTaken(ctx.db, fields.code, id)))
    throw codeTaken(fields.code);
  if (changes.status && fields.status === 'closed') {
    const children = await units.countActiveChildDepartments(ctx.db, id);
    if (children > 0) {
      throw conflict(
        'department.has_children',
        `该部门还有 ${children} 个未撤销的下级部门，请先撤销或调整下级部门`,
        {
          count: children,
        },
      );
    }
  }
  const updated = await units.updateDepartment(ctx.db, id, version, { ...fields, path: newPath });
  if (!updated) {
    const current = await units.findDepartment(ctx.db, id);
    const [dto] = current ? await withLinks(ctx.db, [current]) : [];
    throw dto ? staleVersion(dto) : departmentNotFound();
  }
  // The row itself already has its new path; this carries the descendants along.
  if (newPath !== row.path) await units.rewriteDepartmentSubtree(ctx.db, row.path, newPath);
  const [after] = await withLinks(ctx.db, [updated]);
  await recordAudit(ctx, {
    action: 'department.update',
    entityType: 'department',
    entityId: id,
    before,
    after,
  });
  return after as Department;
}
