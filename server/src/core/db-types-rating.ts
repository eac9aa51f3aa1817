// Table types of rated indicators (migration 2026-12-07-0900, issue 12 point 2), merged into DB in db-types.ts.
// test/db-types.int.test.ts checks them against the migrated database. numeric arrives as a number (core/db.ts).
import type { ColumnType, Generated } from 'kysely';

type DateString = string;
type Json = ColumnType<unknown, string | undefined, string>;

export type AssessmentRatingRoundTable = {
  unitId: string;
  id: Generated<string>;
  cycleId: string;
  /** string[]: the rated leaves of the cycle's system this round covers. */
  leafKeys: Json;
  weightSuperior: number;
  weightPeer: number;
  weightPublic: number;
  minRaters: number;
  anonymous: Generated<boolean>;
  opensOn: DateString;
  closesOn: DateString;
  status: Generated<string>;
  version: Generated<number>;
  createdByName: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type AssessmentRaterTable = {
  unitId: string;
  id: Generated<string>;
  roundId: string;
  userId: string;
  displayName: string;
  raterGroup: string;
  /** string[]: the subjects (Party organisation ids) this rater rates. */
  subjectIds: Json;
  submittedAt: Date | null;
  remindedAt: Date | null;
  createdAt: Generated<Date>;
};

export type AssessmentRatingAnswerTable = {
  unitId: string;
  raterId: string;
  subjectId: string;
  leafKey: string;
  score: number;
  choice: string | null;
  comment: string | null;
  updatedAt: Generated<Date>;
};

export type RatingDB = {
  assessmentRatingRound: AssessmentRatingRoundTable;
  assessmentRater: AssessmentRaterTable;
  assessmentRatingAnswer: AssessmentRatingAnswerTable;
};
