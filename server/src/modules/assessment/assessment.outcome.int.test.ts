// Results that are used (issue 12 points 5 and 7), over six branches of the organ world scored by two test measures:
// the owner's scale with a 20% quota on 优秀 (grades by hand), a stale scale edit refused; a calibration that moves a
// branch to first place and takes the one 优秀 place, its reason required, kept through a recompute that shows the
// new computed score beside it; a band graded 待定; the appraisal workbook read back; a closed cycle refusing.

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, IndicatorBody, IndicatorSystem, ResultDetail, ResultRow } from '#contracts/assessment';
import type { Calibration, GradeScale } from '#contracts/assessment-outcome';
import { loadWorkbook, rowsOf } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';
import { applyOrganisationImport } from '../org/index.ts';
import { loadOutcomeDemo, type Measure, registerMeasures, unregisterMeasure } from './index.ts';

let w: FusionWorld;
/**
 * Branch code → [Party, business] values. Totals are 50 × Party + 50 × business (ratio rule: value × 100, two groups
 * of weight 50): FB1 95, FB2 92, FB3 85, FB4 70, FB6 65, FB5 50.
 */
const values: Record<string, [number, number]> = {
  FB1: [0.95, 0.95],
  FB2: [0.92, 0.92],
  FB3: [0.85, 0.85],
  FB4: [0.7, 0.7],
  FB5: [0.5, 0.5],
  FB6: [0.6, 0.7],
};
const codeOf = new Map<string, string>();
const idOf = (code: string) => [...codeOf].find(([, c]) => c === code)?.[0] as string;

const measure = (key: string, domain: 'party' | 'business', at: 0 | 1): Measure => ({
  key,
  module: 'test',
  label: key,
  description: '测试',
  domain,
  subject: 'org',
  unit: 'ratio',
  suggestedRule: { kind: 'ratio' },
  counts: [domain === 'party' ? 'branch_record' : 'business_kpi'],
  compute: async (_ctx, q) =>
    new Map(
      q.subjects.map((s) => {
        const v = values[codeOf.get(s.id) ?? '']?.[at] ?? null;
        return [s.id, { value: v, detail: String(v), basis: [] }];
      }),
    ),
});
const leaf = (key: string, domain: 'party' | 'business', measureKey: string): IndicatorBody => ({
  key,
  name: key,
  tier: 'micro',
  domain,
  weight: 100,
  source: 'computed',
  measureKey,
  rule: { kind: 'ratio' },
  children: [],
});
const group = (key: string, domain: 'party' | 'business', child: IndicatorBody): IndicatorBody => ({
  key,
  name: key,
  tier: 'macro',
  domain,
  weight: 50,
  source: 'group',
  children: [child],
});

let cycle: Cycle;
const SCALE = [
  { grade: 'excellent', label: '优秀', atLeast: 90 },
  { grade: 'good', label: '良好', atLeast: 80 },
  { grade: 'fair', label: '一般', atLeast: 60 },
  { grade: 'poor', label: '较差', atLeast: 0 },
];

