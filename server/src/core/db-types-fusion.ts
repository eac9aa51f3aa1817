// Table types of fusion projects (migration 2026-12-07-0200, issue 11), merged into DB in db-types.ts.
// test/db-types.int.test.ts checks them against the migrated database. numeric arrives as a number (core/db.ts).
import type { ColumnType, Generated } from 'kysely';

type DateString = string;
type Json = ColumnType<unknown, string | undefined, string>;
/** text[]: read as an array, written as one. */
type Tags = ColumnType<string[], string[] | undefined, string[]>;

export type PartnerOrgTable = {
  unitId: string;
  id: Generated<string>;
  name: string;
  kind: string;
  contact: string | null;
  address: string | null;
  note: string | null;
  status: Generated<string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type FusionNeedTable = {
  unitId: string;
  id: Generated<string>;
  departmentId: string;
  title: string;
  problem: string;
  kpiName: string | null;
  urgency: string;
  raisedBy: string;
  raisedOn: DateString;
  tags: Tags;
  status: Generated<string>;
  closedOn: DateString | null;
  closedReason: string | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type FusionResourceTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  kind: string;
  title: string;
  description: string | null;
  memberId: string | null;
  partnerOrgId: string | null;
  tags: Tags;
  capacity: Generated<number>;
  status: Generated<string>;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type FusionMatchDecisionTable = {
  unitId: string;
  needId: string;
  resourceId: string;
  decision: string;
  facts: Json;
  reason: string | null;
  decidedByUserId: string | null;
  decidedByName: string | null;
  decidedAt: Generated<Date>;
};

export type FusionProjectTable = {
  unitId: string;
  id: Generated<string>;
  needId: string | null;
  title: string;
  goal: string | null;
  departmentId: string | null;
  leadOrgId: string;
  teamKind: string;
  stage: Generated<string>;
  ownerMemberId: string;
  startsOn: DateString | null;
  dueOn: DateString | null;
  approvedOn: DateString | null;
  startedOn: DateString | null;
  acceptedOn: DateString | null;
  outcome: string | null;
  acceptanceNote: string | null;
  terminatedOn: DateString | null;
  terminationReason: string | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type FusionProjectEventTable = {
  unitId: string;
  id: Generated<string>;
  projectId: string;
  fromStage: string | null;
  toStage: string;
  happenedOn: DateString;
  note: string | null;
  byUserId: string | null;
  byName: string | null;
  createdAt: Generated<Date>;
};

export type FusionProjectResourceTable = { unitId: string; projectId: string; resourceId: string };
export type FusionProjectMemberTable = {
  unitId: string;
  projectId: string;
  memberId: string;
  role: string;
  partyOrgId: string;
};
/** A Party organisation of this organ (unitId) that holds another organ's project jointly; kept in the guest's partition. */
export type FusionProjectGuestTable = {
  unitId: string;
  partyOrgId: string;
  hostUnitId: string;
  projectId: string;
  createdAt: Generated<Date>;
};
export type FusionProjectPartyTable = { unitId: string; projectId: string; partyOrgId: string };
export type FusionProjectPartnerTable = { unitId: string; projectId: string; partnerOrgId: string };

export type FusionMilestoneTable = {
  unitId: string;
  id: Generated<string>;
  projectId: string;
  title: string;
  ownerMemberId: string;
  dueOn: DateString;
  doneOn: DateString | null;
  note: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type FusionKpiTable = {
  unitId: string;
  id: Generated<string>;
  projectId: string;
  name: string;
  measureUnit: string | null;
  direction: string;
  baseline: number;
  target: number;
  result: number | null;
  measuredOn: DateString | null;
  note: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type FusionProjectRecordTable = {
  unitId: string;
  projectId: string;
  recordId: string;
  linkedByUserId: string | null;
  linkedAt: Generated<Date>;
};

export type BrandTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  name: string;
  concept: string | null;
  serviceStandards: string | null;
  creationMeasures: string | null;
  effect: string | null;
  markAttachmentId: string | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type BrandEvidenceTable = {
  unitId: string;
  id: Generated<string>;
  brandId: string;
  element: string;
  kind: string;
  refId: string | null;
  note: string | null;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
};

export type BrandReviewTable = {
  unitId: string;
  id: Generated<string>;
  brandId: string;
  year: number;
  scores: Json;
  total: number;
  status: string;
  comment: string | null;
  rectifyBy: DateString | null;
  reviewedOn: DateString;
  reviewedByUserId: string | null;
  reviewedByName: string | null;
  createdAt: Generated<Date>;
};

export type ShowcaseCaseTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  projectId: string | null;
  brandId: string | null;
  title: string;
  problem: string;
  actions: string;
  result: string;
  status: Generated<string>;
  returnNote: string | null;
  publishedOn: DateString | null;
  committeeSelected: Generated<boolean>;
  selectedOn: DateString | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PairingTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  partnerOrgId: string | null;
  counterpartUnitId: string | null;
  counterpartOrgId: string | null;
  title: string;
  agreement: string | null;
  startsOn: DateString;
  endsOn: DateString;
  endedOn: DateString | null;
  endReason: string | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PairingEventTable = {
  unitId: string;
  id: Generated<string>;
  pairingId: string;
  kind: string;
  happenedOn: DateString;
  note: string | null;
  byName: string | null;
  createdAt: Generated<Date>;
};

export type FusionDB = {
  pairing: PairingTable;
  pairingEvent: PairingEventTable;
  brand: BrandTable;
  brandEvidence: BrandEvidenceTable;
  brandReview: BrandReviewTable;
  showcaseCase: ShowcaseCaseTable;
  partnerOrg: PartnerOrgTable;
  fusionNeed: FusionNeedTable;
  fusionResource: FusionResourceTable;
  fusionMatchDecision: FusionMatchDecisionTable;
  fusionProject: FusionProjectTable;
  fusionProjectEvent: FusionProjectEventTable;
  fusionProjectResource: FusionProjectResourceTable;
  fusionProjectMember: FusionProjectMemberTable;
  fusionProjectParty: FusionProjectPartyTable;
  fusionProjectGuest: FusionProjectGuestTable;
  fusionProjectPartner: FusionProjectPartnerTable;
  fusionMilestone: FusionMilestoneTable;
  fusionKpi: FusionKpiTable;
  fusionProjectRecord: FusionProjectRecordTable;
};
