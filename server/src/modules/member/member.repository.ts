// Member storage. Kysely only, no rules: callers pass the scope condition (built on 'po.path') and decide what is
// allowed. party_org and department are joined here read-only, to show names and to scope by party_org.path; look-ups
// of organisations and departments go through the org module (it returns their unit).
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../core/db.ts';
import type { MemberTable } from '../../core/db-types.ts';
import { nameSortKey } from '../../core/sort-key.ts';

function memberBase(db: Db) {
  return db.selectFrom('member as m').innerJoin('partyOrg as po', 'po.id', 'm.partyOrgId');
}

function selectMember(db: Db) {
  return memberBase(db)
    .leftJoin('department as d', 'd.id', 'm.departmentId')
    .selectAll('m')
    .select([
      'po.name as partyOrgName',
      'po.code as partyOrgCode',
      'po.path as partyOrgPath',
      'd.name as departmentName',
      'd.code as departmentCode',
    ]);
}

export function findMemberById(db: Db, id: string) {
  return selectMember(db).where('m.id', '=', id).executeTakeFirst();
}
export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMemberById>>>;

export async function memberIdByHash(db: Db, idNumberHash: string): Promise<string | null> {
  const row = await db
    .selectFrom('member')
    .select('id')
    .where('idNumberHash', '=', idNumberHash)
    .executeTakeFirst();
  return row?.id ?? null;
}

export type MemberWhere = {
  /** Scope condition on 'po.path'. */
  scope: Expression<SqlBool>;
  orgPath?: string | undefined;
  departmentId?: string | undefined;
  nameContains?: string | undefined;
  idNumberHash?: string | undefined;
  phoneHash?: string | undefined;
  /** Where a number search may look: the members whose numbers the actor may see. */
  numberScope?: Expression<SqlBool> | undefined;
  category?: string | undefined;
  partyPost?: string | undefined;
  status?: string | undefined;
};
export type MemberSort = 'name' | 'joinedOn' | 'partyOrg';

function filtered(db: Db, w: MemberWhere) {
  let q = memberBase(db).where(w.scope);
  if (w.orgPath) q = q.where('po.path', 'like', `${w.orgPath}%`);
  if (w.departmentId) q = q.where('m.departmentId', '=', w.departmentId);
  if (w.nameContains) q = q.where('m.name', 'like', `%${w.nameContains.replace(/[%_\\]/g, '\\$&')}%`);
  if (w.idNumberHash) q = q.where('m.idNumberHash', '=', w.idNumberHash);
  if (w.phoneHash) q = q.where('m.phoneHash', '=', w.phoneHash);
  if (w.numberScope) q = q.where(w.numberScope);
  if (w.category) q = q.where('m.category', '=', w.category);
  if (w.partyPost) q = q.where('m.partyPost', '=', w.partyPost);
  if (w.status) q = q.where('m.status', '=', w.status);
  return q;
}

export type SortOrder = 'asc' | 'desc';

/** The name in pinyin order, compared byte-wise so that PGlite and PostgreSQL agree (rows written raw: the name). */
const nameKey = sql`coalesce(${sql.ref('m.nameSortKey')}, ${sql.ref('m.name')}) collate "C"`;

// A list's department names are looked up for its page only: joined before the sort and the limit, the department
// was read for every member in scope (thousands) to show twenty.
function sorted(db: Db, w: MemberWhere, sort: MemberSort, order: SortOrder = 'asc') {
  const q = filtered(db, w)
    .selectAll('m')
    .select(['po.name as partyOrgName', 'po.code as partyOrgCode', 'po.path as partyOrgPath']);
  const dir = sql.raw(order);
  const postRank = sql`case ${sql.ref('m.partyPost')} when 'secretary' then 0 when 'deputy_secretary' then 1 when 'committee_member' then 2 else 3 end`;
  if (sort === 'name') return q.orderBy(sql`${nameKey} ${dir}`).orderBy('m.id');
  if (sort === 'joinedOn')
    return q
      .orderBy(sql`${sql.ref('m.joinedOn')} ${dir} nulls last`)
      .orderBy(nameKey)
      .orderBy('m.id');
  return q
    .orderBy(sql`${sql.ref('po.sortOrder')} ${dir}`)
    .orderBy(sql`${sql.ref('po.code')} ${dir}`)
    .orderBy(postRank)
    .orderBy(nameKey)
    .orderBy('m.id');
}

