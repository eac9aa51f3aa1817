import { type Kysely, sql } from 'kysely';

// An upload sent again is the same file (issue 10 point 9): a phone that lost the answer to an upload — the
// connection fell, or the page was closed mid-send — sends the photo again with the key it gave it, and the server
// answers with the file it already keeps. The key is unique per owner, so two uploads racing with one key leave one
// row. Led by the organ, as every key of a tenant table (ADR 20).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attachment add column client_key uuid`.execute(db);
  await sql`
    create unique index attachment_client_key_idx
      on attachment (unit_id, owner_kind, owner_id, client_key) where client_key is not null`.execute(db);
}
