import { type Kysely, sql } from 'kysely';

// Column mappings saved per organ (tenant: unit) and kind of import, so that an organ's next roster maps itself;
// and a staging table for member imports: checked rows are written there in short transactions while the file is
// read, and one short transaction then moves the whole batch into member (all or nothing without holding the
// embedded database's single connection for the length of the import). A batch left by a crash is removed by the
// next import.
// Histories that imports started at the Party joining date start instead at the day the platform learned of the
// member (the day the row was created): that is what the history can truthfully say.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_mapping (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references unit(id) on delete cascade,
      kind text not null check (kind in ('members', 'organisations')),
      columns jsonb not null,
      updated_by uuid references app_user(id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (unit_id, kind)
    )`.execute(db);
  await sql`
    create table member_import_stage (
      batch_id uuid not null,
      seq integer not null,
      op text not null check (op in ('create', 'update')),
      member_id uuid not null,
      expected_version integer,
      moved boolean not null default false,
      history_from_on date,
      unit_id uuid,
      party_org_id uuid not null,
      department_id uuid,
      name text not null,
      gender text not null,
      birth_date date,
      ethnicity text,
      education text,
      id_number_cipher text,
      id_number_hash text not null,
      id_number_masked text,
      phone_cipher text,
      phone_masked text,
      phone_hash text,
      category text not null,
      joined_on date,
      full_on date,
      party_post text,
      business_post text,
      created_at timestamptz not null default now(),
      primary key (batch_id, seq)
    )`.execute(db);
  await sql`
    update member_org_history h set from_on = (m.created_at at time zone 'Asia/Shanghai')::date
    from member m
    where m.id = h.member_id and h.reason = '名册导入' and h.from_on = m.joined_on
      and h.from_on < (m.created_at at time zone 'Asia/Shanghai')::date
      and h.to_on is null`.execute(db);
}
