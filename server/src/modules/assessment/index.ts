// The assessment module's public door (issue 12, ADR 29): the catalogue of measures other modules register with,
// and the routes.

export { assessmentBulletinRoutes } from './assessment.bulletin.routes.ts';
export { loadBulletinYear } from './assessment.bulletin-demo.ts';
export {
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
  subjectOrgs,
  unregisterMeasure,
} from './assessment.catalogue.ts';
export { computeCycle } from './assessment.cycles.ts';
export {
  type AssessmentLoadResult,
  hasAssessments,
  loadAssessmentYear,
} from './assessment.demo.ts';
export { assessmentJobs } from './assessment.jobs.ts';
export { type KpiDemoResult, loadKpiDemo } from './assessment.kpi-demo.ts';
export { assessmentKpiRoutes } from './assessment.kpi-routes.ts';
export { loadRatingDemo, type RatingDemoResult } from './assessment.rating-demo.ts';
export { assessmentRatingRoutes } from './assessment.rating-routes.ts';
export { assessmentChanged, type Change } from './assessment.recompute.ts';
export { assessmentRoutes } from './assessment.routes.ts';
