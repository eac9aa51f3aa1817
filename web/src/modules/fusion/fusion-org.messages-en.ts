import type { fusionOrgZh } from './fusion-org.messages.ts';

export const fusionOrgEn: Record<keyof typeof fusionOrgZh, string> = {
  'fusion.orgPanel.title': 'Fusion projects',
  'fusion.orgPanel.all': 'All {count}',
  'fusion.orgPanel.none': 'No fusion project led, held jointly or staffed by this organisation yet',
  'fusion.orgPanel.progress': 'milestones {milestones}, KPIs met {met}/{kpis}',
  'fusion.orgPanel.overdue': '{count} overdue',
  'fusion.orgPanel.serving': '{count} fusion projects under way',
};
