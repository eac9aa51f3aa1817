import { type Kysely, sql } from 'kysely';

// The organisations to evaluate again (issue 13 point 6, ADR 31 addendum): a change the assessment hears of (a
// record written, a project's KPI measured …) marks the organisations it concerns here, in the changer's
// transaction; a job every minute evaluates the marked ones and their organ's root, and takes the marks away in the
// same transaction. A request never waits for an evaluation.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table warning_dirty (
      unit_id uuid not null references unit(id),
      party_org_id uuid not null,
      marked_at timestamptz not null default now(),
      primary key (unit_id, party_org_id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade on delete cascade
    )`.execute(db);
}
