import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Case, cellsOf, okJson, pending, status, upload } from './authorization-requests.ts';
import { FOREIGN, mine, newAppraisal, standing, YEAR } from './authorization-responsibility-fixtures.ts';
import { holderReaches, type World } from './authorization-world.ts';

// Requests of the Excel and Word routes of the responsibility module (issue 9, point 9): a list and the coverage
// view out as .xlsx, a list and a year-end report as .docx, and the imports of a list's duties and of the work
// committee's work points with their templates. Who may do what follows the page each one belongs to: whoever reads
// a list may download and print it; whoever keeps it may import into it; only the work committee imports work points.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ITEM_HEADER = ['领域', '类别', '职责内容', '完成时限', '周期'];
const WORK_POINT_HEADER = ['领域', '类别', '工作要点', '具体要求', '权重'];

const titleOf = async (w: World, itemId: string) =>
  (
    await w.t.database.db
      .selectFrom('responsibilityItem')
      .select('title')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow()
  ).title;
const listTitle = async (w: World, listId: string) =>
  (
    await w.t.database.db
      .selectFrom('responsibilityList')
      .select('title')
      .where('id', '=', listId)
      .executeTakeFirstOrThrow()
  ).title;

/** A Word document: the right type, and a zip (what every .docx is). */
function isDocument(res: LightMyRequestResponse) {
  status(res, 200);
  expect(res.headers['content-type']).toBe(DOCX);
  expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
}

export const FILE_CASES: Record<string, Case> = {
  'GET /api/responsibility/lists/:id/export': {
    scope: 'org',
    request: async (c) => ({
      method: 'GET',
      url: `/api/responsibility/lists/${(await standing(c.w, c.t)).list}/export`,
    }),
    ok: async (res, c) => {
      const cells = await cellsOf(res);
      const s = await standing(c.w, c.t);
      expect(cells.join('\n')).toContain(await listTitle(c.w, s.list));
      expect(cells).toContain(await titleOf(c.w, s.item));
    },
  },
  'GET /api/responsibility/lists/:id/document': {
    scope: 'org',
    request: async (c) => ({
      method: 'GET',
      url: `/api/responsibility/lists/${(await standing(c.w, c.t)).list}/document`,
    }),
    ok: isDocument,
  },
  'GET /api/responsibility/coverage/export': {
    scope: 'unit',
    // A sibling branch's issued duty is there too, for the branch roles not to see.
    request: async (c) => {
      pending.set(c, await titleOf(c.w, (await standing(c.w, c.t)).item));
      await standing(c.w, c.w.targets['MXA-2']);
      return {
        method: 'GET',
        url: `/api/responsibility/coverage/export?year=${YEAR}&unitId=${c.t.unit.id}`,
      };
    },
    ok: async (res, c) => {
      const cells = (await cellsOf(res)).map((x) => x.trim());
      expect(cells).toContain(pending.get(c));
      if (!holderReaches(c.h, 'MXA-2'))
        expect(cells).not.toContain(await titleOf(c.w, (await standing(c.w, c.w.targets['MXA-2'])).item));
    },
  },
  'GET /api/appraisals/:id/document': {
    scope: 'own',
    // The caller's own report; "another account's" is one in the other organ, which no role of the world reaches.
    request: async (c) => {
      const own = await mine(c);
      const t = c.foreign ? c.w.targets[FOREIGN] : c.w.home;
      const author = c.foreign ? (await standing(c.w, t)).peer : own.member;
      return { method: 'GET', url: `/api/appraisals/${await newAppraisal(c.w, t, { author })}/document` };
    },
    ok: isDocument,
  },
  'GET /api/responsibility/items/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/responsibility/items/template' }),
    ok: async (res) => {
      const cells = await cellsOf(res);
      expect(cells).toContain('职责内容*');
      expect(cells.some((x) => x.startsWith('填写说明'))).toBe(true);
    },
  },
  'POST /api/responsibility/lists/:id/import': {
    scope: 'org',
    request: async (c) => {
      const title = `矩阵导入职责${c.w.seq()}`;
      pending.set(c, title);
      return upload('POST', `/api/responsibility/lists/${(await standing(c.w, c.t)).list}/import`, {
        职责: [ITEM_HEADER, ['党建', '组织建设', title, `${YEAR}-12-31`, '一次性']],
      });
    },
    ok: async (res, c) => {
      expect(okJson(res)).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0 });
      const made = await c.w.t.database.db
        .selectFrom('responsibilityItem')
        .select(['listId'])
        .where('title', '=', pending.get(c) ?? '')
        .execute();
      expect(made.map((m) => m.listId)).toEqual([(await standing(c.w, c.t)).list]);
    },
  },
  'GET /api/responsibility/work-points/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/responsibility/work-points/template' }),
    ok: async (res) => expect(await cellsOf(res)).toContain('工作要点*'),
  },
  'POST /api/responsibility/work-points/import': {
    scope: 'none',
    request: (c) => {
      const title = `矩阵导入工作要点${c.w.seq()}`;
      pending.set(c, title);
      return upload('POST', `/api/responsibility/work-points/import?year=${YEAR}`, {
        工作要点: [WORK_POINT_HEADER, ['业务', '中心工作', title, null, 1]],
      });
    },
    ok: (res) => expect(okJson(res)).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0 }),
  },
};
