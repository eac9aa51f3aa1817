import { type Kysely, sql } from 'kysely';

// The member's semi-annual 述评 dossier (issue 12 point 4). The organ's (tenant): one row per member and half-year,
// kept with the organ the member belonged to when it was assembled — a member who transfers later leaves their signed
// dossier where it was signed, so the member id carries no foreign key. `sections` is the assembled dossier: a draft's
// is refreshed by the next assembly, a signed one is frozen by the trigger below (the sections, the 评语, the grade
// and the signature never change once signed; only showing it to the member may follow), and it is never deleted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table performance_review (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      member_id uuid not null,
      half_year text not null check (half_year ~ '^[0-9]{4}-H[12]$'),
      party_org_id uuid not null,
      member_name text not null,
      branch_name text not null,
      department_name text,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'signed', 'shown')),
      sections jsonb not null,
      assembled_at timestamptz not null default now(),
      statement text check (length(statement) <= 500),
      comment text check (length(comment) <= 1000),
      grade text check (length(grade) <= 40),
      signed_by_user_id uuid,
      signed_by_name text,
      signed_at timestamptz,
      shown_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, member_id, half_year),
      check ((status in ('signed', 'shown')) = (signed_at is not null)),
      check (status <> 'shown' or shown_at is not null)
    )`.execute(db);
  // Dossiers are addressed by id alone (a route's /:id); the branch's half-year lists them.
  await sql`create index performance_review_id_idx on performance_review (id)`.execute(db);
  // The member's own dossiers are found by the account's member record, in whichever organ they were signed.
  await sql`create index performance_review_member_idx on performance_review (member_id)`.execute(db);
  await sql`create index performance_review_branch_idx on performance_review (unit_id, party_org_id, half_year)`.execute(
    db,
  );
  await sql`
    create function performance_review_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status in ('signed', 'shown') then
          raise exception 'performance_review % is signed and cannot be deleted', old.id;
        end if;
        return old;
      end if;
      if old.status in ('signed', 'shown') and
         (to_jsonb(new) - 'status' - 'shown_at' - 'version' - 'updated_at')
           is distinct from (to_jsonb(old) - 'status' - 'shown_at' - 'version' - 'updated_at') then
        raise exception 'performance_review % is signed and frozen', old.id;
      end if;
      return new;
    end;
    $$`.execute(db);
  await sql`
    create trigger performance_review_frozen before update or delete on performance_review
      for each row execute function performance_review_frozen()`.execute(db);
}
