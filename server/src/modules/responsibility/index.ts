// The responsibility module's public door (ADR 23).
export { appraisalResults } from './responsibility.appraisal.ts';
export {
  hasListsOfYear,
  loadResponsibilityPlan,
  type ResponsibilityLoadResult,
} from './responsibility.bulk.ts';
export type {
  PlanExemption,
  PlanHandover,
  PlanItem,
  PlanLiaison,
  PlanList,
  PlanPeriod,
  PlanReport,
  PlanWorkPoint,
  ResponsibilityPlan,
} from './responsibility.bulk-plan.ts';
export { DEFAULT_TEMPLATE } from './responsibility.default-template.ts';
export { responsibilityDigest } from './responsibility.duties.ts';
export { responsibilityFileRoutes } from './responsibility.files.routes.ts';
export { RESPONSIBILITY_HANDOVER_KINDS } from './responsibility.handover-kinds.ts';
export { responsibilityJobs } from './responsibility.jobs.ts';
export { responsibilityMeRoutes } from './responsibility.me.routes.ts';
export { RESPONSIBILITY_MEASURES } from './responsibility.measures.ts';
export {
  type ObligationPeriod,
  type ObligationState,
  obligationPeriods,
} from './responsibility.obligation-rollup.ts';
export { recordsChanged } from './responsibility.obligations.ts';
export { settleObligations } from './responsibility.obligations-bulk.ts';
export { type Overdue, type OverdueRef, overdueOf } from './responsibility.overdue.ts';
export { responsibilityPeopleRoutes } from './responsibility.people.routes.ts';
export { DUE_SOON_DAYS, type PeriodSpan, periodsOf } from './responsibility.periods.ts';
export {
  openRectifications,
  RECTIFICATION_FOLLOW_UP,
  type RectificationRequest,
  settleRectificationDemo,
} from './responsibility.rectification.ts';
export {
  allHandoverKinds,
  type HandoverKind,
  type HeldRecord,
  type OpenEntry,
  type RecordKind,
  recordKind,
  registerHandoverKinds,
  registerRecordKinds,
  unregisterRecordKind,
} from './responsibility.registry.ts';
export { RESPONSIBILITY_REVIEW_SECTIONS } from './responsibility.review-section.ts';
export { responsibilityRoutes } from './responsibility.routes.ts';
export { ensureDefaultTemplate, latestTemplate } from './responsibility.templates.ts';
