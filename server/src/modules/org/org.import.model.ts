// The state an organisations import would leave behind, built in memory from the database snapshot with the
// file's rows laid over it. Keyed by code, as the file is. Shared by the checks (org.import.checks.ts) and the
// write plan (org.import.plan.ts).
import type { DepartmentImportRow, OrgImportRow, PartyOrgKind, UnitImportRow } from '#contracts/org';
import type { ImportIssue } from '#contracts/transfer';
import { nameText } from './org.import.ts';
import type { DepartmentKind } from './org.policy.ts';
import { resolvePaths } from './org.policy.ts';
import type { OrgRow } from './org.repository.ts';
import type { Located } from './org.sheets.ts';
import type { DepartmentRow, UnitRow } from './org.units.repository.ts';

export type Snapshot = {
  units: UnitRow[];
  orgs: OrgRow[];
  departments: DepartmentRow[];
  links: { partyOrgId: string; departmentId: string }[];
  /** Active members directly in each organisation (read-only count of the member module's table). */
  activeMembers: Map<string, number>;
};

export type ImportRows = {
  units: Located<UnitImportRow>[];
  orgs: Located<OrgImportRow>[];
  departments: Located<DepartmentImportRow>[];
  /** Codes of rows set aside earlier (unreadable cells): references to them are not reported again. */
  broken: { units: Set<string>; orgs: Set<string>; departments: Set<string> };
  sheets: { units: string; orgs: string; departments: string };
};

export type ImportScope = { all: boolean; inScope: (path: string) => boolean };

export type FinalUnit = {
  id: string;
  code: string;
  name: string;
  rootOrgCode: string | null;
  db: UnitRow | null;
  loc: Located<UnitImportRow> | null;
};
export type FinalDepartment = {
  id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
  parentCode: string | null;
  unitCode: string | null;
  sortOrder: number;
  status: 'active' | 'closed';
  path: string | null;
  db: DepartmentRow | null;
  loc: Located<DepartmentImportRow> | null;
};
export type FinalOrg = {
  id: string;
  code: string;
  name: string;
  kind: PartyOrgKind;
  parentCode: string | null;
  unitCode: string | null;
  isTemporary: boolean;
  tempStartOn: string | null;
  tempEndOn: string | null;
  foundedOn: string | null;
  sortOrder: number;
  status: 'active' | 'closed';
  closedOn: string | null;
  departmentCodes: string[];
  path: string | null;
  db: OrgRow | null;
  /** The organisation as it is now, in the file's terms (codes instead of ids); null for a new one. */
  before: Omit<FinalOrg, 'db' | 'loc' | 'before' | 'path' | 'id'> | null;
  loc: Located<OrgImportRow> | null;
};

export type Model = {
  units: Map<string, FinalUnit>;
  departments: Map<string, FinalDepartment>;
  orgs: Map<string, FinalOrg>;
  /** Cycles found while building paths (codes). */
  cyclicDepartments: Set<string>;
  cyclicOrgs: Set<string>;
};

export const sameName = (a: string, b: string) => (nameText(a) ?? '') === (nameText(b) ?? '');

