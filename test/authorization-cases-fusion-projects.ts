import { expect } from 'vitest';
import type {
  Kpi,
  LinkedRecord,
  Milestone,
  MyFusion,
  Project,
  ProjectSummary,
} from '#contracts/fusion-project';
import {
  got,
  needStatus,
  newKpi,
  newMilestone,
  newNeed,
  newProject,
  newRecord,
  note,
  projectAt,
  standing,
  versionOf,
} from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, cellsOf, ids, okJson, pending } from './authorization-requests.ts';
import { today } from './authorization-responsibility-fixtures.ts';

// Request cases of the fusion projects (issue 11 point 3), merged in authorization-cases-fusion.ts. Projects are read
// organ-wide (scope 'unit'); the organ committee approves, accepts and terminates them at the organ's root ('O'); the
// lead branch edits them, names the team, starts the work, keeps milestones and KPIs and links its records (scope
// 'org'). Every step of the lifecycle acts on a project made for the request and taken to the step's stage.

const db = (c: CaseCtx) => c.w.t.database.db;

const PROJECT_CASES: Record<string, Case> = {
  'GET /api/fusion/projects': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).project.id);
      return { method: 'GET', url: `/api/fusion/projects?unitId=${c.t.unit.id}&partyOrgId=${c.t.org.id}` };
    },
    ok: (res, c) => expect(ids(okJson<ProjectSummary[]>(res))).toContain(pending.get(c)),
  },
  'GET /api/fusion/projects/export': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).project.title);
      return { method: 'GET', url: `/api/fusion/projects/export?unitId=${c.t.unit.id}&stage=proposal` };
    },
    ok: async (res, c) => expect(await cellsOf(res)).toContain(pending.get(c)),
  },
  'POST /api/fusion/projects': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/fusion/projects',
      payload: {
        leadOrgId: c.t.org.id,
        title: '党员先锋岗进窗口',
        teamKind: 'pioneer_post',
        ownerMemberId: c.t.member.id,
        departmentId: c.t.dept.id,
      },
    }),
    ok: (res, c) => {
      const p = okJson<Project>(res);
      expect(p).toMatchObject({ stage: 'proposal', leadOrgId: c.t.org.id, ownerMemberId: c.t.member.id });
      expect(p.team.map((m) => [m.memberId, m.role])).toEqual([[c.t.member.id, 'leader']]);
    },
  },
  'GET /api/fusion/projects/:id': {
    scope: 'unit',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      note(c, { project: s.project.id, milestone: s.milestone, kpi: s.kpi });
      return { method: 'GET', url: `/api/fusion/projects/${s.project.id}` };
    },
    ok: (res, c) => {
      const p = okJson<Project>(res);
      expect(p).toMatchObject({ id: got(c, 'project'), leadOrgId: c.t.org.id });
      expect(ids(p.milestoneList)).toContain(got(c, 'milestone'));
      expect(ids(p.kpiList)).toContain(got(c, 'kpi'));
    },
  },
  'PATCH /api/fusion/projects/:id': {
    scope: 'org',
    request: async (c) => {
      const { project } = await standing(c.w, c.t);
      const goal = `材料一次通过率提高到九成以上（修订${c.w.seq()}）`;
      pending.set(c, goal);
      return {
        method: 'PATCH',
        url: `/api/fusion/projects/${project.id}`,
        payload: { goal, version: await versionOf(c.w, 'fusionProject', project.id) },
      };
    },
    ok: (res, c) => expect(okJson<Project>(res).goal).toBe(pending.get(c)),
  },
  'PUT /api/fusion/projects/:id/team': {
    scope: 'org',
    request: async (c) => {
      const { project } = await standing(c.w, c.t);
      return {
        method: 'PUT',
        url: `/api/fusion/projects/${project.id}/team`,
        payload: {
          team: [{ memberId: c.t.member.id, role: 'leader' }],
          version: await versionOf(c.w, 'fusionProject', project.id),
        },
      };
    },
    ok: (res, c) =>
      expect(okJson<Project>(res).team.map((m) => [m.memberId, m.role, m.partyOrgId])).toEqual([
        [c.t.member.id, 'leader', c.t.org.id],
      ]),
  },
  'POST /api/fusion/projects/:id/approve': {
    scope: 'unit',
    request: async (c) => {
      const p = await projectAt(c.w, c.t, 'proposal');
      return {
        method: 'POST',
        url: `/api/fusion/projects/${p.id}/approve`,
        payload: { version: p.version, note: '同意立项' },
      };
    },
    ok: (res) => expect(okJson<Project>(res)).toMatchObject({ stage: 'approved', approvedOn: today() }),
  },
  'POST /api/fusion/projects/:id/start': {
    scope: 'org',
    request: async (c) => {
      const p = await projectAt(c.w, c.t, 'approved');
      return { method: 'POST', url: `/api/fusion/projects/${p.id}/start`, payload: { version: p.version } };
    },
    ok: (res) => expect(okJson<Project>(res)).toMatchObject({ stage: 'in_progress', startedOn: today() }),
  },
  'POST /api/fusion/projects/:id/accept': {
    scope: 'unit',
    request: async (c) => {
      const p = await projectAt(c.w, c.t, 'in_progress');
      return {
        method: 'POST',
        url: `/api/fusion/projects/${p.id}/accept`,
        payload: { version: p.version, outcome: '材料一次通过率由六成提高到九成五' },
      };
    },
    ok: (res) =>
      expect(okJson<Project>(res)).toMatchObject({
        stage: 'accepted',
        acceptedOn: today(),
        outcome: '材料一次通过率由六成提高到九成五',
      }),
  },
  'POST /api/fusion/projects/:id/terminate': {
    scope: 'unit',
    // A draft serving a need of its own: terminated, the need is open again.
    request: async (c) => {
      const need = await newNeed(c.w, c.t);
      const p = await newProject(c.w, c.t, { needId: need.id });
      note(c, { need: need.id });
      return {
        method: 'POST',
        url: `/api/fusion/projects/${p.id}/terminate`,
        payload: { version: p.version, reason: '业务调整，需求已由窗口改革解决' },
      };
    },
    ok: async (res, c) => {
      expect(okJson<Project>(res)).toMatchObject({ stage: 'terminated', terminatedOn: today() });
      expect(await needStatus(c, got(c, 'need'))).toBe('open');
    },
  },
};

