// The assessment module's public door (issue 12, ADR 29): the catalogue of measures other modules register with,
// and the routes.
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
export { assessmentChanged, type Change } from './assessment.recompute.ts';
export { assessmentRoutes } from './assessment.routes.ts';
