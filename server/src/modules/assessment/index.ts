// The assessment module's public door (issue 12, ADR 29): the catalogue of measures other modules register with,
// and the routes.

export { assessmentBulletinRoutes } from './assessment.bulletin.routes.ts';
export { loadBulletinYear } from './assessment.bulletin-demo.ts';
export {
  bySubject,
  type Countable,
  type Measure,
  type MeasureQuery,
  MeasureRefused,
  type MeasureSubjectRef,
  type MeasureValue,
  measureOf,
  measureRefusal,
  registerMeasures,
  share,
  sharedRead,
  subjectOrgs,
  unregisterMeasure,
} from './assessment.catalogue.ts';
export { type ChangeListener, registerChangeListeners } from './assessment.change-listeners.ts';
export { computeCycle } from './assessment.cycles.ts';
export {
  type AssessmentLoadResult,
  hasAssessments,
  loadAssessmentYear,
} from './assessment.demo.ts';
export { loadFollowUpDemo } from './assessment.follow-up-demo.ts';
export { assessmentFollowUpRoutes } from './assessment.follow-up-routes.ts';
export {
  allFollowUpKinds,
  type FollowUpKind,
  FollowUpKindRefused,
  type FollowUpRequest,
  type FollowUpStatus,
  type FollowUpSubject,
  followUpKind,
  type OpenedFollowUp,
  registerFollowUpKinds,
  unregisterFollowUpKind,
} from './assessment.follow-ups.ts';
export {
  type IndicatorChoice,
  type IndicatorScore,
  indicatorChoicesOf,
  indicatorScoresOf,
} from './assessment.indicator-scores.ts';
export { assessmentJobs } from './assessment.jobs.ts';
export { type KpiDemoResult, loadKpiDemo } from './assessment.kpi-demo.ts';
export { assessmentKpiRoutes } from './assessment.kpi-routes.ts';
export { loadMemberYear } from './assessment.member-demo.ts';
export { memberResultSection } from './assessment.member-review.ts';
export { assessmentMemberRoutes } from './assessment.member-routes.ts';
export { loadOutcomeDemo, type OutcomeDemoResult } from './assessment.outcome-demo.ts';
export { assessmentOutcomeRoutes } from './assessment.outcome-routes.ts';
export { periodKeyOf, periodWindow, previousPeriod } from './assessment.periods.ts';
export { loadRatingDemo, type RatingDemoResult } from './assessment.rating-demo.ts';
export { assessmentRatingRoutes } from './assessment.rating-routes.ts';
export { assessmentChanged, type Change } from './assessment.recompute.ts';
export { type PeriodResult, resultsOfPeriod } from './assessment.results-of.ts';
export { businessSection } from './assessment.review-business.ts';
export { loadReviewDemo, type ReviewDemoResult } from './assessment.review-demo.ts';
export { assessmentReviewRoutes } from './assessment.review-routes.ts';
export {
  MEMBER_RESULT_SECTION,
  type ReviewSectionDef,
  type ReviewSectionQuery,
  ReviewSectionRefused,
  registerReviewSections,
  reviewSections,
  unregisterReviewSection,
} from './assessment.review-sections.ts';
export { assessmentRoutes } from './assessment.routes.ts';
