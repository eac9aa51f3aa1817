// The warning module's public door (issue 13, ADR 31): the fusion index, the warning rules, escalation, the
// overview, their routes and scheduled jobs.

export { escalateOrgan } from './warning.climb.ts';
export { loadWarningDemo, type WarningDemoResult } from './warning.demo.ts';
export { warningDigest } from './warning.digest.ts';
export { type Evaluation, evaluateOrgan } from './warning.evaluate.ts';
export { evaluateMarked, WARNING_CHANGE_LISTENER } from './warning.incremental.ts';
export { warningJobs } from './warning.jobs.ts';
export { warningRoutes } from './warning.routes.ts';
