// Table types of grades and calibrations (migration 2026-12-07-1000, issue 12 points 5 and 7), merged into DB in
// db-types.ts. numeric arrives as a number (core/db.ts).
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;

export type AssessmentGradeScaleTable = {
  unitId: string;
  level: string;
  /** GradeStep[]: the steps, highest bar first. */
  steps: Json;
  topQuota: number | null;
  version: Generated<number>;
  updatedByName: string | null;
  updatedAt: Generated<Date>;
};

export type AssessmentCalibrationTable = {
  unitId: string;
  cycleId: string;
  subjectId: string;
  score: number;
  fromScore: number | null;
  reason: string;
  setBy: string | null;
  setByName: string | null;
  setAt: Generated<Date>;
  version: Generated<number>;
};

export type OutcomeDB = {
  assessmentGradeScale: AssessmentGradeScaleTable;
  assessmentCalibration: AssessmentCalibrationTable;
};
