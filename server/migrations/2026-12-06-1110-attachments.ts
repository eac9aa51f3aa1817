import { type Kysely, sql } from 'kysely';

// Attachments (issue 10, ADR 26): files of any module's records, kept in the database so that every app instance
// serves them, one backup holds them and the organ's key distributes them with the records they belong to. The owner
// is named by kind and id, not by a foreign key: the attachment module never reads its owners' tables, and an owner
// deletes its files through the module (deleteAttachmentsOf). No foreign key to app_user either: a tenant table
// refers only to tenant and reference tables (ADR 20).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table attachment (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      owner_kind text not null check (owner_kind ~ '^[a-z][a-z0-9_]*\\.[a-z0-9_.]+$'),
      owner_id uuid not null,
      file_name text not null check (length(file_name) between 1 and 200),
      media_type text not null,
      byte_size integer not null check (byte_size > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null,
      thumbnail bytea,
      width integer check (width > 0),
      height integer check (height > 0),
      created_by_user_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      check ((width is null) = (height is null))
    )`.execute(db);
  // Looked up by id alone (a download's /:id), and by owner for a record's list, whichever organ the records are of.
  await sql`create index attachment_id_idx on attachment (id)`.execute(db);
  await sql`create index attachment_owner_idx on attachment (owner_kind, owner_id)`.execute(db);
}
