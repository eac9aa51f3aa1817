import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponsibilityList } from '#contracts/responsibility';
import type { Coverage, CoverageNode } from '#contracts/responsibility-coverage';
import type { MyDuties } from '#contracts/responsibility-me';
import { buildTestApp, type Client, signIn, type TestApp } from '../../../../test/helpers.ts';
import { DEFAULT_TEMPLATE } from '../responsibility/index.ts';
import { generateDemoOrgan } from './demo.generator.ts';
import { demoResponsibilityPlan } from './demo.responsibility.ts';
import { DEMO_PASSWORD, type DemoLoadResult, loadDemoOrgan } from './index.ts';

// The demo organ's year of responsibility work, on a fixed day late in the year (10:00 Beijing time).
const TODAY = '2026-11-20';
const OPTIONS = { scale: 0.3 };
let t: TestApp;
let loaded: DemoLoadResult;
beforeAll(async () => {
  t = await buildTestApp({}, { now: () => new Date(`${TODAY}T02:00:00Z`) });
  loaded = await loadDemoOrgan(t.ctx(), OPTIONS);
}, 300_000);
afterAll(async () => {
  await t.close();
});

const as = (username: string): Promise<Client> => signIn(t, username, DEMO_PASSWORD);
const ok = async <T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};
const flagsOf = (nodes: readonly CoverageNode[]): CoverageNode['flags'] =>
  nodes.flatMap((n) => [...n.flags, ...flagsOf(n.children)]);
