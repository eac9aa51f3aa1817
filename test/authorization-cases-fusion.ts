import { expect } from 'vitest';
import type { Board, Need, Resource } from '#contracts/fusion';
import type { Project } from '#contracts/fusion-project';
import type { PartnerOrg } from '#contracts/partner';
import { FUSION_BRAND_CASES } from './authorization-cases-fusion-brands.ts';
import { FUSION_PROJECT_CASES } from './authorization-cases-fusion-projects.ts';
import {
  got,
  needStatus,
  newNeed,
  newResource,
  note,
  standing,
  versionOf,
} from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, cellsOf, ids, okJson, pending } from './authorization-requests.ts';
import { today } from './authorization-responsibility-fixtures.ts';

// Request cases of the fusion routes (issue 11): partner organisations (the org module's, kept with the organ's
// departments), needs, resources and the matching board here; projects, their lifecycle and their work in
// authorization-cases-fusion-projects.ts. Needs, resources, the board and projects are read organ-wide by whoever reads
// any of the organ's work (scope 'unit': the other organ's lists answer 404, since they are asked for by its unitId);
// the organ committee keeps the needs and partner organisations and decides the board's pairs (at the organ's root:
// 'O'); a branch keeps its resources (scope 'org'). A request that uses its record up gets a fresh one
// (authorization-fusion-fixtures.ts).

const db = (c: CaseCtx) => c.w.t.database.db;

