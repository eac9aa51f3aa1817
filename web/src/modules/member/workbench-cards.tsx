import type { Session } from '#contracts/identity';
import { CorrectionTasks } from './correction-tasks.tsx';

// The member module's workbench cards (web/src/app/workbench.ts): a secretary's open correction requests.

export const memberCards = [
  {
    key: 'member.correction-tasks',
    order: 30,
    title: { zh: '党员信息更正申请', en: "Members' correction requests" },
    visible: (session: Session) => session.permissions.includes('member.write'),
    Card: CorrectionTasks,
  },
];
