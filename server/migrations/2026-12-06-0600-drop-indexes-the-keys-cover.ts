import { type Kysely, sql } from 'kysely';

// On the tables other tenant tables refer to (party_org, department, member), the primary key (unit_id, id) must be
// the only index that leads with unit_id. The foreign-key checks of (unit_id, x_id) → (unit_id, id) keep the plan
// they were first given, and on the embedded database — no statistics before the first ANALYZE — that plan picked
// another index leading with unit_id (unit_id alone, or (unit_id, id_number_hash)) and read every member of the
// organ for each row checked: a 40,000-row import took 254 s instead of 13 s (B7). So the indexes on unit_id alone
// go (the primary keys cover them), and the other unique keys put unit_id last (a distributed database needs it in
// the key, not first).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'member_unit_idx',
    'party_org_unit_idx',
    'department_unit_idx',
    'member_id_number_hash_idx',
  ]) {
    await sql`drop index ${sql.ref(index)}`.execute(db);
  }
  for (const [table, constraint, columns] of [
    ['member', 'member_id_number_hash_key', ['id_number_hash', 'unit_id']],
    ['party_org', 'party_org_path_key', ['path', 'unit_id']],
    ['department', 'department_path_key', ['path', 'unit_id']],
    ['department', 'department_code_key', ['code', 'unit_id']],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(constraint)} unique (${sql.join(
      columns.map((c) => sql.ref(c)),
    )})`.execute(db);
  }
}
