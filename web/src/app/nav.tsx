import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, createContext, type ReactNode, useContext } from 'react';
import type { AccessRoute } from './access.ts';
import type { LazyPage } from './lazy-page.tsx';

export type Title = { zh: string; en: string };

/** A folding group of the menu (e.g. 融合项目): its entries name it and stay together, in table order. */
export type MenuGroup = { key: string; title: Title; icon: ComponentType };

export type AppRoute = AccessRoute &
  LazyPage & {
    title: Title;
    icon: ComponentType;
    /**
     * Asks for the data the page shows first, for a session allowed on the page and the address's query string,
     * into the query cache where the page's own query finds it.
     */
    prefetch?: (queryClient: QueryClient, params: URLSearchParams) => Promise<void>;
    group?: MenuGroup;
  };

export type MenuNode<R> = { kind: 'entry'; entry: R } | { kind: 'group'; group: MenuGroup; entries: R[] };

/** The menu's entries with grouped ones gathered under their group, placed where its first entry is. */
export function groupMenu<R extends { group?: MenuGroup | undefined }>(entries: readonly R[]): MenuNode<R>[] {
  const nodes: MenuNode<R>[] = [];
  const groups = new Map<string, R[]>();
  for (const entry of entries) {
    if (!entry.group) {
      nodes.push({ kind: 'entry', entry });
      continue;
    }
    const members = groups.get(entry.group.key);
    if (members) members.push(entry);
    else {
      const list = [entry];
      groups.set(entry.group.key, list);
      nodes.push({ kind: 'group', group: entry.group, entries: list });
    }
  }
  return nodes;
}

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
