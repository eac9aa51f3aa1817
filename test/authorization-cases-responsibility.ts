import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { PEOPLE_CASES } from './authorization-cases-responsibility-people.ts';
import { type Case, type CaseCtx, ids, okJson, pending, status } from './authorization-requests.ts';
import {
  FOREIGN,
  latestTemplate,
  mine,
  newExemption,
  newItem,
  newReport,
  pdfUpload,
  standing,
  standingWorkPoint,
  theirs,
  today,
  YEAR,
} from './authorization-responsibility-fixtures.ts';
import { holderReaches } from './authorization-world.ts';

// Requests of the responsibility routes of test/authorization-table.ts (issue 9): templates and work points of the
// work committee, lists and their duties, progress and exemptions, the coverage view, one's own duties; handover,
// liaison and 述职评议 in authorization-cases-responsibility-people.ts. The Excel and Word routes of the module
// have their own file (authorization-cases-responsibility-files.ts).
//
// 'org' cases aim at the target branch's records; 'own' cases first link the caller's account to a member of its
// own and make that member the owner / approver, and aim "another account's record" at one in another organ,
// which no role of the world reaches (so that reading by scope cannot stand in for ownership).

const versionOf = async (c: CaseCtx, table: 'responsibilityList' | 'workPoint', id: string) =>
  (await c.w.t.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow())
    .version;
const hereOrThere = (c: CaseCtx) => (c.foreign ? c.w.targets[FOREIGN] : c.w.home);
const dutyIds = (res: LightMyRequestResponse) =>
  okJson<{ duties: { itemId: string }[] }>(res).duties.map((d) => d.itemId);
type Node = { id: string; children: Node[] };
const nodeIds = (nodes: Node[]): string[] => nodes.flatMap((n) => [n.id, ...nodeIds(n.children)]);

