import { type Kysely, sql } from 'kysely';

// Results that are used (issue 12 point 7, ADR 29 addendum "follow-ups"). A cycle's rule (a score below which a
// subject is followed up, and the days given), the follow-ups opened for results below it, and — in the
// responsibility module — the mark that makes a duty a 限期整改 item with the reason it was opened.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The rule is the cycle's, kept with the unit that runs it (the work committee's unit for a cycle of organs).
  await sql`
    create table assessment_follow_up_rule (
      unit_id uuid not null references unit(id),
      cycle_id uuid not null references assessment_cycle(id) on delete cascade,
      threshold numeric(5, 2) not null check (threshold between 0 and 100),
      deadline_days integer not null check (deadline_days between 1 and 365),
      kind text not null,
      version integer not null default 1,
      updated_by_name text,
      updated_at timestamptz not null default now(),
      primary key (unit_id, cycle_id)
    )`.execute(db);
  // Rules are found by their cycle (a route's /cycles/:id).
  await sql`create index assessment_follow_up_rule_cycle_idx on assessment_follow_up_rule (cycle_id)`.execute(
    db,
  );

  // One follow-up per result, kept with the subject's organ like the result itself: the key makes opening happen
  // once and only once, whoever retries or opens at the same moment. ref is empty only inside the transaction that
  // claims the row and asks the kind to open it.
  await sql`
    create table assessment_follow_up (
      unit_id uuid not null,
      cycle_id uuid not null references assessment_cycle(id) on delete cascade,
      subject_id uuid not null,
      kind text not null,
      ref text,
      title text not null default '',
      deadline date not null,
      href text,
      score numeric not null,
      threshold numeric not null,
      opened_by_name text,
      opened_at timestamptz not null default now(),
      primary key (unit_id, cycle_id, subject_id),
      foreign key (unit_id, subject_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  // A work committee's cycle follows up organs across partitions: its rows are found by the cycle.
  await sql`create index assessment_follow_up_cycle_idx on assessment_follow_up (cycle_id)`.execute(db);

  // A duty opened as 限期整改: why (the result and the rule, in words) and where it came from (the result's page).
  // The duty itself is an ordinary one-off item, so it is owned, reminded and closed like every other.
  await sql`
    create table responsibility_rectification (
      unit_id uuid not null,
      item_id uuid not null,
      source text not null,
      reason text not null,
      source_href text,
      created_at timestamptz not null default now(),
      primary key (unit_id, item_id),
      foreign key (unit_id, item_id) references responsibility_item(unit_id, id) on delete cascade
    )`.execute(db);
}
