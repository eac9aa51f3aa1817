import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD, type TestApp, userWith } from '../../../../test/helpers.ts';
import { findUserIdByUsername, resetPassword, unlock } from './index.ts';

// Issue 6, points 2, 3, 9 and 10: a lockout an anonymous caller cannot abuse, proxies named rather than trusted,
// no leaks from disabled accounts or unauthenticated validation, and session hardening.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const attempt = (
  app: TestApp,
  username: string,
  password: string,
  remoteAddress: string,
  headers?: Record<string, string>,
) =>
  app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
    ...(headers ? { headers } : {}),
  });

/** As if `minutes` had passed: every stored time of the sign-in bookkeeping moves back. */
async function timePasses(minutes: number) {
  const by = sql.raw(`interval '${minutes} minutes'`);
  await sql`update login_attempt set at = at - ${by}`.execute(t.database.db);
  await sql`update login_lock set locked_at = locked_at - ${by}, locked_until = locked_until - ${by}`.execute(
    t.database.db,
  );
}

describe('lockout that an anonymous caller cannot abuse (6.2)', () => {
  it('runs a lock from its start: attempts made during it neither count nor extend it', async () => {
    await userWith(t, 'lock-a', []);
    for (let i = 0; i < 4; i++) expect((await attempt(t, 'lock-a', 'bad', '10.2.0.1')).statusCode).toBe(401);
    const locked = await attempt(t, 'lock-a', 'bad', '10.2.0.1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('auth.account_locked');
    const until = locked.json().error.details.lockedUntil;

    await timePasses(10);
    // An attacker keeps knocking from other addresses during the last five minutes of the lock.
    for (let i = 0; i < 6; i++) {
      const knock = await attempt(t, 'lock-a', 'bad', `10.2.1.${i}`);
      expect(knock.statusCode).toBe(423);
      expect(new Date(knock.json().error.details.lockedUntil).getTime()).toBe(
        new Date(until).getTime() - 10 * 60_000,
      );
    }
    await timePasses(6);
    expect((await attempt(t, 'lock-a', TEST_PASSWORD, '10.2.9.9')).statusCode).toBe(200);
  });

  it('still locks after 5 failures, and counts again from zero once a lock ended', async () => {
    await userWith(t, 'lock-b', []);
    for (let i = 0; i < 5; i++) await attempt(t, 'lock-b', 'bad', `10.3.0.${i}`);
    expect((await attempt(t, 'lock-b', TEST_PASSWORD, '10.3.1.1')).statusCode).toBe(423);
    await timePasses(16);
    expect((await attempt(t, 'lock-b', 'bad', '10.3.1.2')).statusCode).toBe(401);
    expect((await attempt(t, 'lock-b', TEST_PASSWORD, '10.3.1.3')).statusCode).toBe(200);
  });

  it("does not let another account's success reset the count of an address", async () => {
    // The attacker owns one account and signs in with it between guesses at other accounts.
    await userWith(t, 'mallory', []);
    const from = '10.4.0.1';
    for (let i = 0; i < 4; i++) {
      expect((await attempt(t, `victim${i}`, 'guess', from)).statusCode).toBe(401);
      expect((await attempt(t, 'mallory', TEST_PASSWORD, from)).statusCode).toBe(200);
    }
    const fifth = await attempt(t, 'victim9', 'guess', from);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.address_locked');
    expect((await attempt(t, 'mallory', TEST_PASSWORD, from)).statusCode).toBe(423);
  });

  it("forgives an account's own typos once it signs in from the same address", async () => {
    await userWith(t, 'typist', []);
    const from = '10.5.0.1';
    for (let i = 0; i < 4; i++) await attempt(t, 'typist', 'typo', from);
    expect((await attempt(t, 'typist', TEST_PASSWORD, from)).statusCode).toBe(200);
    expect((await attempt(t, 'nobody-here', 'x', from)).statusCode).toBe(401);
  });

  it('is cleared by the console unlock (ronghe user unlock) and by a password reset', async () => {
    await userWith(t, 'lock-c', []);
    await userWith(t, 'lock-d', []);
    for (let i = 0; i < 5; i++) {
      await attempt(t, 'lock-c', 'bad', `10.6.0.${i}`);
      await attempt(t, 'lock-d', 'bad', `10.6.1.${i}`);
    }
    expect((await attempt(t, 'lock-c', TEST_PASSWORD, '10.6.2.1')).statusCode).toBe(423);
    expect((await attempt(t, 'lock-d', TEST_PASSWORD, '10.6.2.1')).statusCode).toBe(423);
    await unlock(t.ctx(), 'account', 'lock-c');
    expect((await attempt(t, 'lock-c', TEST_PASSWORD, '10.6.2.2')).statusCode).toBe(200);
    const id = (await findUserIdByUsername(t.database.db, 'lock-d')) as string;
    const { initialPassword } = await resetPassword(t.ctx(), id);
    expect((await attempt(t, 'lock-d', initialPassword, '10.6.2.3')).statusCode).toBe(200);
  });
});

describe('TRUST_PROXY names the proxies (6.3)', () => {
  const auditedAddress = async (app: TestApp, username: string) =>
    (
      await app.database.db
        .selectFrom('auditLog')
        .select('ip')
        .where('actorUsername', '=', username)
        .where('action', '=', 'auth.login_failed')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
    ).ip;

  it('takes the client address from X-Forwarded-For only when the peer is a listed proxy', async () => {
    const proxied = await buildTestApp({ TRUST_PROXY: '10.0.0.1,192.168.0.0/16' });
    try {
      const send = (username: string, remoteAddress: string, xff: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: 'x' },
          remoteAddress,
          headers: { 'x-forwarded-for': xff },
        });
      await send('via-proxy', '10.0.0.1', '6.6.6.6, 7.7.7.7');
      expect(await auditedAddress(proxied, 'via-proxy')).toBe('7.7.7.7');
      await send('direct', '10.0.0.99', '1.2.3.4');
      expect(await auditedAddress(proxied, 'direct')).toBe('10.0.0.99');
      // A direct caller forging a new X-Forwarded-For each time is still one address to the lockout.
      for (let i = 0; i < 4; i++) await send(`spray${i}`, '10.0.0.98', `9.9.9.${i}`);
      const fifth = await send('spray-last', '10.0.0.98', '9.9.9.200');
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().error.code).toBe('auth.address_locked');
    } finally {
      await proxied.close();
    }
  });

  it('with a hop count, trusts only that many proxies from the server', async () => {
    const proxied = await buildTestApp({ TRUST_PROXY: '1' });
    try {
      await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'one-hop', password: 'x' },
        remoteAddress: '10.0.0.1',
        headers: { 'x-forwarded-for': '6.6.6.6, 5.5.5.5' },
      });
      expect(await auditedAddress(proxied, 'one-hop')).toBe('5.5.5.5');
    } finally {
      await proxied.close();
    }
  });
});