const LIST_CASES: Record<string, Case> = {
  // Templates and work points: the work committee's reference data ---------------------------------------------
  'GET /api/responsibility/templates': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/responsibility/templates' }),
    ok: (res) =>
      expect(okJson<{ version: number; itemCount: number }[]>(res)).toContainEqual(
        expect.objectContaining({ version: 1, itemCount: 26 }),
      ),
  },
  'GET /api/responsibility/templates/:id': {
    scope: 'none',
    request: async (c) => {
      const first = await c.w.t.database.db
        .selectFrom('responsibilityTemplate')
        .select('id')
        .where('version', '=', 1)
        .executeTakeFirstOrThrow();
      return { method: 'GET', url: `/api/responsibility/templates/${first.id}` };
    },
    ok: (res) => {
      const body = okJson<{ version: number; items: unknown[] }>(res);
      expect(body.version).toBe(1);
      expect(body.items).toHaveLength(26);
    },
  },
  'POST /api/responsibility/templates': {
    scope: 'none',
    // The newest version's duties again, under a new title: a revision that changes nothing else.
    request: async (c) => {
      const title = `责任清单模板（矩阵修订${c.w.seq()}）`;
      pending.set(c, title);
      const latest = await latestTemplate(c.w);
      return {
        method: 'POST',
        url: '/api/responsibility/templates',
        payload: { title, changeNote: '矩阵测试修订', items: latest.items },
      };
    },
    ok: (res, c) => {
      const body = okJson<{ version: number; title: string }>(res);
      expect(body.title).toBe(pending.get(c));
      expect(body.version).toBeGreaterThan(1);
    },
  },
  'GET /api/responsibility/work-points': {
    scope: 'none',
    request: async (c) => {
      pending.set(c, await standingWorkPoint(c.w));
      return { method: 'GET', url: `/api/responsibility/work-points?year=${YEAR}` };
    },
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/responsibility/work-points': {
    scope: 'none',
    request: (c) => {
      const title = `矩阵工作要点${c.w.seq()}`;
      pending.set(c, title);
      return {
        method: 'POST',
        url: '/api/responsibility/work-points',
        payload: { year: YEAR, domain: 'business', category: '中心工作', title },
      };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ year: YEAR, title: pending.get(c) }),
  },
  'PATCH /api/responsibility/work-points/:id': {
    scope: 'none',
    request: async (c) => {
      const id = await standingWorkPoint(c.w);
      const title = `矩阵工作要点（修订${c.w.seq()}）`;
      pending.set(c, title);
      return {
        method: 'PATCH',
        url: `/api/responsibility/work-points/${id}`,
        payload: { title, version: await versionOf(c, 'workPoint', id) },
      };
    },
    ok: (res, c) => expect(okJson(res).title).toBe(pending.get(c)),
  },
  'GET /api/responsibility/record-kinds': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/responsibility/record-kinds' }),
    ok: (res) => expect(okJson<{ key: string }[]>(res).map((k) => k.key)).toContain('branch.theme_day'),
  },

  // Lists --------------------------------------------------------------------------------------------------------
  'GET /api/responsibility/lists': {
    scope: 'org',
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).list);
      return { method: 'GET', url: `/api/responsibility/lists?year=${YEAR}` };
    },
    ok: (res, c) => expect(ids(okJson<{ id: string }[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => {
      const lists = okJson<{ id: string; partyOrgId: string }[]>(res);
      expect(ids(lists)).not.toContain(pending.get(c));
      expect(lists.filter((l) => l.partyOrgId === c.t.org.id)).toEqual([]);
    },
  },
  'POST /api/responsibility/lists': {
    scope: 'org',
    // A personal list (一岗双责) of the branch's committee member; made anew each time, so the last one goes first.
    request: async (c) => {
      const s = await standing(c.w, c.t);
      await c.w.t.database.db
        .deleteFrom('responsibilityList')
        .where('unitId', '=', c.t.unit.id)
        .where('year', '=', YEAR)
        .where('holderMemberId', '=', s.peer)
        .execute();
      pending.set(c, s.peer);
      return {
        method: 'POST',
        url: '/api/responsibility/lists',
        payload: { year: YEAR, level: 'implementing', partyOrgId: c.t.org.id, holderMemberId: s.peer },
      };
    },
    ok: (res, c) =>
      expect(okJson(res)).toMatchObject({ partyOrgId: c.t.org.id, holderMemberId: pending.get(c) }),
  },
  'GET /api/responsibility/lists/:id': {
    scope: 'org',
    request: async (c) => ({
      method: 'GET',
      url: `/api/responsibility/lists/${(await standing(c.w, c.t)).list}`,
    }),
    ok: async (res, c) => {
      const body = okJson<{ id: string; items: { id: string }[] }>(res);
      const s = await standing(c.w, c.t);
      expect(body.id).toBe(s.list);
      expect(ids(body.items)).toContain(s.item);
    },
  },
  'PATCH /api/responsibility/lists/:id': {
    scope: 'org',
    request: async (c) => {
      const list = (await standing(c.w, c.t)).list;
      const title = `${YEAR}年度落实责任清单（第${c.w.seq()}次修订）`;
      pending.set(c, title);
      return {
        method: 'PATCH',
        url: `/api/responsibility/lists/${list}`,
        payload: { title, version: await versionOf(c, 'responsibilityList', list) },
      };
    },
    ok: (res, c) => expect(okJson(res).title).toBe(pending.get(c)),
  },
  'GET /api/responsibility/lists/:id/template-changes': {
    scope: 'org',
    request: async (c) => ({
      method: 'GET',
      url: `/api/responsibility/lists/${(await standing(c.w, c.t)).list}/template-changes`,
    }),
    ok: async (res, c) => expect(okJson(res).to).toBe((await latestTemplate(c.w)).version),
  },
  'GET /api/responsibility/lists/:id/candidates': {
    scope: 'org',
    request: async (c) => ({
      method: 'GET',
      url: `/api/responsibility/lists/${(await standing(c.w, c.t)).list}/candidates`,
    }),
    ok: (res) =>
      expect(okJson<{ items: unknown[]; workPoints: unknown[] }>(res)).toMatchObject({
        items: expect.any(Array),
        workPoints: expect.any(Array),
      }),
  },
  'POST /api/responsibility/lists/:id/adopt-template': {
    scope: 'org',
    request: async (c) => {
      const list = (await standing(c.w, c.t)).list;
      const latest = await latestTemplate(c.w);
      pending.set(c, latest.id);
      return {
        method: 'POST',
        url: `/api/responsibility/lists/${list}/adopt-template`,
        payload: {
          templateId: latest.id,
          keys: ['b-01'],
          version: await versionOf(c, 'responsibilityList', list),
        },
      };
    },
    ok: (res, c) => {
      const body = okJson<{ templateId: string; items: { templateKey: string | null }[] }>(res);
      expect(body.templateId).toBe(pending.get(c));
      expect(body.items.map((i) => i.templateKey)).toContain('b-01');
    },
  },

  // Duties, progress and exemptions ------------------------------------------------------------------------------
  'POST /api/responsibility/lists/:id/items': {
    scope: 'org',
    request: async (c) => {
      const title = `压缩审批时限${c.w.seq()}`;
      pending.set(c, title);
      return {
        method: 'POST',
        url: `/api/responsibility/lists/${(await standing(c.w, c.t)).list}/items`,
        payload: {
          domain: 'business',
          category: '业务工作',
          title,
          ownerOrgId: c.t.org.id,
          deadline: `${YEAR}-12-31`,
        },
      };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ title: pending.get(c), ownerOrgId: c.t.org.id }),
  },
  'GET /api/responsibility/items/:id': {
    scope: 'own',
    request: async (c) => {
      const own = await mine(c);
      pending.set(c, own.member);
      const item = c.foreign ? (await theirs(c.w)).item : own.item;
      return { method: 'GET', url: `/api/responsibility/items/${item}` };
    },
    ok: (res, c) => expect(okJson(res).ownerMemberId).toBe(pending.get(c)),
  },
  'PATCH /api/responsibility/items/:id': {
    scope: 'org',
    request: async (c) => {
      const { item } = await newItem(c.w, c.t, (await standing(c.w, c.t)).list);
      return {
        method: 'PATCH',
        url: `/api/responsibility/items/${item}`,
        payload: { title: '按季度开展主题党日', version: 1 },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ title: '按季度开展主题党日', version: 2 }),
  },
  'POST /api/responsibility/items/:id/exemptions': {
    scope: 'org',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      pending.set(c, s.item);
      return {
        method: 'POST',
        url: `/api/responsibility/items/${s.item}/exemptions`,
        payload: {
          startsOn: `${YEAR}-01-01`,
          expiresOn: `${YEAR}-01-31`,
          reason: '一月份全员外出执行专项任务',
          approverMemberId: s.peer,
        },
      };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ itemId: pending.get(c), status: 'pending' }),
  },
  'POST /api/responsibility/exemptions/:id/decide': {
    scope: 'own',
    // The caller's member is the approver; "another's" is an exemption another organ's member approves.
    request: async (c) => {
      const own = await mine(c);
      const t = hereOrThere(c);
      const s = await standing(c.w, t);
      const { item } = await newItem(c.w, t, s.list);
      const exemption = await newExemption(c.w, t, item, c.foreign ? s.peer : own.member);
      return {
        method: 'POST',
        url: `/api/responsibility/exemptions/${exemption}/decide`,
        payload: { status: 'approved', note: '同意', version: 1 },
      };
    },
    ok: (res) => expect(okJson(res)).toMatchObject({ status: 'approved', version: 2 }),
  },
  'POST /api/responsibility/periods/:id/reports': {
    scope: 'org',
    request: async (c) => {
      const s = await standing(c.w, c.t);
      pending.set(c, s.item);
      return {
        method: 'POST',
        url: `/api/responsibility/periods/${s.period}/reports`,
        payload: { progress: 40, note: '已完成阶段性工作' },
      };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ itemId: pending.get(c), progress: 40 }),
  },
  'GET /api/responsibility/coverage': {
    scope: 'unit',
    // A sibling branch's issued duty is also there, for the branch roles not to see.
    request: async (c) => {
      pending.set(c, (await standing(c.w, c.t)).item);
      await standing(c.w, c.w.targets['MXA-2']);
      return { method: 'GET', url: `/api/responsibility/coverage?year=${YEAR}&unitId=${c.t.unit.id}` };
    },
    ok: async (res, c) => {
      const body = okJson<{ year: number; roots: Node[] }>(res);
      expect(body.year).toBe(YEAR);
      const shown = nodeIds(body.roots);
      expect(shown).toContain(pending.get(c));
      if (!holderReaches(c.h, 'MXA-2'))
        expect(shown).not.toContain((await standing(c.w, c.w.targets['MXA-2'])).item);
    },
  },

  // One's own duties -------------------------------------------------------------------------------------------
  'GET /api/me/duties': {
    scope: 'own',
    request: async (c) => {
      const own = await mine(c);
      pending.set(c, c.foreign ? (await theirs(c.w)).item : own.item);
      return { method: 'GET', url: '/api/me/duties' };
    },
    ok: (res, c) => expect(dutyIds(res)).toContain(pending.get(c)),
    hidden: (res, c) => expect(dutyIds(res)).not.toContain(pending.get(c)),
  },
  'POST /api/me/duties/:id/reports': {
    scope: 'own',
    request: async (c) => {
      const own = await mine(c);
      pending.set(c, own.item);
      const period = c.foreign ? (await theirs(c.w)).period : own.period;
      return {
        method: 'POST',
        url: `/api/me/duties/${period}/reports`,
        payload: { progress: 60, note: '已完成主要工作', reportedOn: today() },
      };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ itemId: pending.get(c), progress: 60 }),
  },
  'POST /api/responsibility/reports/:id/files': {
    scope: 'own',
    // A report the caller wrote; "another's" was written by the fixture account in another organ.
    request: async (c) => {
      const own = await mine(c);
      const t = hereOrThere(c);
      const duty = c.foreign ? await theirs(c.w) : own;
      const author = c.foreign || !c.h.userId ? c.w.fixture.userId : c.h.userId;
      const { report } = await newReport(c.w, t, duty, author);
      return { method: 'POST', url: `/api/responsibility/reports/${report}/files`, ...pdfUpload() };
    },
    ok: (res) =>
      expect(okJson(res)).toMatchObject({ mediaType: 'application/pdf', fileName: 'evidence.pdf' }),
  },
  'GET /api/responsibility/files/:id': {
    scope: 'own',
    request: async (c) => {
      const own = await mine(c);
      const t = hereOrThere(c);
      const duty = c.foreign ? await theirs(c.w) : own;
      const author = c.foreign || !c.h.userId ? c.w.fixture.userId : c.h.userId;
      const { file } = await newReport(c.w, t, duty, author, true);
      return { method: 'GET', url: `/api/responsibility/files/${file}` };
    },
    ok: (res) => {
      status(res, 200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    },
  },
};

export const RESPONSIBILITY_CASES: Record<string, Case> = { ...LIST_CASES, ...PEOPLE_CASES };