const WORK_CASES: Record<string, Case> = {
  'POST /api/fusion/projects/:id/milestones': {
    scope: 'org',
    request: async (c) => {
      const { project } = await standing(c.w, c.t);
      pending.set(c, project.id);
      return {
        method: 'POST',
        url: `/api/fusion/projects/${project.id}/milestones`,
        payload: { title: '完成首轮材料预审', ownerMemberId: c.t.member.id, dueOn: today() },
      };
    },
    ok: (res, c) =>
      expect(okJson<Milestone>(res)).toMatchObject({
        projectId: pending.get(c),
        ownerMemberId: c.t.member.id,
        doneOn: null,
      }),
  },
  'PATCH /api/fusion/milestones/:id': {
    scope: 'org',
    request: async (c) => {
      const { milestone } = await standing(c.w, c.t);
      return {
        method: 'PATCH',
        url: `/api/fusion/milestones/${milestone}`,
        payload: { doneOn: today(), version: await versionOf(c.w, 'fusionMilestone', milestone) },
      };
    },
    ok: (res) => expect(okJson<Milestone>(res)).toMatchObject({ doneOn: today(), overdue: false }),
  },
  'DELETE /api/fusion/milestones/:id': {
    scope: 'org',
    request: async (c) => {
      const id = await newMilestone(c.w, c.t, (await standing(c.w, c.t)).project.id);
      pending.set(c, id);
      return { method: 'DELETE', url: `/api/fusion/milestones/${id}` };
    },
    ok: async (res, c) => {
      expect(okJson(res)).toEqual({ ok: true });
      const left = await db(c)
        .selectFrom('fusionMilestone')
        .select('id')
        .where('id', '=', pending.get(c) as string)
        .execute();
      expect(left).toEqual([]);
    },
  },
  'POST /api/fusion/projects/:id/kpis': {
    scope: 'org',
    request: async (c) => {
      const { project } = await standing(c.w, c.t);
      pending.set(c, project.id);
      return {
        method: 'POST',
        url: `/api/fusion/projects/${project.id}/kpis`,
        payload: { name: '平均办理天数', measureUnit: '天', direction: 'decrease', baseline: 12, target: 5 },
      };
    },
    ok: (res, c) =>
      expect(okJson<Kpi>(res)).toMatchObject({
        projectId: pending.get(c),
        baseline: 12,
        target: 5,
        met: null,
      }),
  },
  'PATCH /api/fusion/kpis/:id': {
    scope: 'org',
    request: async (c) => {
      const { kpi } = await standing(c.w, c.t);
      return {
        method: 'PATCH',
        url: `/api/fusion/kpis/${kpi}`,
        payload: { result: 92.5, version: await versionOf(c.w, 'fusionKpi', kpi) },
      };
    },
    ok: (res) => expect(okJson<Kpi>(res)).toMatchObject({ result: 92.5, measuredOn: today(), met: true }),
  },
  'DELETE /api/fusion/kpis/:id': {
    scope: 'org',
    request: async (c) => {
      const id = await newKpi(c.w, (await standing(c.w, c.t)).project.id);
      pending.set(c, id);
      return { method: 'DELETE', url: `/api/fusion/kpis/${id}` };
    },
    ok: async (res, c) => {
      expect(okJson(res)).toEqual({ ok: true });
      const left = await db(c)
        .selectFrom('fusionKpi')
        .select('id')
        .where('id', '=', pending.get(c) as string)
        .execute();
      expect(left).toEqual([]);
    },
  },
  'GET /api/fusion/projects/:id/record-candidates': {
    scope: 'org',
    request: async (c) => {
      const { project } = await standing(c.w, c.t);
      const record = await newRecord(c.w, c.t);
      pending.set(c, record.id);
      return {
        method: 'GET',
        url: `/api/fusion/projects/${project.id}/record-candidates?q=${encodeURIComponent(record.topic)}`,
      };
    },
    ok: (res, c) => expect(ids(okJson<LinkedRecord[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/fusion/projects/:id/records': {
    scope: 'org',
    request: async (c) => {
      const { project } = await standing(c.w, c.t);
      const record = await newRecord(c.w, c.t);
      pending.set(c, record.id);
      return {
        method: 'POST',
        url: `/api/fusion/projects/${project.id}/records`,
        payload: { recordIds: [record.id] },
      };
    },
    ok: (res, c) => expect(ids(okJson<Project>(res).records)).toContain(pending.get(c)),
  },
  'DELETE /api/fusion/projects/:id/records/:recordId': {
    scope: 'org',
    // A record linked a moment ago by the fixture account.
    request: async (c) => {
      const { project } = await standing(c.w, c.t);
      const record = await newRecord(c.w, c.t);
      const linked = await c.w.fixture.post(`/api/fusion/projects/${project.id}/records`, {
        recordIds: [record.id],
      });
      if (linked.statusCode !== 200) throw new Error(`fusion fixture (link): ${linked.body.slice(0, 300)}`);
      pending.set(c, record.id);
      return { method: 'DELETE', url: `/api/fusion/projects/${project.id}/records/${record.id}` };
    },
    ok: (res, c) => expect(ids(okJson<Project>(res).records)).not.toContain(pending.get(c)),
  },
  'GET /api/me/fusion': {
    scope: 'own',
    // The caller's account linked to the home branch's standing member, who owns its standing project; "another
    // account's record" is the project of organ B's standing member.
    request: async (c) => {
      const home = await standing(c.w, c.w.home);
      const theirs = await standing(c.w, c.w.targets['MXB-1']);
      if (c.h.userId)
        await db(c)
          .updateTable('appUser')
          .set({ memberId: c.w.home.member.id })
          .where('id', '=', c.h.userId)
          .execute();
      note(c, { project: c.foreign ? theirs.project.id : home.project.id, milestone: home.overdue });
      return { method: 'GET', url: '/api/me/fusion' };
    },
    ok: (res, c) => {
      const mine = okJson<MyFusion>(res);
      expect(mine.projects).toContainEqual(expect.objectContaining({ id: got(c, 'project'), role: 'owner' }));
      expect(mine.milestones).toContainEqual(
        expect.objectContaining({ id: got(c, 'milestone'), overdue: true }),
      );
    },
    hidden: (res, c) => expect(ids(okJson<MyFusion>(res).projects)).not.toContain(got(c, 'project')),
  },
};

export const FUSION_PROJECT_CASES: Record<string, Case> = { ...PROJECT_CASES, ...WORK_CASES };
