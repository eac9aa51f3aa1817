// The demo's follow-ups as a newcomer sees them after `npm start` (issue 12 point 7): the year cycle's lowest
// branches below the line drawn just above the third-lowest score, each with a 限期整改 item, one already done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, ResultRow } from '#contracts/assessment';
import type { CycleFollowUps } from '#contracts/assessment-follow-up';
import { buildTestApp, type Client, signIn, type TestApp } from '../../../../test/helpers.ts';
import { DEMO_PASSWORD, loadDemoOrgan } from '../demo/index.ts';

const TODAY = '2026-11-20';
let t: TestApp;
let unitId: string;
beforeAll(async () => {
  t = await buildTestApp({}, { now: () => new Date(`${TODAY}T02:00:00Z`) });
  await loadDemoOrgan(t.ctx(), { scale: 0.2 });
  unitId = (
    await t.database.db
      .selectFrom('partyOrg')
      .select('unitId')
      .where('code', '=', 'JG')
      .executeTakeFirstOrThrow()
  ).unitId;
}, 300_000);
afterAll(async () => {
  await t.close();
});

const ok = async <T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};

describe('the demo organ’s follow-ups', () => {
  it('opens 限期整改 for the year’s lowest branches, one already closed', async () => {
    const officer: Client = await signIn(t, 'jiguan', DEMO_PASSWORD);
    const cycles = await ok<Cycle[]>(officer.get(`/api/assessment/cycles?unitId=${unitId}`));
    const year = cycles.find((c) => c.periodKey === '2026') as Cycle;
    const f = await ok<CycleFollowUps>(officer.get(`/api/assessment/cycles/${year.id}/follow-ups`));
    // 2026-11-20 to 2026-12-31 is 41 days: the demo gives 30 (its cap), due 2026-12-20.
    expect(f.rule).toMatchObject({ deadlineDays: 30, kind: 'responsibility.rectification' });
    const rows = await ok<ResultRow[]>(officer.get(`/api/assessment/cycles/${year.id}/results`));
    const followed = rows.filter((r) => r.followUp);
    // The three lowest scored (more only when a tie sits at the line), and exactly those below the line.
    // (The lowest rows, the line and what was opened are printed when this fails: it failed once, in one CI run of
    // many, with 2, and did not again.)
    const seen = JSON.stringify({
      threshold: f.rule?.threshold,
      lowest: rows
        .slice(-6)
        .map((r) => [r.subjectName, r.total, r.band, r.outcome?.calibration?.score, r.followUp]),
    });
    expect(followed.length, seen).toBeGreaterThanOrEqual(3);
    const below = rows.filter(
      (r) =>
        r.band === null && r.total !== null && Math.round(r.total * 100) / 100 < (f.rule?.threshold ?? 0),
    );
    // Everyone below has an item; the one reported done may have risen since (a duty done is scored again).
    expect(below.every((r) => r.followUp)).toBe(true);
    const closed = followed.filter((r) => r.followUp?.state === 'closed');
    expect(closed).toHaveLength(1);
    const open = followed.filter((r) => r.followUp?.state === 'open');
    expect(open.length).toBe(followed.length - 1);
    expect(open.every((r) => below.includes(r))).toBe(true);
    expect(followed.every((r) => r.followUp?.deadline === '2026-12-20')).toBe(true);
    expect(f.toOpen).toBe(0);
  });
});
