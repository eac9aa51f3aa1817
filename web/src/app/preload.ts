import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router-dom';
import type { Session } from '#contracts/identity';
import { guardDecision, LOGIN_PATH } from './access.ts';
import type { AppRoute } from './nav.tsx';
import { LOGIN_PAGE, ROUTES } from './routes.tsx';
import { sessionQuery } from './session.tsx';

// A failure here is not reported: the page asks again when it renders, and shows the failure itself.
const ignore = () => undefined;

/**
 * Loads a route's code and, once the session is known and may use the route, the data the page shows first; the
 * page's first render waits for both. Resolves when the page is ready to render (or cannot be).
 */
export function startRoute(
  queryClient: QueryClient,
  route: AppRoute,
  session: Session | null | Promise<Session | null>,
  params: URLSearchParams,
): Promise<unknown> {
  const { prefetch } = route;
  const data = prefetch
    ? Promise.resolve(session).then((known) =>
        known && guardDecision(known, route) === 'allow' ? prefetch(queryClient, params) : undefined,
      )
    : undefined;
  return route.preload(data).catch(ignore);
}

/**
 * Opening the app at an address (a bookmark, a reload, a link) would otherwise go one step after another: the session
 * check waits for the first render, the page's code for the session check, the page's first data for that code — and
 * then queues on the server behind the other look-ups the page makes as it mounts. Here the session check and the
 * page's code start at once, before React renders anything, and the page's data as soon as the session is known.
 *
 * Resolves once the first render can show the opening page as it is meant to look: the session is known and, for a
 * signed-in user allowed on the page, its code and first data are there. Never rejects: whatever failed, the app
 * asks again as it renders and shows the failure.
 */
export async function preloadOpeningPage(
  queryClient: QueryClient,
  location: { pathname: string; search: string },
): Promise<void> {
  const session = queryClient.fetchQuery(sessionQuery);
  session.catch(ignore);
  if (matchPath(LOGIN_PATH, location.pathname)) {
    await Promise.all([session.catch(ignore), LOGIN_PAGE.preload().catch(ignore)]);
    return;
  }
  const route = ROUTES.find((r) => matchPath(r.path, location.pathname));
  const page = route && startRoute(queryClient, route, session, new URLSearchParams(location.search));
  const known = await session.catch(ignore);
  // Signed out, or not allowed there: the gate or the guard moves on at once, without the page.
  if (page && known && route && guardDecision(known, route) === 'allow') await page;
}
