import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  type Case,
  type CaseCtx,
  cellsOf,
  okJson,
  pending,
  status,
  upload,
} from './authorization-requests.ts';

// Request cases of the files of branch work (issue 10, points 7 and 10): whoever reads a branch reads and downloads
// its 支部工作记录 and exports its records; whoever records its work gets the 三会一课 template and imports
// historical meetings. Out of scope the ledger is a 404, the export leaves the branch's records out, and an import
// naming the branch is refused by its row. Records the export finds are written straight into the table.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const HELD_ON = '2024-06-27';
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

async function recordOf(c: CaseCtx): Promise<string> {
  const db = c.w.t.database.db;
  const { unitId } = await db
    .selectFrom('partyOrg')
    .select('unitId')
    .where('id', '=', c.t.org.id)
    .executeTakeFirstOrThrow();
  const topic = `矩阵导出支委会${c.w.seq()}`;
  await db
    .insertInto('branchRecord')
    .values({
      unitId,
      partyOrgId: c.t.org.id,
      kind: 'committee_meeting',
      heldOn: HELD_ON,
      topic,
      counts: JSON.stringify({ typed: 1, prefilled: 0, reused: 0, imported: 0 }),
    })
    .execute();
  return topic;
}

const importedTopics = async (c: CaseCtx) =>
  (
    await c.w.t.database.db
      .selectFrom('branchRecord')
      .select('partyOrgId')
      .where('topic', '=', pending.get(c) ?? '')
      .execute()
  ).map((r) => r.partyOrgId);

export const BRANCH_FILE_CASES: Record<string, Case> = {
  'GET /api/branch/ledger': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/branch/ledger?partyOrgId=${c.t.org.id}&year=${YEAR}` }),
    ok: (res, c) => {
      const ledger = okJson<{ partyOrgId: string; basics: { members: { name: string }[] } }>(res);
      expect(ledger.partyOrgId).toBe(c.t.org.id);
      expect(ledger.basics.members.map((m) => m.name)).toContain(c.t.member.name);
    },
  },
  'GET /api/branch/ledger/document': {
    scope: 'org',
    request: (c) => ({
      method: 'GET',
      url: `/api/branch/ledger/document?partyOrgId=${c.t.org.id}&year=${YEAR}`,
    }),
    ok: (res: LightMyRequestResponse) => {
      status(res, 200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    },
  },
  'GET /api/branch/records/export': {
    scope: 'org',
    request: async (c) => {
      const topic = await recordOf(c);
      pending.set(c, topic);
      return {
        method: 'GET',
        url: `/api/branch/records/export?partyOrgId=${c.t.org.id}&q=${encodeURIComponent(topic)}`,
      };
    },
    ok: async (res, c) => expect(await cellsOf(res)).toContain(pending.get(c)),
    hidden: async (res, c) => expect(await cellsOf(res)).not.toContain(pending.get(c)),
  },
  'GET /api/branch/records/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/branch/records/template' }),
    ok: async (res) => expect(await cellsOf(res)).toContain('类型*'),
  },
  'POST /api/branch/records/import': {
    scope: 'org',
    request: (c) => {
      const topic = `矩阵导入支委会${c.w.seq()}`;
      pending.set(c, topic);
      return upload('POST', '/api/branch/records/import', {
        三会一课: [
          ['类型', '日期', '党组织', '主题', '实到人员'],
          ['支委会', HELD_ON, c.t.org.code, topic, c.t.member.name],
        ],
      });
    },
    ok: async (res, c) => {
      expect(okJson(res)).toEqual({ rows: 1, created: 1 });
      expect(await importedTopics(c)).toEqual([c.t.org.id]);
    },
    // A branch out of scope is no organisation the importer can name: the row is refused, nothing written.
    hidden: async (res, c) => {
      status(res, 400);
      expect(JSON.stringify(res.json())).toContain('不在您的管辖范围内');
      expect(await importedTopics(c)).toEqual([]);
    },
  },
};
