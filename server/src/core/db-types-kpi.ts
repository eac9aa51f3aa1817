// Table types of business KPIs (migration 2026-12-07-0700, issue 12 point 2), merged into DB in db-types.ts.
// test/db-types.int.test.ts checks them against the migrated database. numeric arrives as a number (core/db.ts).
import type { ColumnType, Generated } from 'kysely';

type DateString = string;
type Json = ColumnType<unknown, string | undefined, string>;

export type BusinessKpiTable = {
  unitId: string;
  id: Generated<string>;
  code: string;
  name: string;
  measureUnit: string;
  periodRollup: string;
  deptCombine: string;
  note: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type BusinessKpiValueTable = {
  unitId: string;
  id: Generated<string>;
  departmentId: string;
  kpiCode: string;
  periodKey: string;
  periodFrom: DateString;
  periodTo: DateString;
  value: number;
  source: string;
  importBatchId: string | null;
  pushTokenId: string | null;
  recordedByName: string;
  recordedAt: Generated<Date>;
  version: Generated<number>;
};

export type BusinessKpiMappingTable = {
  unitId: string;
  id: Generated<string>;
  name: string;
  /** { layout: 'long' | 'wide', columns: { header text: field key | null } } */
  columns: Json;
  createdByName: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type KpiPushTokenTable = {
  id: Generated<string>;
  unitId: string;
  systemName: string;
  tokenHash: string;
  tokenHint: string;
  createdByName: string | null;
  createdAt: Generated<Date>;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
};

export type KpiDB = {
  businessKpi: BusinessKpiTable;
  businessKpiValue: BusinessKpiValueTable;
  businessKpiMapping: BusinessKpiMappingTable;
  kpiPushToken: KpiPushTokenTable;
};
