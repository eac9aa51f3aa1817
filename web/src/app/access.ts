import type { Permission, Session } from '#contracts/identity';

/**
 * Who may use a route: anyone ('public'), anyone signed in ('signed_in'), holders of one permission, or holders of
 * any permission in a list (the import wizard serves both member.import and org.import).
 */
export type Access = 'public' | 'signed_in' | Permission | readonly Permission[];

/** `needsMember`: shown only to an account linked to a member record (self-service pages). */
export type AccessRoute = { path: string; access: Access; menu: boolean; needsMember?: boolean };

/** The part of a session the access rules look at. */
export type SessionView = {
  permissions: readonly Permission[];
  user: Pick<Session['user'], 'mustChangePassword'> & { memberId?: string | null };
};

export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';
export const HOME_PATH = '/';

export function hasAccess(permissions: readonly Permission[], access: Access): boolean {
  if (access === 'public' || access === 'signed_in') return true;
  if (typeof access === 'string') return permissions.includes(access);
  return access.some((permission) => permissions.includes(permission));
}

/** Menu entries the session may use, in table order; none while a password change is pending. */
export function menuRoutes<R extends AccessRoute>(routes: readonly R[], session: SessionView): R[] {
  if (session.user.mustChangePassword) return [];
  return routes.filter(
    (route) =>
      route.menu &&
      hasAccess(session.permissions, route.access) &&
      (!route.needsMember || !!session.user.memberId),
  );
}

export type GuardDecision = 'allow' | 'login' | 'change_password' | 'forbidden';

export function guardDecision(
  session: SessionView | null,
  route: Pick<AccessRoute, 'path' | 'access' | 'needsMember'>,
): GuardDecision {
  if (route.access === 'public') return 'allow';
  if (!session) return 'login';
  if (session.user.mustChangePassword && route.path !== CHANGE_PASSWORD_PATH) return 'change_password';
  if (route.needsMember && !session.user.memberId) return 'forbidden';
  return hasAccess(session.permissions, route.access) ? 'allow' : 'forbidden';
}

/**
 * Where to go after signing in. Only same-origin absolute paths are honoured, so a crafted "?from=//evil.example"
 * cannot send the user off-site; the login page itself is never a target.
 */
export function afterLoginTarget(from: string | null | undefined): string {
  if (!from?.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return HOME_PATH;
  const path = from.split(/[?#]/)[0] ?? '';
  if (path === LOGIN_PATH || path === CHANGE_PASSWORD_PATH) return HOME_PATH;
  return from;
}

/** The menu entry to highlight: the longest menu path that is a prefix of the current path ("/members/1" → "/members"). */
export function selectedMenuPath(pathname: string, menuPaths: readonly string[]): string | null {
  let best: string | null = null;
  for (const path of menuPaths) {
    const matches =
      path === HOME_PATH ? pathname === HOME_PATH : pathname === path || pathname.startsWith(`${path}/`);
    if (matches && (best === null || path.length > best.length)) best = path;
  }
  return best;
}
