import { type Kysely, sql } from 'kysely';

// Member self-service: a member asks for a correction of their own record; the request waits, as a task, for the
// secretary of the organisation the member is in. Tenant-keyed by the member's unit like the member row itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table correction_request (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid references unit(id) on delete restrict,
      member_id uuid not null references member(id) on delete cascade,
      requested_by_user_id uuid references app_user(id) on delete set null,
      field text not null,
      message text not null,
      status text not null default 'open' check (status in ('open','resolved','rejected')),
      resolution text,
      resolved_by_user_id uuid references app_user(id) on delete set null,
      resolved_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index correction_request_member_idx on correction_request (member_id, created_at)`.execute(
    db,
  );
  await sql`create index correction_request_open_idx on correction_request (unit_id, status)`.execute(db);
}
