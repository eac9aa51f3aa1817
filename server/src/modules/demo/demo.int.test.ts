import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../../test/helpers.ts';
import { DEMO_PASSWORD, loadDemoOrgan } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await loadDemoOrgan(t.ctx());
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

  it('has a demo account for every role, each seeing exactly its own scope, with numbers only for officers', async () => {
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
    const FULL_ID = /^\d{17}[\dX]$/;

    // Officers and readers of the organ: the whole organ (every member of the demo), numbers in full only for
    // holders of member.sensitive.
    const organWide: [string, string, 'full' | 'masked'][] = [
      ['gongwei', 'work_committee_officer', 'full'],
      ['jiguan', 'organ_committee_officer', 'full'],
      ['dangzu', 'leading_group_member', 'masked'],
      ['jijian', 'supervisor', 'masked'],
    ];
    // The branch accounts: only their branch.
    const branchOnly: [string, string][] = [
      ['shuji', 'branch_secretary'],
      ['zhiwei', 'branch_committee_member'],
    ];
    for (const [username, role, numbers] of organWide) {
      expect((await assignment(username)).role).toBe(role);
      const page = (await (await signIn(t, username, DEMO_PASSWORD)).get('/api/members?pageSize=200')).json();
      expect(page.total, username).toBe(allMembers);
      expect(page.items.length, username).toBe(200);
      for (const m of page.items) {
        if (numbers === 'full') expect(m.idNumber, username).toMatch(FULL_ID);
        else expect(m.idNumber, username).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      }
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
      for (const m of page.items) expect(m.idNumber, username).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    }
    // No member list at all for the ordinary member and the two administrators, who still reach their own pages.
    const own: [string, string, string][] = [
      ['dangyuan', 'member', '/api/party-orgs'],
      ['secadmin', 'security_admin', '/api/security/lockouts'],
      ['auditadmin', 'audit_admin', '/api/audit'],
    ];
    for (const [username, role, page] of own) {
      expect((await assignment(username)).role).toBe(role);
      const c = await signIn(t, username, DEMO_PASSWORD);
      const members = await c.get('/api/members');
      expect([members.statusCode, members.json().error.code], username).toEqual([403, 'auth.forbidden']);
      expect((await c.get(page)).statusCode, username).toBe(200);
    }
    const accounts = [...organWide, ...branchOnly, ...own].map(([username]) => username).sort();
    expect(
      (await db.selectFrom('appUser').select('username').execute()).map((u) => u.username).sort(),
    ).toEqual(accounts);
    expect(accounts).toHaveLength(9);
  });

  it('changes nothing when loaded again with the same seed', async () => {
    const again = await loadDemoOrgan(t.ctx());
    expect(again.orgs.created + again.orgs.updated).toBe(0);
    expect(again.members.created + again.members.updated).toBe(0);
    expect(again.accountsCreated).toEqual([]);
  });
});