const results = () => ok<ResultRow[]>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results`));
const fieldsOf = (res: LightMyRequestResponse) =>
  ((res.json() as { error: { issues?: { field: string }[] } }).error.issues ?? []).map((i) => i.field);
/** Name, rank, total, grade and the grade's note, row by row in ranking order. */
const table = (rows: ResultRow[]) =>
  rows.map((r) => [r.subjectName, r.rank, r.total, r.grade?.label ?? null, r.outcome?.gradeNote ?? null]);
const calibrate = (code: string, body: unknown) =>
  w.officer.put(`/api/assessment/cycles/${cycle.id}/calibrations/${idOf(code)}`, body);

beforeAll(async () => {
  w = await fusionWorld('2026-07-10');
  registerMeasures([
    measure('test.outcome_party', 'party', 0),
    measure('test.outcome_business', 'business', 1),
  ]);
  const added = await applyOrganisationImport(w.t.ctx(), {
    units: [],
    departments: [],
    orgs: ['FB4', 'FB5', 'FB6'].map((code) => ({
      code,
      name: `第${'四五六'[Number(code.slice(2)) - 4]}党支部`,
      kind: 'branch' as const,
      parentCode: 'FJG',
      unitCode: null,
      isTemporary: false,
      tempStartOn: null,
      tempEndOn: null,
      foundedOn: null,
      sortOrder: 0,
      departmentCodes: [],
      status: 'active' as const,
      closedOn: null,
    })),
  });
  if (added.issues.length) throw new Error(JSON.stringify(added.issues));
  for (const o of await w.t.database.db.selectFrom('partyOrg').select(['id', 'code']).execute())
    codeOf.set(o.id, o.code);
  const draft = await ok<IndicatorSystem>(
    w.officer.post('/api/assessment/systems', {
      ownerUnitId: w.unitId,
      name: '等次测试体系',
      fromDefault: false,
      partyWeight: null,
    }),
  );
  const saved = await ok<IndicatorSystem>(
    w.officer.patch(`/api/assessment/systems/${draft.id}`, {
      tree: [
        group('p', 'party', leaf('p.v', 'party', 'test.outcome_party')),
        group('b', 'business', leaf('b.v', 'business', 'test.outcome_business')),
      ],
      version: draft.version,
    }),
  );
  const system = await ok<IndicatorSystem>(
    w.officer.post(`/api/assessment/systems/${draft.id}/publish`, { version: saved.version }),
  );
  const c = await ok<Cycle>(
    w.officer.post('/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: system.id,
      level: 'branch',
      periodKind: 'year',
      periodKey: '2026',
    }),
  );
  cycle = await ok<Cycle>(w.officer.post(`/api/assessment/cycles/${c.id}/compute`, {}));
}, 120_000);
afterAll(async () => {
  await w.t.close();
  unregisterMeasure('test.outcome_party');
  unregisterMeasure('test.outcome_business');
});

describe('the grade scale', () => {
  it('grades by the default scale until the organ saves its own, then caps 优秀 at 20% by rank', async () => {
    // Default: 优秀 ≥ 90 takes FB1 (95) and FB2 (92), no quota.
    expect(table(await results())).toEqual([
      ['第一党支部', 1, 95, '优秀', null],
      ['第二党支部', 2, 92, '优秀', null],
      ['第三党支部', 3, 85, '良好', null],
      ['第四党支部', 4, 70, '一般', null],
      ['第六党支部', 5, 65, '一般', null],
      ['第五党支部', 6, 50, '较差', null],
    ]);
    const listed = await ok<GradeScale[]>(w.bs1.get(`/api/assessment/grade-scales?unitId=${w.unitId}`));
    expect(listed.map((s) => [s.level, s.saved, s.version, s.steps.map((x) => x.label)])).toEqual([
      ['branch', false, 0, ['优秀', '良好', '一般', '较差']],
      ['member', false, 0, ['优秀', '良好', '一般', '较差']],
    ]);
    // The branch secretary reads the scale but does not set it.
    expectError(
      await w.bs1.put('/api/assessment/grade-scales', {
        unitId: w.unitId,
        level: 'branch',
        steps: SCALE,
        topQuota: 20,
      }),
      403,
      'auth.forbidden',
    );
    const scale = await ok<GradeScale>(
      w.officer.put('/api/assessment/grade-scales', {
        unitId: w.unitId,
        level: 'branch',
        steps: SCALE,
        topQuota: 20,
      }),
    );
    expect(scale).toMatchObject({ saved: true, version: 1, topQuota: 20 });
    // 6 ranked × 20% = 1.2 → 1 place. FB1 (rank 1) keeps 优秀; FB2 (92, rank 2) is past it and takes 良好, saying why.
    expect(table(await results())).toEqual([
      ['第一党支部', 1, 95, '优秀', null],
      ['第二党支部', 2, 92, '良好', '超出优秀比例（20%），按排名顺延为良好'],
      ['第三党支部', 3, 85, '良好', null],
      ['第四党支部', 4, 70, '一般', null],
      ['第六党支部', 5, 65, '一般', null],
      ['第五党支部', 6, 50, '较差', null],
    ]);
  });

  it('names what is wrong in a scale, and refuses a stale edit (409)', async () => {
    const bad = await w.officer.put('/api/assessment/grade-scales', {
      unitId: w.unitId,
      level: 'branch',
      steps: [{ grade: 'ok', label: '合格', atLeast: 60 }],
      topQuota: 20,
      version: 1,
    });
    expectError(bad, 400, 'assessment.grade_scale_invalid');
    expect(fieldsOf(bad)).toEqual(['body.steps', 'body.topQuota']);
    // The work committee's level is not the organ's.
    expect(
      fieldsOf(
        await w.officer.put('/api/assessment/grade-scales', {
          unitId: w.unitId,
          level: 'organ',
          steps: SCALE,
          topQuota: null,
        }),
      ),
    ).toEqual(['body.level']);
    const body = { unitId: w.unitId, level: 'branch', steps: SCALE, topQuota: 20 };
    const second = await ok<GradeScale>(
      w.officer.put('/api/assessment/grade-scales', { ...body, version: 1 }),
    );
    expect(second.version).toBe(2);
    expectError(
      await w.officer.put('/api/assessment/grade-scales', { ...body, topQuota: 30, version: 1 }),
      409,
      'common.stale_version',
    );
    // Without a version, a saved scale is stale too: someone saved it since the page was read.
    expectError(await w.officer.put('/api/assessment/grade-scales', body), 409, 'common.stale_version');
  });
});

describe('calibration', () => {
  it('refuses a calibration without a reason, naming the field', async () => {
    for (const reason of ['', '   ']) {
      const res = await calibrate('FB3', { score: 96, reason });
      expectError(res, 400, 'common.invalid_input');
      expect(fieldsOf(res)).toEqual(['body.reason']);
    }
    expect(fieldsOf(await calibrate('FB3', { score: 96 }))).toEqual(['body.reason']);
  });

  it('moves a branch to first place and into the one 优秀 place, showing the computed score and the reason', async () => {
    const set = await ok<Calibration>(
      calibrate('FB3', { score: 96, reason: '获省级先进基层党组织表彰，经党委会研究上调' }),
    );
    expect(set).toMatchObject({ score: 96, fromScore: 85, byName: 'fusion-officer', version: 1 });
    // FB3 96 now ranks first and takes the 1 place; FB1 (95) and FB2 (92) are past it: 良好.
    const rows = await results();
    expect(table(rows)).toEqual([
      ['第三党支部', 1, 96, '优秀', null],
      ['第一党支部', 2, 95, '良好', '超出优秀比例（20%），按排名顺延为良好'],
      ['第二党支部', 3, 92, '良好', '超出优秀比例（20%），按排名顺延为良好'],
      ['第四党支部', 4, 70, '一般', null],
      ['第六党支部', 5, 65, '一般', null],
      ['第五党支部', 6, 50, '较差', null],
    ]);
    expect(rows[0]?.outcome?.calibration).toMatchObject({
      score: 96,
      computed: 85,
      reason: '获省级先进基层党组织表彰，经党委会研究上调',
      byName: 'fusion-officer',
      stale: false,
    });
    // The drill-down says so too, to the branch's own secretary-level readers.
    const detail = await ok<ResultDetail>(
      w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${idOf('FB3')}`),
    );
    expect(detail.outcome?.calibration).toMatchObject({ score: 96, computed: 85, byName: 'fusion-officer' });
    // The trail keeps before and after.
    const audit = await w.t.database.db
      .selectFrom('auditLog')
      .select(['before', 'after', 'details'])
      .where('action', '=', 'assessment.calibration_set')
      .execute();
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ score: 85 }, { score: 96, reason: '获省级先进基层党组织表彰，经党委会研究上调' }],
    ]);
    // A second change needs the calibration's version.
    expectError(await calibrate('FB3', { score: 97, reason: '再议' }), 409, 'common.stale_version');
  });

  it('is kept through a recompute, which shows the new computed score beside it', async () => {
    values.FB3 = [0.8, 0.8];
    await ok(w.officer.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
    const row = (await results()).find((r) => r.subjectId === idOf('FB3'));
    // Still 96 and first; the records now give 80, not the 85 it was calibrated from.
    expect(row).toMatchObject({ rank: 1, total: 96, grade: { label: '优秀' } });
    expect(row?.outcome?.calibration).toMatchObject({ score: 96, fromScore: 85, computed: 80, stale: true });
  });

  it('grades a banded row 待定 with the reason, ranks it by the places it could take, and leaves it out of the quota', async () => {
    // As a thin rated group leaves it: FB6 known only as 55–75.
    await w.t.database.db
      .updateTable('assessmentResult')
      .set({ bandLow: 55, bandHigh: 75 })
      .where('cycleId', '=', cycle.id)
      .where('subjectId', '=', idOf('FB6'))
      .execute();
    const rows = await results();
    // 5 ranked × 20% = 1 place (FB3). FB6: best 1 + 3 exact above 75 (96, 95, 92) = 4; worst 1 + 4 at or above 55 = 5.
    expect(table(rows)).toEqual([
      ['第三党支部', 1, 96, '优秀', null],
      ['第一党支部', 2, 95, '良好', '超出优秀比例（20%），按排名顺延为良好'],
      ['第二党支部', 3, 92, '良好', '超出优秀比例（20%），按排名顺延为良好'],
      ['第四党支部', 4, 70, '一般', null],
      ['第五党支部', 5, 50, '较差', null],
      ['第六党支部', null, 65, null, '待定：评价人数不足，得分在 55–75 之间，待评价补齐或经校准后确定等次'],
    ]);
    expect(rows[5]?.range).toEqual({ best: 4, worst: 5 });
  });

  it('comes out as the appraisal workbook, row by row as the page shows it', async () => {
    const res = await w.officer.get(`/api/assessment/cycles/${cycle.id}/appraisal.xlsx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const book = await loadWorkbook(res.rawPayload);
    const sheet = rowsOf(
      book.getWorksheet('年度考核结果') as NonNullable<ReturnType<typeof book.getWorksheet>>,
    );
    expect(sheet[1]).toEqual([
      '名次',
      '考核对象',
      '总分',
      '党建',
      '业务',
      '融合',
      '等次',
      '等次说明',
      '计算得分',
      '校准理由',
      '校准人',
      '得分区间',
    ]);
    // FB3's domains are as computed now (80 each); its total the calibrated 96. FB6: the band, no total.
    const over = '超出优秀比例（20%），按排名顺延为良好';
    expect(sheet.slice(2)).toEqual([
      [
        '1',
        '第三党支部',
        '96',
        '80',
        '80',
        '',
        '优秀',
        '',
        '80',
        '获省级先进基层党组织表彰，经党委会研究上调',
        'fusion-officer',
        '',
      ],
      ['2', '第一党支部', '95', '95', '95', '', '良好', over, '', '', '', ''],
      ['3', '第二党支部', '92', '92', '92', '', '良好', over, '', '', '', ''],
      ['4', '第四党支部', '70', '70', '70', '', '一般', '', '', '', '', ''],
      ['5', '第五党支部', '50', '50', '50', '', '较差', '', '', '', '', ''],
      [
        '4–5',
        '第六党支部',
        '',
        '60',
        '70',
        '',
        '待定',
        '待定：评价人数不足，得分在 55–75 之间，待评价补齐或经校准后确定等次',
        '',
        '',
        '',
        '55–75',
      ],
    ]);
    // A branch reads its own row on the page, not the organ's list.
    expectError(
      await w.bs1.get(`/api/assessment/cycles/${cycle.id}/appraisal.xlsx`),
      403,
      'assessment.appraisal_whole_cycle',
    );
  });

  it('is removed with its version, and refused once the cycle is closed', async () => {
    const url = `/api/assessment/cycles/${cycle.id}/calibrations/${idOf('FB3')}`;
    expectError(await w.officer.del(`${url}?version=5`), 409, 'common.stale_version');
    await ok(w.officer.del(`${url}?version=1`));
    expect((await results()).find((r) => r.subjectId === idOf('FB3'))).toMatchObject({ rank: 3, total: 80 });
    await w.t.database.db
      .updateTable('assessmentCycle')
      .set({ status: 'closed' })
      .where('id', '=', cycle.id)
      .execute();
    expectError(
      await calibrate('FB2', { score: 99, reason: '年终补充材料' }),
      409,
      'assessment.cycle_closed',
    );
  });
});

describe('the demo', () => {
  it('keeps the scale it finds and calibrates the third best up and the second lowest down, with reasons', async () => {
    await w.t.database.db
      .updateTable('assessmentCycle')
      .set({ status: 'open' })
      .where('id', '=', cycle.id)
      .execute();
    expect(await loadOutcomeDemo(w.t.ctx(), { unitId: w.unitId, byName: '直属机关党委' })).toEqual({
      scale: false,
      calibrations: 2,
    });
    // Precise scores now: FB1 95, FB2 92, FB3 80, FB4 70, FB5 50 (FB6 is a band). The third best, FB3, +2 → 82; the
    // second lowest, FB4, −3 → 67. 5 ranked × 20% = 1 place: FB1.
    expect(table(await results()).slice(0, 5)).toEqual([
      ['第一党支部', 1, 95, '优秀', null],
      ['第二党支部', 2, 92, '良好', '超出优秀比例（20%），按排名顺延为良好'],
      ['第三党支部', 3, 82, '良好', null],
      ['第四党支部', 4, 67, '一般', null],
      ['第五党支部', 5, 50, '较差', null],
    ]);
  });
});
