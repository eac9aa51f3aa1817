import { type Kysely, sql } from 'kysely';

// Branch brands (一支部一品牌, issue 11 point 5) with the six haves (六有) each backed by evidence and an annual review
// by the organ committee; and typical cases (典型案例, point 6) written from a project or a brand, reviewed and
// published to the organ's showcase, and selected by the work committee for all its organs. The mark, documents
// and photos are attachments (owner kinds fusion.brand and fusion.case); evidence refers to records and projects by
// id. Every table is an organ's data (ADR 20).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table brand (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      name text not null check (length(name) between 1 and 50),
      concept text,
      service_standards text,
      creation_measures text,
      effect text,
      mark_attachment_id uuid,
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  // One brand per branch (一支部一品牌).
  await sql`create unique index brand_org on brand (unit_id, party_org_id)`.execute(db);
  await sql`create index brand_id_idx on brand (id)`.execute(db);

  await sql`
    create table brand_evidence (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      brand_id uuid not null,
      element text not null check (element in ('name', 'concept', 'standards', 'measures', 'effect')),
      kind text not null check (kind in ('record', 'project', 'document', 'satisfaction')),
      ref_id uuid,
      note text,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, brand_id) references brand(unit_id, id) on delete cascade on update cascade,
      check ((kind = 'satisfaction') = (ref_id is null)),
      check (kind <> 'satisfaction' or note is not null)
    )`.execute(db);
  await sql`create index brand_evidence_id_idx on brand_evidence (id)`.execute(db);
  await sql`create index brand_evidence_brand_idx on brand_evidence (unit_id, brand_id)`.execute(db);

  // The annual review: a score per element against the rubric, the status it gives, and for a brand that fails a
  // rectification deadline. Every review is kept (the history of revisions); the latest decides the brand's status.
  await sql`
    create table brand_review (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      brand_id uuid not null,
      year integer not null check (year between 2000 and 2099),
      scores jsonb not null,
      total integer not null check (total between 0 and 100),
      status text not null check (status in ('cultivating', 'qualified', 'exemplary', 'rectifying')),
      comment text,
      rectify_by date,
      reviewed_on date not null,
      reviewed_by_user_id uuid,
      reviewed_by_name text,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, brand_id) references brand(unit_id, id) on delete cascade on update cascade,
      check ((status = 'rectifying') = (rectify_by is not null))
    )`.execute(db);
  await sql`create index brand_review_id_idx on brand_review (id)`.execute(db);
  await sql`create index brand_review_brand_idx on brand_review (unit_id, brand_id, created_at)`.execute(db);

  await sql`
    create table showcase_case (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      project_id uuid,
      brand_id uuid,
      title text not null check (length(title) between 1 and 100),
      problem text not null,
      actions text not null,
      result text not null,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'published', 'returned')),
      return_note text,
      published_on date,
      committee_selected boolean not null default false,
      selected_on date,
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade,
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on update cascade,
      foreign key (unit_id, brand_id) references brand(unit_id, id) on update cascade,
      check (project_id is not null or brand_id is not null),
      check ((status = 'published') = (published_on is not null)),
      check (not committee_selected or status = 'published')
    )`.execute(db);
  await sql`create index showcase_case_id_idx on showcase_case (id)`.execute(db);
  await sql`create index showcase_case_status_idx on showcase_case (unit_id, status)`.execute(db);
  // The work committee's showcase reads the selected cases of every organ.
  await sql`create index showcase_case_selected_idx on showcase_case (unit_id, selected_on) where committee_selected`.execute(
    db,
  );
}
