import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartyOrg } from '../../../../test/factories.ts';
import {
  buildTestApp,
  expectError,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  userWith,
} from '../../../../test/helpers.ts';
import { createUser, ensureFirstAdmin } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('sign-in and sessions', () => {
  it('creates the first system administrator once, with a random password that must be changed', async () => {
    const first = await ensureFirstAdmin(t.ctx());
    expect(first?.username).toBe('sysadmin');
    expect(first?.password).toMatch(/^.{16}$/);
    expect(await ensureFirstAdmin(t.ctx())).toBeNull();

    const admin = await signIn(t, 'sysadmin', first?.password);
    const blocked = await admin.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password_change_required');

    const weak = await admin.post('/api/auth/change-password', {
      currentPassword: first?.password,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.issues[0].field).toBe('body.newPassword');

    const same = await admin.post('/api/auth/change-password', {
      currentPassword: first?.password,
      newPassword: first?.password,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('auth.password_reused');

    const ok = await admin.post('/api/auth/change-password', {
      currentPassword: first?.password,
      newPassword: 'Brand-New-Pass1',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
    expect((await admin.get('/api/users')).statusCode).toBe(200);
  });

  it('sets an HttpOnly SameSite session cookie and gives the same browser a new session id when it signs in again, ending the old one', async () => {
    const browser = await userWith(t, 'cookie-user', []);
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cookie-user', password: TEST_PASSWORD },
    });
    const oldSid = first.cookies.find((c) => c.name === 'ronghe_sid');
    expect(oldSid?.httpOnly).toBe(true);
    expect(oldSid?.sameSite).toBe('Lax');
    const oldCsrf = first.json().csrfToken as string;
    const asBrowser = (
      sid: string,
      csrf: string,
      opts: { method: 'GET' | 'POST'; url: string; payload?: object },
    ) => t.app.inject({ ...opts, headers: { cookie: `ronghe_sid=${sid}`, 'x-csrf-token': csrf } });
    expect(
      (await asBrowser(oldSid?.value ?? '', oldCsrf, { method: 'GET', url: '/api/auth/session' })).statusCode,
    ).toBe(200);

    // The same browser, still holding its session cookie, signs in again.
    const again = await asBrowser(oldSid?.value ?? '', oldCsrf, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cookie-user', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    const newSid = again.cookies.find((c) => c.name === 'ronghe_sid')?.value ?? '';
    expect(newSid).toMatch(/^[\w-]{43}$/);
    expect(newSid).not.toBe(oldSid?.value);
    expect(again.json().csrfToken).not.toBe(oldCsrf);
    const now = await asBrowser(newSid, again.json().csrfToken, { method: 'GET', url: '/api/auth/session' });
    expect(now.statusCode).toBe(200);
    expect(now.json().user.id).toBe(browser.userId);
    // The session id captured before the new sign-in no longer works (6.9): the sign-in ended it.
    expectError(
      await asBrowser(oldSid?.value ?? '', oldCsrf, { method: 'GET', url: '/api/auth/session' }),
      401,
      'auth.required',
    );
  });

  it('answers 401 without a session and for a wrong password, with the same message for unknown users', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/auth/session' }), 401, 'auth.required');
    await userWith(t, 'alice', []);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'alice', password: 'nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope' },
    });
    expectError(wrong, 401, 'auth.invalid_credentials');
    expectError(unknown, 401, 'auth.invalid_credentials');
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('locks an account after 5 failures in 15 minutes, and the security administrator can unlock it', async () => {
    await userWith(t, 'bob', []);
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'bob', password },
        remoteAddress: '10.9.9.1',
      });
    for (let i = 0; i < 4; i++) expectError(await attempt('bad'), 401, 'auth.invalid_credentials');
    const fifth = await attempt('bad');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.account_locked');
    expect(fifth.json().error.message).toMatch(/锁定/);
    // Even the right password is refused while locked.
    expectError(await attempt(TEST_PASSWORD), 423, 'auth.account_locked');

    const sec = await userWith(t, 'sec', [{ role: 'security_admin', partyOrgId: null }]);
    const lockouts = await sec.get('/api/security/lockouts');
    expect(lockouts.json().some((l: { key: string }) => l.key === 'bob')).toBe(true);
    expect((await sec.post('/api/security/unlock', { kind: 'account', key: 'bob' })).statusCode).toBe(200);
    // The address that made the failures is locked too, until it is unlocked as well.
    expect((await attempt(TEST_PASSWORD)).json().error.code).toBe('auth.address_locked');
    expect((await sec.post('/api/security/unlock', { kind: 'address', key: '10.9.9.1' })).statusCode).toBe(
      200,
    );
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('keeps an account locked for exactly 15 minutes from the lock, then lets the right password in', async () => {
    await userWith(t, 'carol', []);
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'carol', password },
        remoteAddress: '10.9.9.2',
      });
    for (let i = 0; i < 4; i++) expectError(await attempt('bad'), 401, 'auth.invalid_credentials');
    const lockRow = () =>
      t.database.db
        .selectFrom('loginLock')
        .selectAll()
        .where('kind', '=', 'account')
        .where('key', '=', 'carol')
        .executeTakeFirstOrThrow();
    const fifth = await attempt('bad');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.account_locked');
    const lock = await lockRow();
    expect(lock.failures).toBe(5);
    // Written out: fifteen minutes, to the millisecond, from the moment the lock began.
    expect(lock.lockedUntil.getTime() - lock.lockedAt.getTime()).toBe(15 * 60_000);
    expect(fifth.json().error.details.lockedUntil).toBe(lock.lockedUntil.toISOString());
    expect(fifth.headers['retry-after']).toBe('900');
    // The right password is refused while the lock holds, and does not lengthen it.
    expectError(await attempt(TEST_PASSWORD), 423, 'auth.account_locked');
    expect((await lockRow()).lockedUntil).toEqual(lock.lockedUntil);

    const sec = await userWith(t, 'sec-carol', [{ role: 'security_admin', partyOrgId: null }]);
    const listed = (await sec.get('/api/security/lockouts'))
      .json()
      .find((l: { kind: string; key: string }) => l.kind === 'account' && l.key === 'carol');
    expect(listed).toMatchObject({ lockedUntil: lock.lockedUntil.toISOString() });

    // The five failures came from one address, which is locked too. Move both locks back: one second before its end it still holds...
    const shiftBack = (ms: number) =>
      sql`update login_lock set locked_at = locked_at - ${`${ms} milliseconds`}::interval, locked_until = locked_until - ${`${ms} milliseconds`}::interval where key in ('carol', '10.9.9.2')`.execute(
        t.database.db,
      );
    await shiftBack(lock.lockedUntil.getTime() - Date.now() - 1000);
    expectError(await attempt(TEST_PASSWORD), 423, 'auth.account_locked');
    // ...and once it has ended, the right password works.
    await shiftBack(2000);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    expect(
      (await sec.get('/api/security/lockouts')).json().some((l: { key: string }) => l.key === 'carol'),
    ).toBe(false);
  });

  it('locks a source address that fails against many accounts', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `guess${i}`, password: 'x' },
        remoteAddress: '10.7.7.7',
      });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'alice', password: TEST_PASSWORD },
      remoteAddress: '10.7.7.7',
    });
    expect(res.statusCode).toBe(423);
    expect(res.json().error.code).toBe('auth.address_locked');
  });

  it('refuses state-changing requests without the CSRF token or from another origin', async () => {
    const c = await userWith(t, 'csrf-user', []);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'csrf-user', password: TEST_PASSWORD },
    });
    const cookie = `ronghe_sid=${login.cookies.find((x) => x.name === 'ronghe_sid')?.value}`;
    const noToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('auth.csrf');
    const crossSite = await c.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('auth.bad_origin');
  });

  it('ends the session on logout', async () => {
    const c = await userWith(t, 'leaver', []);
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expectError(await c.get('/api/auth/session'), 401, 'auth.required');
  });

  it('ends a session that was idle longer than the idle timeout', async () => {
    const c = await userWith(t, 'sleeper', []);
    await t.database.db
      .updateTable('userSession')
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where('userId', '=', c.userId)
      .execute();
    expectError(await c.get('/api/auth/session'), 401, 'auth.required');
  });

  it('ends a session older than the absolute timeout even when active', async () => {
    const c = await userWith(t, 'marathon', []);
    await t.database.db
      .updateTable('userSession')
      .set({ createdAt: new Date(Date.now() - 13 * 3_600_000), lastSeenAt: new Date() })
      .where('userId', '=', c.userId)
      .execute();
    expectError(await c.get('/api/auth/session'), 401, 'auth.required');
  });
});

