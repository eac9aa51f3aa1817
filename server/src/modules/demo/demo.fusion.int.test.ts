import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, IndicatorBasis, ResultRow } from '#contracts/assessment';
import type { Board, Need } from '#contracts/fusion';
import type { Brand, BrandSummary, Pairing, ShowcaseCase } from '#contracts/fusion-brand';
import type { MyFusion, Project, ProjectSummary } from '#contracts/fusion-project';
import { buildTestApp, type Client, signIn, type TestApp } from '../../../../test/helpers.ts';
import { DEMO_PASSWORD, type DemoLoadResult, loadDemoOrgan } from './index.ts';

// The demo organ's year of fusion work as a newcomer sees it after `npm start` (issue 11 point 9): needs raised by
// the sections, resources, projects at every stage with KPIs met and missed, joint building with partner
// organisations, suggestions on the board and two declined pairs kept away, and the demo secretary's own work.
const TODAY = '2026-11-20';
const OPTIONS = { scale: 0.4 };
let t: TestApp;
let loaded: DemoLoadResult;
let unitId: string;
beforeAll(async () => {
  t = await buildTestApp({}, { now: () => new Date(`${TODAY}T02:00:00Z`) });
  loaded = await loadDemoOrgan(t.ctx(), OPTIONS);
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

const as = (username: string): Promise<Client> => signIn(t, username, DEMO_PASSWORD);
const ok = async <T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};

describe('the demo organ’s year of fusion work', () => {
  it('has needs in every state, projects at every stage, and KPIs both met and missed', async () => {
    expect(loaded.fusion).toMatchObject({ loaded: true });
    const officer = await as('jiguan');
    const needs = await ok<Need[]>(officer.get(`/api/fusion/needs?unitId=${unitId}`));
    expect(new Set(needs.map((n) => n.status))).toEqual(new Set(['open', 'in_project', 'closed']));
    const projects = await ok<ProjectSummary[]>(officer.get(`/api/fusion/projects?unitId=${unitId}`));
    expect(new Set(projects.map((p) => p.stage))).toEqual(
      new Set(['proposal', 'approved', 'in_progress', 'accepted', 'terminated']),
    );
    const accepted = projects.filter((p) => p.stage === 'accepted');
    expect(accepted.every((p) => p.kpis.measured === p.kpis.total && p.kpis.total > 0)).toBe(true);
    expect(accepted.some((p) => p.kpis.met === p.kpis.total)).toBe(true);
    expect(accepted.some((p) => p.kpis.met < p.kpis.total)).toBe(true);
    // Every accepted project's need is closed; every project under way keeps its need in a project.
    for (const p of projects) {
      const need = needs.find((n) => n.id === p.needId);
      if (p.stage === 'accepted') expect(need?.status).toBe('closed');
      if (['proposal', 'approved', 'in_progress'].includes(p.stage)) expect(need?.status).toBe('in_project');
    }
    expect(projects.some((p) => p.milestones.overdue > 0)).toBe(true);
    // Joint building: a project held with another branch, one with a partner organisation, and records linked.
    expect(projects.some((p) => p.partyOrgs.length > 1)).toBe(true);
    const full = await Promise.all(
      projects
        .filter((p) => p.stage !== 'proposal')
        .map((p) => ok<Project>(officer.get(`/api/fusion/projects/${p.id}`))),
    );
    expect(full.some((p) => p.partners.length > 0)).toBe(true);
    expect(full.some((p) => p.records.length > 0)).toBe(true);
    expect(full.every((p) => p.events[0]?.toStage === 'proposal')).toBe(true);
  });

  it('gives the board suggestions to explain, and keeps the declined pairs away', async () => {
    const board = await ok<Board>((await as('jiguan')).get(`/api/fusion/board?unitId=${unitId}`));
    expect(board.needs.length).toBeGreaterThan(0);
    expect(board.suggestions.length).toBeGreaterThan(0);
    expect(board.suggestions.some((s) => s.reasons.some((r) => r.kind === 'department_link'))).toBe(true);
    const declined = await t.database.db
      .selectFrom('fusionMatchDecision')
      .select(['needId', 'resourceId'])
      .where('decision', '=', 'declined')
      .execute();
    expect(declined.length).toBe(2);
    for (const d of declined)
      expect(board.suggestions.some((s) => s.needId === d.needId && s.resourceId === d.resourceId)).toBe(
        false,
      );
  });

  it('has brands at every status, published and selected cases, pairings and records held with partners', async () => {
    const officer = await as('jiguan');
    const brands = await ok<BrandSummary[]>(officer.get(`/api/fusion/brands?unitId=${unitId}`));
    expect(new Set(brands.map((b) => b.status))).toEqual(
      new Set(['exemplary', 'qualified', 'cultivating', 'rectifying']),
    );
    for (const b of brands.filter((x) => x.status === 'exemplary' || x.status === 'qualified'))
      expect(b.missing).toEqual([]);
    expect(brands.find((b) => b.status === 'cultivating')?.missing.length).toBeGreaterThan(0);
    const rectifying = brands.filter((b) => b.status === 'rectifying').map((b) => b.rectifyBy ?? '');
    expect(rectifying.some((d) => d < TODAY)).toBe(true);
    expect(rectifying.some((d) => d > TODAY)).toBe(true);
    const exemplary = await ok<Brand>(
      officer.get(`/api/fusion/brands/${brands.find((b) => b.status === 'exemplary')?.id}`),
    );
    expect(exemplary.markAttachmentId).not.toBeNull();
    expect(new Set(exemplary.evidence.map((e) => e.element))).toEqual(
      new Set(['name', 'concept', 'standards', 'measures', 'effect']),
    );

    const cases = await ok<ShowcaseCase[]>(officer.get(`/api/fusion/cases?unitId=${unitId}`));
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(['published', 'submitted', 'draft']));
    expect(cases.some((c) => c.committeeSelected)).toBe(true);
    const showcase = await ok<ShowcaseCase[]>(
      (await as('shuji')).get(`/api/fusion/showcase?unitId=${unitId}`),
    );
    expect(showcase.length).toBe(cases.filter((c) => c.status === 'published').length);

    const pairings = await ok<Pairing[]>(officer.get(`/api/fusion/pairings?unitId=${unitId}`));
    expect(new Set(pairings.map((p) => p.state))).toEqual(new Set(['active', 'ended']));
    expect(pairings.some((p) => p.activityCount > 0)).toBe(true);
    const joint = await t.database.db.selectFrom('branchRecordJoint').select('recordId').execute();
    expect(joint.length).toBeGreaterThan(0);
  });

  it('shows the demo secretary their projects and a milestone due within days', async () => {
    const mine = await ok<MyFusion>((await as('shuji')).get('/api/me/fusion'));
    expect(mine.projects.length).toBeGreaterThan(0);
    expect(mine.milestones.some((m) => !m.overdue && m.dueOn > TODAY)).toBe(true);
  });
});

