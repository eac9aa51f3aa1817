// The organisations of a scope as an importer names them, by code or by name, with the departments of their organs:
// loaded once per import so that matching a row costs no query. Offered to other modules (the member import) so that
// they never read the org tables themselves.
import type { Expression, SqlBool } from 'kysely';
import { chunked } from '../../core/chunked.ts';
import type { Ctx } from '../../core/context.ts';
import { normalizeText } from '../../core/spreadsheet/cells.ts';
import type { PartyOrgRef } from './org.lookup.ts';

const CHUNK = 1000;

export type DirectoryOrg = Omit<PartyOrgRef, 'status'> & { status: string; fullName: string };
export type DirectoryDepartment = { id: string; code: string; name: string; status: string; unitId: string };
export type OrgDirectory = {
  byCode: Map<string, DirectoryOrg>;
  /** By orgNameKey of the name and of every full name (with the names of the organisations above). */
  byName: Map<string, DirectoryOrg[]>;
  deptByCode: Map<string, DirectoryDepartment>;
  /** By `${unitId}\0${orgNameKey(name)}`: see departmentNameKey. */
  deptByName: Map<string, DirectoryDepartment[]>;
};

/** Organisation names compared loosely: spaces, bracket widths and a leading 中共 do not matter. */
export function orgNameKey(name: string): string {
  return (normalizeText(name) ?? '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^(中共|中国共产党)/, '')
    .toLowerCase();
}

/** A department is named within its organ: the same name in two organs is two departments. */
export const departmentNameKey = (unitId: string, name: string) => `${unitId}\u0000${orgNameKey(name)}`;

/** `scope` filters party_org rows (a where clause on its `path` column, from the identity module's scopeSql). */
export async function loadOrgDirectory(ctx: Ctx, scope: Expression<SqlBool>): Promise<OrgDirectory> {
  const orgs = await ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'code', 'name', 'kind', 'path', 'status', 'unitId'])
    .where(scope)
    .execute();
  // Names of the ancestors above the scope too, for full names such as 某某局机关党委第一党支部.
  const known = new Map(orgs.map((o) => [o.id, o.name]));
  const missing = [...new Set(orgs.flatMap((o) => o.path.split('/').filter(Boolean)))].filter(
    (id) => !known.has(id),
  );
  for (const chunk of chunked(missing, CHUNK)) {
    const rows = await ctx.db
      .selectFrom('partyOrg')
      .select(['id', 'name'])
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) known.set(r.id, r.name);
  }
  const byCode = new Map<string, DirectoryOrg>();
  const byName = new Map<string, DirectoryOrg[]>();
  for (const o of orgs) {
    const chain = o.path
      .split('/')
      .filter(Boolean)
      .map((id) => known.get(id) ?? '');
    const org: DirectoryOrg = { ...o, fullName: chain.join('') };
    byCode.set(o.code, org);
    const keys = new Set<string>();
    for (let i = 0; i < chain.length; i++) keys.add(orgNameKey(chain.slice(i).join('')));
    for (const key of keys) byName.set(key, [...(byName.get(key) ?? []), org]);
  }
  const unitIds = [...new Set(orgs.flatMap((o) => (o.unitId ? [o.unitId] : [])))];
  const departments: DirectoryDepartment[] = [];
  for (const chunk of chunked(unitIds, CHUNK)) {
    departments.push(
      ...(await ctx.db
        .selectFrom('department')
        .select(['id', 'code', 'name', 'status', 'unitId'])
        .where('unitId', 'in', chunk)
        .execute()),
    );
  }
  const deptByCode = new Map<string, DirectoryDepartment>(departments.map((d) => [d.code, d]));
  const deptByName = new Map<string, DirectoryDepartment[]>();
  for (const d of departments) {
    const key = departmentNameKey(d.unitId, d.name);
    deptByName.set(key, [...(deptByName.get(key) ?? []), d]);
  }
  return { byCode, byName, deptByCode, deptByName };
}
