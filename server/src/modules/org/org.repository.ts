// Kysely access to the Party organisation tree: party_org, party_org_event, branch_department, and read-only counts
// on member. No rules here; org.service.ts decides.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../core/db.ts';

export const ORG_COLUMNS = [
  'id',
  'unitId',
  'parentId',
  'code',
  'name',
  'kind',
  'path',
  'depth',
  'isTemporary',
  'tempStartOn',
  'tempEndOn',
  'foundedOn',
  'status',
  'closedOn',
  'closeReason',
  'sortOrder',
  'version',
] as const;

export type OrgRow = {
  id: string;
  /** The organ; for an organisation of no organ of its own, the work committee's unit (ADR 20). */
  unitId: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  path: string;
  depth: number;
  isTemporary: boolean;
  tempStartOn: string | null;
  tempEndOn: string | null;
  foundedOn: string | null;
  status: string;
  closedOn: string | null;
  closeReason: string | null;
  sortOrder: number;
  version: number;
};

/** unitId null: no organ of its own (stored as the work committee's unit). */
export type NewOrgRow = Omit<OrgRow, 'version' | 'unitId'> & { unitId: string | null };
export type OrgPatch = Partial<Omit<OrgRow, 'id' | 'version' | 'unitId'>> & { unitId?: string | null };

const workCommitteeUnit = sql<string>`(select id from unit where kind = 'work_committee')`;

/** Creates the work committee's own unit (ADR 20) the first time an organisation of no organ is written. */
async function ensureWorkCommitteeUnit(db: Db): Promise<void> {
  await sql`
    insert into unit (code, name, kind) values ('__work_committee__', '机关工委本级', 'work_committee')
    on conflict do nothing`.execute(db);
}

export function listOrgs(db: Db, where: RawBuilder<boolean>, includeClosed: boolean): Promise<OrgRow[]> {
  let q = db.selectFrom('partyOrg').select(ORG_COLUMNS).where(where);
  if (!includeClosed) q = q.where('status', '=', 'active');
  return q.orderBy('path').execute();
}

export function findOrg(db: Db, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('partyOrg').select(ORG_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findOrgByCode(db: Db, code: string): Promise<OrgRow | undefined> {
  return db.selectFrom('partyOrg').select(ORG_COLUMNS).where('code', '=', code).executeTakeFirst();
}

export function findOrgsByCodes(db: Db, codes: readonly string[]): Promise<OrgRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partyOrg')
    .select(ORG_COLUMNS)
    .where('code', 'in', [...codes])
    .execute();
}

/** Every organisation of the given units (organs, or the work committee's own unit), in tree order. */
export function listOrgsOfUnits(db: Db, unitIds: readonly string[]): Promise<OrgRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partyOrg')
    .select(ORG_COLUMNS)
    .where('unitId', 'in', [...unitIds])
    .orderBy('path')
    .execute();
}

export function listAllOrgs(db: Db): Promise<OrgRow[]> {
  return db.selectFrom('partyOrg').select(ORG_COLUMNS).orderBy('path').execute();
}

