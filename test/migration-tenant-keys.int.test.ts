import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, expect, it } from 'vitest';
import { migrations } from '../server/migrations/index.ts';
import type { Database } from '../server/src/core/db.ts';
import { createBlankTestDatabase } from './db.ts';

// The migrations of 2026-12-06 (import publication, tenant keys steps 1 to 3) on a database that holds data from
// before them: every row of every table is the same afterwards, except what the migrations add — the organ of each
// branch–department link (its department's), the imported member's pinyin sort key, the units' kind and the work
// committee's own unit, which now holds the tier of no organ (its organisations, their members, events, histories
// and correction requests). A link across organs stops the upgrade with a message that names it, instead of being
// dropped. (ADR 19, ADR 20.)

const BEFORE = '2026-12-06-0100-transfer-files';
let database: Database | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
});

// biome-ignore lint/suspicious/noExplicitAny: migrations run below the typed layer
function migrator(db: Kysely<any>) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
}

const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';
const ROOT = '00000000-0000-4000-8000-000000000011';
const BRANCH = '00000000-0000-4000-8000-000000000012';
const ROOT2 = '00000000-0000-4000-8000-000000000013';
const D1 = '00000000-0000-4000-8000-000000000021';
const D2 = '00000000-0000-4000-8000-000000000022';
const MEMBER = '00000000-0000-4000-8000-000000000031';
const USER = '00000000-0000-4000-8000-000000000041';
const WC_ROOT = '00000000-0000-4000-8000-000000000051';
const WC_BRANCH = '00000000-0000-4000-8000-000000000052';
const WC_MEMBER = '00000000-0000-4000-8000-000000000053';

