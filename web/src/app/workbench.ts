// The workbench (工作台), the home page: cards that modules contribute. Each module exports its cards from
// web/src/modules/<module>/workbench-cards.tsx and is named once in WORKBENCH_CARDS below, as pages are in the route
// table. The home page is the first page most people open (ADR 21): a card fetches its own data with react-query
// after the page shows, and anything heavy (charts) is a React.lazy card so it stays out of the home page's code.
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Session } from '#contracts/identity';
import { assessmentCards } from '../modules/assessment/workbench-cards.tsx';
import { branchCards } from '../modules/branch/workbench-cards.tsx';
import { fusionCards } from '../modules/fusion/workbench-cards.tsx';
import { identityCards } from '../modules/identity/workbench-cards.tsx';
import { memberCards } from '../modules/member/workbench-cards.tsx';
import { notificationCards } from '../modules/notification/workbench-cards.tsx';
import { responsibilityCards } from '../modules/responsibility/workbench-cards.tsx';
import { warningCards } from '../modules/warning/workbench-cards.tsx';
import type { Title } from './nav.tsx';

export type WorkbenchCard = {
  /** Unique across modules: '<module>.<card>'. */
  key: string;
  /** Place on the page, smallest first; modules leave gaps (10, 20, …) for later cards. */
  order: number;
  /** The card's name, shown while a lazy card loads (the card shows its own title once there). */
  title: Title;
  /** Whether this session sees the card at all (permissions, a linked member record…). */
  visible: (session: Session) => boolean;
  /** A whole row on a wide screen; otherwise half of one. Every card is a whole row on a phone. */
  wide?: boolean;
  Card: ComponentType | LazyExoticComponent<ComponentType>;
};

export const WORKBENCH_CARDS: readonly WorkbenchCard[] = [
  ...identityCards,
  ...memberCards,
  ...notificationCards,
  ...responsibilityCards,
  ...branchCards,
  ...fusionCards,
  ...assessmentCards,
  ...warningCards,
];

/** The cards a session sees, in page order (ties by key, so the order never depends on the list's). */
export function visibleCards(cards: readonly WorkbenchCard[], session: Session): WorkbenchCard[] {
  const keys = new Set<string>();
  for (const card of cards) {
    if (keys.has(card.key)) throw new Error(`workbench card ${card.key} is listed twice`);
    keys.add(card.key);
  }
  return cards
    .filter((card) => card.visible(session))
    .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
