// The fusion module's public door (issue 11): needs, resources, the matching board and fusion projects.

export { FUSION_ATTACHMENT_OWNERS } from './fusion.attachment-owners.ts';
export { fusionBrandRoutes } from './fusion.brand.routes.ts';
export {
  type FusionLoadResult,
  type FusionPlan,
  hasFusionWork,
  loadFusionPlan,
  type PlanNeed,
  type PlanPartner,
  type PlanProject,
  type PlanResource,
} from './fusion.bulk.ts';
export type { BrandPlan, PlanBrand, PlanCase, PlanJoint, PlanPairing } from './fusion.bulk-brands.ts';
export { fusionDigest } from './fusion.digest.ts';
export { FUSION_HANDOVER_KINDS } from './fusion.handover-kinds.ts';
export { pairedOn } from './fusion.joint-guests.ts';
export { FUSION_MEASURES } from './fusion.measures.ts';
export { fusionPairingRoutes } from './fusion.pairing.routes.ts';
export { fusionProjectRoutes } from './fusion.project.routes.ts';
export { FUSION_REVIEW_SECTIONS } from './fusion.review-section.ts';
export { fusionRoutes } from './fusion.routes.ts';
