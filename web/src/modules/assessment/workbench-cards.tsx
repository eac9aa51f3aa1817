import { lazy } from 'react';
import type { Session } from '#contracts/identity';

// The assessment module's workbench card (web/src/app/workbench.ts): where the reader's branches stand in the
// latest quarterly assessment of the organ's branches, and how many places they moved since the quarter before. A
// branch secretary sees their branch; an officer the best and the last. The body loads lazily.

const RankCard = lazy(async () => ({ default: (await import('./workbench-body.tsx')).RankCard }));
const RatingCard = lazy(async () => ({ default: (await import('./rating-card.tsx')).RatingCard }));
const ReviewCard = lazy(async () => ({ default: (await import('./review-card.tsx')).ReviewCard }));

export const assessmentCards = [
  {
    key: 'assessment.rank',
    order: 50,
    title: { zh: '考核排名', en: 'Assessment ranking' },
    visible: (session: Session) => session.permissions.includes('assessment.read'),
    Card: RankCard,
  },
  // Ratings to give (issue 12 point 10): the people who get invited — Party members (the masses, peers) and those
  // who read assessments (officers, secretaries, leaders) — not the three administrators' bare accounts.
  {
    key: 'assessment.rating',
    order: 45,
    title: { zh: '我的待评价', en: 'My ratings to give' },
    visible: (session: Session) => !!session.user.memberId || session.permissions.includes('assessment.read'),
    Card: RatingCard,
  },
  // 述评 waiting for the signature (issue 12 point 4): a branch secretary's, who completes and signs them.
  {
    key: 'assessment.review',
    order: 46,
    title: { zh: '待签字的述评', en: 'Reviews to sign' },
    visible: (session: Session) =>
      session.permissions.includes('member.write') &&
      session.roles.some((r) => r.role === 'branch_secretary'),
    Card: ReviewCard,
  },
];
