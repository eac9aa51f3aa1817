// Colours of the fusion tags, and the stages' names as message keys: the workbench card uses them on the home page,
// which must not bring zod and the contracts' schemas with it (types only here).
import type { NeedStatus, ResourceKind, Urgency } from '#contracts/fusion';
import type { BrandStatus, CaseStatus, PairingState } from '#contracts/fusion-brand';
import type { ProjectStage } from '#contracts/fusion-project';
import type { MessageKey } from '../../i18n/zh-cn.ts';

export const URGENCY_COLOUR: Record<Urgency, string> = {
  normal: 'default',
  urgent: 'orange',
  critical: 'red',
};
export const NEED_STATUS_COLOUR: Record<NeedStatus, string> = {
  open: 'blue',
  in_project: 'gold',
  closed: 'green',
};
export const STAGE_COLOUR: Record<ProjectStage, string> = {
  proposal: 'default',
  approved: 'blue',
  in_progress: 'gold',
  accepted: 'green',
  terminated: 'red',
};
export const KIND_COLOUR: Record<ResourceKind, string> = {
  skill: 'geekblue',
  certificate: 'purple',
  pioneer_post: 'red',
  task_force: 'volcano',
  partner: 'cyan',
};

export const STAGE_LABEL: Record<ProjectStage, MessageKey> = {
  proposal: 'fusion.stage.proposal',
  approved: 'fusion.stage.approved',
  in_progress: 'fusion.stage.in_progress',
  accepted: 'fusion.stage.accepted',
  terminated: 'fusion.stage.terminated',
};

export const BRAND_STATUS_COLOUR: Record<BrandStatus, string> = {
  cultivating: 'blue',
  qualified: 'green',
  exemplary: 'gold',
  rectifying: 'red',
};
export const CASE_STATUS_COLOUR: Record<CaseStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  published: 'green',
  returned: 'orange',
};
export const PAIRING_STATE_COLOUR: Record<PairingState, string> = {
  upcoming: 'blue',
  active: 'green',
  expired: 'orange',
  ended: 'default',
};
