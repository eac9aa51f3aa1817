import { expect } from 'vitest';
import type { ImportPreview, Kpi, KpiMapping, KpiValue, PushToken } from '#contracts/assessment-kpi';
import { made } from './authorization-fusion-fixtures.ts';
import { type Case, type CaseCtx, ids, okJson, pending } from './authorization-requests.ts';
import { multipart, type Target, type World, workbook } from './authorization-world.ts';

// Request cases of the business KPI routes (issue 12 point 2, helper KPI). The catalogue and the values are read by
// whoever reads the organ's assessments (scope 'unit'); the catalogue, imports, mappings and push tokens are kept at
// the organ's root (the 机关党委 that "imports business data": 'O'). The push takes a business system's token and
// no session: its case sends a valid token of the home organ, which the matrix sends once without a session (2xx),
// once without the token (401), and with every role's session (refused).

const kpis = new Map<string, Promise<Kpi>>();
let token: Promise<string> | null = null;

/** The organ's KPI 'mx_rate', made once per organ by the fixture account. */
function kpiOf(c: CaseCtx): Promise<Kpi> {
  let k = kpis.get(c.t.unit.id);
  if (!k) {
    k = made<Kpi>(
      'kpi',
      c.w.fixture.post('/api/assessment/kpis', {
        unitId: c.t.unit.id,
        code: 'mx_rate',
        name: '矩阵办结率',
        measureUnit: '%',
        periodRollup: 'mean',
        deptCombine: 'mean',
      }),
    );
    kpis.set(c.t.unit.id, k);
  }
  return k;
}

// A value of its own each time: the same value imported again changes nothing, and each role's import must write one.
async function fileFor(t: Target, n: number): Promise<Buffer> {
  return workbook({
    业务指标: [
      ['部门', '指标代码', '期间', '数值'],
      [t.dept.code, 'mx_rate', '2026-01', 50 + (n % 500) / 10],
    ],
  });
}
const upload = async (c: CaseCtx, path: string) => {
  await kpiOf(c);
  return {
    method: 'POST',
    url: `${path}?unitId=${c.t.unit.id}`,
    ...multipart(await fileFor(c.t, c.w.seq())),
  };
};
const newMapping = (w: World, t: Target) =>
  made<KpiMapping>(
    'mapping',
    w.fixture.post('/api/assessment/kpi-mappings', {
      unitId: t.unit.id,
      name: `矩阵映射${w.seq()}`,
      columns: { 部门: 'department', 期间: 'period', 指标代码: 'kpiCode', 数值: 'value' },
    }),
  );
const newToken = (w: World, t: Target) =>
  made<PushToken & { token: string }>(
    'token',
    w.fixture.post('/api/assessment/kpi-tokens', { unitId: t.unit.id, systemName: `矩阵系统${w.seq()}` }),
  );

