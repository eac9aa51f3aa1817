import { lazy } from 'react';
import type { Session } from '#contracts/identity';

// The warning module's workbench card (web/src/app/workbench.ts): 我的预警, the open warnings the reader can see,
// worst first. The body loads lazily.

const MyWarningsCard = lazy(async () => ({ default: (await import('./workbench-body.tsx')).MyWarningsCard }));

export const warningCards = [
  {
    key: 'warning.mine',
    order: 25,
    title: { zh: '我的预警', en: 'My warnings' },
    visible: (session: Session) => session.permissions.includes('warning.read'),
    Card: MyWarningsCard,
  },
];
