import { describe, expect, it, vi } from 'vitest';
import { HttpError } from './http.ts';
import { authReaction, createQueryClient } from './query-client.ts';

const err = (status: number, code: string) => new HttpError({ status, code, message: 'x' });

describe('authReaction', () => {
  it('treats 401 as signed out and the password-change 403 as a forced change', () => {
    expect(authReaction(err(401, 'auth.unauthenticated'))).toBe('signed_out');
    expect(authReaction(err(403, 'auth.password_change_required'))).toBe('password_change');
  });
  it('leaves other failures to the page', () => {
    expect(authReaction(err(403, 'auth.forbidden'))).toBeNull();
    expect(authReaction(err(409, 'common.stale_version'))).toBeNull();
    expect(authReaction(new Error('x'))).toBeNull();
  });
});

describe('createQueryClient', () => {
  it('signs out on a 401 from a query, but not from a mutation marked local', async () => {
    const events = { onUnauthenticated: vi.fn(), onPasswordChangeRequired: vi.fn() };
    const client = createQueryClient(events);
    await client
      .fetchQuery({
        queryKey: ['q'],
        queryFn: () => Promise.reject(err(401, 'auth.unauthenticated')),
        retry: false,
      })
      .catch(() => undefined);
    expect(events.onUnauthenticated).toHaveBeenCalledTimes(1);

    const cache = client.getMutationCache();
    const local = cache.build(client, {
      mutationFn: () => Promise.reject(err(401, 'auth.invalid_credentials')),
      meta: { authFailureIsLocal: true },
    });
    await local.execute(undefined).catch(() => undefined);
    expect(events.onUnauthenticated).toHaveBeenCalledTimes(1);

    const forced = cache.build(client, {
      mutationFn: () => Promise.reject(err(403, 'auth.password_change_required')),
    });
    await forced.execute(undefined).catch(() => undefined);
    expect(events.onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });
});
