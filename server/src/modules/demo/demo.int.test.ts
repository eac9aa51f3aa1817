import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../../test/helpers.ts';
import {
  DEMO_PASSWORD,
  type DemoLoadResult,
  isLoopbackHost,
  loadDemoOrgan,
  publishedPasswordWarning,
} from './index.ts';

let t: TestApp;
let loaded: DemoLoadResult;
beforeAll(async () => {
  t = await buildTestApp();
  loaded = await loadDemoOrgan(t.ctx());
}, 300_000);
afterAll(async () => {
  await t.close();
});

describe('the demo organ as first start loads it', () => {
  it('has the shape of the sources: 1 / 13 / 10 / 23 + 201 branches and about 3,000 members', async () => {
    const rows = await t.database.db
      .selectFrom('partyOrg')
      .select((eb) => ['kind', 'isTemporary', eb.fn.countAll<number>().as('n')])
      .groupBy(['kind', 'isTemporary'])
      .execute();
    const count = (kind: string, temporary = false) =>
      Number(rows.find((r) => r.kind === kind && r.isTemporary === temporary)?.n ?? 0);
    expect(count('organ_committee')).toBe(1);
    expect(count('sub_committee')).toBe(13);
    expect(count('general_branch')).toBe(10);
    expect(count('branch')).toBe(224);
    expect(count('branch', true)).toBeGreaterThan(0);
    const organ = await t.database.db
      .selectFrom('partyOrg')
      .select(['id'])
      .where('kind', '=', 'organ_committee')
      .executeTakeFirstOrThrow();
    const direct = await t.database.db
      .selectFrom('partyOrg')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parentId', '=', organ.id)
      .where('kind', '=', 'branch')
      .where('isTemporary', '=', false)
      .executeTakeFirstOrThrow();
    expect(Number(direct.n)).toBe(23);
    const members = await t.database.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(members.n)).toBeGreaterThan(2700);
    expect(Number(members.n)).toBeLessThan(3300);
    const links = await t.database.db
      .selectFrom('branchDepartment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(links.n)).toBeGreaterThan(224);
  });

  it('leaves the planner statistics current, so that the first requests are planned for thousands of members', async () => {
    // The embedded database runs no autovacuum: without an ANALYZE, member would still be estimated as empty.
    const { rows } = await sql<{ relname: string; reltuples: number }>`
      select relname, reltuples::float8 as reltuples from pg_class
      where relname in ('member', 'party_org', 'member_org_history') and relkind = 'r'`.execute(
      t.database.db,
    );
    const members = Number(
      (
        await t.database.db
          .selectFrom('member')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const estimate = (name: string) => Number(rows.find((r) => r.relname === name)?.reltuples ?? -1);
    expect(estimate('member')).toBeGreaterThan(members * 0.9);
    expect(estimate('member')).toBeLessThan(members * 1.1);
    expect(estimate('party_org')).toBeGreaterThan(200);
    expect(estimate('member_org_history')).toBeGreaterThan(members * 0.9);
  });

  it('has a demo account for every role, each seeing exactly its own scope, numbers masked on every list (ADR 14)', async () => {
    const db = t.database.db;
    // Where each account is assigned, read straight from the tables (not through the product's scope code).
    const assignment = async (username: string) => {
      const rows = await db
        .selectFrom('roleAssignment as ra')
        .innerJoin('appUser as u', 'u.id', 'ra.userId')
        .leftJoin('partyOrg as po', 'po.id', 'ra.partyOrgId')
        .select(['ra.role', 'po.path', 'po.kind'])
        .where('u.username', '=', username)
        .execute();
      expect(rows, username).toHaveLength(1);
      return rows[0] as { role: string; path: string | null; kind: string | null };
    };
    const membersUnder = async (path: string) =>
      Number(
        (
          await db
            .selectFrom('member as m')
            .innerJoin('partyOrg as po', 'po.id', 'm.partyOrgId')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('po.path', 'like', `${path}%`)
            .where('m.status', '=', 'active')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const allMembers = Number(
      (
        await db
          .selectFrom('member')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow()
      ).n,
    );
    // Written out by hand: the first four digits and fourteen stars, whoever reads the list.
    const MASKED_ID = /^\d{4}\*{14}$/;

    // Officers and readers of the organ: the whole organ (every member of the demo).
    const organWide: [string, string][] = [
      ['gongwei', 'work_committee_officer'],
      ['jiguan', 'organ_committee_officer'],
      ['dangzu', 'leading_group_member'],
      ['jijian', 'supervisor'],
    ];
    // The branch accounts: only their branch.
    const branchOnly: [string, string][] = [
      ['shuji', 'branch_secretary'],
      ['zhiwei', 'branch_committee_member'],
    ];
    for (const [username, role] of organWide) {
      expect((await assignment(username)).role).toBe(role);
      const client = await signIn(t, username, DEMO_PASSWORD);
      // Marked as a demo account, so the web shows it as one.
      expect((await client.get('/api/auth/session')).json().user.isDemo, username).toBe(true);
      const page = (await client.get('/api/members?pageSize=200')).json();
      expect(page.total, username).toBe(allMembers);
      expect(page.items.length, username).toBe(200);
      for (const m of page.items) expect(m.idNumber, username).toMatch(MASKED_ID);
    }
    const branchPath = (await assignment('shuji')).path as string;
    const inBranch = await membersUnder(branchPath);
    expect(inBranch).toBeGreaterThan(0);
    expect(inBranch).toBeLessThan(60);
    for (const [username, role] of branchOnly) {
      const a = await assignment(username);
      expect([a.role, a.path, a.kind], username).toEqual([role, branchPath, 'branch']);
      const page = (await (await signIn(t, username, DEMO_PASSWORD)).get('/api/members?pageSize=200')).json();
      expect(page.total, username).toBe(inBranch);
      expect(page.items.length, username).toBe(inBranch);
      for (const m of page.items) expect(m.idNumber, username).toMatch(MASKED_ID);
    }
    // No member list for the ordinary member; the two administrators sign in with one-time passwords (next test).
    const own: [string, string][] = [
      ['dangyuan', 'member'],
      ['secadmin', 'security_admin'],
      ['auditadmin', 'audit_admin'],
    ];
    for (const [username, role] of own) expect((await assignment(username)).role).toBe(role);
    const dangyuan = await signIn(t, 'dangyuan', DEMO_PASSWORD);
    const members = await dangyuan.get('/api/members');
    expect([members.statusCode, members.json().error.code]).toEqual([403, 'auth.forbidden']);
    const accounts = [...organWide, ...branchOnly, ...own].map(([username]) => username).sort();
    expect(
      (await db.selectFrom('appUser').select('username').execute()).map((u) => u.username).sort(),
    ).toEqual(accounts);
    expect(accounts).toHaveLength(9);
  });

  it('gives the administrator demo accounts one-time passwords, never the published one (6.7)', async () => {
    expect(loaded.oneTimePasswords.map((p) => p.username).sort()).toEqual(['auditadmin', 'secadmin']);
    for (const { username, password } of loaded.oneTimePasswords) {
      expect(password).not.toBe(DEMO_PASSWORD);
      expect(password).toMatch(/^.{16}$/);
      await expect(signIn(t, username, DEMO_PASSWORD)).rejects.toThrow(/401/);
      const admin = await signIn(t, username, password);
      const session = (await admin.get('/api/auth/session')).json();
      expect(session.user.mustChangePassword).toBe(true);
      expect((await admin.get('/api/users')).json().error.code).toBe('auth.password_change_required');
    }
    // Two loads never share a password.
    const [a, b] = loaded.oneTimePasswords;
    expect(a?.password).not.toBe(b?.password);
  });

  it('warns at start about demo accounts with the published password when it listens beyond loopback (6.7)', async () => {
    const warning = await publishedPasswordWarning(t.database.db, '0.0.0.0');
    expect(warning).toContain(DEMO_PASSWORD);
    for (const username of ['gongwei', 'jiguan', 'dangzu', 'jijian', 'shuji', 'zhiwei', 'dangyuan']) {
      expect(warning).toContain(username);
    }
    expect(warning).not.toContain('secadmin');
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      expect(isLoopbackHost(host)).toBe(true);
      expect(await publishedPasswordWarning(t.database.db, host)).toBeNull();
    }
    expect(isLoopbackHost('192.168.1.10')).toBe(false);
    // Once every demo account has its own password (or is disabled), there is nothing to warn about.
    await t.database.db
      .updateTable('appUser')
      .set({ status: 'disabled' })
      .where('isDemo', '=', true)
      .where('username', '!=', 'dangyuan')
      .execute();
    expect(await publishedPasswordWarning(t.database.db, '10.0.0.5')).toMatch(/dangyuan/);
    const dangyuan = await signIn(t, 'dangyuan', DEMO_PASSWORD);
    expect(
      (
        await dangyuan.post('/api/auth/change-password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'Own-Password-2026',
        })
      ).statusCode,
    ).toBe(200);
    expect(await publishedPasswordWarning(t.database.db, '10.0.0.5')).toBeNull();
    await t.database.db.updateTable('appUser').set({ status: 'active' }).where('isDemo', '=', true).execute();
  });

  it('changes nothing when loaded again with the same seed', async () => {
    const again = await loadDemoOrgan(t.ctx());
    expect(again.orgs.created + again.orgs.updated).toBe(0);
    expect(again.members.created + again.members.updated).toBe(0);
    expect(again.accountsCreated).toEqual([]);
    // The year of responsibility work came with the first load (demo.responsibility.int.test.ts looks at it).
    expect(loaded.responsibility.loaded).toBe(true);
    expect(again.responsibility.loaded).toBe(false);
  });
});
