import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { HttpError, PASSWORD_CHANGE_REQUIRED } from './http.ts';

export type AuthEvents = {
  /** Any call answered 401: the session is gone. */
  onUnauthenticated: () => void;
  /** Any call answered 403 auth.password_change_required. */
  onPasswordChangeRequired: () => void;
};

/** Mutations whose 401 means "wrong credentials" rather than "signed out" set `meta: { authFailureIsLocal: true }`. */
export type MutationMeta = { authFailureIsLocal?: boolean };

export function authReaction(err: unknown): 'signed_out' | 'password_change' | null {
  if (!(err instanceof HttpError)) return null;
  if (err.status === 401) return 'signed_out';
  if (err.status === 403 && err.code === PASSWORD_CHANGE_REQUIRED) return 'password_change';
  return null;
}

export function createQueryClient(events: AuthEvents): QueryClient {
  const react = (err: unknown) => {
    const reaction = authReaction(err);
    if (reaction === 'signed_out') events.onUnauthenticated();
    else if (reaction === 'password_change') events.onPasswordChangeRequired();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: react }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        const meta = mutation.meta as MutationMeta | undefined;
        if (meta?.authFailureIsLocal && authReaction(err) === 'signed_out') return;
        react(err);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again; only transient failures are retried.
        retry: (count, err) =>
          count < 2 && !(err instanceof HttpError && err.status >= 400 && err.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