export async function codeTaken(db: Db, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('partyOrg').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

const CHUNK = 500;
// A fixed key of its own (the audit chain uses 7_240_001).
const TREE_LOCK_KEY = 7_240_101;

/**
 * Serialises whole-tree writes (imports) within the transaction: two imports checked against the same snapshot
 * could otherwise both pass and then collide on codes or paths.
 */
export async function lockTree(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TREE_LOCK_KEY})`.execute(db);
}

/** Set-based insert, in chunks (parents must come before their children in `rows`). */
export async function insertOrgs(db: Db, rows: readonly NewOrgRow[]): Promise<void> {
  if (rows.some((r) => r.unitId === null)) await ensureWorkCommitteeUnit(db);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('partyOrg')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, unitId: r.unitId ?? workCommitteeUnit })))
      .execute();
  }
}

/** Updates one row if it still has `version`; bumps the version. Undefined when the version is stale. */
export async function updateOrg(
  db: Db,
  id: string,
  version: number,
  patch: OrgPatch,
): Promise<OrgRow | undefined> {
  const { unitId, ...rest } = patch;
  if (unitId === null) await ensureWorkCommitteeUnit(db);
  return db
    .updateTable('partyOrg')
    .set({
      ...rest,
      ...(unitId === undefined ? {} : { unitId: unitId ?? workCommitteeUnit }),
      version: sql`version + 1`,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(ORG_COLUMNS)
    .executeTakeFirst();
}

/**
 * Moves a whole subtree in one statement: every node whose path starts with `oldPrefix` (the node itself and all
 * its descendants) gets the prefix replaced and its depth shifted. Paths hold no LIKE wildcards (uuids and '/').
 */
export async function rewriteSubtree(
  db: Db,
  oldPrefix: string,
  newPrefix: string,
  depthDelta: number,
): Promise<number> {
  const r = await db
    .updateTable('partyOrg')
    .set({
      path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
      depth: sql`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${oldPrefix}%`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Path and depth of many nodes in one statement (descendants of nodes an import moved). */
export async function setOrgPaths(
  db: Db,
  rows: readonly { id: string; path: string; depth: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = sql.join(
      rows.slice(i, i + CHUNK).map((r) => sql`(${r.id}::uuid, ${r.path}, ${r.depth}::int)`),
    );
    await sql`update party_org set path = v.path, depth = v.depth from (values ${values}) as v(id, path, depth)
      where party_org.id = v.id`.execute(db);
  }
}

/** Active temporary organisations whose end date lies before `today`. */
export function listEndedTemporaryOrgs(db: Db, today: string) {
  return db
    .selectFrom('partyOrg')
    .selectAll()
    .where('isTemporary', '=', true)
    .where('status', '=', 'active')
    .where('tempEndOn', '<', today)
    .orderBy('path')
    .execute();
}

/** Names of the given organisations, for showing ids in history as names. */
export async function orgNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('partyOrg')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function countActiveChildren(db: Db, id: string): Promise<number> {
  const r = await db
    .selectFrom('partyOrg')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Events -------------------------------------------------------------------------------------------------------

export type NewEvent = { partyOrgId: string; kind: string; details: unknown; actorUserId: string | null };

/** Each event carries its organisation's organ (ADR 20), taken from the organisation in the same statement. */
export async function insertEvents(db: Db, events: readonly NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += CHUNK) {
    const values = events
      .slice(i, i + CHUNK)
      .map(
        (e) =>
          sql`(${e.partyOrgId}::uuid, ${e.kind}::text, ${JSON.stringify(e.details ?? {})}::jsonb, ${e.actorUserId}::uuid)`,
      );
    await sql`
      insert into party_org_event (unit_id, party_org_id, kind, details, actor_user_id)
      select p.unit_id, v.party_org_id, v.kind, v.details, v.actor_user_id
      from (values ${sql.join(values)}) as v(party_org_id, kind, details, actor_user_id)
      join party_org p on p.id = v.party_org_id`.execute(db);
  }
}

export function listEvents(db: Db, partyOrgId: string) {
  return db
    .selectFrom('partyOrgEvent')
    .select(['id', 'kind', 'details', 'actorUserId', 'at'])
    .where('partyOrgId', '=', partyOrgId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

// Branch–department links (支部建在科上) ---------------------------------------------------------------------------

/**
 * The department links of these organisations. Their organs go into the query with them, so that the key
 * (unit_id, party_org_id, department_id) finds them: by organisation alone, every link of the province was read.
 */
export function linksOfOrgs(db: Db, orgs: readonly { id: string; unitId: string }[] | 'all') {
  let q = db.selectFrom('branchDepartment').select(['partyOrgId', 'departmentId']);
  if (orgs !== 'all') {
    if (orgs.length === 0) return Promise.resolve([]);
    q = q.where('unitId', 'in', [...new Set(orgs.map((o) => o.unitId))]).where(
      'partyOrgId',
      'in',
      orgs.map((o) => o.id),
    );
  }
  return q.execute();
}

export function linksOfDepartments(db: Db, departmentIds: readonly string[]) {
  if (departmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('branchDepartment')
    .select(['partyOrgId', 'departmentId'])
    .where('departmentId', 'in', [...departmentIds])
    .execute();
}

/**
 * Replaces the links of the given organisations: one delete, one insert per chunk. A link carries its department's
 * organ (unit_id, ADR 20); the key (unit_id, party_org_id) refuses a branch of another organ.
 */
export async function replaceLinks(
  db: Db,
  orgIds: readonly string[],
  links: readonly { partyOrgId: string; departmentId: string }[],
): Promise<void> {
  if (orgIds.length)
    await db
      .deleteFrom('branchDepartment')
      .where('partyOrgId', 'in', [...orgIds])
      .execute();
  for (let i = 0; i < links.length; i += CHUNK) {
    const values = links
      .slice(i, i + CHUNK)
      .map((l) => sql`(${l.partyOrgId}::uuid, ${l.departmentId}::uuid)`);
    await sql`
      insert into branch_department (unit_id, party_org_id, department_id)
      select d.unit_id, v.party_org_id, v.department_id
      from (values ${sql.join(values)}) as v(party_org_id, department_id)
      join department d on d.id = v.department_id`.execute(db);
  }
}

// Members (read-only) ------------------------------------------------------------------------------------------
// The member module owns the member table. The org module only counts its active rows, to show sizes and to refuse
// closing an organisation that still has members: the one documented read of that table from here.

/** Active members directly in each organisation matching `where` (a condition on partyOrg.path). One grouped query. */
export async function countMembersByOrg(db: Db, where: RawBuilder<boolean>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('member')
    .innerJoin('partyOrg', 'partyOrg.id', 'member.partyOrgId')
    .select((eb) => ['member.partyOrgId', eb.fn.countAll<number>().as('n')])
    .where('member.status', '=', 'active')
    .where(where)
    .groupBy('member.partyOrgId')
    .execute();
  return new Map(rows.map((r) => [r.partyOrgId, Number(r.n)]));
}

/**
 * Active members directly in each organisation and in its whole subtree, counting the members of organisations
 * matching `where` (a condition on partyOrg.path): one grouped query, then each organisation's count is added to
 * every organisation on its path. An organisation whose subtree matches `where` entirely (a scope is a set of
 * subtrees) gets its exact total; organisations without members anywhere below are absent (count 0).
 * It used to join every organisation to every organisation below it by `path like`, over the whole database and
 * whatever the scope: quadratic in the size of the tree.
 */
export async function countMembersWithSubtree(
  db: Db,
  where: RawBuilder<boolean>,
): Promise<Map<string, { direct: number; total: number }>> {
  const rows = await db
    .selectFrom('member')
    .innerJoin('partyOrg', 'partyOrg.id', 'member.partyOrgId')
    .select((eb) => ['partyOrg.id', 'partyOrg.path', eb.fn.countAll<number>().as('n')])
    .where('member.status', '=', 'active')
    .where(where)
    .groupBy(['partyOrg.id', 'partyOrg.path'])
    .execute();
  const counts = new Map<string, { direct: number; total: number }>();
  const entry = (id: string) => {
    const known = counts.get(id);
    if (known) return known;
    const fresh = { direct: 0, total: 0 };
    counts.set(id, fresh);
    return fresh;
  };
  for (const r of rows) {
    const n = Number(r.n);
    entry(r.id).direct += n;
    for (const ancestor of r.path.split('/')) if (ancestor) entry(ancestor).total += n;
  }
  return counts;
}

/** Active members anywhere in the subtree at `path`. */
export async function countMembersInSubtree(db: Db, path: string): Promise<number> {
  const r = await db
    .selectFrom('member')
    .innerJoin('partyOrg', 'partyOrg.id', 'member.partyOrgId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member.status', '=', 'active')
    .where('partyOrg.path', 'like', `${path}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
