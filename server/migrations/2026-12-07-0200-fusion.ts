import { type Kysely, sql } from 'kysely';

// Fusion projects (issue 11): the business's pain points (需求清单), what Party members and partners can bring
// (资源清单), the officer's decisions on suggested pairs, and the projects that join them (项目清单) with their team,
// milestones, business KPIs, stage history and the branch records linked as their activity. Every table is an organ's
// data (ADR 20): unit_id leads every key. Outside organisations (a community, a village, an enterprise) are kept per
// organ as partner organisations; they have no accounts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partner_org (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      kind text not null check (kind in ('community', 'village', 'enterprise', 'institution', 'social_org', 'other')),
      contact text,
      address text,
      note text,
      status text not null default 'active' check (status in ('active', 'archived')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id)
    )`.execute(db);
  await sql`create unique index partner_org_name on partner_org (unit_id, name)`.execute(db);
  await sql`create index partner_org_id_idx on partner_org (id)`.execute(db);

  await sql`
    create table fusion_need (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      department_id uuid not null,
      title text not null check (length(title) between 1 and 100),
      problem text not null,
      kpi_name text,
      urgency text not null check (urgency in ('normal', 'urgent', 'critical')),
      raised_by text not null,
      raised_on date not null,
      tags text[] not null default '{}',
      status text not null default 'open' check (status in ('open', 'in_project', 'closed')),
      closed_on date,
      closed_reason text,
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, department_id) references department(unit_id, id) on update cascade,
      check ((status = 'closed') = (closed_on is not null))
    )`.execute(db);
  await sql`create index fusion_need_id_idx on fusion_need (id)`.execute(db);
  await sql`create index fusion_need_status_idx on fusion_need (unit_id, status, raised_on)`.execute(db);
  await sql`create index fusion_need_department_idx on fusion_need (unit_id, department_id)`.execute(db);

  await sql`
    create table fusion_resource (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      kind text not null check (kind in ('skill', 'certificate', 'pioneer_post', 'task_force', 'partner')),
      title text not null check (length(title) between 1 and 100),
      description text,
      member_id uuid,
      partner_org_id uuid,
      tags text[] not null default '{}',
      capacity integer not null default 1 check (capacity between 1 and 20),
      status text not null default 'active' check (status in ('active', 'retired')),
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade,
      foreign key (unit_id, member_id) references member(unit_id, id) on update cascade,
      foreign key (unit_id, partner_org_id) references partner_org(unit_id, id) on update cascade,
      check (kind <> 'partner' or partner_org_id is not null)
    )`.execute(db);
  await sql`create index fusion_resource_id_idx on fusion_resource (id)`.execute(db);
  await sql`create index fusion_resource_org_idx on fusion_resource (unit_id, party_org_id, status)`.execute(
    db,
  );
  await sql`create index fusion_resource_member_idx on fusion_resource (unit_id, member_id) where member_id is not null`.execute(
    db,
  );

  // An officer's decision on a pair. A declined pair keeps the facts it was declined on: it is offered again only
  // when those facts have changed (a new department link, new shared keywords, freed capacity, a changed need).
  await sql`
    create table fusion_match_decision (
      unit_id uuid not null references unit(id),
      need_id uuid not null,
      resource_id uuid not null,
      decision text not null check (decision in ('declined', 'accepted')),
      facts jsonb not null,
      reason text,
      decided_by_user_id uuid,
      decided_by_name text,
      decided_at timestamptz not null default now(),
      primary key (unit_id, need_id, resource_id),
      foreign key (unit_id, need_id) references fusion_need(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, resource_id) references fusion_resource(unit_id, id) on delete cascade on update cascade
    )`.execute(db);
  await sql`create index fusion_match_decision_resource_idx on fusion_match_decision (unit_id, resource_id)`.execute(
    db,
  );

  await sql`
    create table fusion_project (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      need_id uuid,
      title text not null check (length(title) between 1 and 100),
      goal text,
      department_id uuid,
      lead_org_id uuid not null,
      team_kind text not null check (team_kind in ('tackle_team', 'shock_team', 'pioneer_post')),
      stage text not null default 'proposal'
        check (stage in ('proposal', 'approved', 'in_progress', 'accepted', 'terminated')),
      owner_member_id uuid not null,
      starts_on date,
      due_on date,
      approved_on date,
      started_on date,
      accepted_on date,
      outcome text,
      acceptance_note text,
      terminated_on date,
      termination_reason text,
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, need_id) references fusion_need(unit_id, id) on update cascade,
      foreign key (unit_id, department_id) references department(unit_id, id) on update cascade,
      foreign key (unit_id, lead_org_id) references party_org(unit_id, id) on update cascade,
      foreign key (unit_id, owner_member_id) references member(unit_id, id) on update cascade,
      check (stage <> 'accepted' or (accepted_on is not null and outcome is not null)),
      check (stage <> 'terminated' or (terminated_on is not null and termination_reason is not null))
    )`.execute(db);
  await sql`create index fusion_project_id_idx on fusion_project (id)`.execute(db);
  await sql`create index fusion_project_stage_idx on fusion_project (unit_id, stage)`.execute(db);
  await sql`create index fusion_project_lead_idx on fusion_project (unit_id, lead_org_id)`.execute(db);
  await sql`create index fusion_project_owner_idx on fusion_project (unit_id, owner_member_id)`.execute(db);
  await sql`create index fusion_project_need_idx on fusion_project (unit_id, need_id) where need_id is not null`.execute(
    db,
  );

  // Who moved the project from which stage to which, when, and why: the lifecycle's own history.
  await sql`
    create table fusion_project_event (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      project_id uuid not null,
      from_stage text,
      to_stage text not null,
      happened_on date not null,
      note text,
      by_user_id uuid,
      by_name text,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade
    )`.execute(db);
  await sql`create index fusion_project_event_id_idx on fusion_project_event (id)`.execute(db);
  await sql`create index fusion_project_event_project_idx on fusion_project_event (unit_id, project_id, created_at)`.execute(
    db,
  );

  await sql`
    create table fusion_project_resource (
      unit_id uuid not null,
      project_id uuid not null,
      resource_id uuid not null,
      primary key (unit_id, project_id, resource_id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, resource_id) references fusion_resource(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index fusion_project_resource_idx on fusion_project_resource (unit_id, resource_id)`.execute(
    db,
  );

  // The team: members of one or several branches, each with a role. party_org_id is the member's branch when they
  // joined, so a team drawn from several branches shows (and counts) each.
  await sql`
    create table fusion_project_member (
      unit_id uuid not null,
      project_id uuid not null,
      member_id uuid not null,
      role text not null check (role in ('leader', 'deputy', 'member', 'adviser')),
      party_org_id uuid not null,
      primary key (unit_id, project_id, member_id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, member_id) references member(unit_id, id) on update cascade,
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index fusion_project_member_idx on fusion_project_member (unit_id, member_id)`.execute(db);

  // The organisations holding the project jointly beside the lead branch (联学联建联创): other Party organisations of
  // the organ, and partner organisations. It counts for each participating Party organisation.
  await sql`
    create table fusion_project_party (
      unit_id uuid not null,
      project_id uuid not null,
      party_org_id uuid not null,
      primary key (unit_id, project_id, party_org_id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index fusion_project_party_org_idx on fusion_project_party (unit_id, party_org_id)`.execute(
    db,
  );
  await sql`
    create table fusion_project_partner (
      unit_id uuid not null,
      project_id uuid not null,
      partner_org_id uuid not null,
      primary key (unit_id, project_id, partner_org_id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, partner_org_id) references partner_org(unit_id, id) on update cascade
    )`.execute(db);

  await sql`
    create table fusion_milestone (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      project_id uuid not null,
      title text not null check (length(title) between 1 and 100),
      owner_member_id uuid not null,
      due_on date not null,
      done_on date,
      note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, owner_member_id) references member(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index fusion_milestone_id_idx on fusion_milestone (id)`.execute(db);
  await sql`create index fusion_milestone_project_idx on fusion_milestone (unit_id, project_id, due_on)`.execute(
    db,
  );
  await sql`create index fusion_milestone_owner_idx on fusion_milestone (unit_id, owner_member_id, due_on) where done_on is null`.execute(
    db,
  );

  // A business KPI the project moves: its baseline when the project began, the target, and the result measured at
  // acceptance. Whether it was met is derived from the direction, never stored.
  await sql`
    create table fusion_kpi (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      project_id uuid not null,
      name text not null check (length(name) between 1 and 100),
      measure_unit text,
      direction text not null check (direction in ('increase', 'decrease')),
      baseline numeric not null,
      target numeric not null,
      result numeric,
      measured_on date,
      note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade,
      check ((result is null) = (measured_on is null)),
      check ((direction = 'increase' and target > baseline) or (direction = 'decrease' and target < baseline))
    )`.execute(db);
  await sql`create index fusion_kpi_id_idx on fusion_kpi (id)`.execute(db);
  await sql`create index fusion_kpi_project_idx on fusion_kpi (unit_id, project_id)`.execute(db);

  // Branch records linked as the project's activity: entered once in the branch module, counted here too. The key
  // refers to the record, so deleting the record unlinks it.
  await sql`
    create table fusion_project_record (
      unit_id uuid not null,
      project_id uuid not null,
      record_id uuid not null,
      linked_by_user_id uuid,
      linked_at timestamptz not null default now(),
      primary key (unit_id, project_id, record_id),
      foreign key (unit_id, project_id) references fusion_project(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, record_id) references branch_record(unit_id, id) on delete cascade on update cascade
    )`.execute(db);
  await sql`create index fusion_project_record_idx on fusion_project_record (unit_id, record_id)`.execute(db);
}
