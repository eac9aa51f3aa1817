import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, createContext, type ReactNode, useContext } from 'react';
import type { AccessRoute } from './access.ts';
import type { LazyPage } from './lazy-page.tsx';

export type Title = { zh: string; en: string };

export type AppRoute = AccessRoute &
  LazyPage & {
    title: Title;
    icon: ComponentType;
    /**
     * Asks for the data the page shows first, for a session allowed on the page and the address's query string,
     * into the query cache where the page's own query finds it.
     */
    prefetch?: (queryClient: QueryClient, params: URLSearchParams) => Promise<void>;
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
