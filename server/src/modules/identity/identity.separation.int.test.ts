import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartyOrg } from '../../../../test/factories.ts';
import {
  buildTestApp,
  type Client,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  userWith,
} from '../../../../test/helpers.ts';
import { validIdNumber } from '../../../../test/matrix-world.ts';

// Issue 6.4, 三员分立 that no single administrator can cross: the system administrator manages business accounts,
// the security administrator assigns business roles, the audit administrator reads both and the trail; every
// administrator account is made and reset only at the console.

let t: TestApp;
let org: { id: string };
let sys: Client;
let sec: Client;
let aud: Client;
let memberId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const root = await insertPartyOrg(t.database.db);
  org = await insertPartyOrg(t.database.db, { parent: root, kind: 'branch' });
  // Administrator accounts come from the console (t.ctx() acts as the console operator).
  sys = await userWith(t, 'sep-sys', [{ role: 'system_admin', partyOrgId: null }]);
  sec = await userWith(t, 'sep-sec', [{ role: 'security_admin', partyOrgId: null }]);
  aud = await userWith(t, 'sep-aud', [{ role: 'audit_admin', partyOrgId: null }]);
  const officer = await userWith(t, 'sep-officer', [{ role: 'organ_committee_officer', partyOrgId: org.id }]);
  const m = await officer.post('/api/members', {
    name: '张保密',
    category: 'full',
    partyOrgId: org.id,
    idNumber: validIdNumber(),
  });
  expect(m.statusCode, m.body).toBe(200);
  memberId = m.json().id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

const version = async (c: Client, id: string) => (await c.get(`/api/users/${id}`)).json().version as number;

/** A fresh business account made by the system administrator, with its one-time password. */
async function newAccount(username: string) {
  const res = await sys.post('/api/users', { username, displayName: username });
  expect(res.statusCode).toBe(200);
  return res.json() as { user: { id: string; version: number }; initialPassword: string };
}

/** Signs in with a one-time password and sets an own one, as the account's owner (or an impostor) would. */
async function takeOver(username: string, oneTime: string, own: string): Promise<Client> {
  const c = await signIn(t, username, oneTime);
  const changed = await c.post('/api/auth/change-password', { currentPassword: oneTime, newPassword: own });
  expect(changed.statusCode).toBe(200);
  return signIn(t, username, own);
}

const businessReads = [
  '/api/members',
  () => `/api/members/${memberId}`,
  () => `/api/members/${memberId}/history`,
  () => `/api/members/export?partyOrgId=${org.id}`,
] as const;

