import { type Kysely, sql } from 'kysely';

// Branch work records (支部工作记录, issue 10): 三会一课, 主题党日, 组织生活会, 民主评议党员, 谈心谈话, 学用融 — entered
// once and counted many times (responsibility obligations, the ledger, assessment evidence). Tenant tables (ADR 20):
// keys (unit_id, id), foreign keys (unit_id, x_id) → (unit_id, id), a plain index on id for rows addressed by id.
//
// People (host, recorder, attendees, graded members) are member ids without foreign keys, as in responsibility: a
// member who leaves or transfers must not take the branch's history with them — the record stays as it was held.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table branch_record (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      kind text not null check (kind in ('general_meeting', 'committee_meeting', 'cell_meeting', 'party_lecture',
        'theme_day', 'org_life_meeting', 'member_appraisal', 'talk', 'study')),
      status text not null default 'held' check (status in ('planned', 'held')),
      planned_on date,
      held_on date,
      place text,
      host_member_id uuid,
      recorder_member_id uuid,
      topic text not null,
      content text,
      resolutions text,
      parts jsonb,
      studied text,
      applied_to text,
      outcome text,
      duration_minutes integer check (duration_minutes between 1 and 1440),
      counts jsonb not null default '{}'::jsonb,
      source text not null default 'entry' check (source in ('entry', 'import', 'demo')),
      client_key uuid,
      version integer not null default 1,
      created_by_user_id uuid,
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade,
      check (status = 'planned' or held_on is not null),
      check (planned_on is not null or held_on is not null)
    )`.execute(db);
  await sql`create index branch_record_id_idx on branch_record (id)`.execute(db);
  await sql`create index branch_record_org_idx on branch_record (unit_id, party_org_id, coalesce(held_on, planned_on))`.execute(
    db,
  );
  await sql`create index branch_record_kind_idx on branch_record (unit_id, kind, coalesce(held_on, planned_on))`.execute(
    db,
  );
  // A device that sends its draft twice (the connection dropped after the server saved it) gets the same record.
  await sql`create unique index branch_record_client_key on branch_record (unit_id, client_key) where client_key is not null`.execute(
    db,
  );

  // Attendance: who was expected (the roster on the day), who came, who was excused and why.
  await sql`
    create table branch_record_attendee (
      unit_id uuid not null,
      record_id uuid not null,
      member_id uuid not null,
      attendance text not null check (attendance in ('present', 'excused', 'absent')),
      reason text,
      expected boolean not null default true,
      primary key (unit_id, record_id, member_id),
      foreign key (unit_id, record_id) references branch_record(unit_id, id) on delete cascade on update cascade
    )`.execute(db);
  await sql`create index branch_record_attendee_member_idx on branch_record_attendee (unit_id, member_id)`.execute(
    db,
  );

  // 民主评议党员: one grade per member per appraisal.
  await sql`
    create table member_grade (
      unit_id uuid not null,
      record_id uuid not null,
      member_id uuid not null,
      grade text not null check (grade in ('excellent', 'qualified', 'basically_qualified', 'unqualified')),
      note text,
      primary key (unit_id, record_id, member_id),
      foreign key (unit_id, record_id) references branch_record(unit_id, id) on delete cascade on update cascade
    )`.execute(db);
  await sql`create index member_grade_member_idx on member_grade (unit_id, member_id)`.execute(db);

  // A temporary organisation's members: drawn from their home branches, which they keep, for the organisation's dates.
  await sql`
    create table temporary_membership (
      unit_id uuid not null,
      party_org_id uuid not null,
      member_id uuid not null,
      from_on date not null,
      to_on date,
      created_at timestamptz not null default now(),
      primary key (unit_id, party_org_id, member_id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade,
      check (to_on is null or to_on >= from_on)
    )`.execute(db);
  await sql`create index temporary_membership_member_idx on temporary_membership (unit_id, member_id)`.execute(
    db,
  );

  // The organ's settings for branch work: the fixed day of the month for 主题党日 (e.g. the 9th).
  await sql`
    create table branch_setting (
      unit_id uuid not null references unit(id),
      theme_day_of_month integer not null default 9 check (theme_day_of_month between 1 and 28),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (unit_id)
    )`.execute(db);
}
