import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchRecord, RecordSummary } from '#contracts/branch';
import type { DevelopmentPerson } from '#contracts/branch-development';
import type { DuesArrears } from '#contracts/branch-dues';
import type { BurdenMeter, ObligationRollup } from '#contracts/branch-rollup';
import type { Page } from '#contracts/common';
import { buildTestApp, type Client, signIn, type TestApp } from '../../../../test/helpers.ts';
import { generateDemoOrgan } from './demo.generator.ts';
import { DEMO_PASSWORD, type DemoLoadResult, loadDemoOrgan } from './index.ts';

// The demo organ's year of branch work as a newcomer sees it after `npm start`, on a fixed day late in the year:
// records on the list, obligations held / due / exempt / missing, the burden meter, dues with arrears, the development
// register, temporary organisations with drawn members — at a scale with one temporary organisation ended and one
// running.
const TODAY = '2026-11-20';
const OPTIONS = { scale: 0.4 };
const organ = generateDemoOrgan(OPTIONS);
let t: TestApp;
let loaded: DemoLoadResult;
let organId: string;
let homeId: string;
beforeAll(async () => {
  t = await buildTestApp({}, { now: () => new Date(`${TODAY}T02:00:00Z`) });
  loaded = await loadDemoOrgan(t.ctx(), OPTIONS);
  const id = async (code: string) =>
    (
      await t.database.db
        .selectFrom('partyOrg')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  organId = await id('JG');
  homeId = await id(organ.accounts.find((a) => a.username === 'shuji')?.orgCode ?? '');
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
const count = async (table: 'branchRecord' | 'duesPayment' | 'developmentPerson') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the demo organ’s year of branch work', () => {
  it('shows the officer every branch’s obligations held, due, exempt and missing, each held one down to its record', async () => {
    const rollup = await ok<ObligationRollup>(
      (await as('jiguan')).get(`/api/branch/obligations?partyOrgId=${organId}&year=2026`),
    );
    const sum = (k: 'held' | 'due' | 'exempt' | 'missing') =>
      rollup.branches.reduce((s, b) => s + b.total[k], 0);
    expect(sum('held')).toBeGreaterThan(sum('missing') * 5);
    expect(sum('missing')).toBeGreaterThan(0);
    expect(sum('due')).toBeGreaterThan(0);
    expect(sum('exempt')).toBe(2);
    // Most branches are regular (nothing missing); some lag.
    const standing = rollup.branches.filter((b) => b.entries.length > 0);
    const clean = standing.filter((b) => b.total.missing === 0);
    expect(clean.length / standing.length).toBeGreaterThan(0.6);
    expect(clean.length).toBeLessThan(standing.length);
    const held = standing.flatMap((b) => b.entries).filter((e) => e.state === 'held');
    expect(held.every((e) => e.recordId && e.recordTitle)).toBe(true);
    // The roll-up lists temporary organisations too: with their own records, but no obligations of their own.
    expect(rollup.branches.some((b) => b.name.endsWith('临时党支部') && b.entries.length === 0)).toBe(true);
  });

  it('lists the records, planned ones among them, and opens one with its attendance from the roster', async () => {
    const jiguan = await as('jiguan');
    const page = await ok<Page<RecordSummary>>(
      jiguan.get(`/api/branch/records?partyOrgId=${homeId}&pageSize=100`),
    );
    expect(page.total).toBeGreaterThan(30);
    expect(page.items.some((r) => r.status === 'planned')).toBe(true);
    const themeDay = page.items.find(
      (r) => r.kind === 'theme_day' && r.status === 'held' && r.source === 'demo',
    );
    const record = await ok<BranchRecord>(jiguan.get(`/api/branch/records/${themeDay?.id}`));
    expect(record.attendees.length).toBeGreaterThan(5);
    expect(record.attendees.every((a) => a.expected)).toBe(true);
    expect(record.parts?.theory).toBeTruthy();
    expect(record.counts.prefilled).toBeGreaterThan(record.counts.typed);
  });

  it('keeps what was said in a talk from the officer, and shows it to the branch secretary', async () => {
    const talk = await t.database.db
      .selectFrom('branchRecord')
      .select('id')
      .where('partyOrgId', '=', homeId)
      .where('kind', '=', 'talk')
      .orderBy('heldOn', 'desc')
      .executeTakeFirstOrThrow();
    const seen = await ok<BranchRecord>((await as('jiguan')).get(`/api/branch/records/${talk.id}`));
    expect(seen).toMatchObject({ kind: 'talk', confidential: true, content: null });
    expect(seen.attendees).toHaveLength(1);
    const own = await ok<BranchRecord>((await as('shuji')).get(`/api/branch/records/${talk.id}`));
    expect(own.confidential).toBe(false);
    expect(own.content).toMatch(/同志/);
  });

  it('meters at least 60% of the year’s fields as not typed, some of them imported', async () => {
    const meter = await ok<BurdenMeter>(
      (await as('jiguan')).get(`/api/branch/burden?partyOrgId=${organId}&year=2026`),
    );
    expect(meter.total.untypedShare).toBeGreaterThanOrEqual(0.6);
    expect(meter.total.untypedShare).toBeLessThan(0.95);
    expect(meter.total.typed).toBeGreaterThan(0);
    expect(meter.total.imported).toBeGreaterThan(0);
    expect(meter.total.reused).toBeGreaterThan(0);
  });

  it('draws members into the temporary organisations for their dates; the ended one is closed with its records kept', async () => {
    const temps = await t.database.db
      .selectFrom('partyOrg')
      .select(['id', 'status', 'tempEndOn'])
      .where('isTemporary', '=', true)
      .orderBy('tempEndOn')
      .execute();
    expect(temps.map((x) => x.status)).toEqual(['closed', 'active']);
    const jiguan = await as('jiguan');
    for (const temp of temps) {
      const members = await ok<{ homeOrgName: string; toOn: string | null }[]>(
        jiguan.get(`/api/branch/temporary-orgs/${temp.id}/members`),
      );
      expect(members.length).toBeGreaterThanOrEqual(6);
      expect(members.every((m) => m.toOn === temp.tempEndOn && !m.homeOrgName.includes('临时'))).toBe(true);
      const records = await ok<Page<RecordSummary>>(jiguan.get(`/api/branch/records?partyOrgId=${temp.id}`));
      expect(records.items.map((r) => r.kind)).toContain('theme_day');
    }
  });

  it('collects 党费 with a few members in arrears, and keeps a development register at every stage', async () => {
    const jiguan = await as('jiguan');
    const arrears = await ok<DuesArrears>(
      jiguan.get(`/api/branch/dues/arrears?partyOrgId=${organId}&year=2026`),
    );
    const members = generateDemoOrgan(OPTIONS).members.length;
    expect(arrears.members.length).toBeGreaterThan(0);
    expect(arrears.members.length / members).toBeLessThan(0.15);
    // Some stopped paying months ago, not only a month paid late.
    expect(arrears.members.some((m) => m.months.length >= 2)).toBe(true);
    const register = await ok<DevelopmentPerson[]>(
      jiguan.get(`/api/branch/development?partyOrgId=${organId}`),
    );
    expect(new Set(register.map((p) => p.stage))).toEqual(
      new Set(['applicant', 'activist', 'candidate', 'probationary', 'full']),
    );
    expect(register.filter((p) => p.stage === 'probationary').every((p) => p.memberId)).toBe(true);
  });

  it('writes set-based, with one audit entry for each load', async () => {
    expect(loaded.branch).toMatchObject({ loaded: true });
    expect(loaded.branch.records).toBe(await count('branchRecord'));
    expect(loaded.branch.attendees).toBeGreaterThan(loaded.branch.records * 5);
    expect(loaded.branch.statements).toBeLessThan(40);
    expect(loaded.dues).toMatchObject({ loaded: true });
    expect(loaded.dues.statements).toBeLessThan(20);
    const { rows } = await sql<{ action: string; n: number }>`
      select action, count(*)::int as n from audit_log where action like '%.bulk_load' group by action order by action`.execute(
      t.database.db,
    );
    expect(rows).toEqual([
      { action: 'branch.bulk_load', n: 1 },
      { action: 'dues.bulk_load', n: 1 },
      { action: 'fusion.bulk_load', n: 1 },
      { action: 'responsibility.bulk_load', n: 1 },
    ]);
  });

  it('changes nothing when loaded again', async () => {
    const before = [
      await count('branchRecord'),
      await count('duesPayment'),
      await count('developmentPerson'),
    ];
    const again = await loadDemoOrgan(t.ctx(), OPTIONS);
    expect([again.branch.loaded, again.dues.loaded]).toEqual([false, false]);
    expect([
      await count('branchRecord'),
      await count('duesPayment'),
      await count('developmentPerson'),
    ]).toEqual(before);
  });
});
