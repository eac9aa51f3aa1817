import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, IndicatorBasis, ResultRow } from '#contracts/assessment';
import type { BulletinSummary } from '#contracts/assessment-bulletin';
import { buildTestApp, type Client, signIn, type TestApp } from '../../../../test/helpers.ts';
import { type CommitteeLoadResult, DEMO_PASSWORD, loadDemoCommittee, loadDemoOrgan } from './index.ts';

// The demo work committee as `npm start` shows it (issue 12 point 9), in small: the demo organ and the ten other
// organs at a tenth of their size, each with its year, and the committee's assessments of its organs with the
// quarters' bulletins. The committee's officer (gongwei) ranks the organs and clicks down to a branch's records.
const TODAY = '2026-11-20';
let t: TestApp;
let committee: CommitteeLoadResult;
beforeAll(async () => {
  t = await buildTestApp({}, { now: () => new Date(`${TODAY}T02:00:00Z`) });
  const idNumbersInUse = new Set<string>();
  await loadDemoOrgan(t.ctx(), { scale: 0.1 }, undefined, { idNumbersInUse });
  committee = await loadDemoCommittee(t.ctx(), idNumbersInUse, undefined, 0.1);
}, 600_000);
afterAll(async () => {
  await t.close();
});

const ok = async <T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};
const as = (username: string): Promise<Client> => signIn(t, username, DEMO_PASSWORD);