function byId<T extends { id: string; code: string }>(rows: readonly T[]) {
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Keeps the first row of each code; later ones become issues. */
export function dedupe<T extends { code: string }>(
  rows: readonly Located<T>[],
  sheet: string,
  header: string,
  issues: ImportIssue[],
): Located<T>[] {
  const first = new Map<string, number>();
  const out: Located<T>[] = [];
  for (const r of rows) {
    const seen = first.get(r.data.code);
    if (seen !== undefined) {
      issues.push({
        sheet,
        row: r.row,
        column: header,
        value: r.data.code,
        reason: `编码重复：第 ${seen} 行已使用该编码`,
      });
      continue;
    }
    first.set(r.data.code, r.row);
    out.push(r);
  }
  return out;
}

export function buildModel(rows: ImportRows, snap: Snapshot, newId: () => string): Model {
  const unitCode = byId(snap.units);
  const deptCode = byId(snap.departments);
  const orgCode = byId(snap.orgs);
  const code = (map: Map<string, string>, id: string | null) => (id === null ? null : (map.get(id) ?? null));

  const units = new Map<string, FinalUnit>();
  for (const u of snap.units) {
    units.set(u.code, {
      id: u.id,
      code: u.code,
      name: u.name,
      rootOrgCode: code(orgCode, u.rootPartyOrgId),
      db: u,
      loc: null,
    });
  }
  for (const loc of rows.units) {
    const db = units.get(loc.data.code)?.db ?? null;
    units.set(loc.data.code, { ...loc.data, id: db?.id ?? newId(), db, loc });
  }

  const departments = new Map<string, FinalDepartment>();
  for (const d of snap.departments) {
    departments.set(d.code, {
      id: d.id,
      code: d.code,
      name: d.name,
      kind: d.kind as DepartmentKind,
      parentCode: code(deptCode, d.parentId),
      unitCode: code(unitCode, d.unitId),
      sortOrder: d.sortOrder,
      status: d.status as 'active' | 'closed',
      path: null,
      db: d,
      loc: null,
    });
  }
  for (const loc of rows.departments) {
    const db = departments.get(loc.data.code)?.db ?? null;
    departments.set(loc.data.code, { ...loc.data, id: db?.id ?? newId(), path: null, db, loc });
  }
  const deptPaths = resolvePaths(
    new Map([...departments].map(([c, d]) => [c, { id: d.id, parent: d.parentCode }])),
  );
  for (const [c, d] of departments) d.path = deptPaths.paths.get(c) ?? null;

  const linkCodes = new Map<string, string[]>();
  for (const l of snap.links) {
    const dc = deptCode.get(l.departmentId);
    if (dc) linkCodes.set(l.partyOrgId, [...(linkCodes.get(l.partyOrgId) ?? []), dc]);
  }
  const orgs = new Map<string, FinalOrg>();
  for (const o of snap.orgs) {
    const before = {
      code: o.code,
      name: o.name,
      kind: o.kind as PartyOrgKind,
      parentCode: code(orgCode, o.parentId),
      unitCode: code(unitCode, o.unitId),
      isTemporary: o.isTemporary,
      tempStartOn: o.tempStartOn,
      tempEndOn: o.tempEndOn,
      foundedOn: o.foundedOn,
      sortOrder: o.sortOrder,
      status: o.status as 'active' | 'closed',
      closedOn: o.closedOn,
      departmentCodes: linkCodes.get(o.id) ?? [],
    };
    orgs.set(o.code, { ...before, id: o.id, path: null, db: o, before, loc: null });
  }
  for (const loc of rows.orgs) {
    const existing = orgs.get(loc.data.code);
    const { unitCode: explicitUnit, ...data } = loc.data;
    orgs.set(loc.data.code, {
      ...data,
      // Resolved below, once the parent's unit is known.
      unitCode: explicitUnit,
      departmentCodes: [...new Set(data.departmentCodes)],
      id: existing?.id ?? newId(),
      path: null,
      db: existing?.db ?? null,
      before: existing?.before ?? null,
      loc,
    });
  }
  const orgPaths = resolvePaths(new Map([...orgs].map(([c, o]) => [c, { id: o.id, parent: o.parentCode }])));
  for (const [c, o] of orgs) o.path = orgPaths.paths.get(c) ?? null;
  // A row without 所属单位编码 takes its parent's unit; parents first, so inheritance runs down the tree.
  const ordered = [...orgs.values()].sort((a, b) => (a.path?.length ?? 0) - (b.path?.length ?? 0));
  for (const o of ordered) {
    if (!o.loc || o.loc.data.unitCode !== null) continue;
    o.unitCode = o.parentCode ? (orgs.get(o.parentCode)?.unitCode ?? null) : null;
  }
  return { units, departments, orgs, cyclicDepartments: deptPaths.cyclic, cyclicOrgs: orgPaths.cyclic };
}

// What changed, in the file's terms -------------------------------------------------------------------------------

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

const ORG_FIELDS = [
  'kind',
  'parentCode',
  'unitCode',
  'isTemporary',
  'tempStartOn',
  'tempEndOn',
  'foundedOn',
  'sortOrder',
  'status',
  'closedOn',
] as const;

/** Field → {from, to} for every difference between the organisation now and after the import. */
export function orgChanges(o: FinalOrg): Record<string, { from: unknown; to: unknown }> {
  const b = o.before;
  if (!b) return {};
  const out: Record<string, { from: unknown; to: unknown }> = {};
  if (!sameName(b.name, o.name)) out.name = { from: b.name, to: o.name };
  for (const f of ORG_FIELDS) if (b[f] !== o[f]) out[f] = { from: b[f], to: o[f] };
  if (!sameSet(b.departmentCodes, o.departmentCodes))
    out.departmentCodes = { from: b.departmentCodes, to: o.departmentCodes };
  return out;
}

export function departmentChanged(
  d: FinalDepartment,
  deptCodeOfId: Map<string, string>,
  unitCodeOfId: Map<string, string>,
) {
  const db = d.db;
  if (!db) return true;
  return (
    !sameName(db.name, d.name) ||
    db.kind !== d.kind ||
    (db.parentId === null ? null : deptCodeOfId.get(db.parentId)) !== d.parentCode ||
    unitCodeOfId.get(db.unitId) !== d.unitCode ||
    db.sortOrder !== d.sortOrder ||
    db.status !== d.status
  );
}

export function unitChanged(u: FinalUnit, orgCodeOfId: Map<string, string>) {
  if (!u.db) return true;
  const root = u.db.rootPartyOrgId === null ? null : (orgCodeOfId.get(u.db.rootPartyOrgId) ?? null);
  return !sameName(u.db.name, u.name) || root !== u.rootOrgCode;
}

export const codeMaps = (snap: Snapshot) => ({
  unit: byId(snap.units),
  department: byId(snap.departments),
  org: byId(snap.orgs),
});