describe('small leaks (6.9)', () => {
  /** Counts scrypt derivations made while `fn` runs. */
  async function scryptCalls(fn: () => Promise<unknown>): Promise<number> {
    const original = crypto.scrypt;
    let calls = 0;
    crypto.scrypt = ((...args: Parameters<typeof crypto.scrypt>) => {
      calls++;
      return (original as (...a: unknown[]) => void)(...args);
    }) as typeof crypto.scrypt;
    syncBuiltinESMExports();
    try {
      await fn();
    } finally {
      crypto.scrypt = original;
      syncBuiltinESMExports();
    }
    return calls;
  }

  it('answers for a disabled account exactly as for a wrong password, with the same work', async () => {
    await userWith(t, 'active-one', []);
    await userWith(t, 'disabled-one', []);
    await t.database.db
      .updateTable('appUser')
      .set({ status: 'disabled' })
      .where('username', '=', 'disabled-one')
      .execute();
    let wrong: Awaited<ReturnType<typeof attempt>> | undefined;
    let disabled: Awaited<ReturnType<typeof attempt>> | undefined;
    const wrongWork = await scryptCalls(async () => {
      wrong = await attempt(t, 'active-one', 'Wrong-Passw0rd!', '10.8.0.1');
    });
    // The right password of a disabled account: neither the answer nor the work may tell that it was right.
    const disabledWork = await scryptCalls(async () => {
      disabled = await attempt(t, 'disabled-one', TEST_PASSWORD, '10.8.0.2');
    });
    const unknownWork = await scryptCalls(() => attempt(t, 'no-such-user', TEST_PASSWORD, '10.8.0.3'));
    expect(disabled?.statusCode).toBe(wrong?.statusCode);
    expect(disabled?.statusCode).toBe(401);
    expect(disabled?.json().error.code).toBe(wrong?.json().error.code);
    expect(disabled?.json().error.message).toBe(wrong?.json().error.message);
    expect(wrongWork).toBe(1);
    expect(disabledWork).toBe(wrongWork);
    expect(unknownWork).toBe(wrongWork);
  });

  it('authenticates before it validates: an anonymous or unauthorised body gets 401 / 403, not the schema', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/members', payload: { name: 1 } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.issues).toBeUndefined();
    const noPermission = await userWith(t, 'plain-user', []);
    const refused = await noPermission.post('/api/members', { name: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.issues).toBeUndefined();
  });
});

