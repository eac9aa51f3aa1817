import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import type { ChangePasswordBody, LoginBody, Permission, Session } from '#contracts/identity';
import { HttpError, http, setCsrfToken } from '../api/http.ts';
import type { MutationMeta } from '../api/query-client.ts';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await http.get<Session>('/api/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** Shared by the session gate and the start-up preload, so that both ask the server once. */
export const sessionQuery = queryOptions({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });

/** null = signed out; undefined = not known yet. */
export function useSessionQuery() {
  return useQuery({
    ...sessionQuery,
    // Coming back to the tab re-checks the session, so an idle timeout on the server shows up as the login page.
    refetchOnWindowFocus: true,
  });
}

let signedOutDeliberately = false;

/**
 * True after the user chose "sign out" (until the next sign-in): the login page then opens plain, not with a
 * "come back to where you were" target that may not suit whoever signs in next.
 */
export function wasSignedOutDeliberately(): boolean {
  return signedOutDeliberately;
}

/** Replaces whatever the previous user left in the cache with the new session. */
export function applySession(queryClient: QueryClient, session: Session | null, deliberate = false): void {
  signedOutDeliberately = session === null && deliberate;
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, session);
}

export function markPasswordChangeRequired(queryClient: QueryClient): void {
  queryClient.setQueryData<Session | null>(SESSION_KEY, (session) =>
    session ? { ...session, user: { ...session.user, mustChangePassword: true } } : session,
  );
}

const localAuthFailure: MutationMeta = { authFailureIsLocal: true };

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => http.post<Session>('/api/auth/login', body),
    meta: localAuthFailure,
    onSuccess: (session) => applySession(queryClient, session),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<unknown>('/api/auth/logout'),
    meta: localAuthFailure,
    // Whatever the server answered, this browser forgets the session.
    onSettled: () => applySession(queryClient, null, true),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => http.post<Session>('/api/auth/change-password', body),
    meta: localAuthFailure,
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in session; only for components rendered under the session gate. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside the signed-in part of the app');
  return session;
}

export function useCan(): (permission: Permission) => boolean {
  const session = useSession();
  return (permission) => session.permissions.includes(permission);
}
