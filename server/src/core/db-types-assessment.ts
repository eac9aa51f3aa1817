// Table types of assessment (migration 2026-12-07-0600, issue 12), merged into DB in db-types.ts.
// test/db-types.int.test.ts checks them against the migrated database. numeric arrives as a number (core/db.ts).
import type { ColumnType, Generated } from 'kysely';

type DateString = string;
type Json = ColumnType<unknown, string | undefined, string>;

export type IndicatorSystemTable = {
  id: Generated<string>;
  ownerUnitId: string;
  familyId: string;
  edition: number;
  name: string;
  subject: string;
  status: Generated<string>;
  normalise: Generated<boolean>;
  partyWeight: number | null;
  tree: Json;
  note: string | null;
  derivedFromId: string | null;
  lockedAt: Date | null;
  publishedAt: Date | null;
  publishedByName: string | null;
  version: Generated<number>;
  createdByName: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type AssessmentCycleTable = {
  id: Generated<string>;
  ownerUnitId: string;
  systemId: string;
  level: string;
  periodKind: string;
  periodKey: string;
  startsOn: DateString;
  endsOn: DateString;
  name: string;
  status: Generated<string>;
  computedAt: Date | null;
  version: Generated<number>;
  createdByName: string | null;
  createdAt: Generated<Date>;
};

export type AssessmentResultTable = {
  unitId: string;
  cycleId: string;
  subjectId: string;
  total: number | null;
  bandLow: number | null;
  bandHigh: number | null;
  partyScore: number | null;
  businessScore: number | null;
  fusionScore: number | null;
  /** The group a subject is ranked within: a member's branch; null for organisations (ranked across the cycle). */
  groupId: string | null;
  /** [{ k: indicator key, v: value | null, d: what it is in words }] (assessment.explain.ts packValues) */
  leafValues: Json;
  computedAt: Generated<Date>;
};

export type AssessmentDB = {
  indicatorSystem: IndicatorSystemTable;
  assessmentCycle: AssessmentCycleTable;
  assessmentResult: AssessmentResultTable;
};
