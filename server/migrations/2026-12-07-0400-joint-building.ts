import { type Kysely, sql } from 'kysely';

// Joint building (联学联建联创, issue 11 point 4). A branch record held jointly names the other Party organisations of
// the organ that held it with the host (it counts for each of them) and the partner organisations that took part.
// Pairings (结对共建) are relationships of a Party organisation with a partner organisation, or with a Party
// organisation of another organ under the same work committee, with a start, an end, an agreement and their own
// history. The other organ's organisation is named by id without a foreign key: a tenant table refers across organs
// only by id (ADR 20).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table branch_record_joint (
      unit_id uuid not null,
      record_id uuid not null,
      party_org_id uuid not null,
      primary key (unit_id, record_id, party_org_id),
      foreign key (unit_id, record_id) references branch_record(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index branch_record_joint_org_idx on branch_record_joint (unit_id, party_org_id)`.execute(
    db,
  );
  await sql`
    create table branch_record_partner (
      unit_id uuid not null,
      record_id uuid not null,
      partner_org_id uuid not null,
      primary key (unit_id, record_id, partner_org_id),
      foreign key (unit_id, record_id) references branch_record(unit_id, id) on delete cascade on update cascade,
      foreign key (unit_id, partner_org_id) references partner_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index branch_record_partner_idx on branch_record_partner (unit_id, partner_org_id)`.execute(
    db,
  );

  await sql`
    create table pairing (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      partner_org_id uuid,
      counterpart_unit_id uuid,
      counterpart_org_id uuid,
      title text not null check (length(title) between 1 and 100),
      agreement text,
      starts_on date not null,
      ends_on date not null,
      ended_on date,
      end_reason text,
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade,
      foreign key (unit_id, partner_org_id) references partner_org(unit_id, id) on update cascade,
      check ((partner_org_id is null) <> (counterpart_org_id is null)),
      check ((counterpart_org_id is null) = (counterpart_unit_id is null)),
      check (ends_on >= starts_on),
      check ((ended_on is null) = (end_reason is null))
    )`.execute(db);
  await sql`create index pairing_id_idx on pairing (id)`.execute(db);
  await sql`create index pairing_org_idx on pairing (unit_id, party_org_id)`.execute(db);
  await sql`create index pairing_partner_idx on pairing (unit_id, partner_org_id) where partner_org_id is not null`.execute(
    db,
  );
  await sql`
    create table pairing_event (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      pairing_id uuid not null,
      kind text not null check (kind in ('created', 'updated', 'renewed', 'ended')),
      happened_on date not null,
      note text,
      by_name text,
      created_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, pairing_id) references pairing(unit_id, id) on delete cascade on update cascade
    )`.execute(db);
  await sql`create index pairing_event_id_idx on pairing_event (id)`.execute(db);
  await sql`create index pairing_event_pairing_idx on pairing_event (unit_id, pairing_id, created_at)`.execute(
    db,
  );
}