describe('session hardening (6.10)', () => {
  const cookieOf = (res: { cookies: { name: string; value: string }[] }, name = 'ronghe_sid') =>
    `${name}=${res.cookies.find((c) => c.name === name)?.value ?? ''}`;
  const sessionWith = (app: TestApp, cookie: string) =>
    app.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });

  it("ends the browser's previous session when it signs in again", async () => {
    await userWith(t, 'switcher', []);
    await userWith(t, 'other-person', []);
    const first = await attempt(t, 'switcher', TEST_PASSWORD, '10.9.0.1');
    const old = cookieOf(first);
    expect((await sessionWith(t, old)).statusCode).toBe(200);
    // The web app sends the CSRF token it holds with the new sign-in, as with every write.
    const second = await attempt(t, 'other-person', TEST_PASSWORD, '10.9.0.1', {
      cookie: old,
      'x-csrf-token': first.json().csrfToken,
    });
    expect(second.statusCode).toBe(200);
    expect((await sessionWith(t, old)).statusCode).toBe(401);
    expect((await sessionWith(t, cookieOf(second))).json().user.username).toBe('other-person');
  });

  it('keeps at most SESSION_MAX_PER_USER sessions per account (default 3), ending the oldest', async () => {
    await userWith(t, 'many-tabs', []);
    const cookies: string[] = [];
    for (let i = 0; i < 4; i++)
      cookies.push(cookieOf(await attempt(t, 'many-tabs', TEST_PASSWORD, '10.9.1.1')));
    const alive = [];
    for (const c of cookies) alive.push((await sessionWith(t, c)).statusCode);
    expect(alive).toEqual([401, 200, 200, 200]);

    const single = await buildTestApp({ SESSION_MAX_PER_USER: '1' });
    try {
      await userWith(single, 'one-tab', []);
      const a = cookieOf(await attempt(single, 'one-tab', TEST_PASSWORD, '10.9.1.2'));
      const b = cookieOf(await attempt(single, 'one-tab', TEST_PASSWORD, '10.9.1.3'));
      expect((await sessionWith(single, a)).statusCode).toBe(401);
      expect((await sessionWith(single, b)).statusCode).toBe(200);
    } finally {
      await single.close();
    }
  });

  it('serves the API documentation only to signed-in users by default, under the CSP; API_DOCS changes that', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(401);
    const reader = await userWith(t, 'docs-reader', []);
    expect((await reader.get('/api/docs/json')).statusCode).toBe(200);
    const page = await reader.get('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');

    for (const [setting, anonymousStatus] of [
      ['public', 200],
      ['off', 404],
    ] as const) {
      const app = await buildTestApp({ API_DOCS: setting });
      try {
        expect((await app.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, setting).toBe(
          anonymousStatus,
        );
      } finally {
        await app.close();
      }
    }
  });

  it('sends HSTS and __Host- cookies over TLS, and neither over plain HTTP', async () => {
    await userWith(t, 'plain-http', []);
    const plain = await attempt(t, 'plain-http', TEST_PASSWORD, '10.9.2.1');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.cookies.map((c) => c.name).sort()).toEqual(['ronghe_csrf', 'ronghe_sid']);

    const tls = await buildTestApp({ COOKIE_SECURE: 'true' });
    try {
      await userWith(tls, 'over-tls', []);
      const res = await attempt(tls, 'over-tls', TEST_PASSWORD, '10.9.2.2');
      expect(res.statusCode).toBe(200);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
      const sid = res.cookies.find((c) => c.name === '__Host-ronghe_sid');
      expect(sid?.secure).toBe(true);
      expect(sid?.path).toBe('/');
      expect(sid?.domain).toBeUndefined();
      expect(res.cookies.some((c) => c.name === '__Host-ronghe_csrf')).toBe(true);
      expect(res.cookies.some((c) => c.name === 'ronghe_sid')).toBe(false);
      const session = await sessionWith(tls, cookieOf(res, '__Host-ronghe_sid'));
      expect(session.statusCode).toBe(200);
      // The unprefixed name is not read over TLS: a cookie planted without the prefix rides on nothing.
      expect((await sessionWith(tls, `ronghe_sid=${sid?.value}`)).statusCode).toBe(401);
    } finally {
      await tls.close();
    }

    const proxied = await buildTestApp({ TRUST_PROXY: '127.0.0.1' });
    try {
      const viaTls = await proxied.app.inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(viaTls.headers['strict-transport-security']).toMatch(/max-age=/);
      const forged = await proxied.app.inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '10.1.1.1',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(forged.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });
});
