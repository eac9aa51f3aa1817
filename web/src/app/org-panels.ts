// What other modules show on the organisation page (组织管理): a panel under a Party organisation's details, and a
// badge beside a department in the department tree — e.g. the fusion projects that count for a branch, or serve a
// department, with their progress. Each module exports its panels from web/src/modules/<module>/org-panels.tsx and
// is named once below, as workbench cards are (web/src/app/workbench.ts); the org module never imports them itself.
import { fusionDepartmentBadges, fusionOrgPanels } from '../modules/fusion/org-panels.tsx';
import type { DepartmentBadge, OrgPanel } from './org-panel-types.ts';

export type { DepartmentBadge, OrgPanel };

export const ORG_PANELS: readonly OrgPanel[] = [...fusionOrgPanels];
export const DEPARTMENT_BADGES: readonly DepartmentBadge[] = [...fusionDepartmentBadges];
