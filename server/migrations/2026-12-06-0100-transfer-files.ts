import { type Kysely, sql } from 'kysely';

// What an import kept in one process's memory moves into the database, so that several app instances can serve one
// database behind a load balancer (issue 8 point 3):
// - transfer_file: a workbook uploaded in the mapping step (kind 'upload') and an import's error report ('report'),
//   kept for their owner for 30 minutes under a random token. The content is sealed (AES-256-GCM) with the key
//   outside the database: a roster holds full ID numbers. Expired rows are removed lazily by the next store; each
//   owner keeps a bounded number and size of files of each kind (the application evicts the oldest). The owner has
//   no foreign key: the console operator, who imports from the command line, has no account row.
// - import_run: one row per person while their import runs (one import at a time per account). The row is claimed
//   with insert … on conflict, renewed while the import runs and deleted when it ends; a lease that was not renewed
//   (a crashed process) may be taken over.
// Both tables are keyed by account, not by organ (unit): an account's files and runs span the organs it works on.
// Neither is backed up (transient, like sessions). The tenant-key classification of all tables (issue 8 point 1)
// will list them as keyed by account.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table transfer_file (
      token text primary key,
      owner_id uuid not null,
      kind text not null check (kind in ('upload', 'report')),
      filename text not null,
      content bytea not null,
      size integer not null check (size >= 0),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      seq bigint generated always as identity
    )`.execute(db);
  // Sealed content does not compress: stored out of line without trying.
  await sql`alter table transfer_file alter column content set storage external`.execute(db);
  await sql`create index transfer_file_owner_idx on transfer_file (owner_id, kind, seq)`.execute(db);
  await sql`create index transfer_file_expires_idx on transfer_file (expires_at)`.execute(db);
  await sql`
    create table import_run (
      owner_id uuid primary key,
      run_id uuid not null,
      started_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
}
