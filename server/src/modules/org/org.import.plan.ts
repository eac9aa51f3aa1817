// Turns a checked import model into the writes it needs: set-based inserts (parents first), one update per changed
// row, batched path rewrites for whatever moved along with an ancestor, link replacements and history events.
// Rows identical to the database produce nothing.
import {
  codeMaps,
  departmentChanged,
  type Model,
  orgChanges,
  type Snapshot,
  unitChanged,
} from './org.import.model.ts';
import { depthOfPath } from './org.policy.ts';
import type { NewEvent, NewOrgRow, OrgPatch } from './org.repository.ts';
import type { DepartmentPatch, NewDepartmentRow } from './org.units.repository.ts';

export const IMPORT_CLOSE_REASON = '批量导入撤销';

export type WritePlan = {
  created: number;
  updated: number;
  unchanged: number;
  newUnits: { id: string; code: string; name: string }[];
  /** Applied after the organisations exist (a unit points at its root organisation). */
  unitUpdates: { id: string; patch: { name?: string; rootPartyOrgId?: string | null }; bump: boolean }[];
  newDepartments: NewDepartmentRow[];
  departmentUpdates: { id: string; version: number; patch: DepartmentPatch }[];
  departmentPaths: { id: string; path: string }[];
  newOrgs: NewOrgRow[];
  orgUpdates: { id: string; version: number; patch: OrgPatch }[];
  orgPaths: { id: string; path: string; depth: number }[];
  /** Organisations whose links are replaced, and the links they end up with. */
  linkOrgIds: string[];
  links: { partyOrgId: string; departmentId: string }[];
  events: Omit<NewEvent, 'actorUserId'>[];
};

const byDepth = <T extends { path: string }>(a: T, b: T) => a.path.length - b.path.length;

export function planWrites(model: Model, snap: Snapshot): WritePlan {
  const maps = codeMaps(snap);
  const plan: WritePlan = {
    created: 0,
    updated: 0,
    unchanged: 0,
    newUnits: [],
    unitUpdates: [],
    newDepartments: [],
    departmentUpdates: [],
    departmentPaths: [],
    newOrgs: [],
    orgUpdates: [],
    orgPaths: [],
    linkOrgIds: [],
    links: [],
    events: [],
  };
  const count = (isNew: boolean, changed: boolean) => {
    if (isNew) plan.created++;
    else if (changed) plan.updated++;
    else plan.unchanged++;
  };
  const unitId = (code: string | null) => (code ? (model.units.get(code)?.id ?? null) : null);
  const orgId = (code: string | null) => (code ? (model.orgs.get(code)?.id ?? null) : null);
  const deptId = (code: string | null) => (code ? (model.departments.get(code)?.id ?? null) : null);

  for (const u of model.units.values()) {
    if (!u.loc) continue;
    const changed = unitChanged(u, maps.org);
    count(!u.db, changed);
    const rootPartyOrgId = orgId(u.rootOrgCode);
    if (!u.db) {
      plan.newUnits.push({ id: u.id, code: u.code, name: u.name });
      if (rootPartyOrgId) plan.unitUpdates.push({ id: u.id, patch: { rootPartyOrgId }, bump: false });
    } else if (changed) {
      plan.unitUpdates.push({ id: u.id, patch: { name: u.name, rootPartyOrgId }, bump: true });
    }
  }

  for (const d of model.departments.values()) {
    const path = d.path as string;
    if (!d.loc) {
      if (d.db && d.db.path !== path) plan.departmentPaths.push({ id: d.id, path });
      continue;
    }
    const changed = departmentChanged(d, maps.department, maps.unit);
    count(!d.db, changed);
    const values = {
      name: d.name,
      kind: d.kind,
      parentId: deptId(d.parentCode),
      sortOrder: d.sortOrder,
      status: d.status,
      path,
    };
    if (!d.db)
      plan.newDepartments.push({ id: d.id, code: d.code, unitId: unitId(d.unitCode) as string, ...values });
    else if (changed) plan.departmentUpdates.push({ id: d.id, version: d.db.version, patch: values });
    else if (d.db.path !== path) plan.departmentPaths.push({ id: d.id, path });
  }
  plan.newDepartments.sort(byDepth);

  for (const o of model.orgs.values()) {
    const path = o.path as string;
    if (!o.loc) {
      if (o.db && o.db.path !== path) plan.orgPaths.push({ id: o.id, path, depth: depthOfPath(path) });
      continue;
    }
    const changes = orgChanges(o);
    const changed = Object.keys(changes).length > 0;
    count(!o.db, changed);
    const values = {
      unitId: unitId(o.unitCode),
      parentId: orgId(o.parentCode),
      name: o.name,
      kind: o.kind,
      path,
      depth: depthOfPath(path),
      isTemporary: o.isTemporary,
      tempStartOn: o.tempStartOn,
      tempEndOn: o.tempEndOn,
      foundedOn: o.foundedOn,
      status: o.status,
      closedOn: o.closedOn,
      sortOrder: o.sortOrder,
    };
    const links = o.departmentCodes.map((c) => ({ partyOrgId: o.id, departmentId: deptId(c) as string }));
    if (!o.db) {
      plan.newOrgs.push({ id: o.id, code: o.code, ...values, closeReason: null });
      plan.links.push(...links);
      plan.events.push({
        partyOrgId: o.id,
        kind: 'created',
        details: { code: o.code, name: o.name, kind: o.kind, parentCode: o.parentCode, source: 'import' },
      });
      continue;
    }
    if (!changed) {
      if (o.db.path !== path) plan.orgPaths.push({ id: o.id, path, depth: depthOfPath(path) });
      continue;
    }
    const closing = changes.status && o.status === 'closed';
    const reopening = changes.status && o.status === 'active';
    const closeReason = closing
      ? { closeReason: IMPORT_CLOSE_REASON }
      : reopening
        ? { closeReason: null }
        : {};
    plan.orgUpdates.push({ id: o.id, version: o.db.version, patch: { ...values, ...closeReason } });
    if (changes.departmentCodes) {
      plan.linkOrgIds.push(o.id);
      plan.links.push(...links);
    }
    const { name, parentCode, status, closedOn, ...rest } = changes;
    if (name)
      plan.events.push({
        partyOrgId: o.id,
        kind: 'renamed',
        details: { from: name.from, to: name.to, source: 'import' },
      });
    if (parentCode) {
      plan.events.push({
        partyOrgId: o.id,
        kind: 'moved',
        details: {
          fromParentId: o.db.parentId,
          fromParentCode: parentCode.from,
          toParentId: values.parentId,
          toParentCode: parentCode.to,
          source: 'import',
        },
      });
    }
    if (closing) {
      plan.events.push({
        partyOrgId: o.id,
        kind: 'closed',
        details: { closedOn: o.closedOn, reason: IMPORT_CLOSE_REASON, source: 'import' },
      });
    } else if (reopening) {
      plan.events.push({
        partyOrgId: o.id,
        kind: 'reopened',
        details: { previousClosedOn: o.db.closedOn, previousReason: o.db.closeReason, source: 'import' },
      });
    } else if (closedOn) {
      rest.closedOn = closedOn;
    }
    if (Object.keys(rest).length)
      plan.events.push({ partyOrgId: o.id, kind: 'updated', details: { changes: rest, source: 'import' } });
  }
  plan.newOrgs.sort(byDepth);
  return plan;
}
