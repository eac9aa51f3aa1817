import { type Kysely, sql } from 'kysely';

// The tenant-key rule (ADR 20), step 2: every organisation, member, event and history row belongs to an organ.
// - The work committee's own tier (机关工委, its branches, organisations created under it before an import names
//   their organ) belonged to no unit. It now belongs to the deployment's one unit of kind 'work_committee' (code
//   '__work_committee__'), which lists, imports and the UI treat as "no organ of its own" (it is not an organ to rank
//   or to pick).
// - party_org, member and correction_request: unit_id NOT NULL (a member's and a request's are their
//   organisation's and their member's).
// - party_org_event and member_org_history carry the organ of their organisation and of their member, with an index
//   that leads with it.
// - unit.root_party_org_id keeps its value without a foreign key: a replicated table may not refer to an organ's data.
export const WORK_COMMITTEE_UNIT_CODE = '__work_committee__';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table unit add column kind text not null default 'organ' check (kind in ('organ', 'work_committee'))`.execute(
    db,
  );
  await sql`create unique index unit_one_work_committee_idx on unit (kind) where kind = 'work_committee'`.execute(
    db,
  );
  // Created only where some organisation needs it; otherwise the application creates it when one does (a database
  // without it stays empty, and a restore needs an empty database).
  await sql`
    insert into unit (code, name, kind)
    select ${WORK_COMMITTEE_UNIT_CODE}, '机关工委本级', 'work_committee'
    where exists (select 1 from party_org where unit_id is null)`.execute(db);
  const wc = sql`(select id from unit where kind = 'work_committee')`;
  await sql`update party_org set unit_id = ${wc} where unit_id is null`.execute(db);
  await sql`
    update member m set unit_id = p.unit_id from party_org p
    where p.id = m.party_org_id and m.unit_id is null`.execute(db);
  await sql`
    update correction_request c set unit_id = m.unit_id from member m
    where m.id = c.member_id and c.unit_id is null`.execute(db);
  for (const table of ['party_org', 'member', 'correction_request']) {
    await sql`alter table ${sql.table(table)} alter column unit_id set not null`.execute(db);
  }

  await sql`alter table party_org_event add column unit_id uuid`.execute(db);
  await sql`
    update party_org_event e set unit_id = p.unit_id from party_org p where p.id = e.party_org_id`.execute(
    db,
  );
  await sql`alter table party_org_event alter column unit_id set not null`.execute(db);
  await sql`create index party_org_event_unit_idx on party_org_event (unit_id, party_org_id, at)`.execute(db);

  await sql`alter table member_org_history add column unit_id uuid`.execute(db);
  await sql`
    update member_org_history h set unit_id = m.unit_id from member m where m.id = h.member_id`.execute(db);
  await sql`alter table member_org_history alter column unit_id set not null`.execute(db);
  await sql`create index member_org_history_unit_idx on member_org_history (unit_id, member_id, from_on)`.execute(
    db,
  );

  await sql`alter table unit drop constraint unit_root_party_org_fk`.execute(db);
}
