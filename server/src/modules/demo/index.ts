// Public API of the demo module: the deterministic demo organ (generator) and its loader.

export {
  COMMITTEE_ORGANS,
  type CommitteeLoadResult,
  loadDemoCommittee,
} from './demo.committee.ts';
export { type DemoOptions, generateDemoMembers, generateDemoOrgan } from './demo.generator.ts';
export {
  DEMO_PASSWORD,
  type DemoLoadResult,
  isLoopbackHost,
  loadDemoOrgan,
  publishedPasswordWarning,
} from './demo.loader.ts';
export { loadDemoProvince, type ProvinceOrgan, provinceOrgans } from './demo.province.ts';
