import { type Kysely, sql } from 'kysely';

// The audit chain becomes keyed (ADR 12). Records written so far keep their plain SHA-256 hash and are marked
// 'sha256' (the default: also what a restored format-1 backup's rows get); every new record names 'hmac-sha256',
// and an unkeyed record after a keyed one fails verification, so the default grants nothing. audit_head holds the
// newest record's seq and hash with an HMAC over both: deleting the newest records no longer goes unnoticed. Adding
// a column fires no row trigger, so the append-only guard stays as it is.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column hash_scheme text not null default 'sha256'
    check (hash_scheme in ('sha256', 'hmac-sha256'))`.execute(db);
  await sql`create table audit_head (
    id boolean primary key default true check (id),
    seq bigint not null,
    hash text not null,
    mac text not null,
    updated_at timestamptz not null default now()
  )`.execute(db);
}
