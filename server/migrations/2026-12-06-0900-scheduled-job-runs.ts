import { type Kysely, sql } from 'kysely';

// Scheduled jobs (core/jobs.ts): one row per job and due time. The instance whose insert creates the row runs the
// job; every other instance's insert meets the key and does nothing — exactly once per due time, on one server with
// many instances as on the embedded database. A run whose instance died is taken over after its lease.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table job_run (
      job text not null,
      due_at timestamptz not null,
      status text not null check (status in ('running', 'done', 'failed')),
      instance text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      attempts integer not null default 1,
      outcome text,
      primary key (job, due_at)
    )`.execute(db);
}
