import { theme } from 'antd';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

const BREAKPOINTS = ['xs', 'sm', 'md', 'lg', 'xl', 'xxl', 'xxxl'] as const;
export type Screens = Partial<Record<(typeof BREAKPOINTS)[number], boolean>>;

const lists = new Map<string, MediaQueryList>();
function mediaQuery(query: string): MediaQueryList {
  let list = lists.get(query);
  if (!list) {
    list = window.matchMedia(query);
    lists.set(query, list);
  }
  return list;
}

/**
 * The breakpoints the window matches, as antd's Grid.useBreakpoint() reports them (same theme widths, same
 * queries), but known in the first render. antd's hook answers {} first and measures in a layout effect, which
 * re-renders the whole page below it before the first paint: every page that asked laid itself out twice on
 * opening, the first time for no screen in particular.
 */
export function useScreens(): Screens {
  const { token } = theme.useToken();
  const queries = useMemo(
    () => [
      `(max-width: ${token.screenXSMax}px)`,
      `(min-width: ${token.screenSM}px)`,
      `(min-width: ${token.screenMD}px)`,
      `(min-width: ${token.screenLG}px)`,
      `(min-width: ${token.screenXL}px)`,
      `(min-width: ${token.screenXXL}px)`,
      `(min-width: ${token.screenXXXL}px)`,
    ],
    [
      token.screenXSMax,
      token.screenSM,
      token.screenMD,
      token.screenLG,
      token.screenXL,
      token.screenXXL,
      token.screenXXXL,
    ],
  );
  const subscribe = useCallback(
    (onChange: () => void) => {
      for (const query of queries) mediaQuery(query).addEventListener('change', onChange);
      return () => {
        for (const query of queries) mediaQuery(query).removeEventListener('change', onChange);
      };
    },
    [queries],
  );
  // A string, so that an unchanged window gives an equal snapshot and no re-render.
  const snapshot = useSyncExternalStore(subscribe, () =>
    queries.map((query) => (mediaQuery(query).matches ? '1' : '0')).join(''),
  );
  return useMemo(
    () => Object.fromEntries(BREAKPOINTS.map((name, i) => [name, snapshot[i] === '1'])) as Screens,
    [snapshot],
  );
}