async function committeeUnitId(): Promise<string> {
  const row = await t.database.db
    .selectFrom('unit')
    .select('id')
    .where('kind', '=', 'work_committee')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the demo work committee', () => {
  it('holds eleven organs, each with its year of work and of assessments', async () => {
    expect(committee).toMatchObject({ organs: 10, cycles: 7, bulletins: 4 });
    const organs = await t.database.db
      .selectFrom('unit')
      .select(['name'])
      .where('kind', '=', 'organ')
      .orderBy('code')
      .execute();
    expect(organs.length).toBe(11);
    expect(organs.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        '明州海关',
        '明州市发展和改革委员会',
        '明州市档案馆',
        '明州市住房和城乡建设局',
      ]),
    );
    // Each organ assessed its own branches for the seven periods begun, and published the four quarters' bulletins.
    for (const r of committee.results) {
      expect(r.assessment).toEqual({ loaded: true, cycles: 7 });
      expect(r.branch.records).toBeGreaterThan(0);
    }
    const bulletins = await t.database.db
      .selectFrom('assessmentBulletin')
      .select(({ fn }) => ['unitId', fn.countAll<number>().as('n')])
      .where('status', '=', 'published')
      .groupBy('unitId')
      .execute();
    // Eleven organs and the committee itself.
    expect(bulletins.length).toBe(12);
    for (const b of bulletins) expect(Number(b.n)).toBe(4);
  });

  it('ranks the organs apart, the well-run ones ahead of the lagging ones, down to a branch’s records', async () => {
    const officer = await as('gongwei');
    const wc = await committeeUnitId();
    const cycles = await ok<Cycle[]>(officer.get(`/api/assessment/cycles?unitId=${wc}`));
    expect(cycles.map((c) => `${c.periodKey} ${c.level} ${c.status}`).sort()).toEqual(
      [
        '2026 organ open',
        '2026-H1 organ closed',
        '2026-H2 organ open',
        '2026-Q1 organ closed',
        '2026-Q2 organ closed',
        '2026-Q3 organ closed',
        '2026-Q4 organ open',
      ].sort(),
    );
    const year = cycles.find((c) => c.periodKey === '2026');
    if (!year) throw new Error('the year’s cycle');
    const rows = await ok<ResultRow[]>(officer.get(`/api/assessment/cycles/${year.id}/results`));
    expect(rows.length).toBe(11);
    const totals = rows.flatMap((r) => (r.total === null ? [] : [r.total]));
    expect(totals.length).toBe(11);
    expect(new Set(totals).size).toBeGreaterThanOrEqual(9);
    // The three organs that keep their work best (卫健委 0.9, 发改委 0.8, 统计局 0.7) against the three that lag most
    // (住建局 0.15, 司法局 0.25, 市场监管局 0.35): better ranks on average.
    const rankOf = (name: string) => {
      const r = rows.find((x) => x.subjectName === name);
      if (!r?.rank) throw new Error(`no rank for ${name}`);
      return r.rank;
    };
    const businessOf = (name: string) => rows.find((x) => x.subjectName === name)?.business ?? 0;
    const mean = (names: string[], of: (name: string) => number) =>
      names.map(of).reduce((a, b) => a + b, 0) / names.length;
    const best = ['明州市卫生健康委员会', '明州市发展和改革委员会', '明州市统计局'];
    const worst = ['明州市住房和城乡建设局', '明州市司法局', '明州市市场监督管理局'];
    // Two places apart at least, and eight business points: with every organ at the same quality (0.5) the same
    // seeds give 6 against 6.7 and 2 points — chance, not a committee whose organs differ.
    expect(mean(best, rankOf) + 2).toBeLessThan(mean(worst, rankOf));
    expect(mean(best, businessOf) - mean(worst, businessOf)).toBeGreaterThan(8);
    // An organ's organisational life, down to the meetings its branches held.
    const last = rows.filter((r) => r.rank !== null).at(-1);
    if (!last) throw new Error('a ranked organ');
    const basis = await ok<IndicatorBasis>(
      officer.get(
        `/api/assessment/cycles/${year.id}/results/${last.subjectId}/indicators/party_function.life.on_time`,
      ),
    );
    expect(basis.basis.some((b) => b.state === '已开展' && b.href?.startsWith('/branch/records/'))).toBe(
      true,
    );
    // The committee's quarterly bulletins rank the organs.
    const bulletins = await ok<BulletinSummary[]>(officer.get(`/api/assessment/bulletins?unitId=${wc}`));
    const published = bulletins.filter((b) => b.status === 'published');
    expect(published.length).toBe(4);
    // Shared with every organ: a plain member of one of them reads the committee's ranking of the organs.
    const { shareKey } = await ok<{ shareKey: string }>(
      officer.post(`/api/assessment/bulletins/${published[0]?.id}/share`, {}),
    );
    const member = await as('dangyuan');
    const shared = await ok<{ content: { rows: unknown[] } }>(
      member.get(`/api/assessment/bulletins/shared/${shareKey}`),
    );
    expect(shared.content.rows.length).toBe(11);
  });

  it('lists the committee’s cycles to the organ’s officer with the organ’s own row, and not to a branch secretary', async () => {
    const organ = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('name', '=', '明州海关')
      .executeTakeFirstOrThrow();
    const officer = await as('jiguan');
    const seen = await ok<Cycle[]>(officer.get(`/api/assessment/cycles?unitId=${organ.id}`));
    const committeeYear = seen.find((c) => c.level === 'organ' && c.periodKey === '2026');
    if (!committeeYear) throw new Error('the committee’s year is not listed to the organ’s officer');
    const own = await ok<ResultRow[]>(officer.get(`/api/assessment/cycles/${committeeYear.id}/results`));
    expect(own.map((r) => r.subjectName)).toEqual(['明州海关']);
    expect(own[0]?.outOf).toBe(11);
    const secretary = await as('shuji');
    const listed = await ok<Cycle[]>(secretary.get(`/api/assessment/cycles?unitId=${organ.id}`));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((c) => c.level === 'organ')).toEqual([]);
    const refused = await secretary.get(`/api/assessment/cycles/${committeeYear.id}/results`);
    expect(refused.statusCode).toBe(404);
  });

  it('shows a year of warnings: a mix of levels with their reasons, some climbed, some answered, some cleared', async () => {
    const db = t.database.db;
    expect(committee.warnings).toMatchObject({ loaded: true });
    // Past quarters at their ends (31 March, 30 June, 30 September) and this quarter every fortnight (14 and 28
    // October, 11 November) and today (20 November): seven days, for eleven organs.
    expect(committee.warnings.evaluations).toBe(11 * 7);
    const levels = await db.selectFrom('warningLevel').select('level').execute();
    const count = (l: string) => levels.filter((x) => x.level === l).length;
    expect(count('green')).toBeGreaterThan(0);
    expect(count('yellow') + count('orange')).toBeGreaterThan(0);
    expect(count('red')).toBeGreaterThan(0);
    // Not everything is red: most organisations are not.
    expect(count('red')).toBeLessThan(levels.length / 2);
    const warnings = await db
      .selectFrom('warning')
      .select([
        'kind',
        'status',
        'step',
        'answerKind',
        'ruleText',
        'dataText',
        'returns',
        'deadline',
        'unitId',
      ])
      .execute();
    const open = warnings.filter((w) => w.status === 'open');
    expect(open.some((w) => w.step > 0)).toBe(true);
    expect(open.some((w) => w.answerKind !== null)).toBe(true);
    expect(warnings.some((w) => w.status === 'cleared')).toBe(true);
    expect(warnings.some((w) => w.status === 'excepted')).toBe(true);
    // The committee watches the organisation life on its own (a rule on a chosen indicator): some branches fall
    // under its line, and each such warning names the indicator and its score.
    const life = warnings.filter((w) => w.kind === 'indicator_below');
    expect(life.length).toBeGreaterThan(0);
    for (const w of life) expect(w.dataText).toMatch(/组织生活（三会一课、主题党日） [\d.]+ 分/);
    for (const w of open) {
      expect(w.ruleText.length).toBeGreaterThan(5);
      expect(w.dataText.length).toBeGreaterThan(3);
      expect(w.deadline).not.toBeNull();
      expect((w.returns as unknown[]).length).toBeGreaterThan(0);
    }
    // Warnings in more than one organ.
    expect(new Set(open.map((w) => w.unitId)).size).toBeGreaterThan(1);
    // The committee's officer sees every organ on the overview, with its index's trend over the year.
    const overview = await ok<{
      scope: string;
      orgs: { trend: { value: number | null }[] }[];
      counts: Record<string, number>;
    }>((await as('gongwei')).get('/api/warnings/overview'));
    expect(overview.scope).toBe('committee');
    expect(overview.orgs.length).toBe(11);
    expect(Object.values(overview.counts).reduce((a, b) => a + b, 0)).toBe(11);
    expect(overview.orgs.filter((o) => o.trend.every((x) => x.value !== null)).length).toBeGreaterThan(5);
  });

  it('changes nothing when loaded again', async () => {
    const again = await loadDemoCommittee(t.ctx(), new Set(), undefined, 0.1);
    expect(again).toMatchObject({ organs: 10, cycles: 0, bulletins: 0 });
    for (const r of again.results) {
      expect(r.members.created).toBe(0);
      expect(r.assessment.loaded).toBe(false);
    }
  });
});
