import { type Kysely, sql } from 'kysely';

// Assessment (issue 12, ADR 29). Indicator systems and cycles are reference data: a work committee's or an organ's,
// a few rows each, read by the organs below. A system's edition keeps its indicator tree as one JSON document (the
// designer saves the tree whole; a published edition never changes, a new edition is derived). Results are the
// organ's: one row per subject and cycle with the leaf values it was scored from (the scores and their explanation
// are recomputed from them by the pure engine), and the totals the rankings sort by.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table indicator_system (
      id uuid primary key default gen_random_uuid(),
      owner_unit_id uuid not null references unit(id),
      family_id uuid not null,
      edition integer not null check (edition >= 1),
      name text not null check (length(name) between 1 and 100),
      subject text not null check (subject in ('org', 'member')),
      status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
      normalise boolean not null default false,
      party_weight numeric(5, 2) check (party_weight between 0 and 100),
      tree jsonb not null,
      note text,
      derived_from_id uuid references indicator_system(id),
      locked_at timestamptz,
      published_at timestamptz,
      published_by_name text,
      version integer not null default 1,
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (family_id, edition),
      check ((status = 'draft') = (published_at is null))
    )`.execute(db);
  await sql`create index indicator_system_owner_idx on indicator_system (owner_unit_id, family_id, edition)`.execute(
    db,
  );

  await sql`
    create table assessment_cycle (
      id uuid primary key default gen_random_uuid(),
      owner_unit_id uuid not null references unit(id),
      system_id uuid not null references indicator_system(id),
      level text not null check (level in ('branch', 'organ')),
      period_kind text not null check (period_kind in ('month', 'quarter', 'half', 'year')),
      period_key text not null,
      starts_on date not null,
      ends_on date not null,
      name text not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      computed_at timestamptz,
      version integer not null default 1,
      created_by_name text,
      created_at timestamptz not null default now(),
      unique (owner_unit_id, system_id, level, period_kind, period_key),
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index assessment_cycle_owner_idx on assessment_cycle (owner_unit_id, starts_on)`.execute(
    db,
  );

  await sql`
    create table assessment_result (
      unit_id uuid not null,
      cycle_id uuid not null references assessment_cycle(id) on delete cascade,
      subject_id uuid not null,
      total numeric,
      band_low numeric,
      band_high numeric,
      party_score numeric,
      business_score numeric,
      fusion_score numeric,
      leaf_values jsonb not null,
      computed_at timestamptz not null default now(),
      primary key (unit_id, cycle_id, subject_id),
      foreign key (unit_id, subject_id) references party_org(unit_id, id) on update cascade,
      check ((band_low is null) = (band_high is null))
    )`.execute(db);
  // A work committee's cycle ranks organs across partitions: its rows are found by the cycle.
  await sql`create index assessment_result_cycle_idx on assessment_result (cycle_id)`.execute(db);
}
