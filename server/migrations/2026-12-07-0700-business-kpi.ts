import { type Kysely, sql } from 'kysely';

// Business KPIs (issue 12 point 2, "imported"): what the business systems already hold enters once, from a file or
// pushed over the API, and feeds the imported leaves of indicator systems. The catalogue, the values, and the saved
// import mappings are the organ's (tenant). Push tokens are looked up by their hash before anyone knows the organ —
// like sessions — so they stay local (on the coordinator) with a globally unique hash.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table business_kpi (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
      name text not null check (length(name) between 1 and 60),
      measure_unit text not null check (length(measure_unit) between 1 and 10),
      period_rollup text not null check (period_rollup in ('sum', 'mean', 'last')),
      dept_combine text not null check (dept_combine in ('sum', 'mean')),
      note text,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, code)
    )`.execute(db);

  await sql`
    create table business_kpi_value (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      department_id uuid not null,
      kpi_code text not null,
      period_key text not null,
      period_from date not null,
      period_to date not null,
      value numeric not null,
      source text not null check (source in ('import', 'push')),
      import_batch_id uuid,
      push_token_id uuid,
      recorded_by_name text not null,
      recorded_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (unit_id, id),
      unique (unit_id, department_id, kpi_code, period_key),
      foreign key (unit_id, department_id) references department(unit_id, id),
      foreign key (unit_id, kpi_code) references business_kpi(unit_id, code) on update cascade,
      check ((source = 'import') = (import_batch_id is not null)),
      check ((source = 'push') = (push_token_id is not null)),
      check (period_to >= period_from)
    )`.execute(db);
  // The leaves read one organ's values of a few codes inside a window.
  await sql`create index business_kpi_value_code_idx on business_kpi_value (unit_id, kpi_code, period_from)`.execute(
    db,
  );

  await sql`
    create table business_kpi_mapping (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      name text not null check (length(name) between 1 and 40),
      columns jsonb not null,
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, name)
    )`.execute(db);

  // Records are also found by their id alone (a route's :id), before the organ is known.
  for (const table of ['business_kpi', 'business_kpi_value', 'business_kpi_mapping'])
    await sql`create index ${sql.raw(`${table}_id_idx`)} on ${sql.table(table)} (id)`.execute(db);

  await sql`
    create table kpi_push_token (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references unit(id),
      system_name text not null check (length(system_name) between 1 and 40),
      token_hash text not null unique,
      token_hint text not null,
      created_by_name text,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by_name text
    )`.execute(db);
  await sql`create index kpi_push_token_unit_idx on kpi_push_token (unit_id, created_at)`.execute(db);
}
