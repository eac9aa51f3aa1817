// The branch module's public door (issue 10): branch work records, 党费 and 发展党员.

export {
  type BranchLoadResult,
  type BranchPlan,
  hasBranchRecords,
  loadBranchPlan,
  type PlanRecord,
  type PlanTemporaryMember,
  planRecordCounts,
} from './branch.bulk.ts';
export { developmentDigest } from './branch.development.digest.ts';
export { developmentRoutes } from './branch.development.routes.ts';
export { duesRoutes } from './branch.dues.routes.ts';
export { monthlyDue, rateBp } from './branch.dues.rules.ts';
export {
  type DuesLoadResult,
  type DuesPlan,
  loadDuesPlan,
  type PlanDevelopmentPerson,
  type PlanDuesBase,
  type PlanDuesPayment,
} from './branch.dues-bulk.ts';
export { branchFileRoutes } from './branch.files.routes.ts';
export { loadJointRecords } from './branch.joint-bulk.ts';
export {
  type JointAllowance,
  mayHoldWithGuest,
  registerJointAllowances,
} from './branch.joint-guests.ts';
export { BRANCH_MEASURES } from './branch.measures.ts';
export { BRANCH_ATTACHMENT_OWNERS, BRANCH_RECORD_KINDS } from './branch.record-kinds.ts';
export {
  lastHeldOn,
  type RecordRef,
  recordRefs,
  recordsOfOrgs,
  recordsOfPartners,
  recordsWithPartner,
} from './branch.record-refs.ts';
export { BRANCH_REVIEW_SECTIONS } from './branch.review-section.ts';
export { branchRoutes } from './branch.routes.ts';
