import { type Kysely, sql } from 'kysely';

// Foundation schema: organs, the Party organisation tree, the business department tree and their links, members
// with their history, accounts, sessions, role assignments scoped to the tree, and the hash-chained audit trail.
// Frozen once committed: later changes are new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of splitStatements(SCHEMA)) await sql.raw(statement).execute(db);
}

const SCHEMA = `
create table unit (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  root_party_org_id uuid,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table party_org (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid references unit(id) on delete restrict,
  parent_id uuid references party_org(id) on delete restrict deferrable initially immediate,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('work_committee','organ_committee','sub_committee','general_branch','branch','cell')),
  path text not null unique,
  depth integer not null,
  is_temporary boolean not null default false,
  temp_start_on date,
  temp_end_on date,
  founded_on date,
  status text not null default 'active' check (status in ('active','closed')),
  closed_on date,
  close_reason text,
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint party_org_temporary_dates check (not is_temporary or temp_start_on is not null),
  constraint party_org_temporary_order check (temp_end_on is null or temp_start_on is null or temp_end_on >= temp_start_on),
  constraint party_org_closed_on check ((status = 'closed') = (closed_on is not null))
);
create index party_org_parent_idx on party_org (parent_id);
create index party_org_path_idx on party_org (path text_pattern_ops);
create index party_org_unit_idx on party_org (unit_id);
create index party_org_kind_idx on party_org (kind);
alter table unit add constraint unit_root_party_org_fk foreign key (root_party_org_id) references party_org(id) on delete restrict deferrable initially immediate;

create table party_org_event (
  id uuid primary key default gen_random_uuid(),
  party_org_id uuid not null references party_org(id) on delete cascade,
  kind text not null check (kind in ('created','renamed','moved','updated','closed','reopened')),
  details jsonb not null default '{}'::jsonb,
  actor_user_id uuid,
  at timestamptz not null default now()
);
create index party_org_event_org_idx on party_org_event (party_org_id, at);

create table department (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references unit(id) on delete restrict,
  parent_id uuid references department(id) on delete restrict deferrable initially immediate,
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('division','section')),
  path text not null unique,
  status text not null default 'active' check (status in ('active','closed')),
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index department_parent_idx on department (parent_id);
create index department_unit_idx on department (unit_id);
create index department_path_idx on department (path text_pattern_ops);

create table branch_department (
  party_org_id uuid not null references party_org(id) on delete cascade,
  department_id uuid not null references department(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (party_org_id, department_id)
);
create index branch_department_department_idx on branch_department (department_id);

create table member (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid references unit(id) on delete restrict,
  party_org_id uuid not null references party_org(id) on delete restrict,
  department_id uuid references department(id) on delete set null,
  name text not null,
  gender text not null check (gender in ('male','female')),
  birth_date date,
  ethnicity text,
  education text,
  id_number_cipher text not null,
  id_number_hash text not null unique,
  id_number_masked text not null,
  phone_cipher text,
  phone_masked text,
  category text not null check (category in ('full','probationary')),
  joined_on date,
  full_on date,
  party_post text check (party_post in ('secretary','deputy_secretary','committee_member')),
  business_post text,
  status text not null default 'active' check (status in ('active','left')),
  left_on date,
  left_reason text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index member_party_org_idx on member (party_org_id);
create index member_department_idx on member (department_id);
create index member_unit_idx on member (unit_id);
create index member_name_idx on member (name);

create table member_org_history (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null references member(id) on delete cascade,
  party_org_id uuid not null references party_org(id) on delete restrict,
  from_on date not null,
  to_on date,
  reason text,
  created_at timestamptz not null default now()
);
create index member_org_history_member_idx on member_org_history (member_id, from_on);
create index member_org_history_org_idx on member_org_history (party_org_id);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,31}$'),
  display_name text not null,
  password_hash text not null,
  must_change_password boolean not null default true,
  password_changed_at timestamptz,
  member_id uuid references member(id) on delete set null,
  status text not null default 'active' check (status in ('active','disabled')),
  lockout_cleared_at timestamptz,
  last_login_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table password_history (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user(id) on delete cascade,
  password_hash text not null,
  created_at timestamptz not null default now()
);
create index password_history_user_idx on password_history (user_id, created_at);

create table role_assignment (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user(id) on delete cascade,
  role text not null check (role in (
    'system_admin','security_admin','audit_admin',
    'work_committee_officer','organ_committee_officer','leading_group_member',
    'branch_secretary','branch_committee_member','member','supervisor')),
  party_org_id uuid references party_org(id) on delete restrict,
  created_at timestamptz not null default now(),
  constraint role_assignment_scope check (
    (role in ('system_admin','security_admin','audit_admin')) = (party_org_id is null))
);
create unique index role_assignment_unique_idx on role_assignment (user_id, role, coalesce(party_org_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index role_assignment_org_idx on role_assignment (party_org_id);

create table user_session (
  id_hash text primary key,
  user_id uuid not null references app_user(id) on delete cascade,
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index user_session_user_idx on user_session (user_id);

create table login_attempt (
  id bigint generated by default as identity primary key,
  username text not null,
  ip text not null,
  success boolean not null,
  at timestamptz not null default now()
);
create index login_attempt_username_idx on login_attempt (username, at);
create index login_attempt_ip_idx on login_attempt (ip, at);

create table audit_log (
  seq bigint generated by default as identity primary key,
  at timestamptz not null,
  actor_user_id uuid,
  actor_username text,
  ip text,
  action text not null,
  entity_type text,
  entity_id text,
  before jsonb,
  after jsonb,
  details jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_at_idx on audit_log (at);
create index audit_log_actor_idx on audit_log (actor_user_id, at);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

-- The trail is append-only at the database level too: an UPDATE, DELETE or TRUNCATE is refused whoever sends it.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
`;

/** Splits a script on semicolons outside quotes and $$-bodies (drivers take one statement per prepared query). */
function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let inQuote = false;
  let inDollar = false;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (!inQuote && script.startsWith('$$', i)) {
      inDollar = !inDollar;
      current += '$$';
      i++;
      continue;
    }
    if (!inDollar && ch === "'") inQuote = !inQuote;
    if (ch === ';' && !inQuote && !inDollar) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
