// Business KPIs (issue 12 point 2, "imported"): a file import all or nothing, a saved mapping reused, a .csv, the
// template read back; pushes with a token scoped to its organ, revocable, never by a session; and the values reaching
// the imported leaves of a computed cycle at once — months rolled into the quarter, a branch serving two
// departments — with only the subjects that depend on them scored again. Other files and the demo:
// assessment.kpi-files.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  Cycle,
  IndicatorBasis,
  IndicatorBody,
  IndicatorSystem,
  ResultDetail,
  ResultRow,
} from '#contracts/assessment';
import type {
  CreatedPushTokenSchema,
  ImportPreview,
  Kpi,
  KpiMapping,
  PushToken,
} from '#contracts/assessment-kpi';
import { upload, workbookOf } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';
import { organWithDepartment } from './assessment.kpi-test-helpers.ts';

let w: FusionWorld;
let cycle: Cycle;
beforeAll(async () => {
  w = await fusionWorld('2026-04-10');
});
afterAll(async () => {
  await w.t.close();
});

const fields = (res: { json: () => unknown }) =>
  ((res.json() as { error: { issues?: { field: string; message: string }[] } }).error.issues ?? []).map(
    (i) => `${i.field}: ${i.message}`,
  );
const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);
async function totals(): Promise<Record<string, number | null>> {
  const rows = await ok<ResultRow[]>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results`));
  return Object.fromEntries(rows.map((r) => [r.subjectName, round(r.total)]));
}
async function stamps(): Promise<Map<string, number>> {
  const rows = await w.t.database.db
    .selectFrom('assessmentResult')
    .select(['subjectId', 'computedAt'])
    .where('cycleId', '=', cycle.id)
    .execute();
  return new Map(rows.map((r) => [r.subjectId, r.computedAt.getTime()]));
}
const valueCount = async () =>
  Number(
    (
      await w.t.database.db
        .selectFrom('businessKpiValue')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const push = (token: string | null, values: unknown[], headers: Record<string, string> = {}) =>
  w.t.app.inject({
    method: 'POST',
    url: '/api/assessment/kpi-push',
    payload: { values },
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
describe('the catalogue', () => {
  it('is kept by the organ committee, read by the branches', async () => {
    const ontime = await ok<Kpi>(
      w.officer.post('/api/assessment/kpis', {
        unitId: w.unitId,
        code: 'ontime_rate',
        name: '办件按时办结率',
        measureUnit: '%',
        periodRollup: 'mean',
        deptCombine: 'mean',
      }),
    );
    expect(ontime).toMatchObject({ code: 'ontime_rate', active: true, values: 0, version: 1 });
    await ok<Kpi>(
      w.officer.post('/api/assessment/kpis', {
        unitId: w.unitId,
        code: 'cases_done',
        name: '办结件数',
        measureUnit: '件',
        periodRollup: 'sum',
        deptCombine: 'sum',
      }),
    );
    expectError(
      await w.officer.post('/api/assessment/kpis', {
        unitId: w.unitId,
        code: 'cases_done',
        name: '重复',
        measureUnit: '件',
        periodRollup: 'sum',
        deptCombine: 'sum',
      }),
      409,
      'assessment.kpi_exists',
    );
    expectError(
      await w.bs1.post('/api/assessment/kpis', {
        unitId: w.unitId,
        code: 'x1',
        name: '越权',
        measureUnit: '件',
        periodRollup: 'sum',
        deptCombine: 'sum',
      }),
      403,
      'auth.forbidden',
    );
    const read = await ok<Kpi[]>(w.bs1.get(`/api/assessment/kpis?unitId=${w.unitId}`));
    expect(read.map((k) => k.code)).toEqual(['cases_done', 'ontime_rate']);
    const renamed = await ok<Kpi>(
      w.officer.patch(`/api/assessment/kpis/${ontime.id}`, { note: '政务服务系统月报', version: 1 }),
    );
    expect(renamed.version).toBe(2);
    expectError(
      await w.officer.patch(`/api/assessment/kpis/${ontime.id}`, { note: '旧', version: 1 }),
      409,
      'common.stale_version',
    );
  });
});

describe('a computed cycle with imported leaves', () => {
  beforeAll(async () => {
    const leaf = (key: string, over: Partial<IndicatorBody>): IndicatorBody => ({
      key,
      name: key,
      tier: 'micro',
      domain: 'business',
      weight: 50,
      source: 'imported',
      children: [],
      ...over,
    });
    const tree: IndicatorBody[] = [
      {
        key: 'party',
        name: '党建工作',
        tier: 'macro',
        domain: 'party',
        weight: 50,
        source: 'group',
        children: [
          leaf('party.study', {
            name: '学用融合次数',
            domain: 'party',
            weight: 100,
            source: 'computed',
            measureKey: 'branch.study_applied',
            rule: { kind: 'thresholds', direction: 'higher', steps: [{ at: 1, score: 100 }] },
          }),
        ],
      },
      {
        key: 'biz',
        name: '业务工作',
        tier: 'macro',
        domain: 'business',
        weight: 50,
        source: 'group',
        children: [
          leaf('biz.ontime', {
            name: '办件按时办结率',
            kpiCode: 'ontime_rate',
            rule: { kind: 'linear', floor: 0.8, target: 1 },
          }),
          leaf('biz.cases', {
            name: '办结件数',
            kpiCode: 'cases_done',
            rule: { kind: 'linear', floor: 0, target: 300 },
          }),
        ],
      },
    ];
    const draft = await ok<IndicatorSystem>(
      w.officer.post('/api/assessment/systems', {
        ownerUnitId: w.unitId,
        name: '业务指标测试体系',
        fromDefault: false,
        partyWeight: null,
      }),
    );
    const saved = await ok<IndicatorSystem>(
      w.officer.patch(`/api/assessment/systems/${draft.id}`, { tree, version: draft.version }),
    );
    expect(saved.issues).toEqual([]);
    const system = await ok<IndicatorSystem>(
      w.officer.post(`/api/assessment/systems/${draft.id}/publish`, { version: saved.version }),
    );
    cycle = await ok<Cycle>(
      w.officer.post('/api/assessment/cycles', {
        ownerUnitId: w.unitId,
        systemId: system.id,
        level: 'branch',
        periodKind: 'quarter',
        periodKey: '2026-Q1',
      }),
    );
    cycle = await ok<Cycle>(w.officer.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
  });

  it('starts with the imported leaves dropped out, saying nothing was imported yet', async () => {
    // No studies (0 → 0 points) and no business figures (the business half drops out): every total 0.
    expect(await totals()).toEqual({ 第一党支部: 0, 第二党支部: 0, 第三党支部: 0 });
    const b1 = await ok<ResultDetail>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${w.B1.id}`));
    const ontime = b1.tree.find((n) => n.key === 'biz')?.children.find((n) => n.key === 'biz.ontime');
    expect(ontime?.detail).toBe('本期尚未导入或推送该业务指标');
  });

  it('refuses a whole file for one bad row, naming each problem by row and column', async () => {
    const file = await workbookOf({
      业务指标: [
        ['部门', '指标代码', '期间', '数值'],
        ['政策法规科', 'ontime_rate', '2026-01', 95],
        ['不存在科', 'ontime_rate', '2026-02', 90],
        ['行政审批科', 'nope_kpi', '2026-01', 3],
        ['政策法规科', 'cases_done', '2026-13', 'abc'],
      ],
    });
    const preview = await ok<ImportPreview>(
      upload(w.officer, `/api/assessment/kpi-import/preview?unitId=${w.unitId}`, file),
    );
    expect(preview).toMatchObject({
      fileKind: 'xlsx',
      layout: 'long',
      rows: 4,
      values: 1,
      unknownDepartments: ['不存在科'],
      unknownKpis: ['nope_kpi'],
    });
    expect(preview.issues.map((i) => `${i.row} ${i.column}`)).toEqual([
      '3 部门',
      '4 指标代码',
      '5 期间',
      '5 数值',
    ]);
    const res = await upload(w.officer, `/api/assessment/kpi-import?unitId=${w.unitId}`, file);
    expectError(res, 400, 'assessment.kpi_import_invalid');
    expect(fields(res)).toEqual([
      '第3行 部门: 本单位没有“不存在科”这个业务部门，请填写组织架构中的部门名称或编码',
      '第4行 指标代码: 业务指标目录中没有“nope_kpi”，请先在“业务指标”中登记，或改填已有的指标代码',
      '第5行 期间: “2026-13”不是有效的期间：期间格式如 2026-03、2026-Q1、2026-H1 或 2026',
      '第5行 数值: “abc”不是数字，请只填写数值',
    ]);
    expect(await valueCount()).toBe(0);
    expectError(
      await upload(w.bs1, `/api/assessment/kpi-import?unitId=${w.unitId}`, file),
      403,
      'auth.forbidden',
    );
  });

  it('imports a business system’s own layout through a mapping saved once and reused, and rescores at once', async () => {
    // One column per KPI, headers the wizard does not know: 承办单位, 统计月, 按时办结率(%), 办结量.
    const file = await workbookOf({
      Sheet1: [
        ['政务服务系统月报'],
        ['承办单位', '统计月', '按时办结率(%)', '办结量'],
        ['政策法规科', '2026-01', 90, 100],
        ['政策法规科', '2026年2月', 95, 120],
        ['政策法规科', '2026-03', '100%', 80],
        ['行政审批科', '2026-01', 85, 50],
        ['行政审批科', '2026-02', 85, 60],
        ['行政审批科', '2026-03', 90, 70],
      ],
    });
    const columns = {
      承办单位: 'department',
      统计月: 'period',
      '按时办结率(%)': 'kpi:ontime_rate',
      办结量: 'kpi:cases_done',
    };
    // Without a mapping no row names two known fields: the header is not found, and the answer says what to do.
    const blind = await upload(w.officer, `/api/assessment/kpi-import/preview?unitId=${w.unitId}`, file);
    expect(blind.statusCode, blind.body).toBe(400);
    expect(blind.body).toContain('没有找到表头');
    // The wizard's own choice of columns, sent with the file, reads it without any saved mapping.
    const chosen = await ok<ImportPreview>(
      upload(
        w.officer,
        `/api/assessment/kpi-import/preview?unitId=${w.unitId}&columns=${encodeURIComponent(JSON.stringify(columns))}`,
        file,
      ),
    );
    expect(chosen).toMatchObject({
      layout: 'wide',
      mapping: null,
      values: 12,
      issues: [],
      mappingProblems: [],
    });
    expectError(
      await upload(w.officer, `/api/assessment/kpi-import/preview?unitId=${w.unitId}&columns=%7Bbad`, file),
      400,
      'common.invalid_input',
    );
    // Two columns read as the department: refused at the second, nothing saved.
    const doubled = await w.officer.post('/api/assessment/kpi-mappings', {
      unitId: w.unitId,
      name: '重复的对应',
      columns: { ...columns, 科室: 'department' },
    });
    expectError(doubled, 400, 'assessment.kpi_mapping_invalid');
    expect(fields(doubled)).toEqual([
      'body.columns.科室: 「承办单位」列已对应到同一项，一项只能对应一列，请改选或设为不导入',
    ]);
    const mapping = await ok<KpiMapping>(
      w.officer.post('/api/assessment/kpi-mappings', { unitId: w.unitId, name: '政务服务系统月报', columns }),
    );
    const before = await stamps();
    // The saved mapping is found by the file's headers when none is named.
    const preview = await ok<ImportPreview>(
      upload(w.officer, `/api/assessment/kpi-import/preview?unitId=${w.unitId}`, file),
    );
    expect(preview).toMatchObject({
      layout: 'wide',
      mapping: { id: mapping.id, name: '政务服务系统月报' },
      headerRow: 2,
      rows: 6,
      values: 12,
      replaces: 0,
      issues: [],
    });
    const done = await ok<{
      created: number;
      updated: number;
      rescored: { cycles: number; subjects: number };
    }>(upload(w.officer, `/api/assessment/kpi-import?unitId=${w.unitId}&mappingId=${mapping.id}`, file));
    // B1 and B2 serve the two departments; B3 serves none and is not asked again.
    expect(done).toEqual({ created: 12, updated: 0, rescored: { cycles: 1, subjects: 2 } });
    // B1: 按时办结率 mean(90, 95, 100) = 95% → (0.95 − 0.8) / 0.2 = 75; 办结 100 + 120 + 80 = 300 → 100.
    //     business (75 + 100) / 2 = 87.5; total 0 × 0.5 + 87.5 × 0.5 = 43.75.
    // B2: mean(85, 85, 90) = 86.667% → 0.06667 / 0.2 = 33.333; 50 + 60 + 70 = 180 → 60.
    //     business (33.333 + 60) / 2 = 46.667; total 23.333.
    expect(await totals()).toEqual({ 第一党支部: 43.75, 第二党支部: 23.333, 第三党支部: 0 });
    const after = await stamps();
    expect(after.get(w.B3.id)).toBe(before.get(w.B3.id));
    const b2 = await ok<ResultDetail>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${w.B2.id}`));
    expect(b2.tree.find((n) => n.key === 'biz')?.children.map((n) => n.detail)).toEqual([
      '办件按时办结率 86.67%（行政审批科 2026-01～2026-03，导入）',
      '办结件数 180 件（行政审批科 2026-01～2026-03，导入）',
    ]);
    const b3 = await ok<ResultDetail>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${w.B3.id}`));
    // B3 serves no department: its leaves say why they have no figure.
    expect(b3.tree.find((n) => n.key === 'biz')?.children[0]?.detail).toBe(
      '未关联业务部门，取不到业务指标：请在组织架构中关联其服务的科室',
    );
    // The same file again changes nothing: no row created or replaced (the preview says so too), every version and
    // time as it was, and no branch scored again.
    const rows = () =>
      w.t.database.db
        .selectFrom('businessKpiValue')
        .select(['id', 'version', 'recordedAt', 'importBatchId'])
        .where('unitId', '=', w.unitId)
        .orderBy('id')
        .execute();
    const firstTime = await rows();
    const scoredOnce = await stamps();
    const again = await ok<ImportPreview>(
      upload(w.officer, `/api/assessment/kpi-import/preview?unitId=${w.unitId}`, file),
    );
    expect(again).toMatchObject({ values: 12, replaces: 0 });
    const twice = await ok<{
      created: number;
      updated: number;
      rescored: { cycles: number; subjects: number };
    }>(upload(w.officer, `/api/assessment/kpi-import?unitId=${w.unitId}&mappingId=${mapping.id}`, file));
    expect(twice).toEqual({ created: 0, updated: 0, rescored: { cycles: 0, subjects: 0 } });
    expect(await rows()).toEqual(firstTime);
    expect(firstTime.every((r) => r.version === 1)).toBe(true);
    expect(await stamps()).toEqual(scoredOnce);
  });
});

