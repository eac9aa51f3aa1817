import {
  type ComponentType,
  createContext,
  type LazyExoticComponent,
  type ReactNode,
  useContext,
} from 'react';
import type { AccessRoute } from './access.ts';

export type Title = { zh: string; en: string };

export type AppRoute = AccessRoute & {
  title: Title;
  icon: ComponentType;
  component: LazyExoticComponent<ComponentType>;
};

/**
 * The menu entries the session may use, handed down by the layout. Pages read them from here rather than from the
 * route table, which lazily imports those very pages.
 */
const NavContext = createContext<readonly AppRoute[]>([]);

export function NavProvider({ entries, children }: { entries: readonly AppRoute[]; children: ReactNode }) {
  return <NavContext.Provider value={entries}>{children}</NavContext.Provider>;
}

export function useNavEntries(): readonly AppRoute[] {
  return useContext(NavContext);
}
