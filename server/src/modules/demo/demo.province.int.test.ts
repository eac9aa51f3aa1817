import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers.ts';
import { generateDemoOrgan } from './demo.generator.ts';
import { type DemoLoadResult, loadDemoProvince, provinceOrgans } from './index.ts';

// A province of four small organs: what W2 is at a hundredth of the work.
const OPTIONS = { organs: 4, scale: 0.05, seed: 11 };
let t: TestApp;
let loaded: DemoLoadResult;
const progress: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  loaded = await loadDemoProvince(t.ctx(), OPTIONS, (done, total, name) =>
    progress.push(`${done}/${total} ${name}`),
  );
}, 300_000);
afterAll(async () => {
  await t.close();
});

describe('a province of demo organs (W2 in small)', () => {
  it('puts every organ under the one work committee, each in its own unit', async () => {
    const db = t.database.db;
    const committees = await db
      .selectFrom('partyOrg as o')
      .innerJoin('partyOrg as p', (j) => j.onRef('p.id', '=', 'o.parentId'))
      .innerJoin('unit as u', (j) => j.onRef('u.id', '=', 'o.unitId'))
      .select(['o.code', 'p.code as parent', 'u.code as unit', 'u.name as unitName'])
      .where('o.kind', '=', 'organ_committee')
      .orderBy('o.code')
      .execute();
    expect(committees.map((c) => `${c.unit} ${c.code} ← ${c.parent}`).sort()).toEqual(
      ['MZHG JG ← WC', 'W2O002 W2G002 ← WC', 'W2O003 W2G003 ← WC', 'W2O004 W2G004 ← WC'].sort(),
    );
    const workCommittees = await db
      .selectFrom('partyOrg')
      .select('id')
      .where('kind', '=', 'work_committee')
      .execute();
    expect(workCommittees).toHaveLength(1);
    expect(progress[0]).toBe('0/4 明州海关');
    expect(progress.at(-1)).toBe('4/4 ');
  });

  it('holds every organ’s generated roster, each member in their own organ’s unit', async () => {
    const expected = provinceOrgans(OPTIONS).map((o) => generateDemoOrgan(o).members.length);
    const rows = await t.database.db
      .selectFrom('member as m')
      .innerJoin('unit as u', (j) => j.onRef('u.id', '=', 'm.unitId'))
      .select((eb) => ['u.code', eb.fn.countAll<number>().as('n')])
      .groupBy('u.code')
      .orderBy('u.code')
      .execute();
    expect(rows.map((r) => Number(r.n))).toEqual(expected);
    expect(loaded.members.created).toBe(expected.reduce((a, b) => a + b, 0));
    // Only the first organ brings the demo accounts; the others would repeat their names.
    expect(loaded.accountsCreated).toContain('jiguan');
    expect(loaded.accountsCreated).toContain('gongwei');
  });

  it('gives every organ the same year of duties under the work committee’s one set of work points', async () => {
    const db = t.database.db;
    const perUnit = async (
      table: 'responsibility_list' | 'responsibility_exemption' | 'handover' | 'branch_record' | 'dues_base',
    ) =>
      (
        await sql<{ code: string; n: number }>`
          select u.code, count(*)::int as n from ${sql.table(table)} x join unit u on u.id = x.unit_id
          group by u.code order by u.code`.execute(db)
      ).rows.map((r) => [r.code, r.n]);
    const codes = provinceOrgans(OPTIONS)
      .map((o) => o.unitCode)
      .sort();
    expect(await perUnit('handover')).toEqual(codes.map((c) => [c, 1]));
    // Two duties reported by hand and a month's 主题党日 and 支委会 in two branches excused; one waiting on dangzu.
    expect(await perUnit('responsibility_exemption')).toEqual(codes.map((c) => [c, 5]));
    // Per organ: the 党组's list, four 一岗双责 lists, the 机关党委's, one per standing branch.
    const branches = provinceOrgans(OPTIONS).map(
      (o) =>
        generateDemoOrgan(o).orgs.filter(
          (x) => x.kind === 'branch' && !x.isTemporary && x.status === 'active',
        ).length,
    );
    const byCode = new Map(provinceOrgans(OPTIONS).map((o, i) => [o.unitCode, 6 + (branches[i] ?? 0)]));
    expect(await perUnit('responsibility_list')).toEqual(codes.map((c) => [c, byCode.get(c)]));
    const points = await db.selectFrom('workPoint').select('seq').execute();
    expect(points).toHaveLength(6);
    const r = loaded.responsibility;
    expect(r.lists).toBe([...byCode.values()].reduce((a, b) => a + b, 0));
    // A handful of statements per organ, whatever its size.
    expect(r.statements).toBeLessThan(OPTIONS.organs * 20);
    // And every organ's year of branch work: records settling those duties, 党费, the development register.
    for (const table of ['branch_record', 'dues_base'] as const) {
      const rows = await perUnit(table);
      expect(rows.map(([c]) => c)).toEqual(codes);
      for (const [, n] of rows) expect(n).toBeGreaterThan(10);
    }
    expect(loaded.branch.periodsSettled).toBeGreaterThan(0);
    expect(loaded.branch.statements + loaded.dues.statements).toBeLessThan(OPTIONS.organs * 60);
  });

  it('changes nothing when loaded again', async () => {
    const again = await loadDemoProvince(t.ctx(), OPTIONS);
    expect(again.responsibility.loaded).toBe(false);
    expect([again.branch.loaded, again.dues.loaded]).toEqual([false, false]);
    expect(again.members.created).toBe(0);
    expect(again.orgs.created).toBe(0);
    expect(again.members.unchanged).toBe(loaded.members.created);
  });
});