export async function listMembers(
  db: Db,
  w: MemberWhere,
  sort: MemberSort,
  page: { limit: number; offset: number },
  order: SortOrder = 'asc',
): Promise<{ rows: MemberRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    sorted(db, w, sort, order).limit(page.limit).offset(page.offset).execute(),
    filtered(db, w)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: await withDepartments(db, rows), total: Number(count.n) };
}

type PageRow = Awaited<ReturnType<ReturnType<typeof sorted>['execute']>>[number];

/** The page's rows with their department's name and code, in one look-up for the whole page. */
async function withDepartments(db: Db, rows: PageRow[]): Promise<MemberRow[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.departmentId ? [r.departmentId] : [])))];
  const found = ids.length
    ? await db.selectFrom('department').select(['id', 'name', 'code']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(found.map((d) => [d.id, d]));
  return rows.map((r) => {
    const d = r.departmentId ? byId.get(r.departmentId) : undefined;
    return { ...r, departmentName: d?.name ?? null, departmentCode: d?.code ?? null };
  });
}

/** Every matching member, in roster order, read in pages so that one huge result is never held by the driver. */
export async function* streamMembers(
  db: Db,
  w: MemberWhere,
  sort: MemberSort,
  pageSize = 5000,
  order: SortOrder = 'asc',
) {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await withDepartments(
      db,
      await sorted(db, w, sort, order).limit(pageSize).offset(offset).execute(),
    );
    yield rows;
    if (rows.length < pageSize) return;
  }
}

export type NewMember = Omit<
  MemberTable,
  'id' | 'status' | 'leftOn' | 'leftReason' | 'nameSortKey' | 'version' | 'createdAt' | 'updatedAt'
>;

/** Every write of a name writes its pinyin sort key with it, so that lists sort the same on both databases. */
const withSortKey = <T extends { name: string }>(values: T) => ({
  ...values,
  nameSortKey: nameSortKey(values.name),
});

