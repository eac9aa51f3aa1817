import { type Kysely, sql } from 'kysely';

// Member cycles (issue 12 points 4 and 5): an organ assesses its members for a period with an edition whose subject
// is `member`, and ranks them within their branch. Results of members live in the same table as those of
// organisations (one cycle, one kind of subject): the table loses its foreign key to party_org, and gains the group
// a subject is ranked within (the member's branch when the cycle was computed; null for organisations, which are
// ranked across the cycle). A result stays with the cycle's organ when its subject later moves: it is the record of
// that assessment, not a property of the member.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assessment_cycle drop constraint assessment_cycle_level_check`.execute(db);
  await sql`
    alter table assessment_cycle add constraint assessment_cycle_level_check
      check (level in ('branch', 'organ', 'member'))`.execute(db);
  await sql`alter table assessment_result drop constraint assessment_result_unit_id_subject_id_fkey`.execute(
    db,
  );
  await sql`alter table assessment_result add column group_id uuid`.execute(db);
}
