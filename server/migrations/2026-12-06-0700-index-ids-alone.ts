import { type Kysely, sql } from 'kysely';

// Since every tenant table's primary key became (unit_id, id) (0500), nothing indexed id alone: a member, an
// organisation, a department or a correction looked up by its id (every route that takes one: /api/members/:id) and
// every join on id (member → party_org, a staged row → party_org) read the whole primary-key index. Unnoticed at W1,
// at W2 (300,000 members) it made a member's record a 25–140 ms scan and an import's check of its staged rows 0.6 s.
// A plain index on id is selective, so it cannot lead the foreign-key checks astray as an index on unit_id alone did
// (0600), and a distributed database accepts it (it is not unique; the primary key still carries the organ).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['party_org', 'department', 'member', 'correction_request']) {
    await sql`create index ${sql.ref(`${table}_id_idx`)} on ${sql.table(table)} (id)`.execute(db);
  }
}
