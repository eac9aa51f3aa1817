import { type Kysely, sql } from 'kysely';

// 党费 and 发展党员 (issue 10 point 4). Tenant tables (ADR 20): keys (unit_id, id), foreign keys carry the organ.
//
// Dues rows follow their member (on update cascade), as the member's organisation history does: the months due are
// read from that history, so a member who changes organ takes both along and the two stay in step. A base's income
// is personal data, stored encrypted like ID numbers (ADR 7: AES-256-GCM under the key outside the database); the
// monthly amount it gives is what the branch collects, kept in clear. Money is integer fen. Months are the date of
// their first day.
//
// A person in the development register is not a member: their ID number is stored as members' are (cipher, keyed
// hash, mask). The register follows its branch (on update cascade). Introducers and the member record made later are
// member ids without foreign keys: a member may move to another organ, and the register must not follow them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dues_base (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      member_id uuid not null,
      effective_from date not null check (extract(day from effective_from) = 1),
      category text not null check (category in ('serving', 'retired', 'no_income')),
      income_cipher text,
      rate_bp integer not null check (rate_bp between 0 and 200),
      monthly_fen integer not null check (monthly_fen >= 0),
      note text,
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, member_id, effective_from),
      foreign key (unit_id, member_id) references member(unit_id, id) on update cascade,
      check ((category = 'no_income') = (income_cipher is null))
    )`.execute(db);
  await sql`create index dues_base_id_idx on dues_base (id)`.execute(db);

  await sql`
    create table dues_payment (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      member_id uuid not null,
      paid_on date not null,
      amount_fen integer not null check (amount_fen > 0),
      source text not null default 'entry' check (source in ('entry', 'import')),
      note text,
      status text not null default 'valid' check (status in ('valid', 'voided')),
      void_reason text,
      recorded_by_user_id uuid,
      recorded_by_name text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, member_id) references member(unit_id, id) on update cascade,
      check (status <> 'voided' or void_reason is not null)
    )`.execute(db);
  await sql`create index dues_payment_id_idx on dues_payment (id)`.execute(db);
  await sql`create index dues_payment_member_idx on dues_payment (unit_id, member_id, paid_on)`.execute(db);

  // How one payment spreads over the months it covers (its parts add up to its amount).
  await sql`
    create table dues_payment_month (
      unit_id uuid not null,
      payment_id uuid not null,
      month date not null check (extract(day from month) = 1),
      amount_fen integer not null check (amount_fen >= 0),
      primary key (unit_id, payment_id, month),
      foreign key (unit_id, payment_id) references dues_payment(unit_id, id) on update cascade on delete cascade
    )`.execute(db);

  await sql`
    create table development_person (
      unit_id uuid not null,
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      name text not null,
      gender text not null check (gender in ('male', 'female')),
      birth_date date not null,
      id_number_cipher text not null,
      id_number_hash text not null,
      id_number_masked text not null,
      stage text not null check (stage in ('applicant', 'activist', 'candidate', 'probationary', 'full')),
      applied_on date not null,
      activist_on date,
      candidate_on date,
      probationary_on date,
      full_on date,
      introducer1_member_id uuid,
      introducer2_member_id uuid,
      member_id uuid,
      notes text,
      version integer not null default 1,
      created_by_user_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (id_number_hash, unit_id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index development_person_id_idx on development_person (id)`.execute(db);
  await sql`create index development_person_org_idx on development_person (unit_id, party_org_id, stage)`.execute(
    db,
  );
  // The daily reminder reads the probationary members of every organ.
  await sql`
    create index development_person_probation_idx on development_person (probationary_on)
      where full_on is null and probationary_on is not null`.execute(db);
}
