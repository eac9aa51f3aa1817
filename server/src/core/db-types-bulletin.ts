// Table types of quarterly bulletins (migration 2026-12-07-0800, issue 12 point 6), merged into DB in db-types.ts.
// test/db-types.int.test.ts checks them against the migrated database.
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;
type JsonNullable = ColumnType<unknown | null, string | null | undefined, string | null>;

export type AssessmentBulletinTable = {
  unitId: string;
  id: Generated<string>;
  cycleId: string;
  title: string;
  status: Generated<string>;
  summary: Generated<string>;
  /** { [subjectId]: what is being done } — the officer's notes on the lowest (the draft's). */
  notes: Json;
  /** The frozen BulletinContent (contracts/assessment-bulletin.ts); null while a draft. */
  snapshot: JsonNullable;
  publishedAt: Date | null;
  publishedByName: string | null;
  shareKey: string | null;
  version: Generated<number>;
  createdByName: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type BulletinDB = {
  assessmentBulletin: AssessmentBulletinTable;
};