// biome-ignore lint/suspicious/noExplicitAny: raw rows before the typed schema
async function seed(db: Kysely<any>, linkDepartment: string) {
  await sql`insert into unit (id, code, name) values (${U1}, 'U1', '甲单位'), (${U2}, 'U2', '乙单位')`.execute(
    db,
  );
  await sql`
    insert into party_org (id, unit_id, parent_id, code, name, kind, path, depth) values
      (${ROOT}, ${U1}, null, 'R1', '甲机关党委', 'organ_committee', ${`/${ROOT}/`}, 0),
      (${BRANCH}, ${U1}, ${ROOT}, 'B1', '甲第一支部', 'branch', ${`/${ROOT}/${BRANCH}/`}, 1),
      (${ROOT2}, ${U2}, null, 'R2', '乙机关党委', 'organ_committee', ${`/${ROOT2}/`}, 0)`.execute(db);
  await sql`
    insert into department (id, unit_id, code, name, kind, path) values
      (${D1}, ${U1}, 'D1', '办公室', 'division', ${`/${D1}/`}),
      (${D2}, ${U2}, 'D2', '乙办公室', 'division', ${`/${D2}/`})`.execute(db);
  await sql`insert into branch_department (party_org_id, department_id) values (${BRANCH}, ${linkDepartment})`.execute(
    db,
  );
  await sql`
    insert into member (id, unit_id, party_org_id, department_id, name, gender, id_number_cipher, id_number_hash,
      id_number_masked, category)
    values (${MEMBER}, ${U1}, ${BRANCH}, ${D1}, '张三', 'male', 'c', 'h', '1101**********1234', 'full')`.execute(
    db,
  );
  await sql`
    insert into app_user (id, username, display_name, password_hash, member_id)
    values (${USER}, 'zhangsan', '张三', 'x', ${MEMBER})`.execute(db);
  await sql`insert into role_assignment (user_id, role, party_org_id) values (${USER}, 'member', ${BRANCH})`.execute(
    db,
  );
  await sql`
    insert into import_mapping (unit_id, kind, columns, updated_by) values (${U1}, 'members', '{}', ${USER})`.execute(
    db,
  );
  await sql`
    insert into correction_request (unit_id, member_id, requested_by_user_id, field, message)
    values (${U1}, ${MEMBER}, ${USER}, 'phone', '电话号码已更换')`.execute(db);
  // The work committee's own tier: no unit before step 2.
  await sql`
    insert into party_org (id, unit_id, parent_id, code, name, kind, path, depth) values
      (${WC_ROOT}, null, null, 'GW', '机关工委', 'work_committee', ${`/${WC_ROOT}/`}, 0),
      (${WC_BRANCH}, null, ${WC_ROOT}, 'GWB', '工委机关支部', 'branch', ${`/${WC_ROOT}/${WC_BRANCH}/`}, 1)`.execute(
    db,
  );
  await sql`
    insert into member (id, unit_id, party_org_id, name, gender, id_number_cipher, id_number_hash, id_number_masked,
      category, name_sort_key)
    values (${WC_MEMBER}, null, ${WC_BRANCH}, '李四', 'male', 'c2', 'h2', '1101**********5678', 'full', 'li3 si4')`.execute(
    db,
  );
  await sql`insert into party_org_event (party_org_id, kind) values (${WC_BRANCH}, 'created'), (${BRANCH}, 'created')`.execute(
    db,
  );
  await sql`
    insert into member_org_history (member_id, party_org_id, from_on) values
      (${WC_MEMBER}, ${WC_BRANCH}, '2020-01-01'), (${MEMBER}, ${BRANCH}, '2021-01-01')`.execute(db);
  await sql`
    insert into correction_request (unit_id, member_id, field, message)
    values (null, ${WC_MEMBER}, 'name', '姓名有误')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: raw rows before the typed schema
async function snapshot(db: Kysely<any>): Promise<Record<string, unknown[]>> {
  const tables = (
    await sql<{ name: string }>`
      select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and relname not like 'schema_migration%' order by 1`.execute(
      db,
    )
  ).rows.map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db);
    out[t] = rows.rows
      .map((r) =>
        JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))),
      )
      .sort();
  }
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: rows as the database returns them
const sortByJsonOf = (rows: Record<string, any>[]) => rows.map((r) => JSON.stringify(r)).sort();
const parsed = (rows: unknown[] | undefined) => (rows ?? []).map((r) => JSON.parse(String(r)));

it('keeps every row through the tenant-key migrations, adding only organs, sort keys and the work committee unit', async () => {
  database = await createBlankTestDatabase();
  const db = database.db;
  expect((await migrator(db).migrateTo(BEFORE)).error).toBeUndefined();
  await seed(db, D1);
  const before = await snapshot(db);
  const { error } = await migrator(db).migrateToLatest();
  expect(error).toBeUndefined();
  const after = await snapshot(db);

  // The work committee's own unit was created, and the organ units are of kind 'organ'.
  const wc = parsed(after.unit).find((u) => u.kind === 'work_committee');
  expect(wc).toMatchObject({ code: '__work_committee__', name: '机关工委本级', rootPartyOrgId: null });
  expect(parsed(after.unit).filter((u) => u.kind !== 'work_committee')).toEqual(
    parsed(before.unit).map((u) => ({ ...u, kind: 'organ' })),
  );
  const inWc = (unitId: unknown, wcIds: readonly string[], id: unknown) =>
    wcIds.includes(String(id)) ? wc.id : unitId;

  // The tables that gained nothing are row for row the same.
  const changed = [
    'unit',
    'party_org',
    'branch_department',
    'member',
    'party_org_event',
    'member_org_history',
    'correction_request',
  ];
  for (const t of Object.keys(before).filter((x) => !changed.includes(x)))
    expect(after[t], t).toEqual(before[t]);
  // New tables start empty, but for the registries of numbers and codes (step 3), filled from the rows there are.
  const registries = ['member_identity', 'org_code'];
  for (const t of Object.keys(after).filter((x) => !(x in before) && !registries.includes(x)))
    expect(after[t], t).toEqual([]);
  expect(sortByJsonOf(parsed(after.member_identity))).toEqual(
    sortByJsonOf(
      parsed(after.member).map((m) => ({ idNumberHash: m.idNumberHash, memberId: m.id, unitId: m.unitId })),
    ),
  );
  expect(sortByJsonOf(parsed(after.org_code))).toEqual(
    sortByJsonOf([
      ...parsed(after.party_org).map((o) => ({
        code: o.code,
        id: o.id,
        kind: 'party_org',
        unitId: o.unitId,
      })),
      ...parsed(after.department).map((d) => ({
        code: d.code,
        id: d.id,
        kind: 'department',
        unitId: d.unitId,
      })),
    ]),
  );
  // The work committee's tier moved into its unit; nothing else in these tables changed.
  const sortByJson = sortByJsonOf;
  const same = (t: string, expected: Record<string, unknown>[]) =>
    expect(sortByJson(parsed(after[t])), t).toEqual(sortByJson(expected));
  same(
    'party_org',
    parsed(before.party_org).map((o) => ({ ...o, unitId: inWc(o.unitId, [WC_ROOT, WC_BRANCH], o.id) })),
  );
  same(
    'member',
    parsed(before.member).map((m) => ({
      ...m,
      unitId: inWc(m.unitId, [WC_MEMBER], m.id),
      nameSortKey: m.id === MEMBER ? 'zhang1 san1' : m.nameSortKey,
    })),
  );
  same(
    'correction_request',
    parsed(before.correction_request).map((c) => ({ ...c, unitId: inWc(c.unitId, [WC_MEMBER], c.memberId) })),
  );
  same(
    'party_org_event',
    parsed(before.party_org_event).map((e) => ({ ...e, unitId: e.partyOrgId === WC_BRANCH ? wc.id : U1 })),
  );
  same(
    'member_org_history',
    parsed(before.member_org_history).map((h) => ({ ...h, unitId: h.memberId === WC_MEMBER ? wc.id : U1 })),
  );
  same(
    'branch_department',
    parsed(before.branch_department).map((r) => ({ ...r, unitId: U1 })),
  );
});

it('stops the upgrade at a link between a branch and another organ’s department, naming it', async () => {
  database = await createBlankTestDatabase();
  const db = database.db;
  expect((await migrator(db).migrateTo(BEFORE)).error).toBeUndefined();
  await seed(db, D2);
  const { error } = await migrator(db).migrateToLatest();
  expect(String((error as Error | undefined)?.message)).toContain('跨了单位');
  expect(String((error as Error | undefined)?.message)).toContain('B1（甲第一支部） ↔ D2（乙办公室）');
  // Nothing of the failed step is left: the link is as it was.
  const link = await sql<{ n: number }>`select count(*)::int as n from branch_department`.execute(db);
  expect(link.rows[0]?.n).toBe(1);
});