export const ASSESSMENT_KPI_CASES: Record<string, Case> = {
  'GET /api/assessment/kpis': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await kpiOf(c)).id);
      return { method: 'GET', url: `/api/assessment/kpis?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<Kpi[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/assessment/kpis': {
    scope: 'unit',
    request: (c) => {
      const code = `mx_${c.w.seq()}`;
      pending.set(c, code);
      return {
        method: 'POST',
        url: '/api/assessment/kpis',
        payload: {
          unitId: c.t.unit.id,
          code,
          name: '矩阵指标',
          measureUnit: '件',
          periodRollup: 'sum',
          deptCombine: 'sum',
        },
      };
    },
    ok: (res, c) => expect(okJson<Kpi>(res).code).toBe(pending.get(c)),
  },
  'PATCH /api/assessment/kpis/:id': {
    scope: 'unit',
    request: async (c) => {
      const k = await made<Kpi>(
        'kpi',
        c.w.fixture.post('/api/assessment/kpis', {
          unitId: c.t.unit.id,
          code: `mxp_${c.w.seq()}`,
          name: '矩阵待改',
          measureUnit: '件',
          periodRollup: 'sum',
          deptCombine: 'sum',
        }),
      );
      return {
        method: 'PATCH',
        url: `/api/assessment/kpis/${k.id}`,
        payload: { name: '矩阵已改', version: 1 },
      };
    },
    ok: (res) => expect(okJson<Kpi>(res).name).toBe('矩阵已改'),
  },
  'GET /api/assessment/kpi-values': {
    scope: 'unit',
    request: async (c) => {
      await kpiOf(c);
      return { method: 'GET', url: `/api/assessment/kpi-values?unitId=${c.t.unit.id}&period=2026` };
    },
    ok: (res) => expect(Array.isArray(okJson<KpiValue[]>(res))).toBe(true),
  },
  'GET /api/assessment/kpi-import/template': {
    scope: 'none',
    request: () => ({ method: 'GET', url: '/api/assessment/kpi-import/template' }),
    ok: (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    },
  },
  'POST /api/assessment/kpi-import/preview': {
    scope: 'unit',
    request: (c) => upload(c, '/api/assessment/kpi-import/preview'),
    ok: (res) => expect(okJson<ImportPreview>(res)).toMatchObject({ values: 1, issues: [] }),
  },
  'POST /api/assessment/kpi-import': {
    scope: 'unit',
    request: (c) => upload(c, '/api/assessment/kpi-import'),
    ok: (res) => {
      const r = okJson<{ created: number; updated: number }>(res);
      expect(r.created + r.updated).toBe(1);
    },
  },
  'GET /api/assessment/kpi-mappings': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await newMapping(c.w, c.t)).id);
      return { method: 'GET', url: `/api/assessment/kpi-mappings?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<KpiMapping[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/assessment/kpi-mappings': {
    scope: 'unit',
    request: (c) => ({
      method: 'POST',
      url: '/api/assessment/kpi-mappings',
      payload: { unitId: c.t.unit.id, name: `矩阵新映射${c.w.seq()}`, columns: { 部门: 'department' } },
    }),
    ok: (res) => expect(okJson<KpiMapping>(res).columns).toEqual({ 部门: 'department' }),
  },
  'DELETE /api/assessment/kpi-mappings/:id': {
    scope: 'unit',
    request: async (c) => ({
      method: 'DELETE',
      url: `/api/assessment/kpi-mappings/${(await newMapping(c.w, c.t)).id}`,
    }),
    ok: (res) => expect(okJson(res)).toEqual({ ok: true }),
  },
  'GET /api/assessment/kpi-tokens': {
    scope: 'unit',
    request: async (c) => {
      pending.set(c, (await newToken(c.w, c.t)).id);
      return { method: 'GET', url: `/api/assessment/kpi-tokens?unitId=${c.t.unit.id}` };
    },
    ok: (res, c) => expect(ids(okJson<PushToken[]>(res))).toContain(pending.get(c)),
  },
  'POST /api/assessment/kpi-tokens': {
    scope: 'unit',
    request: (c) => ({
      method: 'POST',
      url: '/api/assessment/kpi-tokens',
      payload: { unitId: c.t.unit.id, systemName: `矩阵新系统${c.w.seq()}` },
    }),
    ok: (res) => expect(okJson<{ token: string }>(res).token).toMatch(/^rhk_/),
  },
  'POST /api/assessment/kpi-tokens/:id/revoke': {
    scope: 'unit',
    request: async (c) => ({
      method: 'POST',
      url: `/api/assessment/kpi-tokens/${(await newToken(c.w, c.t)).id}/revoke`,
      payload: {},
    }),
    ok: (res) => expect(okJson<PushToken>(res).revokedAt).not.toBeNull(),
  },
  'POST /api/assessment/kpi-push': {
    scope: 'none',
    request: async (c) => {
      await kpiOf(c);
      token ??= newToken(c.w, c.t).then((t) => t.token);
      return {
        method: 'POST',
        url: '/api/assessment/kpi-push',
        payload: {
          values: [{ departmentCode: c.t.dept.code, kpiCode: 'mx_rate', periodKey: '2026-02', value: 97 }],
        },
        headers: { authorization: `Bearer ${await token}` },
      };
    },
    ok: (res) => expect(okJson<{ received: number }>(res).received).toBe(1),
  },
};