// The same demo year, assessed (issue 12): the default system published by the organ, each quarter and half-year
// begun and the year computed — those over closed, the current open — with branches spread across the grades.
describe('the demo organ’s assessments of the year', () => {
  it('ranks the branches for every period begun, explained down to the records', async () => {
    expect(loaded.assessment).toEqual({ loaded: true, cycles: 7 });
    const officer = await as('jiguan');
    const all = await ok<Cycle[]>(officer.get(`/api/assessment/cycles?unitId=${unitId}`));
    // Beside the branches' cycles, the members' 述评 of each half-year begun (the first closed).
    expect(
      all
        .filter((c) => c.level === 'member')
        .map((c) => `${c.periodKey} ${c.status}`)
        .sort(),
    ).toEqual(['2026-H1 closed', '2026-H2 open']);
    const cycles = all.filter((c) => c.level === 'branch');
    expect(cycles.map((c) => `${c.periodKey} ${c.status}`).sort()).toEqual(
      [
        '2026 open',
        '2026-H1 closed',
        '2026-H2 open',
        '2026-Q1 closed',
        '2026-Q2 closed',
        '2026-Q3 closed',
        '2026-Q4 open',
      ].sort(),
    );
    const year = cycles.find((c) => c.periodKey === '2026');
    if (!year) throw new Error('the year’s cycle');
    const rows = await ok<ResultRow[]>(officer.get(`/api/assessment/cycles/${year.id}/results`));
    expect(rows.length).toBe(year.subjects);
    const totals = rows.flatMap((r) => (r.total === null ? [] : [r.total]));
    expect(totals.length).toBeGreaterThan(rows.length * 0.9);
    // A living organ: the branches differ, and more than one grade is given.
    expect(Math.max(...totals) - Math.min(...totals)).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.grade?.label)).size).toBeGreaterThan(1);
    // Nearly every branch has Party work to count (a branch founded lately may have none due yet) and business
    // figures: the KPIs its departments' systems reported.
    expect(rows.filter((r) => r.party !== null).length).toBeGreaterThan(rows.length * 0.9);
    expect(rows.filter((r) => r.business !== null).length).toBeGreaterThan(rows.length * 0.9);
    // The KPIs spread the ranking: few branches share a total.
    expect(new Set(totals).size).toBeGreaterThan(totals.length * 0.8);
    // The last branch's organisational life, down to the meetings that were missed.
    const last = rows.filter((r) => r.rank !== null).at(-1);
    if (!last) throw new Error('a ranked branch');
    const basis = await ok<IndicatorBasis>(
      officer.get(
        `/api/assessment/cycles/${year.id}/results/${last.subjectId}/indicators/party_function.life.on_time`,
      ),
    );
    expect(basis.basis.length).toBeGreaterThan(0);
    expect(basis.basis.some((b) => b.state === '已开展' && b.href?.startsWith('/branch/records/'))).toBe(
      true,
    );
  });
});
