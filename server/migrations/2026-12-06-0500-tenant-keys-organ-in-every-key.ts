import { type Kysely, sql } from 'kysely';

// The tenant-key rule (ADR 20), step 3: the organ in every key of an organ's data.
// - Primary keys (unit_id, id) on party_org, department, member, party_org_event, member_org_history,
//   correction_request; paths unique per organ.
// - Foreign keys between them carry the organ: (unit_id, x_id) → (unit_id, id). A member's history and correction
//   requests follow the member when the member changes organ, and a member follows its organisation when an import
//   names the organisation's organ (on update cascade). Two links cross organs by nature and keep no foreign key: an
//   organisation's parent (an organ's root hangs under the work committee's tier) and the organisation a history
//   row names (a member may have served in another organ). Organisations are closed, never deleted; the tree
//   service keeps parents and paths consistent.
// - What must stay unique across organs moves to registries kept on the coordinator (local tables), written by
//   statement triggers in the same transaction, so that a duplicate still fails the write with a unique violation:
//   member_identity (one 身份证号, one member, nationwide) and org_code (an organisation's or a department's code,
//   unique in the deployment, as imports name them).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Registries -------------------------------------------------------------------------------------------------
  await sql`
    create table member_identity (
      id_number_hash text primary key,
      unit_id uuid not null,
      member_id uuid not null
    )`.execute(db);
  await sql`
    insert into member_identity (id_number_hash, unit_id, member_id)
    select id_number_hash, unit_id, id from member`.execute(db);
  await sql`
    create table org_code (
      kind text not null check (kind in ('party_org', 'department')),
      code text not null,
      unit_id uuid not null,
      id uuid not null,
      primary key (kind, code)
    )`.execute(db);
  await sql`
    insert into org_code (kind, code, unit_id, id)
    select 'party_org', code, unit_id, id from party_org
    union all select 'department', code, unit_id, id from department`.execute(db);

  // One function per registry; each trigger works on the whole statement's rows (transition tables), so a
  // set-based import costs one registry statement, not one per row.
  await sql`
    create function member_identity_sync() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        delete from member_identity r using old_rows o
        where r.id_number_hash = o.id_number_hash and r.member_id = o.id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into member_identity (id_number_hash, unit_id, member_id)
        select id_number_hash, unit_id, id from new_rows;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger member_identity_insert after insert on member
    referencing new table as new_rows for each statement execute function member_identity_sync()`.execute(db);
  await sql`
    create trigger member_identity_update after update on member
    referencing old table as old_rows new table as new_rows
    for each statement execute function member_identity_sync()`.execute(db);
  await sql`
    create trigger member_identity_delete after delete on member
    referencing old table as old_rows for each statement execute function member_identity_sync()`.execute(db);

  await sql`
    create function org_code_sync() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        delete from org_code r using old_rows o where r.kind = tg_argv[0] and r.code = o.code and r.id = o.id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into org_code (kind, code, unit_id, id) select tg_argv[0], code, unit_id, id from new_rows;
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ['party_org', 'department']) {
    const t = sql.table(table);
    const name = (op: string) => sql.raw(`${table}_code_${op}`);
    const kind = sql.raw(`'${table}'`);
    await sql`
      create trigger ${name('insert')} after insert on ${t}
      referencing new table as new_rows for each statement execute function org_code_sync(${kind})`.execute(
      db,
    );
    await sql`
      create trigger ${name('update')} after update on ${t}
      referencing old table as old_rows new table as new_rows
      for each statement execute function org_code_sync(${kind})`.execute(db);
    await sql`
      create trigger ${name('delete')} after delete on ${t}
      referencing old table as old_rows for each statement execute function org_code_sync(${kind})`.execute(
      db,
    );
  }

  // Keys -------------------------------------------------------------------------------------------------------
  // Every foreign key into these tables goes first (they name the old keys), then the keys are rebuilt.
  for (const [table, constraint] of [
    ['member', 'member_party_org_id_fkey'],
    ['member', 'member_department_id_fkey'],
    ['member_org_history', 'member_org_history_member_id_fkey'],
    ['member_org_history', 'member_org_history_party_org_id_fkey'],
    ['correction_request', 'correction_request_member_id_fkey'],
    ['party_org', 'party_org_parent_id_fkey'],
    ['party_org_event', 'party_org_event_party_org_id_fkey'],
    ['department', 'department_parent_id_fkey'],
    ['branch_department', 'branch_department_party_org_fkey'],
    ['branch_department', 'branch_department_department_fkey'],
    ['party_org', 'party_org_unit_id_id_key'],
    ['department', 'department_unit_id_id_key'],
    ['party_org', 'party_org_code_key'],
    ['party_org', 'party_org_path_key'],
    ['department', 'department_code_key'],
    ['department', 'department_path_key'],
    ['member', 'member_id_number_hash_key'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
  }
  for (const table of [
    'party_org',
    'department',
    'member',
    'party_org_event',
    'member_org_history',
    'correction_request',
  ]) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add primary key (unit_id, id)`.execute(db);
  }
  await sql`alter table party_org add constraint party_org_path_key unique (unit_id, path)`.execute(db);
  await sql`alter table department add constraint department_path_key unique (unit_id, path)`.execute(db);
  await sql`alter table department add constraint department_code_key unique (unit_id, code)`.execute(db);
  await sql`alter table member add constraint member_id_number_hash_key unique (unit_id, id_number_hash)`.execute(
    db,
  );
  // Look-ups by code and by number across organs go through the registries; these keep single-organ look-ups fast.
  await sql`create index party_org_code_idx on party_org (code)`.execute(db);
  await sql`create index member_id_number_hash_idx on member (id_number_hash)`.execute(db);

  await sql`
    alter table member add constraint member_party_org_fkey foreign key (unit_id, party_org_id)
    references party_org (unit_id, id) on delete restrict on update cascade`.execute(db);
  await sql`
    alter table member add constraint member_department_fkey foreign key (unit_id, department_id)
    references department (unit_id, id) on delete set null (department_id)`.execute(db);
  await sql`
    alter table member_org_history add constraint member_org_history_member_fkey foreign key (unit_id, member_id)
    references member (unit_id, id) on delete cascade on update cascade`.execute(db);
  await sql`
    alter table correction_request add constraint correction_request_member_fkey foreign key (unit_id, member_id)
    references member (unit_id, id) on delete cascade on update cascade`.execute(db);
  await sql`
    alter table party_org_event add constraint party_org_event_party_org_fkey foreign key (unit_id, party_org_id)
    references party_org (unit_id, id) on delete cascade on update cascade`.execute(db);
  await sql`
    alter table department add constraint department_parent_fkey foreign key (unit_id, parent_id)
    references department (unit_id, id) on delete restrict deferrable initially immediate`.execute(db);
  await sql`
    alter table branch_department add constraint branch_department_party_org_fkey
    foreign key (unit_id, party_org_id) references party_org (unit_id, id) on delete cascade`.execute(db);
  await sql`
    alter table branch_department add constraint branch_department_department_fkey
    foreign key (unit_id, department_id) references department (unit_id, id) on delete cascade`.execute(db);
}