describe('accounts and roles (三员分立)', () => {
  it('lets the system administrator create an account whose initial password must be changed', async () => {
    const admin = await userWith(t, 'sys2', [{ role: 'system_admin', partyOrgId: null }]);
    const res = await admin.post('/api/users', { username: 'newbie', displayName: '新用户' });
    expect(res.statusCode).toBe(200);
    const { initialPassword, user } = res.json();
    expect(user.mustChangePassword).toBe(true);
    const newbie = await signIn(t, 'newbie', initialPassword);
    expect((await newbie.get('/api/auth/session')).json().user.mustChangePassword).toBe(true);
  });

  it('refuses an account holding two administrator roles, or an admin role with a business role', async () => {
    // Administrator roles are given only at the console (t.ctx() acts as the console operator).
    const org = await insertPartyOrg(t.database.db);
    await expect(
      createUser(t.ctx(), {
        username: 'greedy',
        displayName: 'x',
        roles: [
          { role: 'security_admin', partyOrgId: null },
          { role: 'audit_admin', partyOrgId: null },
        ],
      }),
    ).rejects.toMatchObject({ code: 'user.admin_role_exclusive' });
    await expect(
      createUser(t.ctx(), {
        username: 'mixed',
        displayName: 'x',
        roles: [
          { role: 'audit_admin', partyOrgId: null },
          { role: 'branch_secretary', partyOrgId: org.id },
        ],
      }),
    ).rejects.toMatchObject({ code: 'user.admin_role_exclusive' });
    const sec = await userWith(t, 'sec3', [{ role: 'security_admin', partyOrgId: null }]);
    const created = await createUser(t.ctx(), { username: 'unscoped', displayName: 'x' });
    const unscoped = await sec.put(`/api/users/${created.user.id}/roles`, {
      roles: [{ role: 'branch_secretary', partyOrgId: null }],
      version: created.user.version,
    });
    expect(unscoped.statusCode).toBe(400);
    expect(unscoped.json().error.issues[0].field).toBe('body.roles.0.partyOrgId');
  });

  it('answers 409 with the current record on a stale role change', async () => {
    const admin = await userWith(t, 'sec4', [{ role: 'security_admin', partyOrgId: null }]);
    const org = await insertPartyOrg(t.database.db);
    const created = (await createUser(t.ctx(), { username: 'target', displayName: 'T' })).user;
    const first = await admin.put(`/api/users/${created.id}/roles`, {
      roles: [{ role: 'member', partyOrgId: org.id }],
      version: created.version,
    });
    expect(first.statusCode).toBe(200);
    const stale = await admin.put(`/api/users/${created.id}/roles`, { roles: [], version: created.version });
    expectError(stale, 409, 'common.stale_version');
    expect(stale.json().error.details.current.roles).toHaveLength(1);
  });

  it('keeps business data and accounts apart from the administrator roles', async () => {
    const auditor = await userWith(t, 'aud', [{ role: 'audit_admin', partyOrgId: null }]);
    expect((await auditor.get('/api/users')).statusCode).toBe(200);
    expect((await auditor.post('/api/users', { username: 'by-aud', displayName: 'x' })).statusCode).toBe(403);
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
    expect((await auditor.get('/api/members')).statusCode).toBe(403);
    const sec = await userWith(t, 'sec2', [{ role: 'security_admin', partyOrgId: null }]);
    expect((await sec.get('/api/audit')).statusCode).toBe(403);
    expect((await sec.get('/api/members')).statusCode).toBe(403);
    expect((await sec.post('/api/users', { username: 'by-sec', displayName: 'x' })).statusCode).toBe(403);
    const sys = await userWith(t, 'sys5', [{ role: 'system_admin', partyOrgId: null }]);
    expect((await sys.get('/api/audit')).statusCode).toBe(403);
    expect((await sys.get('/api/members')).statusCode).toBe(403);
    expect((await sys.get('/api/party-orgs')).statusCode).toBe(403);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, unknown fields and wrong types with 400 and field-level messages', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('common.malformed_json');

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b', admin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].field).toContain('admin');

    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 5, password: 'b' },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.issues[0].field).toBe('body.username');
  });

  it('answers an oversize body with 413 and an unknown route with a JSON 404', async () => {
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x'.repeat(2 * 1024 * 1024), password: 'y' },
    });
    expectError(big, 413, 'common.too_large');
    const missing = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('common.route_not_found');
  });
});

