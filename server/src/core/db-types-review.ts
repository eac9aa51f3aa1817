// Table types of the member's 述评 dossier (migration 2026-12-07-1200, issue 12 point 4), merged into DB in
// db-types.ts. test/db-types.int.test.ts checks them against the migrated database.
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;

export type PerformanceReviewTable = {
  unitId: string;
  id: Generated<string>;
  memberId: string;
  /** '2026-H1' */
  halfYear: string;
  partyOrgId: string;
  memberName: string;
  branchName: string;
  departmentName: string | null;
  status: Generated<string>;
  /** ReviewSection[]: refreshed while a draft, frozen once signed. */
  sections: Json;
  assembledAt: Generated<Date>;
  statement: string | null;
  comment: string | null;
  grade: string | null;
  signedByUserId: string | null;
  signedByName: string | null;
  signedAt: Date | null;
  shownAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ReviewDB = { performanceReview: PerformanceReviewTable };
