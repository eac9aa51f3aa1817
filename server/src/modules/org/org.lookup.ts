import type { DepartmentKind } from '#contracts/org';
// Look-ups other modules need (the member module resolves 党组织编码 / 部门编码 from its import rows and scopes its
// records by the organisation's path).
import type { Db } from '../../core/db.ts';
import { findOrg, findOrgByCode, findOrgsByCodes } from './org.repository.ts';
import * as units from './org.units.repository.ts';

export type PartyOrgRef = {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  unitId: string;
  status: 'active' | 'closed';
};
export type DepartmentRef = {
  id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
  unitId: string;
  status: 'active' | 'closed';
};

const orgRef = (o: {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  unitId: string;
  status: string;
}): PartyOrgRef => ({
  id: o.id,
  code: o.code,
  name: o.name,
  kind: o.kind,
  path: o.path,
  unitId: o.unitId,
  status: o.status as PartyOrgRef['status'],
});

export async function findPartyOrgByCode(db: Db, code: string): Promise<PartyOrgRef | null> {
  const row = await findOrgByCode(db, code);
  return row ? orgRef(row) : null;
}

export async function findPartyOrgById(db: Db, id: string): Promise<PartyOrgRef | null> {
  const row = await findOrg(db, id);
  return row ? orgRef(row) : null;
}

/** The scope key of an organisation ('/id/id/…/'), or null when there is no such organisation. */
export async function getPartyOrgPath(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('partyOrg').select('path').where('id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

/** code → id for the codes that exist (closed organisations included). */
export async function listPartyOrgIdsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await findOrgsByCodes(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** code → organisation (with path, unit and status) for the codes that exist. */
export async function listPartyOrgRefsByCodes(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, PartyOrgRef>> {
  const rows = await findOrgsByCodes(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, orgRef(r)]));
}

const departmentRef = (d: units.DepartmentRow): DepartmentRef => ({
  id: d.id,
  code: d.code,
  name: d.name,
  kind: d.kind as DepartmentRef['kind'],
  unitId: d.unitId,
  status: d.status as DepartmentRef['status'],
});

/** The departments with these codes (those that exist), each with the unit (organ) it belongs to. */
export async function findDepartmentsByCodes(db: Db, codes: readonly string[]): Promise<DepartmentRef[]> {
  return (await units.findDepartmentsByCodes(db, [...new Set(codes)])).map(departmentRef);
}

export async function findDepartmentById(db: Db, id: string): Promise<DepartmentRef | null> {
  const row = await units.findDepartment(db, id);
  return row ? departmentRef(row) : null;
}

/** How many organisations exist at all (closed ones included): the CLI loads the demo organ into an empty tree. */
export async function countPartyOrgs(db: Db): Promise<number> {
  const r = await db
    .selectFrom('partyOrg')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** id → organisation for the ids that exist (closed ones included), in any organ. */
export async function partyOrgRefs(db: Db, ids: readonly string[]): Promise<Map<string, PartyOrgRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('partyOrg')
    .select(['id', 'code', 'name', 'kind', 'path', 'unitId', 'status'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, orgRef(r)]));
}

/** The active organisations of an organ whose path starts with `prefix` (its subtree), in tree order. */
export async function partyOrgsUnder(db: Db, unitId: string, prefix: string): Promise<PartyOrgRef[]> {
  const rows = await db
    .selectFrom('partyOrg')
    .select(['id', 'code', 'name', 'kind', 'path', 'unitId', 'status'])
    .where('unitId', '=', unitId)
    .where('path', 'like', `${prefix}%`)
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
  return rows.map(orgRef);
}

export type OrganRef = { id: string; name: string; rootPartyOrgId: string | null };

/** An organ (never the work committee's own unit). */
export async function findOrgan(db: Db, unitId: string): Promise<OrganRef | null> {
  const row = await units.findUnit(db, unitId);
  return row ? { id: row.id, name: row.name, rootPartyOrgId: row.rootPartyOrgId } : null;
}

/** The work committee's own unit, or null in a deployment without one. */
export async function findWorkCommitteeUnitId(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('unit')
    .select('id')
    .where('kind', '=', 'work_committee')
    .executeTakeFirst();
  return row?.id ?? null;
}

export type OrgSpan = {
  isTemporary: boolean;
  tempStartOn: string | null;
  tempEndOn: string | null;
  closedOn: string | null;
};

/** id → the dates that bound an organisation's activities: a temporary one's span, a closed one's closing day. */
export async function orgSpans(db: Db, ids: readonly string[]): Promise<Map<string, OrgSpan>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('partyOrg')
    .select(['id', 'isTemporary', 'tempStartOn', 'tempEndOn', 'closedOn'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map(({ id, ...span }) => [id, span]));
}

/** The organ's business departments (closed ones included: their past figures still count), by sort order. */
export async function organDepartments(db: Db, unitId: string): Promise<DepartmentRef[]> {
  const rows = await db
    .selectFrom('department')
    .select(['id', 'code', 'name', 'kind', 'unitId', 'status'])
    .where('unitId', '=', unitId)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
  return rows.map((d) => ({
    ...d,
    kind: d.kind as DepartmentRef['kind'],
    status: d.status as DepartmentRef['status'],
  }));
}

/** Organisation id → the departments it serves (支部建在科上), for the organisations named, in one query. */
export async function departmentsServed(
  db: Db,
  unitId: string,
  orgIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const unique = [...new Set(orgIds)];
  if (unique.length === 0) return out;
  const rows = await db
    .selectFrom('branchDepartment')
    .select(['partyOrgId', 'departmentId'])
    .where('unitId', '=', unitId)
    .where('partyOrgId', 'in', unique)
    .execute();
  for (const r of rows) out.set(r.partyOrgId, [...(out.get(r.partyOrgId) ?? []), r.departmentId]);
  return out;
}

/** The organ's active branches that serve any of these departments, in one query. */
export async function branchesServing(
  db: Db,
  unitId: string,
  departmentIds: readonly string[],
): Promise<{ id: string; path: string }[]> {
  const unique = [...new Set(departmentIds)];
  if (unique.length === 0) return [];
  return db
    .selectFrom('branchDepartment as bd')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'bd.unitId').onRef('o.id', '=', 'bd.partyOrgId'),
    )
    .select(['o.id', 'o.path'])
    .distinct()
    .where('bd.unitId', '=', unitId)
    .where('bd.departmentId', 'in', unique)
    .where('o.kind', '=', 'branch')
    .where('o.status', '=', 'active')
    .execute();
}

export type OrganRoot = {
  unitId: string;
  name: string;
  rootPartyOrgId: string;
  rootPath: string;
  rootName: string;
};

/** Every organ with its root organisation (the work committee's own unit is not an organ), by name. */
export async function organRoots(db: Db): Promise<OrganRoot[]> {
  return db
    .selectFrom('unit as u')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'u.id').onRef('o.id', '=', 'u.rootPartyOrgId'),
    )
    .select([
      'u.id as unitId',
      'u.name',
      'o.id as rootPartyOrgId',
      'o.path as rootPath',
      'o.name as rootName',
    ])
    .where('u.kind', '<>', 'work_committee')
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}
