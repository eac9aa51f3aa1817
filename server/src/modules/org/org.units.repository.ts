// Kysely access to units (机关/单位) and the business department tree (处室/科室). No rules here.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../core/db.ts';

export type UnitRow = {
  id: string;
  code: string;
  name: string;
  rootPartyOrgId: string | null;
  version: number;
};

export const DEPARTMENT_COLUMNS = [
  'id',
  'unitId',
  'parentId',
  'code',
  'name',
  'kind',
  'path',
  'status',
  'sortOrder',
  'version',
] as const;
export type DepartmentRow = {
  id: string;
  unitId: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  path: string;
  status: string;
  sortOrder: number;
  version: number;
};
export type NewDepartmentRow = Omit<DepartmentRow, 'version'>;
export type DepartmentPatch = Partial<Omit<DepartmentRow, 'id' | 'version'>>;

const UNIT_COLUMNS = ['unit.id', 'unit.code', 'unit.name', 'unit.rootPartyOrgId', 'unit.version'] as const;
const CHUNK = 500;

// The work committee's own unit (ADR 20) holds the organisations of no organ of their own; it is not an organ, so
// the look-ups below never return it: lists, imports and exports see those organisations as having no unit.
const ORGAN = 'organ';

export function listAllUnits(db: Db): Promise<UnitRow[]> {
  return db
    .selectFrom('unit')
    .select(UNIT_COLUMNS)
    .where('unit.kind', '=', ORGAN)
    .orderBy('unit.code')
    .execute();
}

export function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('unit')
    .select(UNIT_COLUMNS)
    .where('unit.id', '=', id)
    .where('unit.kind', '=', ORGAN)
    .executeTakeFirst();
}

/** The organs with the given ids (never the work committee's own unit). */
export function listUnitsByIds(db: Db, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('unit')
    .select(UNIT_COLUMNS)
    .where('unit.kind', '=', ORGAN)
    .where('unit.id', 'in', [...ids])
    .orderBy('unit.code')
    .execute();
}

/**
 * The units an import naming these codes can touch: the organs named by code, the units holding an organisation or
 * department with one of the codes (the code registry, one primary-key look-up each), and the work committee's own
 * unit (the tier above every organ), when it exists.
 */
export async function unitsNamed(
  db: Db,
  codes: { unitCodes: readonly string[]; orgCodes: readonly string[]; departmentCodes: readonly string[] },
): Promise<string[]> {
  const registered = (kind: 'party_org' | 'department', list: readonly string[]) =>
    list.length
      ? db
          .selectFrom('orgCode')
          .select('unitId')
          .where('kind', '=', kind)
          .where('code', 'in', [...list])
          .execute()
      : Promise.resolve([]);
  const [named, orgs, departments, top] = await Promise.all([
    codes.unitCodes.length
      ? db
          .selectFrom('unit')
          .select('id')
          .where('code', 'in', [...codes.unitCodes])
          .execute()
      : Promise.resolve([]),
    registered('party_org', codes.orgCodes),
    registered('department', codes.departmentCodes),
    db.selectFrom('unit').select('id').where('kind', '=', 'work_committee').execute(),
  ]);
  return [
    ...new Set([
      ...named.map((u) => u.id),
      ...orgs.map((o) => o.unitId),
      ...departments.map((d) => d.unitId),
      ...top.map((u) => u.id),
    ]),
  ];
}

/** The work committee's own unit, where an organisation of no organ of its own is kept. */
export async function workCommitteeUnitId(db: Db): Promise<string> {
  const row = await db
    .selectFrom('unit')
    .select('id')
    .where('kind', '=', 'work_committee')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Units whose root organisation matches `where`, or that hold an organisation matching it (`where` is a condition
 * on partyOrg.path, e.g. the actor's scope).
 */
export function listUnitsTouching(db: Db, where: RawBuilder<boolean>): Promise<UnitRow[]> {
  return db
    .selectFrom('unit')
    .select(UNIT_COLUMNS)
    .where('unit.kind', '=', ORGAN)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('partyOrg')
            .select('partyOrg.id')
            .whereRef('partyOrg.unitId', '=', 'unit.id')
            .where(where),
        ),
        eb.exists(
          eb
            .selectFrom('partyOrg')
            .select('partyOrg.id')
            .whereRef('partyOrg.id', '=', 'unit.rootPartyOrgId')
            .where(where),
        ),
      ]),
    )
    .orderBy('unit.code')
    .execute();
}

export async function insertUnits(
  db: Db,
  rows: readonly { id: string; code: string; name: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('unit')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, rootPartyOrgId: null })))
      .execute();
  }
}

/** `bump` false: the second half of creating a unit (its root organisation exists only now), not an edit. */
export async function updateUnit(
  db: Db,
  id: string,
  patch: { name?: string; rootPartyOrgId?: string | null },
  bump = true,
) {
  await db
    .updateTable('unit')
    .set({ ...patch, ...(bump ? { version: sql`version + 1`, updatedAt: new Date() } : {}) })
    .where('id', '=', id)
    .execute();
}

// Departments --------------------------------------------------------------------------------------------------

export function listDepartments(db: Db, unitIds: readonly string[] | 'all'): Promise<DepartmentRow[]> {
  let q = db.selectFrom('department').select(DEPARTMENT_COLUMNS);
  if (unitIds !== 'all') {
    if (unitIds.length === 0) return Promise.resolve([]);
    q = q.where('unitId', 'in', [...unitIds]);
  }
  return q.orderBy('path').execute();
}

export function findDepartment(db: Db, id: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('department').select(DEPARTMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findDepartmentsByIds(db: Db, ids: readonly string[]): Promise<DepartmentRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('department')
    .select(DEPARTMENT_COLUMNS)
    .where('id', 'in', [...ids])
    .execute();
}

export function findDepartmentsByCodes(db: Db, codes: readonly string[]): Promise<DepartmentRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('department')
    .select(DEPARTMENT_COLUMNS)
    .where('code', 'in', [...codes])
    .execute();
}

export async function departmentCodeTaken(db: Db, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('department').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertDepartments(db: Db, rows: readonly NewDepartmentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('department')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

export function updateDepartment(db: Db, id: string, version: number, patch: DepartmentPatch) {
  return db
    .updateTable('department')
    .set({ ...patch, version: sql`version + 1`, updatedAt: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(DEPARTMENT_COLUMNS)
    .executeTakeFirst();
}

/** Moves a department subtree in one statement (see rewriteSubtree in org.repository.ts). */
export async function rewriteDepartmentSubtree(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  await db
    .updateTable('department')
    .set({ path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where('path', 'like', `${oldPrefix}%`)
    .execute();
}

export async function setDepartmentPaths(
  db: Db,
  rows: readonly { id: string; path: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = sql.join(rows.slice(i, i + CHUNK).map((r) => sql`(${r.id}::uuid, ${r.path})`));
    await sql`update department set path = v.path from (values ${values}) as v(id, path)
      where department.id = v.id`.execute(db);
  }
}

export async function countActiveChildDepartments(db: Db, id: string): Promise<number> {
  const r = await db
    .selectFrom('department')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
