// Table types of the responsibility system and the notification centre (migrations 1000, 1010), kept apart from
// db-types.ts so that neither file outgrows a screenful of tables. test/db-types.int.test.ts checks both.
import type { ColumnType, Generated } from 'kysely';

type DateString = string;
type Json = ColumnType<unknown, string | undefined, string>;
// numeric arrives as a number (core/db.ts type parsers).
type Numeric = ColumnType<number, number | undefined, number>;

export type ResponsibilityTemplateTable = {
  id: Generated<string>;
  workCommitteeUnitId: string;
  version: number;
  title: string;
  changeNote: string | null;
  items: Json;
  publishedByName: string;
  publishedAt: Generated<Date>;
};

export type WorkPointTable = {
  id: Generated<string>;
  workCommitteeUnitId: string;
  year: number;
  seq: number;
  domain: string;
  category: string;
  title: string;
  detail: string | null;
  weight: Numeric;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ResponsibilityListTable = {
  unitId: string;
  id: Generated<string>;
  year: number;
  level: string;
  partyOrgId: string;
  holderMemberId: string | null;
  title: string;
  templateId: string | null;
  status: Generated<string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ResponsibilityItemTable = {
  unitId: string;
  id: Generated<string>;
  listId: string;
  parentItemId: string | null;
  workPointId: string | null;
  templateKey: string | null;
  issued: Generated<boolean>;
  seq: Generated<number>;
  domain: string;
  category: string;
  title: string;
  detail: string | null;
  weight: Numeric;
  ownerOrgId: string;
  ownerMemberId: string | null;
  deadline: DateString | null;
  recurrence: Generated<string>;
  recordKind: string | null;
  effectiveFrom: DateString;
  status: Generated<string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ResponsibilityPeriodTable = {
  unitId: string;
  id: Generated<string>;
  itemId: string;
  periodKey: string;
  startsOn: DateString;
  dueOn: DateString;
  status: Generated<string>;
  progress: Generated<number>;
  doneOn: DateString | null;
  fulfilledByKind: string | null;
  fulfilledById: string | null;
  fulfilledByTitle: string | null;
  exemptionId: string | null;
  updatedAt: Generated<Date>;
};

export type ProgressReportTable = {
  unitId: string;
  id: Generated<string>;
  itemId: string;
  periodId: string | null;
  reportedOn: DateString;
  progress: number;
  done: Generated<boolean>;
  note: string;
  links: Json;
  reportedByUserId: string;
  reportedByName: string;
  createdAt: Generated<Date>;
};

export type EvidenceFileTable = {
  unitId: string;
  id: Generated<string>;
  reportId: string;
  fileName: string;
  mediaType: string;
  size: number;
  content: Buffer;
  createdAt: Generated<Date>;
};

export type ResponsibilityExemptionTable = {
  unitId: string;
  id: Generated<string>;
  itemId: string;
  startsOn: DateString;
  expiresOn: DateString;
  reason: string;
  approverMemberId: string;
  status: Generated<string>;
  requestedByName: string;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
};

export type LiaisonTable = {
  unitId: string;
  id: Generated<string>;
  kind: string;
  memberId: string;
  branchOrgId: string;
  since: DateString;
  until: DateString | null;
  createdAt: Generated<Date>;
};

export type ReportAppraisalTable = {
  unitId: string;
  id: Generated<string>;
  listId: string;
  year: number;
  authorMemberId: string;
  status: Generated<string>;
  summary: Generated<string>;
  body: Json;
  submittedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ReportRatingTable = {
  unitId: string;
  id: Generated<string>;
  reportId: string;
  raterMemberId: string;
  grade: string | null;
  comment: string | null;
  ratedAt: Date | null;
};

export type HandoverTable = {
  unitId: string;
  id: Generated<string>;
  kind: string;
  fromMemberId: string;
  toMemberId: string;
  post: string;
  reason: string;
  startsOn: DateString;
  endsOn: DateString | null;
  status: Generated<string>;
  createdByName: string;
  createdAt: Generated<Date>;
  completedAt: Date | null;
  version: Generated<number>;
};

export type HandoverEntryTable = {
  unitId: string;
  id: Generated<string>;
  handoverId: string;
  entryKind: string;
  entryId: string;
  label: string;
  acknowledgedAt: Date | null;
};

export type NotificationTable = {
  id: Generated<string>;
  userId: string;
  kind: string;
  day: DateString;
  title: string;
  lines: Json;
  createdAt: Generated<Date>;
  readAt: Date | null;
};

export type ResponsibilityDB = {
  responsibilityTemplate: ResponsibilityTemplateTable;
  workPoint: WorkPointTable;
  responsibilityList: ResponsibilityListTable;
  responsibilityItem: ResponsibilityItemTable;
  responsibilityPeriod: ResponsibilityPeriodTable;
  progressReport: ProgressReportTable;
  evidenceFile: EvidenceFileTable;
  responsibilityExemption: ResponsibilityExemptionTable;
  liaison: LiaisonTable;
  reportAppraisal: ReportAppraisalTable;
  reportRating: ReportRatingTable;
  handover: HandoverTable;
  handoverEntry: HandoverEntryTable;
  notification: NotificationTable;
};