describe('session housekeeping', () => {
  it('sweeps expired sessions of everyone when someone signs in', async () => {
    const stale = await userWith(t, 'stale-user', []);
    await t.database.db
      .updateTable('userSession')
      .set({ lastSeenAt: new Date(Date.now() - 2 * 3_600_000) })
      .where('userId', '=', stale.userId)
      .execute();
    await userWith(t, 'fresh-user', []);
    const left = await t.database.db
      .selectFrom('userSession')
      .select('idHash')
      .where('userId', '=', stale.userId)
      .execute();
    expect(left).toEqual([]);
  });
});

// Found by mutation testing (npm run mutate:int): what sign-in writes down and what a live session keeps.
describe('what sign-in records and what a session keeps', () => {
  const audits = (username: string) =>
    t.database.db
      .selectFrom('auditLog')
      .select(['action', 'actorUsername', 'entityType', 'entityId', 'details'])
      .where('actorUsername', '=', username)
      .orderBy('seq')
      .execute();
  const login = (username: string, password: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('audits each failed sign-in with its reason, and a sign-in and sign-out with the account', async () => {
    const c = await userWith(t, 'diary', []);
    await login('diary', 'bad', '10.8.0.1');
    await login('nobody-here', 'bad', '10.8.0.2');
    await userWith(t, 'gone', []);
    await t.database.db
      .updateTable('appUser')
      .set({ status: 'disabled' })
      .where('username', '=', 'gone')
      .execute();
    await login('gone', TEST_PASSWORD, '10.8.0.3');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const failed = async (u: string) =>
      (await audits(u)).filter((a) => a.action === 'auth.login_failed').map((a) => a.details);
    expect(await failed('diary')).toEqual([{ reason: 'bad_password' }]);
    expect(await failed('nobody-here')).toEqual([{ reason: 'unknown_user' }]);
    expect(await failed('gone')).toEqual([{ reason: 'disabled' }]);
    const own = (await audits('diary')).filter((a) => a.action !== 'auth.login_failed');
    expect(own).toEqual([
      { action: 'auth.login', actorUsername: 'diary', entityType: 'user', entityId: c.userId, details: null },
      {
        action: 'auth.logout',
        actorUsername: 'diary',
        entityType: 'user',
        entityId: c.userId,
        details: null,
      },
    ]);
  });

  it('names what is locked, the account or the address, in the message and the audit trail', async () => {
    await userWith(t, 'knocker', []);
    for (let i = 0; i < 5; i++) await login('knocker', 'bad', '10.8.1.1');
    const account = await login('knocker', TEST_PASSWORD, '10.8.1.99');
    expect(account.json().error.message).toMatch(/^该账号因连续 5 次登录失败已被锁定，请 \d+ 分钟后再试/);
    for (let i = 0; i < 4; i++) await login(`stranger-${i}`, 'bad', '10.8.1.2');
    // The failure that reaches the threshold is itself answered with the address lock, not a wrong password.
    const fifth = await login('stranger-4', 'bad', '10.8.1.2');
    expect(fifth.json().error).toMatchObject({ code: 'auth.address_locked' });
    const address = await login('someone-else', 'bad', '10.8.1.2');
    expect(address.json().error).toMatchObject({ code: 'auth.address_locked' });
    expect(address.json().error.message).toMatch(/^当前网络地址因连续 5 次登录失败已被锁定/);
    expect((await audits('knocker')).at(-1)).toMatchObject({
      action: 'auth.login_failed',
      details: { reason: 'locked_account' },
    });
    expect((await audits('someone-else')).at(-1)).toMatchObject({
      action: 'auth.login_failed',
      details: { reason: 'locked_address' },
    });
  });

  it('starts counting afresh after an unlock: the failures before the lock do not lock again', async () => {
    await userWith(t, 'fresh', []);
    for (let i = 0; i < 5; i++) await login('fresh', 'bad', '10.8.2.1');
    const sec = await userWith(t, 'sec-fresh', [{ role: 'security_admin', partyOrgId: null }]);
    await sec.post('/api/security/unlock', { kind: 'account', key: 'fresh' });
    await sec.post('/api/security/unlock', { kind: 'address', key: '10.8.2.1' });
    const wrong = await login('fresh', 'bad', '10.8.2.1');
    expectError(wrong, 401, 'auth.invalid_credentials');
    // The same words for an unknown account and a wrong password: nothing tells which one it was.
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    expect((await login('fresh', TEST_PASSWORD, '10.8.2.1')).statusCode).toBe(200);
  });

  it("ends the sessions of an account that was disabled, and keeps an active user's session alive", async () => {
    const c = await userWith(t, 'busy', []);
    const seen = async () =>
      (
        await t.database.db
          .selectFrom('userSession')
          .select('lastSeenAt')
          .where('userId', '=', c.userId)
          .executeTakeFirstOrThrow()
      ).lastSeenAt.getTime();
    const setSeen = (msAgo: number) =>
      t.database.db
        .updateTable('userSession')
        .set({ lastSeenAt: new Date(Date.now() - msAgo) })
        .where('userId', '=', c.userId)
        .execute();
    // Seen 20 minutes ago (idle limit 30): this request counts as activity, so the session lives on.
    await setSeen(20 * 60_000);
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    expect(Date.now() - (await seen())).toBeLessThan(10_000);
    // Seen 30 seconds ago: not written again (at most once a minute).
    await setSeen(30_000);
    const before = await seen();
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    expect(await seen()).toBe(before);

    await t.database.db
      .updateTable('appUser')
      .set({ status: 'disabled' })
      .where('id', '=', c.userId)
      .execute();
    expectError(await c.get('/api/auth/session'), 401, 'auth.required');
    const left = await t.database.db
      .selectFrom('userSession')
      .select('idHash')
      .where('userId', '=', c.userId)
      .execute();
    expect(left).toEqual([]);
  });

  it('describes the session: not a demo account, the organisations of its roles, none while roles are suspended', async () => {
    const org = await insertPartyOrg(t.database.db, { kind: 'branch', name: '会话第一支部' });
    const c = await userWith(t, 'roles', [{ role: 'branch_secretary', partyOrgId: org.id }]);
    const session = (await c.get('/api/auth/session')).json();
    expect(session.user.isDemo).toBe(false);
    expect(session.roles).toEqual([
      { role: 'branch_secretary', partyOrgId: org.id, partyOrgName: '会话第一支部' },
    ]);
    await t.database.db
      .updateTable('appUser')
      .set({ rolesSuspendedAt: new Date() })
      .where('id', '=', c.userId)
      .execute();
    const suspended = (await c.get('/api/auth/session')).json();
    expect(suspended.roles).toEqual([]);
    expect(suspended.permissions).toEqual([]);
  });

  it('marks an account the demo loader made as a demo account in its session', async () => {
    const c = await userWith(t, 'demo-like', []);
    await t.database.db.updateTable('appUser').set({ isDemo: true }).where('id', '=', c.userId).execute();
    expect((await c.get('/api/auth/session')).json().user.isDemo).toBe(true);
  });

  it("gives a business role its organisation's subtree once signed in, and nothing beyond it", async () => {
    const root = await insertPartyOrg(t.database.db, { kind: 'organ_committee', name: '子树机关党委' });
    const branch = await insertPartyOrg(t.database.db, {
      parent: root,
      kind: 'branch',
      name: '子树第一支部',
    });
    await insertPartyOrg(t.database.db, { parent: root, kind: 'branch', name: '子树第二支部' });
    const c = await userWith(t, 'subtree', [{ role: 'branch_secretary', partyOrgId: branch.id }]);
    const seen = (await c.get('/api/party-orgs')).json() as { name: string }[];
    expect(seen.map((o) => o.name)).toEqual(['子树第一支部']);
  });
});
