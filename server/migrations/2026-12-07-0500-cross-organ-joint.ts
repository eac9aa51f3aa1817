import { type Kysely, sql } from 'kysely';

// Joint building across organs (issue 11 point 4): a branch record or a fusion project held with a Party organisation
// of another organ under the same work committee counts for that organisation. The guest's row lives in the guest
// organ's partition (unit_id = the guest organ), so the guest's obligations and lists read their own partition and
// then fetch the host's rows by their full key (host_unit_id, id): two router queries on a distributed database,
// never a join across organs. A tenant table names another organ's row by id only, without a foreign key (ADR 20);
// the host removes its guests' rows when the record or project goes.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of [
    ['branch_record_guest', 'record_id'],
    ['fusion_project_guest', 'project_id'],
  ] as const) {
    await sql`
      create table ${sql.table(table)} (
        unit_id uuid not null,
        party_org_id uuid not null,
        host_unit_id uuid not null references unit(id),
        ${sql.ref(column)} uuid not null,
        created_at timestamptz not null default now(),
        primary key (unit_id, party_org_id, host_unit_id, ${sql.ref(column)}),
        foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade,
        check (host_unit_id <> unit_id)
      )`.execute(db);
    await sql`create index ${sql.raw(`${table}_host_idx`)} on ${sql.table(table)} (host_unit_id, ${sql.ref(column)})`.execute(
      db,
    );
  }
}
