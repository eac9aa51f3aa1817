// Table types for Kysely, written to match the migrations (camelCase through CamelCasePlugin).
// test/db-types.test.ts compares this file with the migrated database's columns, so the two cannot drift apart.
import type { ColumnType, Generated } from 'kysely';
import type { AssessmentDB } from './db-types-assessment.ts';
import type { AttachmentDB } from './db-types-attachment.ts';
import type { BranchDB } from './db-types-branch.ts';
import type { BulletinDB } from './db-types-bulletin.ts';
import type { DeliveryDB } from './db-types-delivery.ts';
import type { DuesDB } from './db-types-dues.ts';
import type { FollowUpDB } from './db-types-follow-up.ts';
import type { FusionDB } from './db-types-fusion.ts';
import type { KpiDB } from './db-types-kpi.ts';
import type { OutcomeDB } from './db-types-outcome.ts';
import type { RatingDB } from './db-types-rating.ts';
import type { ResponsibilityDB } from './db-types-responsibility.ts';
import type { ReviewDB } from './db-types-review.ts';
import type { WarningDB } from './db-types-warning.ts';

type DateString = string;
type Json = ColumnType<unknown, string | undefined, string>;
type JsonNullable = ColumnType<unknown | null, string | null | undefined, string | null>;

export type UnitTable = {
  id: Generated<string>;
  code: string;
  name: string;
  rootPartyOrgId: string | null;
  /** 'organ', or 'work_committee': the one unit of the work committee's own tier (ADR 20), not an organ. */
  kind: Generated<string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PartyOrgTable = {
  id: Generated<string>;
  unitId: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  path: string;
  depth: number;
  isTemporary: Generated<boolean>;
  tempStartOn: DateString | null;
  tempEndOn: DateString | null;
  foundedOn: DateString | null;
  status: Generated<string>;
  closedOn: DateString | null;
  closeReason: string | null;
  sortOrder: Generated<number>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PartyOrgEventTable = {
  id: Generated<string>;
  unitId: string;
  partyOrgId: string;
  kind: string;
  details: Json;
  actorUserId: string | null;
  at: Generated<Date>;
};

export type DepartmentTable = {
  id: Generated<string>;
  unitId: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  path: string;
  status: Generated<string>;
  sortOrder: Generated<number>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type BranchDepartmentTable = {
  unitId: string;
  partyOrgId: string;
  departmentId: string;
  createdAt: Generated<Date>;
};

export type MemberTable = {
  id: Generated<string>;
  unitId: string;
  partyOrgId: string;
  departmentId: string | null;
  name: string;
  gender: string;
  birthDate: DateString | null;
  ethnicity: string | null;
  education: string | null;
  idNumberCipher: string;
  idNumberHash: string;
  idNumberMasked: string;
  phoneCipher: string | null;
  phoneMasked: string | null;
  phoneHash: string | null;
  category: string;
  joinedOn: DateString | null;
  fullOn: DateString | null;
  partyPost: string | null;
  businessPost: string | null;
  status: Generated<string>;
  leftOn: DateString | null;
  leftReason: string | null;
  /** Pinyin sort key (core/sort-key.ts); the repository fills it on every insert and rename. */
  nameSortKey: Generated<string | null>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type CorrectionRequestTable = {
  id: Generated<string>;
  unitId: string;
  memberId: string;
  requestedByUserId: string | null;
  field: string;
  message: string;
  status: Generated<string>;
  resolution: string | null;
  resolvedByUserId: string | null;
  resolvedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type MemberOrgHistoryTable = {
  id: Generated<string>;
  unitId: string;
  memberId: string;
  partyOrgId: string;
  fromOn: DateString;
  toOn: DateString | null;
  reason: string | null;
  createdAt: Generated<Date>;
};

export type ImportMappingTable = {
  id: Generated<string>;
  unitId: string;
  kind: string;
  columns: Json;
  updatedBy: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type MemberImportStageTable = {
  batchId: string;
  seq: number;
  op: string;
  memberId: string;
  expectedVersion: number | null;
  moved: Generated<boolean>;
  historyFromOn: DateString | null;
  unitId: string | null;
  partyOrgId: string;
  departmentId: string | null;
  name: string;
  gender: string;
  birthDate: DateString | null;
  ethnicity: string | null;
  education: string | null;
  idNumberCipher: string | null;
  idNumberHash: string;
  idNumberMasked: string | null;
  phoneCipher: string | null;
  phoneMasked: string | null;
  phoneHash: string | null;
  category: string;
  joinedOn: DateString | null;
  fullOn: DateString | null;
  partyPost: string | null;
  businessPost: string | null;
  nameSortKey: string | null;
  createdAt: Generated<Date>;
};

/** One 身份证号, one member, across organs (ADR 20); kept by a trigger on member. */
export type MemberIdentityTable = {
  idNumberHash: string;
  unitId: string;
  memberId: string;
};

/** Codes of organisations and departments, unique in the deployment (ADR 20); kept by triggers. */
export type OrgCodeTable = {
  kind: string;
  code: string;
  unitId: string;
  id: string;
};

/** A committed import batch whose staged rows are still being published into member. */
export type MemberImportBatchTable = {
  batchId: string;
  rows: number;
  committedAt: Generated<Date>;
};

/** A file kept for its owner for a short while (mapping-step upload or import error report); content sealed. */
export type TransferFileTable = {
  token: string;
  ownerId: string;
  kind: 'upload' | 'report';
  filename: string;
  content: Uint8Array;
  size: number;
  createdAt: Generated<Date>;
  expiresAt: Date;
  seq: Generated<number>;
};

/** One row per account while its import runs (a lease renewed while it runs). */
export type ImportRunTable = {
  ownerId: string;
  runId: string;
  startedAt: Generated<Date>;
  expiresAt: Date;
};

export type AppUserTable = {
  id: Generated<string>;
  username: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: Generated<boolean>;
  passwordChangedAt: Date | null;
  memberId: string | null;
  status: Generated<string>;
  lastLoginAt: Date | null;
  isDemo: Generated<boolean>;
  rolesSuspendedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PasswordHistoryTable = {
  id: Generated<string>;
  userId: string;
  passwordHash: string;
  createdAt: Generated<Date>;
};

export type RoleAssignmentTable = {
  id: Generated<string>;
  userId: string;
  role: string;
  partyOrgId: string | null;
  createdAt: Generated<Date>;
};

export type UserSessionTable = {
  idHash: string;
  userId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Generated<Date>;
  lastSeenAt: Generated<Date>;
};

export type LoginAttemptTable = {
  id: Generated<number>;
  username: string;
  ip: string;
  success: boolean;
  at: Generated<Date>;
};

export type NumberLookupTable = {
  id: Generated<number>;
  userId: string;
  kind: string;
  at: Generated<Date>;
};

export type LoginLockTable = {
  id: Generated<number>;
  kind: string;
  key: string;
  failures: number;
  lockedAt: Date;
  lockedUntil: Date;
  clearedAt: Date | null;
  clearedBy: string | null;
};

export type AuditLogTable = {
  seq: Generated<number>;
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: JsonNullable;
  after: JsonNullable;
  details: JsonNullable;
  prevHash: string;
  hash: string;
  hashScheme: 'sha256' | 'hmac-sha256';
};

/** One row (id is always true): the newest audit record's seq and hash, with an HMAC over both. */
export type AuditHeadTable = {
  id: Generated<boolean>;
  seq: number;
  hash: string;
  mac: string;
  updatedAt: Generated<Date>;
};

/** A scheduled job's run for one due time (core/jobs.ts). */
export type JobRunTable = {
  job: string;
  dueAt: Date;
  status: 'running' | 'done' | 'failed';
  instance: string;
  startedAt: Date;
  finishedAt: Date | null;
  attempts: Generated<number>;
  outcome: string | null;
};

export type DB = ResponsibilityDB &
  BranchDB &
  AssessmentDB &
  BulletinDB &
  KpiDB &
  RatingDB &
  FollowUpDB &
  OutcomeDB &
  ReviewDB &
  DeliveryDB &
  WarningDB &
  AttachmentDB &
  DuesDB &
  FusionDB & {
    unit: UnitTable;
    partyOrg: PartyOrgTable;
    partyOrgEvent: PartyOrgEventTable;
    department: DepartmentTable;
    branchDepartment: BranchDepartmentTable;
    member: MemberTable;
    memberOrgHistory: MemberOrgHistoryTable;
    correctionRequest: CorrectionRequestTable;
    appUser: AppUserTable;
    passwordHistory: PasswordHistoryTable;
    roleAssignment: RoleAssignmentTable;
    userSession: UserSessionTable;
    loginAttempt: LoginAttemptTable;
    numberLookup: NumberLookupTable;
    loginLock: LoginLockTable;
    auditLog: AuditLogTable;
    auditHead: AuditHeadTable;
    importMapping: ImportMappingTable;
    memberImportStage: MemberImportStageTable;
    memberImportBatch: MemberImportBatchTable;
    memberIdentity: MemberIdentityTable;
    orgCode: OrgCodeTable;
    transferFile: TransferFileTable;
    importRun: ImportRunTable;
    jobRun: JobRunTable;
  };
