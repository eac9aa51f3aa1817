// Table types of follow-ups below a cycle's rule (migration 2026-12-07-1100, issue 12 point 7), merged into DB in
// db-types.ts. test/db-types.int.test.ts checks them against the migrated database. numeric arrives as a number.
import type { Generated } from 'kysely';

type DateString = string;

export type AssessmentFollowUpRuleTable = {
  unitId: string;
  cycleId: string;
  threshold: number;
  deadlineDays: number;
  kind: string;
  version: Generated<number>;
  updatedByName: string | null;
  updatedAt: Generated<Date>;
};

export type AssessmentFollowUpTable = {
  unitId: string;
  cycleId: string;
  subjectId: string;
  kind: string;
  /** Empty only inside the transaction that claims the row and opens it. */
  ref: string | null;
  title: Generated<string>;
  deadline: DateString;
  href: string | null;
  score: number;
  threshold: number;
  openedByName: string | null;
  openedAt: Generated<Date>;
};

export type ResponsibilityRectificationTable = {
  unitId: string;
  itemId: string;
  source: string;
  reason: string;
  sourceHref: string | null;
  createdAt: Generated<Date>;
};

export type FollowUpDB = {
  assessmentFollowUpRule: AssessmentFollowUpRuleTable;
  assessmentFollowUp: AssessmentFollowUpTable;
  responsibilityRectification: ResponsibilityRectificationTable;
};
