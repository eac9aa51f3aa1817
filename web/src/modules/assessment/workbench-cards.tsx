import { lazy } from 'react';
import type { Session } from '#contracts/identity';

// The assessment module's workbench card (web/src/app/workbench.ts): where the reader's branches stand in the
// latest quarterly assessment of the organ's branches, and how many places they moved since the quarter before. A
// branch secretary sees their branch; an officer the best and the last. The body loads lazily.

const RankCard = lazy(async () => ({ default: (await import('./workbench-body.tsx')).RankCard }));

export const assessmentCards = [
  {
    key: 'assessment.rank',
    order: 50,
    title: { zh: '考核排名', en: 'Assessment ranking' },
    visible: (session: Session) => session.permissions.includes('assessment.read'),
    Card: RankCard,
  },
];