const LIST_CASES: Record<string, Case> = {
  'GET /api/partner-orgs': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).partner.id);
      return { method: 'GET', url: `/api/partner-orgs?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<PartnerOrg[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/partner-orgs': {
    scope: 'unit',
    request: (c) => {
      const name = `${c.t.code}结对村${c.w.seq()}`;
      pending.set(c, name);
      return {
        method: 'POST',
        url: '/api/partner-orgs',
        payload: { unitId: c.t.unit.id, name, kind: 'village' },
      };
    },
    ok: (res, c) =>
      expect(okJson<PartnerOrg>(res)).toMatchObject({
        unitId: c.t.unit.id,
        name: pending.get(c),
        kind: 'village',
      }),
  },
  'PATCH /api/partner-orgs/:id': {
    scope: 'unit',
    request: async (c) => {
      const { partner } = await standing(c.w, c.t);
      const contact = `联系人${c.w.seq()}`;
      pending.set(c, contact);
      return {
        method: 'PATCH',
        url: `/api/partner-orgs/${partner.id}`,
        payload: { contact, version: await versionOf(c.w, 'partnerOrg', partner.id) },
      };
    },
    ok: (res, c) => expect(okJson<PartnerOrg>(res).contact).toBe(pending.get(c)),
  },
  'GET /api/fusion/needs': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).need.id);
      return { method: 'GET', url: `/api/fusion/needs?unitId=${c.t.unit.id}&departmentId=${c.t.dept.id}` };
    },
    ok: (res, c) => expect(ids(okJson<Need[]>(res))).toContain(pending.get(c)),
  },
  'GET /api/fusion/needs/export': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).need.title);
      return { method: 'GET', url: `/api/fusion/needs/export?unitId=${c.t.unit.id}` };
    },
    ok: async (res, c) => expect(await cellsOf(res)).toContain(pending.get(c)),
  },
  'POST /api/fusion/needs': {
    scope: 'unit',
    request: (c) => ({
      method: 'POST',
      url: '/api/fusion/needs',
      payload: {
        departmentId: c.t.dept.id,
        title: '窗口排队时间长',
        problem: '高峰时段群众排队超过一小时',
        urgency: 'critical',
        raisedBy: '办公室',
        raisedOn: today(),
        tags: ['窗口'],
      },
    }),
    ok: (res, c) =>
      expect(okJson<Need>(res)).toMatchObject({
        departmentId: c.t.dept.id,
        status: 'open',
        urgency: 'critical',
      }),
  },
  'PATCH /api/fusion/needs/:id': {
    scope: 'unit',
    request: async (c) => {
      const { need } = await standing(c.w, c.t);
      const kpiName = `材料退回次数${c.w.seq()}`;
      pending.set(c, kpiName);
      return {
        method: 'PATCH',
        url: `/api/fusion/needs/${need.id}`,
        payload: { kpiName, version: await versionOf(c.w, 'fusionNeed', need.id) },
      };
    },
    ok: (res, c) => expect(okJson<Need>(res)).toMatchObject({ kpiName: pending.get(c), status: 'open' }),
  },
  'GET /api/fusion/resources': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).resource.id);
      return { method: 'GET', url: `/api/fusion/resources?unitId=${c.t.unit.id}&status=active` };
    },
    ok: (res, c) => expect(ids(okJson<Resource[]>(res))).toContain(pending.get(c)),
  },
  'GET /api/fusion/resources/export': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).resource.title);
      return { method: 'GET', url: `/api/fusion/resources/export?unitId=${c.t.unit.id}` };
    },
    ok: async (res, c) => expect(await cellsOf(res)).toContain(pending.get(c)),
  },
  'POST /api/fusion/resources': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/fusion/resources',
      payload: {
        partyOrgId: c.t.org.id,
        kind: 'skill',
        title: '政策解读',
        memberId: c.t.member.id,
        tags: ['政策'],
        capacity: 2,
      },
    }),
    ok: (res, c) =>
      expect(okJson<Resource>(res)).toMatchObject({
        partyOrgId: c.t.org.id,
        memberId: c.t.member.id,
        capacity: 2,
        inUse: 0,
      }),
  },
  'PATCH /api/fusion/resources/:id': {
    scope: 'org',
    request: async (c) => {
      const { resource } = await standing(c.w, c.t);
      const description = `每周二、四下午到窗口服务${c.w.seq()}`;
      pending.set(c, description);
      return {
        method: 'PATCH',
        url: `/api/fusion/resources/${resource.id}`,
        payload: { description, version: await versionOf(c.w, 'fusionResource', resource.id) },
      };
    },
    ok: (res, c) => expect(okJson<Resource>(res).description).toBe(pending.get(c)),
  },
  'GET /api/fusion/board': {
    scope: 'unit',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      note(c, { need: s.need.id, resource: s.resource.id });
      return { method: 'GET', url: `/api/fusion/board?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => {
      const board = okJson<Board>(res);
      expect(ids(board.needs)).toContain(got(c, 'need'));
      expect(ids(board.resources)).toContain(got(c, 'resource'));
    },
  },
  'POST /api/fusion/board/accept': {
    scope: 'unit',
    // A need and a resource of their own: the pair takes the need into a project and a slot of the resource.
    request: async (c) => {
      const need = await newNeed(c.w, c.t);
      const resource = await newResource(c.w, c.t, 1);
      note(c, { need: need.id, resource: resource.id });
      return {
        method: 'POST',
        url: '/api/fusion/board/accept',
        payload: { needId: need.id, resourceId: resource.id, ownerMemberId: c.t.member.id },
      };
    },
    ok: async (res, c) => {
      const p = okJson<Project>(res);
      expect(p).toMatchObject({ stage: 'proposal', needId: got(c, 'need'), leadOrgId: c.t.org.id });
      expect(ids(p.resources)).toEqual([got(c, 'resource')]);
      expect(await needStatus(c, got(c, 'need'))).toBe('in_project');
    },
  },
  'POST /api/fusion/board/decline': {
    scope: 'unit',
    request: async (c) => {
      const need = await newNeed(c.w, c.t);
      const { resource } = await standing(c.w, c.t);
      note(c, { need: need.id, resource: resource.id });
      return {
        method: 'POST',
        url: '/api/fusion/board/decline',
        payload: { needId: need.id, resourceId: resource.id, reason: '该小组本季度任务已满' },
      };
    },
    ok: async (res, c) => {
      expect(okJson(res)).toEqual({ ok: true });
      const row = await db(c)
        .selectFrom('fusionMatchDecision')
        .select('decision')
        .where('needId', '=', got(c, 'need'))
        .where('resourceId', '=', got(c, 'resource'))
        .executeTakeFirst();
      expect(row?.decision).toBe('declined');
    },
  },
};

export const FUSION_CASES: Record<string, Case> = {
  ...LIST_CASES,
  ...FUSION_PROJECT_CASES,
  ...FUSION_BRAND_CASES,
};
