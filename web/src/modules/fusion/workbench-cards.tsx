import { lazy } from 'react';
import type { Session } from '#contracts/identity';

// The fusion module's workbench cards (web/src/app/workbench.ts): one's own projects and the milestones coming up
// or overdue, from GET /api/me/fusion (one request for both). Their bodies load lazily, so the home page's own code
// stays as it was; a member on a project's team sees them without any fusion permission.

const MyProjectsCard = lazy(async () => ({ default: (await import('./workbench-body.tsx')).MyProjectsCard }));
const MilestonesCard = lazy(async () => ({ default: (await import('./workbench-body.tsx')).MilestonesCard }));

const hasMember = (session: Session) => !!session.user.memberId;

export const fusionCards = [
  {
    key: 'fusion.my-projects',
    order: 40,
    title: { zh: '我的融合项目', en: 'My fusion projects' },
    visible: hasMember,
    Card: MyProjectsCard,
  },
  {
    key: 'fusion.milestones',
    order: 42,
    title: { zh: '临近的项目节点', en: 'Project milestones due' },
    visible: hasMember,
    Card: MilestonesCard,
  },
];
