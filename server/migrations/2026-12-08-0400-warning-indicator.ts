import { type Kysely, sql } from 'kysely';

// A rule on chosen indicators (issue 13 point 2, ADR 31 addendum): a work committee names indicators of its systems
// and thresholds on their scores; a warning of the kind 'indicator_below' says which of them fell short.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table warning drop constraint warning_kind_check,
      add constraint warning_kind_check check (kind in ('index_below', 'score_below', 'index_falling',
        'party_business_gap', 'obligations_missed', 'duties_overdue', 'no_activity', 'rectification_overdue',
        'indicator_below'))`.execute(db);
}
