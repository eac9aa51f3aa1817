import { type Kysely, sql } from 'kysely';

// The responsibility system (责任体系, ADR 23). Tenant tables follow ADR 20: keys (unit_id, id), foreign keys
// (unit_id, x_id) → (unit_id, id), only the primary key leads with unit_id on referenced tables, a plain index on
// id for rows addressed by id alone.
//
// People (owners, approvers, raters, handover parties) are member ids WITHOUT foreign keys: a member who transfers
// to another organ takes their own rows along (ADR 20's cascade), and a duty must not follow them out — it stays,
// and the coverage view flags it as "owner has left" for someone to hand over. Accounts are local (another class):
// rows name the account id and keep the name shown at the time.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Reference: a work committee's standard list template, one row per published version; items as JSON with keys
  // that stay the same across versions, so an organ sees what changed.
  await sql`
    create table responsibility_template (
      id uuid primary key default gen_random_uuid(),
      work_committee_unit_id uuid not null references unit(id),
      version integer not null check (version >= 1),
      title text not null,
      change_note text,
      items jsonb not null,
      published_by_name text not null,
      published_at timestamptz not null default now(),
      unique (work_committee_unit_id, version)
    )`.execute(db);

  // Reference: a work committee's annual work points (工作要点), read by every organ below it.
  await sql`
    create table work_point (
      id uuid primary key default gen_random_uuid(),
      work_committee_unit_id uuid not null references unit(id),
      year integer not null check (year between 2000 and 2099),
      seq integer not null,
      domain text not null check (domain in ('party', 'business', 'fusion')),
      category text not null,
      title text not null,
      detail text,
      weight numeric(6, 2) not null default 1 check (weight > 0),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (work_committee_unit_id, year, seq)
    )`.execute(db);

  await sql`
    create table responsibility_list (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      year integer not null check (year between 2000 and 2099),
      level text not null check (level in ('principal', 'direct', 'implementing')),
      party_org_id uuid not null,
      holder_member_id uuid,
      title text not null,
      template_id uuid references responsibility_template(id),
      status text not null default 'draft' check (status in ('draft', 'published')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index responsibility_list_id_idx on responsibility_list (id)`.execute(db);
  await sql`
    create unique index responsibility_list_holder_key on responsibility_list
      (unit_id, year, level, party_org_id, coalesce(holder_member_id, '00000000-0000-0000-0000-000000000000'::uuid))`.execute(
    db,
  );

  await sql`
    create table responsibility_item (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      list_id uuid not null,
      parent_item_id uuid,
      work_point_id uuid references work_point(id),
      template_key text,
      issued boolean not null default false,
      seq integer not null default 0,
      domain text not null check (domain in ('party', 'business', 'fusion')),
      category text not null,
      title text not null,
      detail text,
      weight numeric(6, 2) not null default 1 check (weight > 0),
      owner_org_id uuid not null,
      owner_member_id uuid,
      deadline date,
      recurrence text not null default 'none'
        check (recurrence in ('none', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
      record_kind text,
      effective_from date not null,
      status text not null default 'active' check (status in ('active', 'closed')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, list_id) references responsibility_list(unit_id, id) on delete cascade,
      foreign key (unit_id, parent_item_id) references responsibility_item(unit_id, id),
      foreign key (unit_id, owner_org_id) references party_org(unit_id, id) on update cascade,
      check (record_kind is null or recurrence <> 'none'),
      check (recurrence <> 'none' or deadline is not null)
    )`.execute(db);
  await sql`create index responsibility_item_id_idx on responsibility_item (id)`.execute(db);
  await sql`create index responsibility_item_list_idx on responsibility_item (unit_id, list_id, seq)`.execute(
    db,
  );
  await sql`create index responsibility_item_parent_idx on responsibility_item (unit_id, parent_item_id)`.execute(
    db,
  );
  await sql`create index responsibility_item_owner_idx on responsibility_item (unit_id, owner_member_id)`.execute(
    db,
  );
  await sql`create index responsibility_item_org_idx on responsibility_item (unit_id, owner_org_id)`.execute(
    db,
  );
  await sql`create index responsibility_item_work_point_idx on responsibility_item (work_point_id)`.execute(
    db,
  );

  // One row per item and period (a one-off item has one period, 'once', ending on its deadline). Made when the item
  // is entered (for the periods its effective date reaches) and by the daily job at period boundaries.
  await sql`
    create table responsibility_period (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      item_id uuid not null,
      period_key text not null,
      starts_on date not null,
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done', 'exempt')),
      progress integer not null default 0 check (progress between 0 and 100),
      done_on date,
      fulfilled_by_kind text,
      fulfilled_by_id text,
      fulfilled_by_title text,
      exemption_id uuid,
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, item_id, period_key),
      foreign key (unit_id, item_id) references responsibility_item(unit_id, id) on delete cascade,
      check (status <> 'done' or done_on is not null)
    )`.execute(db);
  await sql`create index responsibility_period_id_idx on responsibility_period (id)`.execute(db);
  await sql`create index responsibility_period_due_idx on responsibility_period (unit_id, status, due_on)`.execute(
    db,
  );

  await sql`
    create table progress_report (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      item_id uuid not null,
      period_id uuid,
      reported_on date not null,
      progress integer not null check (progress between 0 and 100),
      done boolean not null default false,
      note text not null,
      links jsonb not null default '[]',
      reported_by_user_id uuid not null,
      reported_by_name text not null,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, item_id) references responsibility_item(unit_id, id) on delete cascade,
      foreign key (unit_id, period_id) references responsibility_period(unit_id, id) on delete cascade
    )`.execute(db);
  await sql`create index progress_report_id_idx on progress_report (id)`.execute(db);
  await sql`create index progress_report_item_idx on progress_report (unit_id, item_id, created_at)`.execute(
    db,
  );
  await sql`create index progress_report_period_idx on progress_report (unit_id, period_id)`.execute(db);

  // Evidence files are kept in the database, so that every app instance serves them (ADR 23).
  await sql`
    create table evidence_file (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      report_id uuid not null,
      file_name text not null,
      media_type text not null,
      size integer not null check (size > 0),
      content bytea not null,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, report_id) references progress_report(unit_id, id) on delete cascade
    )`.execute(db);
  await sql`create index evidence_file_id_idx on evidence_file (id)`.execute(db);
  await sql`create index evidence_file_report_idx on evidence_file (unit_id, report_id)`.execute(db);

  await sql`
    create table responsibility_exemption (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      item_id uuid not null,
      starts_on date not null,
      expires_on date not null,
      reason text not null,
      approver_member_id uuid not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      requested_by_name text not null,
      decided_by_name text,
      decided_at timestamptz,
      decision_note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, item_id) references responsibility_item(unit_id, id) on delete cascade,
      check (expires_on >= starts_on)
    )`.execute(db);
  await sql`create index responsibility_exemption_id_idx on responsibility_exemption (id)`.execute(db);
  await sql`create index responsibility_exemption_item_idx on responsibility_exemption (unit_id, item_id)`.execute(
    db,
  );
  await sql`create index responsibility_exemption_approver_idx on responsibility_exemption (unit_id, approver_member_id, status)`.execute(
    db,
  );

  // 党组成员联系支部 (kind 'point': a leader and a branch) and 支部联络员 (kind 'officer': a member named by a branch).
  await sql`
    create table liaison (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('point', 'officer')),
      member_id uuid not null,
      branch_org_id uuid not null,
      since date not null,
      until date,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, branch_org_id) references party_org(unit_id, id) on update cascade,
      check (until is null or until >= since)
    )`.execute(db);
  await sql`create index liaison_id_idx on liaison (id)`.execute(db);
  await sql`create index liaison_branch_idx on liaison (unit_id, branch_org_id)`.execute(db);
  await sql`create index liaison_member_idx on liaison (unit_id, member_id)`.execute(db);

  // 述职评议: a secretary's year-end report on one list, and its raters' grades.
  await sql`
    create table report_appraisal (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      list_id uuid not null,
      year integer not null,
      author_member_id uuid not null,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'appraised')),
      summary text not null default '',
      body jsonb not null,
      submitted_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, list_id),
      foreign key (unit_id, list_id) references responsibility_list(unit_id, id) on delete cascade
    )`.execute(db);
  await sql`create index report_appraisal_id_idx on report_appraisal (id)`.execute(db);
  await sql`
    create table report_rating (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      report_id uuid not null,
      rater_member_id uuid not null,
      grade text check (grade in ('good', 'fair', 'average', 'poor')),
      comment text,
      rated_at timestamptz,
      primary key (unit_id, id),
      unique (unit_id, report_id, rater_member_id),
      foreign key (unit_id, report_id) references report_appraisal(unit_id, id) on delete cascade
    )`.execute(db);
  await sql`create index report_rating_id_idx on report_rating (id)`.execute(db);
  await sql`create index report_rating_rater_idx on report_rating (unit_id, rater_member_id)`.execute(db);

  // 五责交接 (kind 'handover': for good) and delegation during leave (kind 'delegation': within a window).
  await sql`
    create table handover (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('handover', 'delegation')),
      from_member_id uuid not null,
      to_member_id uuid not null,
      post text not null,
      reason text not null,
      starts_on date not null,
      ends_on date,
      status text not null default 'draft' check (status in ('draft', 'completed', 'cancelled')),
      created_by_name text not null,
      created_at timestamptz not null default now(),
      completed_at timestamptz,
      version integer not null default 1,
      primary key (unit_id, id),
      check (from_member_id <> to_member_id),
      check (kind = 'delegation' or ends_on is null),
      check (kind = 'handover' or ends_on is not null),
      check (ends_on is null or ends_on >= starts_on)
    )`.execute(db);
  await sql`create index handover_id_idx on handover (id)`.execute(db);
  await sql`create index handover_members_idx on handover (unit_id, to_member_id, kind, status)`.execute(db);
  await sql`create index handover_from_idx on handover (unit_id, from_member_id, kind, status)`.execute(db);
  await sql`
    create table handover_entry (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      handover_id uuid not null,
      entry_kind text not null,
      entry_id text not null,
      label text not null,
      acknowledged_at timestamptz,
      primary key (unit_id, id),
      unique (unit_id, handover_id, entry_kind, entry_id),
      foreign key (unit_id, handover_id) references handover(unit_id, id) on delete cascade
    )`.execute(db);
  await sql`create index handover_entry_id_idx on handover_entry (id)`.execute(db);
}
