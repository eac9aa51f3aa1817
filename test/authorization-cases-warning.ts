import { expect } from 'vitest';
import type { IndexFormula, Overview, Warning, WarningConfig, WarningException } from '#contracts/warning';
import { todayOf } from '../server/src/core/context.ts';
import { type Case, type CaseCtx, ids, okJson, pending } from './authorization-requests.ts';

// Request cases of the fusion index and warnings (issue 13, ADR 31). A warning, an exception, an index value and an
// organisation's level history belong to one Party organisation (scope 'org': outside the caller's subtree they
// answer 404 or are absent from lists). Evaluating reaches a whole organ (scope 'unit'). The work committee's rules,
// ladder and formula hold no organisation's data (scope 'none'). Rows are written straight into their tables.

const db = (c: CaseCtx) => c.w.t.database.db;
/** An exception's end within the year it may run: a month from the app's today. */
const inAMonth = (c: CaseCtx) => {
  const d = new Date(`${todayOf(c.w.t.ctx())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
};

async function orgOf(c: CaseCtx) {
  return db(c)
    .selectFrom('partyOrg')
    .select(['unitId', 'id'])
    .where('id', '=', c.t.org.id)
    .executeTakeFirstOrThrow();
}

/** An open warning of the target branch (a kind that has none open yet: one per organisation and kind). */
async function newWarning(c: CaseCtx): Promise<{ id: string; version: number }> {
  const org = await orgOf(c);
  await db(c)
    .updateTable('warning')
    .set({ status: 'cleared', clearedOn: '2026-12-01' })
    .where('unitId', '=', org.unitId)
    .where('partyOrgId', '=', org.id)
    .where('kind', '=', 'duties_overdue')
    .where('status', '<>', 'cleared')
    .execute();
  return db(c)
    .insertInto('warning')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: 'duties_overdue',
      level: 'yellow',
      status: 'open',
      ruleText: '责任事项逾期：1 项及以上为黄色',
      dataText: `矩阵预警${c.w.seq()}`,
      returns: '[]',
      firstSeenOn: '2026-12-01',
      raisedOn: '2026-12-01',
      deadline: '2099-12-31',
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

async function newException(c: CaseCtx): Promise<string> {
  const org = await orgOf(c);
  const row = await db(c)
    .insertInto('warningException')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: 'no_activity',
      reason: `矩阵例外${c.w.seq()}`,
      until: '2099-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The work committee's formula, published on first read. */
async function formula(c: CaseCtx): Promise<IndexFormula> {
  const list = okJson<IndexFormula[]>(await c.w.fixture.get('/api/fusion-index/formulas'));
  return list.find((f) => f.status === 'published') as IndexFormula;
}

/** An index value of the target branch for 2026-Q4, computed with the published formula. */
async function newIndexValue(c: CaseCtx): Promise<void> {
  const org = await orgOf(c);
  const f = await formula(c);
  const parts = JSON.stringify([
    {
      key: 'linked',
      label: '党建活动与业务挂钩率',
      weight: 100,
      raw: 0.25,
      score: 50,
      detail: '矩阵',
      href: null,
    },
  ]);
  await db(c)
    .insertInto('fusionIndexValue')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      periodKey: '2026-Q4',
      formulaId: f.id,
      value: 50,
      parts,
    })
    .onConflict((oc) => oc.columns(['unitId', 'partyOrgId', 'periodKey']).doUpdateSet({ value: 50, parts }))
    .execute();
}

async function newDraft(c: CaseCtx): Promise<IndexFormula> {
  const owner = (await formula(c)).ownerUnitId;
  const open = await db(c)
    .selectFrom('fusionIndexFormula')
    .select(['id'])
    .where('ownerUnitId', '=', owner)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (open) await db(c).deleteFrom('fusionIndexFormula').where('id', '=', open.id).execute();
  return okJson<IndexFormula>(await c.w.fixture.post('/api/fusion-index/formulas/draft', {}));
}

export const WARNING_CASES: Record<string, Case> = {
  'GET /api/warnings/overview': {
    scope: 'org',
    request: (c) => ({ method: 'GET', url: `/api/warnings/overview?unitId=${c.t.unit.id}` }),
    ok: (res, c) => expect(okJson<Overview>(res).orgs.map((o) => o.partyOrgId)).toContain(c.t.org.id),
    hidden: (res, c) => expect(okJson<Overview>(res).orgs.map((o) => o.partyOrgId)).not.toContain(c.t.org.id),
  },
  'GET /api/warnings': {
    scope: 'org',
    request: async (c) => {
      pending.set(c, (await newWarning(c)).id);
      return { method: 'GET', url: `/api/warnings?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<Warning[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<Warning[]>(res))).not.toContain(pending.get(c)),
  },
  'GET /api/warnings/:id': {
    scope: 'org',
    request: async (c) => ({ method: 'GET', url: `/api/warnings/${(await newWarning(c)).id}` }),
    ok: (res, c) =>
      expect(okJson<Warning>(res)).toMatchObject({ partyOrgId: c.t.org.id, kind: 'duties_overdue' }),
  },
  'POST /api/warnings/:id/answer': {
    scope: 'org',
    request: async (c) => {
      const w = await newWarning(c);
      return {
        method: 'POST',
        url: `/api/warnings/${w.id}/answer`,
        payload: { kind: 'note', note: '已召开支委会研究整改', version: w.version },
      };
    },
    ok: (res) =>
      expect(okJson<Warning>(res).answer).toMatchObject({ kind: 'note', note: '已召开支委会研究整改' }),
  },
  'GET /api/warnings/levels/:orgId': {
    scope: 'org',
    request: async (c) => {
      const org = await orgOf(c);
      await db(c)
        .insertInto('warningLevelChange')
        .values({
          unitId: org.unitId,
          partyOrgId: org.id,
          fromLevel: 'green',
          toLevel: 'yellow',
          reason: '矩阵',
        })
        .execute();
      return { method: 'GET', url: `/api/warnings/levels/${c.t.org.id}` };
    },
    ok: (res) => expect(okJson<{ reason: string }[]>(res).map((r) => r.reason)).toContain('矩阵'),
  },
  'GET /api/warnings/exceptions': {
    scope: 'org',
    request: async (c) => {
      pending.set(c, await newException(c));
      return { method: 'GET', url: `/api/warnings/exceptions?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<WarningException[]>(res))).toContain(pending.get(c)),
    hidden: (res, c) => expect(ids(okJson<WarningException[]>(res))).not.toContain(pending.get(c)),
  },
  'POST /api/warnings/exceptions': {
    scope: 'org',
    request: (c) => ({
      method: 'POST',
      url: '/api/warnings/exceptions',
      payload: {
        partyOrgId: c.t.org.id,
        kind: 'no_activity',
        reason: '支部换届改选期间',
        until: inAMonth(c),
      },
    }),
    ok: (res, c) =>
      expect(okJson<WarningException>(res)).toMatchObject({ partyOrgId: c.t.org.id, revokedAt: null }),
  },
  'POST /api/warnings/exceptions/:id/revoke': {
    scope: 'org',
    request: async (c) => ({
      method: 'POST',
      url: `/api/warnings/exceptions/${await newException(c)}/revoke`,
    }),
    ok: (res) => expect(okJson<WarningException>(res).revokedAt).not.toBeNull(),
  },
  'POST /api/warnings/evaluate': {
    scope: 'unit',
    request: (c) => ({ method: 'POST', url: '/api/warnings/evaluate', payload: { unitId: c.t.unit.id } }),
    ok: (res) => expect(okJson<{ organisations: number }>(res).organisations).toBeGreaterThan(0),
  },
  'GET /api/warnings/config': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/warnings/config' }),
    ok: (res) => expect(okJson<WarningConfig>(res).ladder.length).toBeGreaterThan(0),
  },
  'PUT /api/warnings/config': {
    scope: 'none',
    request: async (c) => {
      const now = okJson<WarningConfig>(await c.w.fixture.get('/api/warnings/config'));
      return {
        method: 'PUT',
        url: '/api/warnings/config',
        payload: { rules: now.rules, ladder: now.ladder, version: now.version },
      };
    },
    ok: (res) => expect(okJson<WarningConfig>(res).isDefault).toBe(false),
  },
  'GET /api/fusion-index/formulas': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/fusion-index/formulas' }),
    ok: (res) => expect(okJson<IndexFormula[]>(res).some((f) => f.status === 'published')).toBe(true),
  },
  'POST /api/fusion-index/formulas/draft': {
    scope: 'none',
    request: async (c) => {
      await newDraft(c);
      await db(c).deleteFrom('fusionIndexFormula').where('status', '=', 'draft').execute();
      return { method: 'POST', url: '/api/fusion-index/formulas/draft', payload: {} };
    },
    ok: (res) => expect(okJson<IndexFormula>(res).status).toBe('draft'),
  },
  'PUT /api/fusion-index/formulas/:id': {
    scope: 'none',
    request: async (c) => {
      const d = await newDraft(c);
      return {
        method: 'PUT',
        url: `/api/fusion-index/formulas/${d.id}`,
        payload: { formula: { name: '矩阵公式', parts: d.parts }, version: d.version },
      };
    },
    ok: (res) => expect(okJson<IndexFormula>(res).name).toBe('矩阵公式'),
  },
  'POST /api/fusion-index/formulas/:id/publish': {
    scope: 'none',
    request: async (c) => {
      const d = await newDraft(c);
      return {
        method: 'POST',
        url: `/api/fusion-index/formulas/${d.id}/publish`,
        payload: { version: d.version },
      };
    },
    ok: (res) => expect(okJson<IndexFormula>(res).status).toBe('published'),
  },
  'GET /api/fusion-index/:orgId': {
    scope: 'org',
    request: async (c) => {
      await newIndexValue(c);
      return { method: 'GET', url: `/api/fusion-index/${c.t.org.id}?periodKey=2026-Q4` };
    },
    ok: (res, c) => expect(okJson(res)).toMatchObject({ partyOrgId: c.t.org.id, value: 50 }),
  },
  'GET /api/fusion-index/:orgId/parts/:key': {
    scope: 'org',
    request: async (c) => {
      await newIndexValue(c);
      return { method: 'GET', url: `/api/fusion-index/${c.t.org.id}/parts/linked?periodKey=2026-Q4` };
    },
    ok: (res) => expect(okJson<{ part: { key: string } }>(res).part.key).toBe('linked'),
  },
};
