import { type Kysely, sql } from 'kysely';

// Results that are used (issue 12 points 5 and 7): an owner unit's grade scale per cycle level, and the officer's
// calibrations of a cycle's scores.
//
// A scale is the owner's (the organ's, or the work committee's for its organs): its steps as one JSON list (always
// read and written whole, validated by the pure gradeIssues) and the quota on the top grade. It is kept with the owner
// unit, like the cycles that read it.
//
// A calibration is kept with the subject's organ, beside the subject's result (assessment_result's key), and names
// the subject without a foreign key: a subject is a Party organisation today, a member in the member cycles.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment_grade_scale (
      unit_id uuid not null references unit(id),
      level text not null check (level in ('branch', 'organ', 'member')),
      steps jsonb not null,
      top_quota numeric(5, 2) check (top_quota > 0 and top_quota <= 100),
      version integer not null default 1,
      updated_by_name text,
      updated_at timestamptz not null default now(),
      primary key (unit_id, level)
    )`.execute(db);

  await sql`
    create table assessment_calibration (
      unit_id uuid not null references unit(id),
      cycle_id uuid not null references assessment_cycle(id) on delete cascade,
      subject_id uuid not null,
      score numeric(6, 2) not null check (score between 0 and 120),
      from_score numeric,
      reason text not null check (length(btrim(reason)) between 1 and 500),
      set_by uuid,
      set_by_name text,
      set_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (unit_id, cycle_id, subject_id)
    )`.execute(db);
  // A work committee's cycle ranks organs across partitions: its calibrations are found by the cycle.
  await sql`create index assessment_calibration_cycle_idx on assessment_calibration (cycle_id)`.execute(db);
}
