import { type Kysely, sql } from 'kysely';

// Quarterly bulletins (issue 12 point 6): the organ's, one row per bulletin of a cycle. A draft keeps only what the
// officer writes (title, summary, a note per lowest subject); its rankings are read live from the results. Publishing
// writes the whole content into `snapshot`, and from then on the row is frozen by the trigger below: only the share
// key (revoke, renew) may change, and the row may not be deleted — so no recompute, edit or slip of a service can
// alter what was published.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment_bulletin (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      cycle_id uuid not null references assessment_cycle(id),
      title text not null check (length(title) between 1 and 100),
      status text not null default 'draft' check (status in ('draft', 'published')),
      summary text not null default '',
      notes jsonb not null default '{}'::jsonb,
      snapshot jsonb,
      published_at timestamptz,
      published_by_name text,
      share_key text,
      version integer not null default 1,
      created_by_name text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      unique (unit_id, share_key),
      check ((status = 'published') = (snapshot is not null and published_at is not null)),
      check (share_key is null or status = 'published')
    )`.execute(db);
  await sql`create index assessment_bulletin_id_idx on assessment_bulletin (id)`.execute(db);
  // One bulletin per cycle: a published one is never replaced, only read beside the next period's.
  await sql`create unique index assessment_bulletin_cycle_idx on assessment_bulletin (unit_id, cycle_id)`.execute(
    db,
  );
  // A share link names only its key: found without knowing the organ, then checked against the reader's organ.
  await sql`create index assessment_bulletin_share_idx on assessment_bulletin (share_key) where share_key is not null`.execute(
    db,
  );
  await sql`
    create function assessment_bulletin_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status = 'published' then
          raise exception 'assessment_bulletin % is published and cannot be deleted', old.id;
        end if;
        return old;
      end if;
      if old.status = 'published' and
         (to_jsonb(new) - 'share_key' - 'updated_at') is distinct from (to_jsonb(old) - 'share_key' - 'updated_at') then
        raise exception 'assessment_bulletin % is published and frozen', old.id;
      end if;
      return new;
    end;
    $$`.execute(db);
  await sql`
    create trigger assessment_bulletin_frozen before update or delete on assessment_bulletin
      for each row execute function assessment_bulletin_frozen()`.execute(db);
}
