// Table types of the branch work records (issue 10), merged into DB in db-types.ts; test/db-types.int.test.ts checks
// them against the migrated schema.
import type { ColumnType, Generated } from 'kysely';

type DateString = string;

/** The burden meter's counts of one record: how many fields were typed, prefilled, reused or imported. */
export type RecordCounts = { typed: number; prefilled: number; reused: number; imported: number };
/** 主题党日 "五个一": a piece of theory, a performance bulletin, an exchange, a micro-lecture (the theme is the topic). */
export type ThemeDayParts = { theory?: string; bulletin?: string; exchange?: string; microLecture?: string };

export type BranchRecordTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  kind: string;
  status: Generated<string>;
  plannedOn: DateString | null;
  heldOn: DateString | null;
  place: string | null;
  hostMemberId: string | null;
  recorderMemberId: string | null;
  topic: string;
  content: string | null;
  resolutions: string | null;
  parts: ColumnType<ThemeDayParts | null, string | null | undefined, string | null>;
  studied: string | null;
  appliedTo: string | null;
  outcome: string | null;
  /** How long it lasted: study hours are counted from the records members attended. */
  durationMinutes: number | null;
  counts: ColumnType<RecordCounts, string | undefined, string>;
  source: Generated<string>;
  clientKey: string | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdByName: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type BranchRecordAttendeeTable = {
  unitId: string;
  recordId: string;
  memberId: string;
  attendance: string;
  reason: string | null;
  expected: Generated<boolean>;
};

export type MemberGradeTable = {
  unitId: string;
  recordId: string;
  memberId: string;
  grade: string;
  note: string | null;
};

export type TemporaryMembershipTable = {
  unitId: string;
  partyOrgId: string;
  memberId: string;
  fromOn: DateString;
  toOn: DateString | null;
  createdAt: Generated<Date>;
};

export type BranchSettingTable = {
  unitId: string;
  themeDayOfMonth: Generated<number>;
  version: Generated<number>;
  updatedAt: Generated<Date>;
};

/** Other Party organisations of the organ that held a record with its host (联学联建): it counts for each. */
export type BranchRecordJointTable = { unitId: string; recordId: string; partyOrgId: string };
/** A Party organisation of this organ (unitId) that held another organ's record jointly; kept in the guest's partition. */
export type BranchRecordGuestTable = {
  unitId: string;
  partyOrgId: string;
  hostUnitId: string;
  recordId: string;
  createdAt: Generated<Date>;
};
/** Partner organisations that took part in a record. */
export type BranchRecordPartnerTable = { unitId: string; recordId: string; partnerOrgId: string };

export type BranchDB = {
  branchRecordJoint: BranchRecordJointTable;
  branchRecordGuest: BranchRecordGuestTable;
  branchRecordPartner: BranchRecordPartnerTable;
  branchRecord: BranchRecordTable;
  branchRecordAttendee: BranchRecordAttendeeTable;
  memberGrade: MemberGradeTable;
  temporaryMembership: TemporaryMembershipTable;
  branchSetting: BranchSettingTable;
};