const count = async (table: 'responsibilityItem' | 'responsibilityPeriod' | 'progressReport' | 'liaison') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the demo organ’s year of responsibility work', () => {
  it('keeps lists at all three levels, the 党组 members’ own lists and every branch’s', async () => {
    const branches = generateDemoOrgan(OPTIONS).orgs.filter(
      (o) => o.kind === 'branch' && !o.isTemporary && o.status === 'active',
    ).length;
    const lists = await ok<ResponsibilityList[]>(
      (await as('jiguan')).get('/api/responsibility/lists?year=2026'),
    );
    const level = (l: string, personal: boolean) =>
      lists.filter((x) => x.level === l && (x.holderMemberId !== null) === personal).length;
    expect([level('principal', false), level('direct', false), level('implementing', false)]).toEqual([
      1,
      1,
      branches,
    ]);
    // 关长 and three 副关长: a 一岗双责 list each, Party and business duties on one list.
    expect(level('principal', true)).toBe(4);
    expect(lists.every((l) => l.status === 'published')).toBe(true);
    // The branch lists adopt the whole template: the obligations met by records are settled by the branch records
    // loaded after them (demo.branch.int.test.ts looks at those), never reported done by hand.
    const branch = lists.find((l) => l.level === 'implementing');
    expect(branch?.templateVersion).toBe(1);
    const { rows } = await sql<{ kind: string; byHand: number }>`
      select i.record_kind as kind, count(*) filter (where p.status = 'done' and p.fulfilled_by_kind is null)::int as by_hand
      from responsibility_item i join responsibility_period p on p.unit_id = i.unit_id and p.item_id = i.id
      where i.record_kind is not null group by i.record_kind order by 1`.execute(t.database.db);
    expect(rows.map((r) => r.kind)).toEqual(
      DEFAULT_TEMPLATE.items.flatMap((i) => (i.recordKind ? [i.recordKind] : [])).sort(),
    );
    expect(rows.filter((r) => r.byHand !== 0)).toEqual([]);
    // Two duties reported by hand and a month's meeting in two branches excused; one waiting on dangzu.
    expect(loaded.responsibility).toMatchObject({ loaded: true, exemptions: 5, handovers: 1 });
  });

  it('cascades the work points with partial coverage: who has not taken them up is named, and so is a leaver', async () => {
    const cov = await ok<Coverage>((await as('jiguan')).get('/api/responsibility/coverage?year=2026'));
    expect(cov.roots.filter((r) => r.kind === 'work_point')).toHaveLength(6);
    // Five of six taken up by the 党组; the sixth is red, for the 党组 to act on.
    const untaken = cov.roots.filter((r) => r.kind === 'work_point' && r.children.length === 0);
    expect(untaken.map((r) => r.flags[0]?.kind)).toEqual(['not_taken_up']);
    const flags = flagsOf(cov.roots);
    const notTaken = flags.filter((f) => f.kind === 'not_taken_up');
    expect(notTaken.length).toBeGreaterThan(3);
    for (const f of notTaken) expect(f.whoShouldAct).toMatch(/书记 |党组/);
    expect(flags.filter((f) => f.kind === 'owner_left')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('已不在本单位') }),
    ]);
    expect(cov.progress).toBeGreaterThan(0);
    expect(cov.progress).toBeLessThan(100);
    // Each issued item is taken up by most branches, not all.
    const lists = await ok<ResponsibilityList[]>(
      (await as('jiguan')).get('/api/responsibility/lists?year=2026&level=implementing'),
    );
    const direct = cov.roots.flatMap((r) => r.children.flatMap((p) => p.children));
    const issued = direct.filter((d) => d.children.length > 0);
    expect(issued).toHaveLength(4);
    for (const d of issued) {
      expect(d.children.length / lists.length).toBeGreaterThan(0.5);
      expect(d.children.length).toBeLessThan(lists.length);
    }
  });

  it('gives the secretary shuji duties overdue and due soon, a handover to confirm; dangzu an exemption to decide', async () => {
    const shuji = await ok<MyDuties>((await as('shuji')).get('/api/me/duties'));
    const states = new Set(shuji.duties.map((d) => d.period.state));
    expect(shuji.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(shuji.counts.dueSoon).toBeGreaterThanOrEqual(1);
    for (const s of ['overdue', 'due_soon', 'open'] as const) expect(states.has(s), s).toBe(true);
    expect(shuji.counts.doneThisYear).toBeGreaterThan(0);
    const handovers = await ok<{ entries: { acknowledgedAt: string | null }[]; status: string }[]>(
      (await as('shuji')).get('/api/me/handovers'),
    );
    expect(handovers).toHaveLength(1);
    expect(handovers[0]?.status).toBe('completed');
    expect(handovers[0]?.entries.filter((e) => e.acknowledgedAt === null)).toHaveLength(1);

    const dangzu = await ok<MyDuties>((await as('dangzu')).get('/api/me/duties'));
    expect(dangzu.approvals.map((a) => a.status)).toEqual(['pending']);
    expect(dangzu.duties.length).toBeGreaterThan(0);
  });

  it('has about one duty in ten overdue, some done late, reports and liaison rows', async () => {
    const { rows } = await sql<{ items: number; overdue: number }>`
      select count(*)::int as items,
        count(*) filter (where exists (
          select 1 from responsibility_period p
          where p.item_id = i.id and p.status = 'open' and p.due_on < ${TODAY}))::int as overdue
      from responsibility_item i`.execute(t.database.db);
    const share = Number(rows[0]?.overdue) / Number(rows[0]?.items);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.2);
    const late = await t.database.db
      .selectFrom('responsibilityPeriod')
      .select('id')
      .where('status', '=', 'done')
      .whereRef('doneOn', '>', 'dueOn')
      .execute();
    expect(late.length).toBeGreaterThan(0);
    // Duties met by records have no reports: the records are their evidence.
    const byHand = await t.database.db
      .selectFrom('responsibilityItem')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recordKind', 'is', null)
      .executeTakeFirstOrThrow();
    expect(await count('progressReport')).toBeGreaterThan(Number(byHand.n));
    // Weights travel as numeric arrays: the work points' own weights reach the items taking them up.
    const weights = await t.database.db
      .selectFrom('responsibilityItem')
      .select('weight')
      .distinct()
      .execute();
    expect(weights.map((w) => w.weight).sort()).toEqual([1, 1.5, 2]);
    const kinds = await t.database.db
      .selectFrom('liaison')
      .select('kind')
      .distinct()
      .orderBy('kind')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['officer', 'point']);
  });

  it('is the plan of the seed: built again, the same duties; the database holds exactly them', async () => {
    const template = { id: 'template', items: DEFAULT_TEMPLATE.items };
    const ids = {
      unitId: 'unit',
      org: (code: string) => code,
      member: (row: { idNumber: string }) => row.idNumber,
      account: () => null,
    };
    const plan = () =>
      demoResponsibilityPlan(generateDemoOrgan(OPTIONS), { seed: 2026, today: TODAY, template, ids });
    const [a, b] = [plan(), plan()];
    expect(b).toEqual(a);
    // The plan's duties, and beside them only the 限期整改 the year's assessment opened for its lowest branches.
    const stored = await t.database.db
      .selectFrom('responsibilityItem')
      .select(['title', 'category'])
      .execute();
    const titles = (xs: readonly { title: string }[]) => xs.map((x) => x.title).sort();
    expect(titles(stored.filter((x) => x.category !== '限期整改'))).toEqual(titles(a.items));
    expect(stored.filter((x) => x.category === '限期整改').length).toBe(3);
    expect(await count('liaison')).toBe(a.liaisons.length);
  });

  it('changes nothing when loaded again', async () => {
    const before = await count('responsibilityPeriod');
    const again = await loadDemoOrgan(t.ctx(), OPTIONS);
    expect(again.responsibility.loaded).toBe(false);
    expect(again.members.created + again.members.updated).toBe(0);
    expect(await count('responsibilityPeriod')).toBe(before);
  });

  it('writes with a few statements per table, not one per row', () => {
    const r = loaded.responsibility;
    expect(r.items + r.periods + r.reports).toBeGreaterThan(1000);
    expect(r.statements).toBeLessThan(20);
  });
});