describe('三员分立 (6.4)', () => {
  it('lets the system administrator create business accounts, but only without roles', async () => {
    const created = await newAccount('sep-plain');
    expect(created.user).toMatchObject({ roles: [] });
    const withRoles = await sys.post('/api/users', {
      username: 'sep-officer2',
      displayName: 'x',
      roles: [{ role: 'organ_committee_officer', partyOrgId: org.id }],
    });
    expect(withRoles.statusCode).toBe(400);
    const asAdmin = await sys.post('/api/users', {
      username: 'sep-aud2',
      displayName: 'x',
      roles: [{ role: 'audit_admin', partyOrgId: null }],
    });
    expect(asAdmin.statusCode).toBe(400);
    const give = await sys.put(`/api/users/${created.user.id}/roles`, {
      roles: [{ role: 'organ_committee_officer', partyOrgId: org.id }],
      version: created.user.version,
    });
    expect(give.statusCode).toBe(403);
  });

  it('keeps every administrator account out of reach of the system administrator', async () => {
    for (const admin of [aud, sec, sys]) {
      const v = await version(sys, admin.userId);
      const reset = await sys.post(`/api/users/${admin.userId}/reset-password`);
      expect(reset.statusCode, admin.username).toBe(403);
      expect(reset.json().error.code).toBe('user.admin_console_only');
      expect(reset.body).not.toContain('initialPassword');
      const disable = await sys.patch(`/api/users/${admin.userId}`, { status: 'disabled', version: v });
      expect(disable.statusCode, admin.username).toBe(403);
      const rename = await sys.patch(`/api/users/${admin.userId}`, { displayName: '改名', version: v });
      expect(rename.statusCode, admin.username).toBe(403);
    }
    // The audit administrator can still sign in with its own password.
    expect((await signIn(t, 'sep-aud', TEST_PASSWORD).then((c) => c.get('/api/audit'))).statusCode).toBe(200);
  });

  it('suspends the roles of an account whose password the system administrator reset, until the security administrator confirms them', async () => {
    const officer = await newAccount('sep-target');
    const assigned = await sec.put(`/api/users/${officer.user.id}/roles`, {
      roles: [{ role: 'organ_committee_officer', partyOrgId: org.id }],
      version: await version(sec, officer.user.id),
    });
    expect(assigned.statusCode).toBe(200);
    const owner = await takeOver('sep-target', officer.initialPassword, 'Owners-Own-2026!');
    expect((await owner.get('/api/members')).statusCode).toBe(200);

    // The system administrator resets the password and signs in with it: the account's access is not there.
    const reset = await sys.post(`/api/users/${officer.user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user.rolesSuspended).toBe(true);
    const impostor = await takeOver('sep-target', reset.json().initialPassword, 'Taken-Over-2026!');
    const session = (await impostor.get('/api/auth/session')).json();
    expect(session.roles).toEqual([]);
    expect(session.permissions).toEqual([]);
    for (const url of businessReads) {
      expect((await impostor.get(typeof url === 'string' ? url : url())).statusCode).toBe(403);
    }

    // The security administrator confirms the roles (after checking with the owner): they apply again.
    const confirmed = await sec.put(`/api/users/${officer.user.id}/roles`, {
      roles: [{ role: 'organ_committee_officer', partyOrgId: org.id }],
      version: await version(sec, officer.user.id),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().rolesSuspended).toBe(false);
    expect(
      (await signIn(t, 'sep-target', 'Taken-Over-2026!').then((c) => c.get('/api/members'))).statusCode,
    ).toBe(200);
  });

  it('lets the security administrator assign business roles only, never to an administrator account', async () => {
    const target = await newAccount('sep-roles');
    const adminRole = await sec.put(`/api/users/${target.user.id}/roles`, {
      roles: [{ role: 'audit_admin', partyOrgId: null }],
      version: target.user.version,
    });
    expect(adminRole.statusCode).toBe(400);
    expect(adminRole.json().error.issues[0].field).toBe('body.roles.0.role');
    for (const admin of [sec, aud, sys]) {
      const res = await sec.put(`/api/users/${admin.userId}/roles`, {
        roles: [{ role: 'organ_committee_officer', partyOrgId: org.id }],
        version: await version(sec, admin.userId),
      });
      expect(res.statusCode, admin.username).toBe(403);
    }
    expect((await sec.post('/api/users', { username: 'sep-by-sec', displayName: 'x' })).statusCode).toBe(403);
    expect((await sec.post(`/api/users/${target.user.id}/reset-password`)).statusCode).toBe(403);
    expect(
      (await sec.patch(`/api/users/${target.user.id}`, { status: 'disabled', version: target.user.version }))
        .statusCode,
    ).toBe(403);
  });

  it('lets the audit administrator read accounts, roles and the trail, and change nothing', async () => {
    const target = await newAccount('sep-read');
    const list = await aud.get('/api/users?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((u: { username: string }) => u.username === 'sep-target')).toBe(true);
    expect((await aud.get(`/api/users/${target.user.id}`)).statusCode).toBe(200);
    expect((await aud.get('/api/audit')).statusCode).toBe(200);
    expect((await aud.post('/api/users', { username: 'sep-by-aud', displayName: 'x' })).statusCode).toBe(403);
    expect((await aud.post(`/api/users/${target.user.id}/reset-password`)).statusCode).toBe(403);
    expect(
      (
        await aud.put(`/api/users/${target.user.id}/roles`, {
          roles: [{ role: 'member', partyOrgId: org.id }],
          version: target.user.version,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('leaves no single administrator a way to business data or to another administrator', async () => {
    const admins = [sys, sec, aud];
    for (const admin of admins) {
      for (const url of businessReads) {
        const res = await admin.get(typeof url === 'string' ? url : url());
        expect(res.statusCode, `${admin.username} ${res.body.slice(0, 80)}`).toBe(403);
      }
      // Towards every other administrator: no reset (so no password), no role change, no disabling.
      for (const other of admins.filter((a) => a !== admin)) {
        const v = await version(admin, other.userId);
        const attempts = [
          await admin.post(`/api/users/${other.userId}/reset-password`),
          await admin.put(`/api/users/${other.userId}/roles`, { roles: [], version: v }),
          await admin.patch(`/api/users/${other.userId}`, { status: 'disabled', version: v }),
        ];
        for (const res of attempts) {
          expect(res.statusCode, `${admin.username} → ${other.username}`).toBe(403);
          expect(res.body).not.toContain('initialPassword');
        }
      }
      // No administrator can give itself (or a new account) business roles.
      const self = await admin.put(`/api/users/${admin.userId}/roles`, {
        roles: [{ role: 'organ_committee_officer', partyOrgId: org.id }],
        version: await version(admin, admin.userId),
      });
      expect(self.statusCode, admin.username).toBe(403);
    }
    // Every administrator still has its own access.
    expect((await sys.get('/api/users')).statusCode).toBe(200);
    expect((await sec.get('/api/security/lockouts')).statusCode).toBe(200);
    expect((await aud.get('/api/audit')).statusCode).toBe(200);
  });
});
