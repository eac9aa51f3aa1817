import { describe, expect, it } from 'vitest';
import type { Session } from '#contracts/identity';
import { visibleCards, WORKBENCH_CARDS, type WorkbenchCard } from './workbench.ts';

const session = (permissions: Session['permissions'], memberId: string | null = null): Session => ({
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'u',
    displayName: '用户',
    mustChangePassword: false,
    memberId,
    isDemo: false,
  },
  roles: [],
  permissions,
  csrfToken: 'x',
  idleTimeoutMinutes: 30,
});

const Nothing = () => null;
const card = (key: string, order: number, visible: WorkbenchCard['visible'] = () => true): WorkbenchCard => ({
  key,
  order,
  title: { zh: key, en: key },
  visible,
  Card: Nothing,
});

describe('visibleCards', () => {
  it('keeps the cards the session may see, in order, ties by key', () => {
    const cards = [
      card('b.second', 20),
      card('a.hidden', 5, (s) => s.permissions.includes('member.write')),
      card('c.first', 10),
      card('a.second', 20),
    ];
    expect(visibleCards(cards, session([])).map((c) => c.key)).toEqual(['c.first', 'a.second', 'b.second']);
    expect(visibleCards(cards, session(['member.write'])).map((c) => c.key)).toEqual([
      'a.hidden',
      'c.first',
      'a.second',
      'b.second',
    ]);
  });

  it('refuses a card listed twice', () => {
    expect(() => visibleCards([card('x', 1), card('x', 2)], session([]))).toThrow(/listed twice/);
  });

  it('gives everyone the welcome, the notifications and the links, and correction tasks to those who settle them', () => {
    const keys = (permissions: Session['permissions']) =>
      visibleCards(WORKBENCH_CARDS, session(permissions)).map((c) => c.key);
    expect(keys([])).toEqual(['identity.welcome', 'notification.latest', 'identity.quick-links']);
    expect(keys(['member.read', 'member.write'])).toEqual([
      'identity.welcome',
      'notification.latest',
      'member.correction-tasks',
      'identity.quick-links',
    ]);
  });
});
