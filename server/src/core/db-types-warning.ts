// Table types of the fusion index and warnings (migration 2026-12-08-0200, issue 13, ADR 31), merged into DB in
// db-types.ts. test/db-types.int.test.ts checks them against the migrated database. numeric arrives as a number.
import type { ColumnType, Generated } from 'kysely';

type DateString = string;
type Json = ColumnType<unknown, string | undefined, string>;

export type FusionIndexFormulaTable = {
  id: Generated<string>;
  ownerUnitId: string;
  familyId: string;
  edition: number;
  name: string;
  status: Generated<string>;
  parts: Json;
  note: string | null;
  publishedAt: Date | null;
  publishedByName: string | null;
  version: Generated<number>;
  createdByName: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type WarningConfigTable = {
  ownerUnitId: string;
  rules: Json;
  ladder: Json;
  version: Generated<number>;
  updatedByName: string | null;
  updatedAt: Generated<Date>;
};

export type FusionIndexValueTable = {
  unitId: string;
  partyOrgId: string;
  periodKey: string;
  formulaId: string;
  value: number | null;
  parts: Json;
  computedAt: Generated<Date>;
};

export type WarningTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  kind: string;
  level: string;
  status: string;
  ruleText: string;
  dataText: string;
  returns: Json;
  firstSeenOn: DateString;
  raisedOn: DateString | null;
  deadline: DateString | null;
  clearedOn: DateString | null;
  step: Generated<number>;
  stepAt: Date | null;
  answerKind: string | null;
  answerNote: string | null;
  answerPlanDue: DateString | null;
  answerHref: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type WarningEventTable = {
  unitId: string;
  id: Generated<string>;
  warningId: string;
  /** bigint: arrives as text; only ordered by. */
  seq: Generated<string>;
  at: Generated<Date>;
  kind: string;
  level: string | null;
  step: number | null;
  text: string;
  actorName: string | null;
};

export type WarningExceptionTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  kind: string;
  reason: string;
  until: DateString;
  byName: string | null;
  createdAt: Generated<Date>;
  revokedAt: Date | null;
  revokedByName: string | null;
};

export type WarningLevelTable = {
  unitId: string;
  partyOrgId: string;
  level: string;
  since: Generated<Date>;
  evaluatedAt: Generated<Date>;
};

export type WarningLevelChangeTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  at: Generated<Date>;
  fromLevel: string;
  toLevel: string;
  reason: string;
};

export type WarningDirtyTable = {
  unitId: string;
  partyOrgId: string;
  markedAt: Generated<Date>;
};

export type WarningDB = {
  warningDirty: WarningDirtyTable;
  fusionIndexFormula: FusionIndexFormulaTable;
  warningConfig: WarningConfigTable;
  fusionIndexValue: FusionIndexValueTable;
  warning: WarningTable;
  warningEvent: WarningEventTable;
  warningException: WarningExceptionTable;
  warningLevel: WarningLevelTable;
  warningLevelChange: WarningLevelChangeTable;
};