export async function insertMember(db: Db, values: NewMember): Promise<string> {
  const row = await db
    .insertInto('member')
    .values(withSortKey(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type MemberPatch = Partial<
  NewMember & { status: string; leftOn: string | null; leftReason: string | null }
>;

/** Applies the patch only at `version`; undefined when the row moved on (or is gone). */
export function updateMemberRow(db: Db, id: string, version: number, patch: MemberPatch) {
  return db
    .updateTable('member')
    .set({
      ...patch,
      ...(patch.name === undefined ? {} : { nameSortKey: nameSortKey(patch.name) }),
      version: sql`version + 1`,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** History rows live with their member: unitId is the member's organ (ADR 20). */
export function insertHistory(
  db: Db,
  rows: readonly {
    unitId: string;
    memberId: string;
    partyOrgId: string;
    fromOn: string;
    reason: string | null;
  }[],
) {
  if (rows.length === 0) return Promise.resolve();
  return db
    .insertInto('memberOrgHistory')
    .values([...rows])
    .execute()
    .then(() => undefined);
}

export function findOpenHistory(db: Db, memberId: string) {
  return db
    .selectFrom('memberOrgHistory')
    .select(['id', 'partyOrgId', 'fromOn'])
    .where('memberId', '=', memberId)
    .where('toOn', 'is', null)
    .orderBy('fromOn', 'desc')
    .executeTakeFirst();
}

export async function closeOpenHistory(db: Db, memberIds: readonly string[], toOn: string): Promise<void> {
  if (memberIds.length === 0) return;
  await db
    .updateTable('memberOrgHistory')
    .set({ toOn })
    .where('memberId', 'in', [...memberIds])
    .where('toOn', 'is', null)
    .execute();
}

export function listHistory(db: Db, memberId: string) {
  return (
    db
      .selectFrom('memberOrgHistory as h')
      .innerJoin('partyOrg as po', 'po.id', 'h.partyOrgId')
      .select(['h.partyOrgId', 'po.name as partyOrgName', 'h.fromOn', 'h.toOn', 'h.reason'])
      .where('h.memberId', '=', memberId)
      // A transfer on the day of joining leaves two rows with one fromOn: the closed one came first.
      .orderBy('h.fromOn')
      .orderBy(sql`${sql.ref('h.toOn')} asc nulls last`)
      .orderBy('h.createdAt')
      .execute()
  );
}

// Set-based work for roster imports ----------------------------------------------------------------------------

export function findMembersByHashes(db: Db, hashes: readonly string[]): Promise<MemberRow[]> {
  if (hashes.length === 0) return Promise.resolve([]);
  return selectMember(db)
    .where('m.idNumberHash', 'in', [...hashes])
    .execute();
}

/** Members in scope whose masked ID number is one of `masked` (names are compared by the caller). */
export function findMembersByMasked(
  db: Db,
  masked: readonly string[],
  scope: Expression<SqlBool>,
): Promise<MemberRow[]> {
  if (masked.length === 0) return Promise.resolve([]);
  return selectMember(db)
    .where('m.idNumberMasked', 'in', [...masked])
    .where(scope)
    .execute();
}

export async function insertMembers(
  db: Db,
  rows: readonly NewMember[],
): Promise<{ id: string; idNumberHash: string }[]> {
  if (rows.length === 0) return [];
  return db.insertInto('member').values(rows.map(withSortKey)).returning(['id', 'idNumberHash']).execute();
}

export type BulkMemberUpdate = {
  id: string;
  version: number;
  partyOrgId: string;
  unitId: string;
  departmentId: string | null;
  name: string;
  gender: string;
  ethnicity: string | null;
  education: string | null;
  phoneCipher: string | null;
  phoneMasked: string | null;
  phoneHash: string | null;
  category: string;
  joinedOn: string | null;
  fullOn: string | null;
  partyPost: string | null;
  businessPost: string | null;
};

/**
 * Updates many members in one statement (UPDATE … FROM VALUES), each only at the version it was read at. Returns
 * how many rows were updated, so that the caller can tell when someone else edited a member meanwhile.
 */
export async function updateMembers(db: Db, rows: readonly BulkMemberUpdate[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map(
    (r) =>
      sql`(${r.id}::uuid, ${r.version}::int, ${r.partyOrgId}::uuid, ${r.unitId}::uuid, ${r.departmentId}::uuid,
        ${r.name}::text, ${r.gender}::text, ${r.ethnicity}::text, ${r.education}::text, ${r.phoneCipher}::text,
        ${r.phoneMasked}::text, ${r.phoneHash}::text, ${r.category}::text, ${r.joinedOn}::date, ${r.fullOn}::date,
        ${r.partyPost}::text, ${r.businessPost}::text, ${nameSortKey(r.name)}::text)`,
  );
  const result = await sql`
    update member as m set
      party_org_id = v.party_org_id, unit_id = v.unit_id, department_id = v.department_id, name = v.name,
      gender = v.gender, ethnicity = v.ethnicity, education = v.education, phone_cipher = v.phone_cipher,
      phone_masked = v.phone_masked, phone_hash = v.phone_hash, category = v.category, joined_on = v.joined_on,
      full_on = v.full_on, party_post = v.party_post, business_post = v.business_post,
      name_sort_key = v.name_sort_key, version = m.version + 1, updated_at = now()
    from (values ${sql.join(values)}) as v(id, version, party_org_id, unit_id, department_id, name, gender, ethnicity,
      education, phone_cipher, phone_masked, phone_hash, category, joined_on, full_on, party_post, business_post,
      name_sort_key)
    where m.id = v.id and m.version = v.version`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function countMembers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Exact-number look-ups, counted per account for the rate limit (ADR 14) --------------------------------------

const NUMBER_LOOKUP_LOCK = 7_240_014;

/**
 * Counts this account's look-ups in the last `windowSeconds` (by the database's clock, which every app instance
 * shares) and, when below `limit`, records one more. Serialised per account (advisory lock until the transaction
 * ends) so that parallel requests cannot both slip under the limit. Rows older than a day are dropped on the way.
 */
export async function admitNumberLookup(
  db: Db,
  userId: string,
  kind: 'search' | 'write',
  windowSeconds: number,
  limit: number,
): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(${NUMBER_LOOKUP_LOCK}, hashtext(${userId}))`.execute(db);
  await db
    .deleteFrom('numberLookup')
    .where('userId', '=', userId)
    .where('at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  const { n } = await db
    .selectFrom('numberLookup')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('at', '>=', sql<Date>`now() - ${windowSeconds}::int * interval '1 second'`)
    .executeTakeFirstOrThrow();
  if (Number(n) >= limit) return false;
  await db.insertInto('numberLookup').values({ userId, kind }).execute();
  return true;
}
