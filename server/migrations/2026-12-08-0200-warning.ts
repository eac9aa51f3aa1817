import { type Kysely, sql } from 'kysely';

// The fusion index (融合度) and graded early warning (预警, issue 13, ADR 31).
//
// - fusion_index_formula (reference): a work committee's formula of the index, versioned like indicator systems —
//   a published edition never changes; a change is a new edition. Read by every organ below it.
// - warning_config (reference): a work committee's rules (thresholds, grace, deadlines) and escalation ladder.
// - fusion_index_value (tenant): an organisation's index for a quarter, with its parts as they were computed.
// - warning, warning_event (tenant): one warning per organisation and rule while it is not cleared (the partial
//   unique index), and every change of it — raised, level, step, answer, exception, cleared — as its history.
// - warning_exception (tenant): an approved exception that suppresses one rule for one organisation until a date.
// - warning_level, warning_level_change (tenant): each organisation's current level (the worst of its open
//   warnings) and every change of it, with the reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table fusion_index_formula (
      id uuid primary key default gen_random_uuid(),
      owner_unit_id uuid not null references unit(id),
      family_id uuid not null,
      edition integer not null check (edition >= 1),
      name text not null check (length(name) between 1 and 60),
      status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
      parts jsonb not null,
      note text,
      published_at timestamptz,
      published_by_name text,
      version integer not null default 1,
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (family_id, edition),
      check ((status = 'draft') = (published_at is null))
    )`.execute(db);
  await sql`create index fusion_index_formula_owner_idx on fusion_index_formula (owner_unit_id, status)`.execute(
    db,
  );

  await sql`
    create table warning_config (
      owner_unit_id uuid primary key references unit(id),
      rules jsonb not null,
      ladder jsonb not null,
      version integer not null default 1,
      updated_by_name text,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table fusion_index_value (
      unit_id uuid not null references unit(id),
      party_org_id uuid not null,
      period_key text not null check (period_key ~ '^[0-9]{4}-Q[1-4]$'),
      formula_id uuid not null references fusion_index_formula(id),
      value numeric,
      parts jsonb not null,
      computed_at timestamptz not null default now(),
      primary key (unit_id, party_org_id, period_key),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index fusion_index_value_period_idx on fusion_index_value (unit_id, period_key)`.execute(
    db,
  );

  await sql`
    create table warning (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      kind text not null check (kind in ('index_below', 'score_below', 'index_falling', 'party_business_gap',
        'obligations_missed', 'duties_overdue', 'no_activity', 'rectification_overdue')),
      level text not null check (level in ('yellow', 'orange', 'red')),
      status text not null check (status in ('pending', 'open', 'excepted', 'cleared')),
      rule_text text not null,
      data_text text not null,
      returns jsonb not null default '[]',
      first_seen_on date not null,
      raised_on date,
      deadline date,
      cleared_on date,
      step integer not null default 0 check (step >= 0),
      step_at timestamptz,
      answer_kind text check (answer_kind in ('note', 'plan', 'rectification')),
      answer_note text,
      answer_plan_due date,
      answer_href text,
      answered_by_name text,
      answered_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade,
      check ((status = 'cleared') = (cleared_on is not null)),
      check ((answer_kind is null) = (answered_at is null))
    )`.execute(db);
  await sql`
    create unique index warning_active_idx on warning (unit_id, party_org_id, kind) where status <> 'cleared'`.execute(
    db,
  );
  await sql`create index warning_status_idx on warning (unit_id, status, party_org_id)`.execute(db);
  // Looked up by id alone (a link in a notification): ADR 20's rule for such tenant tables.
  await sql`create index warning_id_idx on warning (id)`.execute(db);

  await sql`
    create table warning_event (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      warning_id uuid not null,
      -- Events of one evaluation share their time: the order they were written in is the order they happened.
      seq bigint generated by default as identity,
      at timestamptz not null default now(),
      kind text not null check (kind in ('seen', 'raised', 'level', 'escalated', 'answered', 'plan_lapsed',
        'excepted', 'resumed', 'cleared')),
      level text check (level in ('yellow', 'orange', 'red')),
      step integer,
      text text not null,
      actor_name text,
      primary key (unit_id, id),
      foreign key (unit_id, warning_id) references warning(unit_id, id) on delete cascade
    )`.execute(db);
  await sql`create index warning_event_id_idx on warning_event (id)`.execute(db);
  await sql`create index warning_event_warning_idx on warning_event (unit_id, warning_id, seq)`.execute(db);

  await sql`
    create table warning_exception (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      kind text not null,
      reason text not null check (length(reason) between 2 and 500),
      until date not null,
      by_name text,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by_name text,
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index warning_exception_id_idx on warning_exception (id)`.execute(db);
  await sql`create index warning_exception_org_idx on warning_exception (unit_id, party_org_id, kind)`.execute(
    db,
  );

  await sql`
    create table warning_level (
      unit_id uuid not null references unit(id),
      party_org_id uuid not null,
      level text not null check (level in ('green', 'yellow', 'orange', 'red')),
      since timestamptz not null default now(),
      evaluated_at timestamptz not null default now(),
      primary key (unit_id, party_org_id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);

  await sql`
    create table warning_level_change (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      at timestamptz not null default now(),
      from_level text not null,
      to_level text not null,
      reason text not null,
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index warning_level_change_id_idx on warning_level_change (id)`.execute(db);
  await sql`
    create index warning_level_change_org_idx on warning_level_change (unit_id, party_org_id, at)`.execute(
    db,
  );
}
