import { type Kysely, sql } from 'kysely';

// The tenant-key rule (ADR 20), first step: what can follow the rule without changing what the product does.
// - Foreign keys between classes that a distributed PostgreSQL refuses are dropped: tenant → account
//   (correction_request's requester and resolver, import_mapping's last editor: accounts are disabled, never
//   deleted, so these only ever pointed at existing rows) and account → tenant (an account's member, a role's
//   organisation: members and organisations are closed or marked as left, never deleted; the services check that
//   they exist before linking them).
// - party_org and department get unique (unit_id, id), the target of foreign keys that carry the organ.
// - branch_department carries unit_id (its department's), keyed (unit_id, party_org_id, department_id), with
//   foreign keys (unit_id, party_org_id) and (unit_id, department_id): a branch and the department it serves are in
//   one organ, now a constraint rather than only a check in the service.
// - import_mapping is keyed (unit_id, id) (nothing refers to it; look-ups are by (unit_id, kind)).
// The next steps (a unit for the work committee's own tier, then the organ in every tenant key) are in ADR 20.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, constraint] of [
    ['correction_request', 'correction_request_requested_by_user_id_fkey'],
    ['correction_request', 'correction_request_resolved_by_user_id_fkey'],
    ['import_mapping', 'import_mapping_updated_by_fkey'],
    ['app_user', 'app_user_member_id_fkey'],
    ['role_assignment', 'role_assignment_party_org_id_fkey'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
  }
  await sql`alter table party_org add constraint party_org_unit_id_id_key unique (unit_id, id)`.execute(db);
  await sql`alter table department add constraint department_unit_id_id_key unique (unit_id, id)`.execute(db);

  await sql`alter table branch_department add column unit_id uuid`.execute(db);
  await sql`
    update branch_department b set unit_id = d.unit_id from department d where d.id = b.department_id`.execute(
    db,
  );
  // A link across organs (or from an organisation of no organ) was never allowed by the service; if one exists, the
  // upgrade stops here and says which, rather than dropping it silently.
  // Aliases without underscores: the application's Kysely instance camel-cases result columns.
  const crossing = await sql<{ org: string; dept: string }>`
    select p.code || '（' || p.name || '）' as org, d.code || '（' || d.name || '）' as dept
    from branch_department b join party_org p on p.id = b.party_org_id join department d on d.id = b.department_id
    where p.unit_id is distinct from b.unit_id order by p.code, d.code limit 5`.execute(db);
  if (crossing.rows.length > 0) {
    throw new Error(
      `党组织与业务部门的关联跨了单位，升级已停止，请先在“组织架构”中改正这些关联：${crossing.rows
        .map((r) => `${r.org} ↔ ${r.dept}`)
        .join('；')}`,
    );
  }
  await sql`alter table branch_department alter column unit_id set not null`.execute(db);
  await sql`alter table branch_department drop constraint branch_department_pkey`.execute(db);
  await sql`alter table branch_department drop constraint branch_department_party_org_id_fkey`.execute(db);
  await sql`alter table branch_department drop constraint branch_department_department_id_fkey`.execute(db);
  await sql`alter table branch_department add primary key (unit_id, party_org_id, department_id)`.execute(db);
  await sql`
    alter table branch_department add constraint branch_department_party_org_fkey
    foreign key (unit_id, party_org_id) references party_org (unit_id, id) on delete cascade`.execute(db);
  await sql`
    alter table branch_department add constraint branch_department_department_fkey
    foreign key (unit_id, department_id) references department (unit_id, id) on delete cascade`.execute(db);
  await sql`alter table import_mapping drop constraint import_mapping_pkey`.execute(db);
  await sql`alter table import_mapping add primary key (unit_id, id)`.execute(db);
  await sql`drop index branch_department_department_idx`.execute(db);
  await sql`create index branch_department_department_idx on branch_department (unit_id, department_id)`.execute(
    db,
  );
}
