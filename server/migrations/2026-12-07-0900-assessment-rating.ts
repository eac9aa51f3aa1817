import { type Kysely, sql } from 'kysely';

// Rated indicators (issue 12 point 2): a cycle's rating round, its raters by group and their answers. All three are
// the organ's that runs the cycle (the work committee's unit for a cycle of organs): the raters and what they said
// are that organiser's working data, and keeping them together lets an answer reference its rater within one organ.
// A rater names an account without a foreign key: accounts are local (table-classes.ts), the round is tenant data.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment_rating_round (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      cycle_id uuid not null references assessment_cycle(id) on delete cascade,
      leaf_keys jsonb not null,
      weight_superior numeric(5, 2) not null check (weight_superior between 0 and 100),
      weight_peer numeric(5, 2) not null check (weight_peer between 0 and 100),
      weight_public numeric(5, 2) not null check (weight_public between 0 and 100),
      min_raters integer not null check (min_raters between 1 and 100),
      anonymous boolean not null default true,
      opens_on date not null,
      closes_on date not null,
      status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
      version integer not null default 1,
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, cycle_id),
      check (closes_on >= opens_on)
    )`.execute(db);
  // Rounds are addressed by id alone (a route's /:id).
  await sql`create index assessment_rating_round_id_idx on assessment_rating_round (id)`.execute(db);

  await sql`
    create table assessment_rater (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      round_id uuid not null,
      user_id uuid not null,
      display_name text not null,
      rater_group text not null check (rater_group in ('superior', 'peer', 'public')),
      subject_ids jsonb not null,
      submitted_at timestamptz,
      reminded_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, round_id, user_id),
      foreign key (unit_id, round_id) references assessment_rating_round(unit_id, id) on delete cascade
    )`.execute(db);
  // Raters are addressed by id alone (a rater's form), and "my ratings to give" finds them by account across organs.
  await sql`create index assessment_rater_id_idx on assessment_rater (id)`.execute(db);
  await sql`create index assessment_rater_user_idx on assessment_rater (user_id)`.execute(db);

  await sql`
    create table assessment_rating_answer (
      unit_id uuid not null,
      rater_id uuid not null,
      subject_id uuid not null,
      leaf_key text not null,
      score numeric(5, 2) not null check (score between 0 and 100),
      choice text check (choice in ('good', 'fair', 'average', 'poor')),
      comment text check (length(comment) <= 500),
      updated_at timestamptz not null default now(),
      primary key (unit_id, rater_id, subject_id, leaf_key),
      foreign key (unit_id, rater_id) references assessment_rater(unit_id, id) on delete cascade
    )`.execute(db);
  // Values are read per subject across the round's raters.
  await sql`create index assessment_rating_answer_subject_idx on assessment_rating_answer (unit_id, subject_id, leaf_key)`.execute(
    db,
  );
}
