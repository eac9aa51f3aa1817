import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, expect, it } from 'vitest';
import { migrations } from '../server/migrations/index.ts';
import type { Database } from '../server/src/core/db.ts';
import { createBlankTestDatabase } from './db.ts';

// The migrations of 2026-12-06 (import publication, tenant keys step 1) on a database that holds data from before
// them: every row of every table is the same afterwards, except what the migrations add — branch_department's organ
// (its department's) and the imported member's pinyin sort key. A link across organs stops the upgrade with a message
// that names it, instead of being dropped. (ADR 19, ADR 20.)

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

const parsed = (rows: unknown[] | undefined) => (rows ?? []).map((r) => JSON.parse(String(r)));

it('keeps every row through the tenant-key migration, adding only the organ of each link and the sort key', async () => {
  database = await createBlankTestDatabase();
  const db = database.db;
  expect((await migrator(db).migrateTo(BEFORE)).error).toBeUndefined();
  await seed(db, D1);
  const before = await snapshot(db);
  const { error } = await migrator(db).migrateToLatest();
  expect(error).toBeUndefined();
  const after = await snapshot(db);

  // The tables that gained nothing are row for row the same.
  const changed = ['branch_department', 'member'];
  for (const t of Object.keys(before).filter((x) => !changed.includes(x)))
    expect(after[t], t).toEqual(before[t]);
  // New tables start empty.
  for (const t of Object.keys(after).filter((x) => !(x in before))) expect(after[t], t).toEqual([]);
  // The link gained its department's organ; the member its sort key; nothing else moved.
  expect(parsed(after.branch_department)).toEqual(
    parsed(before.branch_department).map((r) => ({ ...r, unitId: U1 })),
  );
  expect(parsed(after.member)).toEqual(
    parsed(before.member).map((r) => ({ ...r, nameSortKey: 'zhang1 san1' })),
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
