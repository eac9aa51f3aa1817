import { type Kysely, sql } from 'kysely';

// The notification centre (通知中心, ADR 24): what reaches a person in the product. One row per account, kind and
// day for digests (the key makes "one digest per person per day" a fact of the database, not of the job), so a
// digest job that runs twice — or on two instances — cannot send two. Local class: accounts are local, and a
// notification may name duties of several organs (an officer of a work committee).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      kind text not null,
      day date not null,
      title text not null,
      lines jsonb not null,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (user_id, kind, day)
    )`.execute(db);
  await sql`create index notification_unread_idx on notification (user_id, created_at desc) where read_at is null`.execute(
    db,
  );
  await sql`create index notification_user_idx on notification (user_id, created_at desc)`.execute(db);
}
