// The project lifecycle (issue 11 point 3): each step taken by the one who answers for it, the conditions of 立项 and
// 验收, KPI results and whether they met the target, the need following its projects, linked branch records, a
// member's own projects, and stale edits.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kpi, Milestone, MyFusion, Project } from '#contracts/fusion-project';
import { expectError } from '../../../../test/helpers.ts';
import { type FusionWorld, fusionWorld, need, ok } from './fusion.test-helpers.ts';

let w: FusionWorld;
beforeAll(async () => {
  w = await fusionWorld('2026-06-15');
});
afterAll(async () => {
  await w.t.close();
});

const draft = (by = w.bs1, o: Record<string, unknown> = {}) =>
  ok<Project>(
    by.post('/api/fusion/projects', {
      leadOrgId: w.B1.id,
      title: '复议案件提速攻坚',
      teamKind: 'tackle_team',
      ownerMemberId: w.m.sec1,
      ...o,
    }),
  );
const fields = (res: { json: () => unknown }) =>
  ((res.json() as { error: { issues?: { field: string }[] } }).error.issues ?? []).map((i) => i.field);

describe('the project lifecycle', () => {
  it('goes 论证 → 立项 → 推进 → 验收, each step by the one who answers for it, and closes the need it served', async () => {
    const n = await need(w, w.D1, { title: '复议案件办理周期长' });
    let p = await draft(w.bs1, { needId: n.id, team: [{ memberId: w.m.skilled, role: 'member' }] });
    expect(p).toMatchObject({ stage: 'proposal', departmentName: '政策法规科', leadOrgName: '第一党支部' });
    // The owner leads the team even when the form left them out.
    expect(p.team.map((m) => [m.name, m.role]).sort()).toEqual([
      ['张书记', 'leader'],
      ['王数据', 'member'],
    ]);
    expect(p.can).toEqual({ edit: true, approve: false, start: false, accept: false, terminate: false });

    // 立项 is the organ committee's, and needs a goal, a milestone and a KPI.
    expectError(
      await w.bs1.post(`/api/fusion/projects/${p.id}/approve`, { version: p.version }),
      403,
      'auth.forbidden',
    );
    const early = await w.officer.post(`/api/fusion/projects/${p.id}/approve`, { version: p.version });
    expectError(early, 400, 'fusion.project_step');
    expect(fields(early)).toEqual(['goal', 'milestones', 'kpis']);

    p = await ok<Project>(
      w.bs1.patch(`/api/fusion/projects/${p.id}`, {
        goal: '复议案件平均办理天数降到 15 天',
        version: p.version,
      }),
    );
    const ms = await ok<Milestone>(
      w.bs1.post(`/api/fusion/projects/${p.id}/milestones`, {
        title: '梳理积压案件',
        ownerMemberId: w.m.skilled,
        dueOn: '2026-06-20',
      }),
    );
    expect(ms).toMatchObject({ ownerName: '王数据', overdue: false, doneOn: null });
    const kpi = await ok<Kpi>(
      w.bs1.post(`/api/fusion/projects/${p.id}/kpis`, {
        name: '复议案件平均办理天数',
        measureUnit: '天',
        direction: 'decrease',
        baseline: 30,
        target: 15,
      }),
    );
    expect(kpi.met).toBeNull();
    p = await ok<Project>(w.officer.get(`/api/fusion/projects/${p.id}`));
    p = await ok<Project>(
      w.officer.post(`/api/fusion/projects/${p.id}/approve`, { version: p.version, note: '同意立项' }),
    );
    expect(p).toMatchObject({ stage: 'approved', approvedOn: '2026-06-15' });

    // 推进 is the lead branch's: another branch's secretary does not reach it.
    expectError(
      await w.bs2.post(`/api/fusion/projects/${p.id}/start`, { version: p.version }),
      404,
      'fusion.project_not_found',
    );
    w.clock.set('2026-06-16');
    p = await ok<Project>(w.bs1.post(`/api/fusion/projects/${p.id}/start`, { version: p.version }));
    expect(p).toMatchObject({ stage: 'in_progress', startedOn: '2026-06-16' });

    // 验收 wants every KPI measured.
    const unmeasured = await w.officer.post(`/api/fusion/projects/${p.id}/accept`, {
      version: p.version,
      outcome: '积压清零',
    });
    expectError(unmeasured, 400, 'fusion.project_step');
    expect(fields(unmeasured)).toEqual([`kpis.${kpi.id}`]);
    w.clock.set('2026-09-30');
    const measured = await ok<Kpi>(
      w.bs1.patch(`/api/fusion/kpis/${kpi.id}`, { result: 12, version: kpi.version }),
    );
    expect(measured).toMatchObject({ result: 12, measuredOn: '2026-09-30', met: true });
    await ok(w.bs1.patch(`/api/fusion/milestones/${ms.id}`, { doneOn: '2026-07-01', version: ms.version }));
    p = await ok<Project>(w.officer.get(`/api/fusion/projects/${p.id}`));
    expect(p.milestones).toEqual({ total: 1, done: 1, overdue: 0 });
    expect(p.kpis).toEqual({ total: 1, measured: 1, met: 1 });
    expectError(
      await w.bs1.post(`/api/fusion/projects/${p.id}/accept`, { version: p.version, outcome: '积压清零' }),
      403,
      'auth.forbidden',
    );
    p = await ok<Project>(
      w.officer.post(`/api/fusion/projects/${p.id}/accept`, {
        version: p.version,
        outcome: '积压案件清零，平均办理天数 12 天',
      }),
    );
    expect(p).toMatchObject({
      stage: 'accepted',
      acceptedOn: '2026-09-30',
      outcome: '积压案件清零，平均办理天数 12 天',
    });
    expect(p.events.map((e) => `${e.fromStage ?? '-'}→${e.toStage} ${e.happenedOn}`)).toEqual([
      '-→proposal 2026-06-15',
      'proposal→approved 2026-06-15',
      'approved→in_progress 2026-06-16',
      'in_progress→accepted 2026-09-30',
    ]);
    const needs = await ok<{ id: string; status: string; closedOn: string | null }[]>(
      w.officer.get(`/api/fusion/needs?unitId=${w.unitId}`),
    );
    expect(needs.find((x) => x.id === n.id)).toMatchObject({ status: 'closed', closedOn: '2026-09-30' });
    // Accepted is final.
    expectError(
      await w.bs1.patch(`/api/fusion/projects/${p.id}`, { title: '改名', version: p.version }),
      409,
      'fusion.project_closed',
    );
    w.clock.set('2026-06-15');
  });

  it('judges a KPI by its direction and refuses a target on the wrong side of the baseline', async () => {
    const p = await draft();
    const wrong = await w.bs1.post(`/api/fusion/projects/${p.id}/kpis`, {
      name: '网办率',
      direction: 'increase',
      baseline: 60,
      target: 50,
    });
    expectError(wrong, 400, 'fusion.kpi_invalid');
    expect(fields(wrong)).toEqual(['body.target']);
    const k = await ok<Kpi>(
      w.bs1.post(`/api/fusion/projects/${p.id}/kpis`, {
        name: '网办率',
        measureUnit: '%',
        direction: 'increase',
        baseline: 60,
        target: 90,
      }),
    );
    const short = await ok<Kpi>(
      w.bs1.patch(`/api/fusion/kpis/${k.id}`, { result: 85.5, measuredOn: '2026-06-10', version: k.version }),
    );
    expect(short).toMatchObject({ result: 85.5, measuredOn: '2026-06-10', met: false });
    const reached = await ok<Kpi>(
      w.bs1.patch(`/api/fusion/kpis/${k.id}`, { result: 90, version: short.version }),
    );
    expect(reached).toMatchObject({ met: true, measuredOn: '2026-06-10' });
    expectError(
      await w.bs1.patch(`/api/fusion/kpis/${k.id}`, { result: 91, version: short.version }),
      409,
      'common.stale_version',
    );
    const cleared = await ok<Kpi>(
      w.bs1.patch(`/api/fusion/kpis/${k.id}`, { result: null, version: reached.version }),
    );
    expect(cleared).toMatchObject({ result: null, measuredOn: null, met: null });
  });

  it('opens the need again when its only project is terminated, with the reason kept', async () => {
    const n = await need(w, w.D2, { title: '审批材料反复退补' });
    const p = await draft(w.bs1, { needId: n.id });
    expectError(
      await w.officer.post(`/api/fusion/projects/${p.id}/terminate`, { version: p.version }),
      400,
      'common.invalid_input',
    );
    const t = await ok<Project>(
      w.officer.post(`/api/fusion/projects/${p.id}/terminate`, {
        version: p.version,
        reason: '业务划转至其他部门',
      }),
    );
    expect(t).toMatchObject({
      stage: 'terminated',
      terminationReason: '业务划转至其他部门',
      terminatedOn: '2026-06-15',
    });
    const needs = await ok<{ id: string; status: string }[]>(
      w.officer.get(`/api/fusion/needs?unitId=${w.unitId}`),
    );
    expect(needs.find((x) => x.id === n.id)?.status).toBe('open');
    expectError(
      await w.officer.post(`/api/fusion/projects/${p.id}/approve`, { version: t.version }),
      409,
      'fusion.project_stage',
    );
  });

  it('links branch records of the project’s organisations as its activity, never a talk or another branch’s record', async () => {
    const p = await draft(w.bs1, { team: [{ memberId: w.m.other, role: 'member' }] });
    const insert = async (orgId: string, kind: string, topic: string) =>
      (
        await w.t.database.db
          .insertInto('branchRecord')
          .values({ unitId: w.unitId, partyOrgId: orgId, kind, status: 'held', heldOn: '2026-06-09', topic })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const own = await insert(w.B1.id, 'theme_day', '主题党日：复议案件攻坚');
    const teamBranch = await insert(w.B3.id, 'party_lecture', '党课：依法行政');
    const talk = await insert(w.B1.id, 'talk', '谈心谈话');
    const foreign = await insert(w.B2.id, 'theme_day', '第二支部主题党日');
    const candidates = await ok<{ id: string }[]>(
      w.bs1.get(`/api/fusion/projects/${p.id}/record-candidates`),
    );
    expect(candidates.map((c) => c.id).sort()).toEqual([own, teamBranch].sort());
    const refused = await w.bs1.post(`/api/fusion/projects/${p.id}/records`, {
      recordIds: [own, talk, foreign],
    });
    expectError(refused, 400, 'fusion.record_invalid');
    expect(fields(refused)).toEqual(['body.recordIds.1', 'body.recordIds.2']);
    const linked = await ok<Project>(
      w.bs1.post(`/api/fusion/projects/${p.id}/records`, { recordIds: [own, teamBranch] }),
    );
    expect(linked.records.map((r) => r.topic).sort()).toEqual(
      ['主题党日：复议案件攻坚', '党课：依法行政'].sort(),
    );
    expect(linked.partyOrgs.map((o) => o.name).sort()).toEqual(['第一党支部', '第三党支部'].sort());
    // Deleting the record in the branch module unlinks it.
    await w.t.database.db.deleteFrom('branchRecord').where('id', '=', own).execute();
    const after = await ok<Project>(w.bs1.get(`/api/fusion/projects/${p.id}`));
    expect(after.records.map((r) => r.id)).toEqual([teamBranch]);
  });

  it('shows members their own projects and the milestones they owe soon', async () => {
    const p = await draft(w.bs1, { title: '窗口服务提升' });
    await ok(
      w.bs1.post(`/api/fusion/projects/${p.id}/milestones`, {
        title: '走访窗口',
        ownerMemberId: w.m.sec1,
        dueOn: '2026-06-18',
      }),
    );
    await ok(
      w.bs1.post(`/api/fusion/projects/${p.id}/milestones`, {
        title: '年底总结',
        ownerMemberId: w.m.sec1,
        dueOn: '2026-12-20',
      }),
    );
    const mine = await ok<MyFusion>(w.bs1.get('/api/me/fusion'));
    expect(mine.projects.find((x) => x.id === p.id)).toMatchObject({ role: 'owner', stage: 'proposal' });
    expect(mine.milestones.map((m) => m.title)).toEqual(['走访窗口']);
    // Another branch's secretary neither owns nor serves on it.
    const theirs = await ok<MyFusion>(w.bs2.get('/api/me/fusion'));
    expect(theirs.projects.some((x) => x.id === p.id)).toBe(false);
  });

  it('refuses references outside the organ at their fields', async () => {
    const res = await w.bs1.post('/api/fusion/projects', {
      leadOrgId: w.B1.id,
      title: '无效引用',
      teamKind: 'shock_team',
      ownerMemberId: '00000000-0000-4000-8000-000000000001',
      jointOrgIds: [w.B1.id],
      startsOn: '2026-07-01',
      dueOn: '2026-06-01',
    });
    expectError(res, 400, 'fusion.project_invalid');
    expect(fields(res)).toEqual([
      'body.ownerMemberId',
      'body.team.0.memberId',
      'body.jointOrgIds.0',
      'body.dueOn',
    ]);
    expectError(
      await w.bs2.post('/api/fusion/projects', {
        leadOrgId: w.B1.id,
        title: '越权',
        teamKind: 'tackle_team',
        ownerMemberId: w.m.sec1,
      }),
      404,
      'fusion.org_not_found',
    );
  });
});

describe('a change of owner', () => {
  it('makes the new owner the team’s leader and keeps the old one as a member', async () => {
    const p = await draft(w.bs1, { title: '换负责人', team: [{ memberId: w.m.skilled, role: 'member' }] });
    const after = await ok<Project>(
      w.bs1.patch(`/api/fusion/projects/${p.id}`, { ownerMemberId: w.m.skilled, version: p.version }),
    );
    expect(after.team.map((m) => [m.name, m.role]).sort()).toEqual([
      ['张书记', 'member'],
      ['王数据', 'leader'],
    ]);
  });
});
