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

  it('has a demo account for every role, each seeing its own scope', async () => {
    const shuji = await signIn(t, 'shuji', DEMO_PASSWORD);
    const own = (await shuji.get('/api/members?pageSize=200')).json();
    const all = (await (await signIn(t, 'jiguan', DEMO_PASSWORD)).get('/api/members?pageSize=1')).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(60);
    expect(all.total).toBeGreaterThan(2700);
    for (const username of ['gongwei', 'dangzu', 'zhiwei', 'dangyuan', 'jijian', 'secadmin', 'auditadmin']) {
      expect(
        (await signIn(t, username, DEMO_PASSWORD).then((c) => c.get('/api/auth/session'))).statusCode,
      ).toBe(200);
    }
  });

  it('changes nothing when loaded again with the same seed', async () => {
    const again = await loadDemoOrgan(t.ctx());
    expect(again.orgs.created + again.orgs.updated).toBe(0);
    expect(again.members.created + again.members.updated).toBe(0);
    expect(again.accountsCreated).toEqual([]);
  });
});