describe('pushes by a business system', () => {
  let token: string;
  let tokenId: string;
  it('gives the token once, lists it without the secret', async () => {
    const made = await ok<z.infer<typeof CreatedPushTokenSchema>>(
      w.officer.post('/api/assessment/kpi-tokens', { unitId: w.unitId, systemName: '政务服务系统' }),
    );
    token = made.token;
    tokenId = made.id;
    expect(token).toMatch(/^rhk_[A-Za-z0-9_-]{40,}$/);
    const listed = await ok<PushToken[]>(w.officer.get(`/api/assessment/kpi-tokens?unitId=${w.unitId}`));
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed[0]?.hint).toBe(`${token.slice(0, 10)}…`);
    const row = await w.t.database.db.selectFrom('kpiPushToken').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
  });

  it('replaces a value, rescoring only the branch it feeds by the hand-computed amount', async () => {
    const before = await stamps();
    const res = await ok<{ received: number; created: number; updated: number }>(
      push(token, [{ departmentCode: 'FD2', kpiCode: 'ontime_rate', periodKey: '2026-03', value: 100 }]),
    );
    expect(res).toMatchObject({ received: 1, created: 0, updated: 1, rescored: { cycles: 1, subjects: 1 } });
    // B2: mean(85, 85, 100) = 90% → (0.9 − 0.8) / 0.2 = 50; business (50 + 60) / 2 = 55; total 27.5 (was 23.333,
    // up 4.167). B1 and B3 are not scored again.
    expect(await totals()).toEqual({ 第一党支部: 43.75, 第二党支部: 27.5, 第三党支部: 0 });
    const after = await stamps();
    expect(after.get(w.B1.id)).toBe(before.get(w.B1.id));
    expect(after.get(w.B3.id)).toBe(before.get(w.B3.id));
    const audit = await w.t.database.db
      .selectFrom('auditLog')
      .select(['actorUsername', 'details'])
      .where('action', '=', 'assessment.kpi_push')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUsername).toBe('push:政务服务系统');
    // The trail names what was overwritten: 行政审批科 (FD2) March, imported as 90, now 100.
    expect(audit[0]?.details).toMatchObject({
      system: '政务服务系统',
      created: 0,
      replaced: 1,
      changes: [{ department: 'FD2', kpiCode: 'ontime_rate', periodKey: '2026-03', before: 90, after: 100 }],
    });
  });

  it('rolls months into the quarter: a quarter value beside its months is not counted twice', async () => {
    await ok(
      push(token, [{ departmentCode: 'FD2', kpiCode: 'ontime_rate', periodKey: '2026-Q1', value: 60 }]),
    );
    // The months (85, 85, 100) win over the quarter's 60: still 90% and 27.5.
    expect((await totals()).第二党支部).toBe(27.5);
    const basis = await ok<IndicatorBasis>(
      w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${w.B2.id}/indicators/biz.ontime`),
    );
    expect(basis.value).toBeCloseTo(0.9, 9);
    expect(basis.detail).toBe('办件按时办结率 90%（行政审批科 2026-01～2026-03，导入、推送）');
    expect(basis.basis.map((b) => [b.title, b.counted, b.state.slice(0, 3)])).toEqual([
      ['办件按时办结率：行政审批科 2026年1月 85%', true, '导入于'],
      ['办件按时办结率：行政审批科 2026年2月 85%', true, '导入于'],
      ['办件按时办结率：行政审批科 2026年3月 100%', true, '推送于'],
      ['办件按时办结率：行政审批科 2026年第一季度 60%（已按更细的期间计）', false, '推送于'],
    ]);
  });

  it('combines two departments a branch serves by the KPI’s rule', async () => {
    const d3 = await ok<{ id: string }>(
      w.officer.post('/api/departments', { unitId: w.unitId, code: 'FD3', name: '综合科', kind: 'section' }),
    );
    const b1 = await ok<{ version: number }>(w.officer.get(`/api/party-orgs/${w.B1.id}`));
    await ok(
      w.officer.patch(`/api/party-orgs/${w.B1.id}`, { departmentIds: [w.D1, d3.id], version: b1.version }),
    );
    const res = await ok<{ rescored: { subjects: number } }>(
      push(token, [
        { departmentCode: 'FD3', kpiCode: 'cases_done', periodKey: '2026-01', value: 30 },
        { departmentCode: 'FD3', kpiCode: 'ontime_rate', periodKey: '2026-02', value: 100 },
      ]),
    );
    expect(res.rescored.subjects).toBe(1);
    // B1: 按时办结率 mean over departments of their means: (95 + 100) / 2 = 97.5% → 0.175 / 0.2 = 87.5;
    //     办结 (300 + 30) = 330 summed → above the target 300 → 100. business (87.5 + 100) / 2 = 93.75; total 46.875.
    expect((await totals()).第一党支部).toBe(46.875);
  });

  it('scores again at once when a KPI’s roll-up changes', async () => {
    const kpis = await ok<Kpi[]>(w.officer.get(`/api/assessment/kpis?unitId=${w.unitId}`));
    const cases = kpis.find((k) => k.code === 'cases_done');
    if (!cases) throw new Error('cases_done');
    const before = await stamps();
    await ok(
      w.officer.patch(`/api/assessment/kpis/${cases.id}`, { periodRollup: 'mean', version: cases.version }),
    );
    // 办结件数 by the month's mean instead of the sum, departments still summed (linear 0 → 300):
    // B1: 政策法规科 (100 + 120 + 80) / 3 = 100, 综合科 30 → 130 → 43.333; 按时办结率 87.5 as before.
    //     business (87.5 + 43.333) / 2 = 65.417; total 32.708 (was 46.875).
    // B2: 行政审批科 (50 + 60 + 70) / 3 = 60 → 20; 按时办结率 50 as before. business (50 + 20) / 2 = 35; total 17.5.
    expect(await totals()).toEqual({ 第一党支部: 32.708, 第二党支部: 17.5, 第三党支部: 0 });
    const after = await stamps();
    expect(after.get(w.B1.id)).not.toBe(before.get(w.B1.id));
    expect(after.get(w.B2.id)).not.toBe(before.get(w.B2.id));
  });

  it('refuses a department of another organ, and writes nothing of the batch', async () => {
    await organWithDepartment(w, 'K');
    const count = await valueCount();
    const res = await push(token, [
      { departmentCode: 'FD1', kpiCode: 'cases_done', periodKey: '2026-04', value: 10 },
      { departmentCode: 'KD1', kpiCode: 'cases_done', periodKey: '2026-04', value: 10 },
      { departmentCode: 'FD1', kpiCode: 'no_such', periodKey: '2026-04', value: 10 },
    ]);
    expectError(res, 400, 'assessment.kpi_push_invalid');
    expect(fields(res)).toEqual([
      'body.values.1.departmentCode: 本单位没有编码为“KD1”的业务部门，请使用组织架构中的部门编码',
      'body.values.2.kpiCode: 本单位业务指标目录中没有代码“no_such”，请先由机关党委在“业务指标”中登记',
    ]);
    expect(await valueCount()).toBe(count);
  });

  it('never takes a session, and stops a revoked token at once', async () => {
    const one = [{ departmentCode: 'FD1', kpiCode: 'cases_done', periodKey: '2026-04', value: 10 }];
    expectError(await push(null, one), 401, 'auth.push_token_required');
    expectError(await push('rhk_not-a-real-token-at-all', one), 401, 'auth.push_token_invalid');
    // A signed-in officer's session, with or without a token beside it, cannot push.
    expectError(
      await w.officer.request({ method: 'POST', url: '/api/assessment/kpi-push', payload: { values: one } }),
      403,
      'auth.push_session',
    );
    expectError(
      await w.officer.request({
        method: 'POST',
        url: '/api/assessment/kpi-push',
        payload: { values: one },
        headers: { authorization: `Bearer ${token}` },
      }),
      403,
      'auth.push_session',
    );
    const revoked = await ok<PushToken>(w.officer.post(`/api/assessment/kpi-tokens/${tokenId}/revoke`, {}));
    expect(revoked.revokedAt).not.toBeNull();
    expectError(await push(token, one), 401, 'auth.push_token_invalid');
  });
});
