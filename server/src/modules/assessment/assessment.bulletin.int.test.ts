// Quarterly bulletins (issue 12 point 6): Q1 and Q2 bulletins of the organ's branches drafted from computed cycles;
// the Q2 ranking, movers and difference against the published Q1 bulletin, by hand; a published bulletin frozen
// (scores changed and recomputed, the bulletin reads the same; an edit is refused); the .docx and .xlsx read back;
// the share link readable by any account of the organ and by nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, IndicatorBody, IndicatorSystem } from '#contracts/assessment';
import type { Bulletin, BulletinSummary, SharedBulletin } from '#contracts/assessment-bulletin';
import { documentText, loadWorkbook, rowsOf, unzip } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { personWith } from '../../../../test/organ-fixtures.ts';
import { type FusionWorld, fusionWorld, ok, secondOrgan } from '../../../../test/organ-world.ts';
import { applyOrganisationImport } from '../org/index.ts';
import { type Measure, registerMeasures, unregisterMeasure } from './index.ts';

let w: FusionWorld;
/** Branch code → Party and business values, per quarter: what the test's two measures answer. */
const values: Record<string, Record<string, [number, number]>> = {
  // Totals are 50 × Party + 50 × business (ratio rule: value × 100, two groups of weight 50):
  // FB1 90, FB2 80, FB3 70, FB4 60, FB5 50 → ranks 1 … 5.
  '2026-01-01': { FB1: [0.9, 0.9], FB2: [0.8, 0.8], FB3: [0.7, 0.7], FB4: [0.6, 0.6], FB5: [0.5, 0.5] },
  // FB3 90, FB2 85, FB1 70, FB5 60, FB4 0.5 × 60 + 0.5 × 50 = 55, FB6 (new in Q2) 40 → ranks 1 … 6.
  '2026-04-01': {
    FB1: [0.7, 0.7],
    FB2: [0.85, 0.85],
    FB3: [0.9, 0.9],
    FB4: [0.6, 0.5],
    FB5: [0.6, 0.6],
    FB6: [0.4, 0.4],
  },
};
const codeOf = new Map<string, string>();

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
        const v = values[q.from]?.[codeOf.get(s.id) ?? '']?.[at] ?? null;
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

let system: IndicatorSystem;
const cycles: Record<string, Cycle> = {};
let q1: Bulletin;
let q2: Bulletin;

async function addBranches(codes: string[]) {
  const result = await applyOrganisationImport(w.t.ctx(), {
    units: [],
    departments: [],
    orgs: codes.map((code) => ({
      code,
      name: `第${'一二三四五六'[Number(code.slice(2)) - 1]}党支部`,
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
  if (result.issues.length) throw new Error(JSON.stringify(result.issues));
  const orgs = await w.t.database.db.selectFrom('partyOrg').select(['id', 'code']).execute();
  for (const o of orgs) codeOf.set(o.id, o.code);
}

const compute = (id: string) => ok<Cycle>(w.officer.post(`/api/assessment/cycles/${id}/compute`, {}));
const idOf = (code: string) => [...codeOf].find(([, c]) => c === code)?.[0] as string;

async function cycleOf(periodKey: string): Promise<Cycle> {
  const c = await ok<Cycle>(
    w.officer.post('/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: system.id,
      level: 'branch',
      periodKind: 'quarter',
      periodKey,
    }),
  );
  return compute(c.id);
}

/** Drafts, writes and publishes the cycle's bulletin: a summary and a note on each of the lowest. */
async function publish(cycle: Cycle, summary: string): Promise<Bulletin> {
  const draft = await ok<Bulletin>(w.officer.post('/api/assessment/bulletins', { cycleId: cycle.id }));
  const notes = Object.fromEntries(
    draft.content.lowest.map((l) => [l.subjectId, `${l.subjectName}正在整改`]),
  );
  const written = await ok<Bulletin>(
    w.officer.patch(`/api/assessment/bulletins/${draft.id}`, { summary, notes, version: draft.version }),
  );
  return ok<Bulletin>(
    w.officer.post(`/api/assessment/bulletins/${draft.id}/publish`, { version: written.version }),
  );
}

beforeAll(async () => {
  w = await fusionWorld('2026-07-10');
  registerMeasures([
    measure('test.bulletin_party', 'party', 0),
    measure('test.bulletin_business', 'business', 1),
  ]);
  await addBranches(['FB4', 'FB5']);
  const draft = await ok<IndicatorSystem>(
    w.officer.post('/api/assessment/systems', {
      ownerUnitId: w.unitId,
      name: '通报测试体系',
      fromDefault: false,
      partyWeight: null,
    }),
  );
  const saved = await ok<IndicatorSystem>(
    w.officer.patch(`/api/assessment/systems/${draft.id}`, {
      tree: [
        group('p', 'party', leaf('p.v', 'party', 'test.bulletin_party')),
        group('b', 'business', leaf('b.v', 'business', 'test.bulletin_business')),
      ],
      version: draft.version,
    }),
  );
  expect(saved.issues).toEqual([]);
  system = await ok<IndicatorSystem>(
    w.officer.post(`/api/assessment/systems/${draft.id}/publish`, { version: saved.version }),
  );
  cycles.Q1 = await cycleOf('2026-Q1');
}, 120_000);
afterAll(async () => {
  await w.t.close();
  unregisterMeasure('test.bulletin_party');
  unregisterMeasure('test.bulletin_business');
});

describe('the Q1 bulletin', () => {
  it('is drafted from the computed cycle, refuses to publish without a note on each of the lowest, and freezes', async () => {
    const draft = await ok<Bulletin>(
      w.officer.post('/api/assessment/bulletins', { cycleId: (cycles.Q1 as Cycle).id }),
    );
    expect(draft).toMatchObject({
      title: '2026年第一季度党支部党建和业务工作考核情况通报',
      status: 'draft',
      shareKey: null,
      can: { edit: true, publish: true, share: false },
    });
    expect(draft.content.rows.map((r) => [r.subjectName, r.rank, r.total])).toEqual([
      ['第一党支部', 1, 90],
      ['第二党支部', 2, 80],
      ['第三党支部', 3, 70],
      ['第四党支部', 4, 60],
      ['第五党支部', 5, 50],
    ]);
    // No earlier quarter was assessed: nothing to compare with, no movers.
    expect(draft.content).toMatchObject({ diff: null, moversUp: [], moversDown: [] });
    expect(draft.content.lowest.map((l) => l.subjectName)).toEqual([
      '第三党支部',
      '第四党支部',
      '第五党支部',
    ]);
    expectError(
      await w.officer.post('/api/assessment/bulletins', { cycleId: (cycles.Q1 as Cycle).id }),
      409,
      'assessment.bulletin_exists',
    );
    // The branch secretary neither drafts nor sees the draft.
    expectError(
      await w.bs1.post('/api/assessment/bulletins', { cycleId: (cycles.Q1 as Cycle).id }),
      403,
      'auth.forbidden',
    );
    expectError(
      await w.bs1.get(`/api/assessment/bulletins/${draft.id}`),
      404,
      'assessment.bulletin_not_found',
    );
    expect(await ok<BulletinSummary[]>(w.bs1.get(`/api/assessment/bulletins?unitId=${w.unitId}`))).toEqual(
      [],
    );

    const refused = await w.officer.post(`/api/assessment/bulletins/${draft.id}/publish`, {
      version: draft.version,
    });
    expectError(refused, 400, 'assessment.bulletin_incomplete');
    expect(
      (refused.json() as { error: { issues: { field: string; message: string }[] } }).error.issues,
    ).toEqual(
      expect.arrayContaining([
        { field: `body.notes.${idOf('FB5')}`, message: '请填写“第五党支部”的整改措施或工作安排' },
      ]),
    );
    const written = await ok<Bulletin>(
      w.officer.patch(`/api/assessment/bulletins/${draft.id}`, {
        summary: '一季度总体平稳。',
        notes: Object.fromEntries(draft.content.lowest.map((l) => [l.subjectId, `${l.subjectName}正在整改`])),
        version: draft.version,
      }),
    );
    expectError(
      await w.officer.patch(`/api/assessment/bulletins/${draft.id}`, {
        summary: '旧版本',
        version: draft.version,
      }),
      409,
      'common.stale_version',
    );
    q1 = await ok<Bulletin>(
      w.officer.post(`/api/assessment/bulletins/${draft.id}/publish`, { version: written.version }),
    );
    expect(q1).toMatchObject({ status: 'published', can: { edit: false, publish: false, share: true } });
    expect(q1.shareKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q1.content.lowest.map((l) => l.note)).toEqual([
      '第三党支部正在整改',
      '第四党支部正在整改',
      '第五党支部正在整改',
    ]);

    // Q1's figures change afterwards (第一党支部 falls to 10) and the cycle is recomputed: the results move, the
    // bulletin does not.
    values['2026-01-01'] = { ...values['2026-01-01'], FB1: [0.1, 0.1] };
    await compute((cycles.Q1 as Cycle).id);
    const live = await ok<{ subjectId: string; rank: number; total: number }[]>(
      w.officer.get(`/api/assessment/cycles/${(cycles.Q1 as Cycle).id}/results`),
    );
    expect(live.find((r) => r.subjectId === idOf('FB1'))).toMatchObject({ rank: 5, total: 10 });
    const again = await ok<Bulletin>(w.officer.get(`/api/assessment/bulletins/${q1.id}`));
    expect(again.content).toEqual(q1.content);
    expectError(
      await w.officer.patch(`/api/assessment/bulletins/${q1.id}`, { summary: '改', version: q1.version }),
      409,
      'assessment.bulletin_published',
    );
    // Not even a direct write gets past the table's trigger.
    await expect(
      w.t.database.db
        .updateTable('assessmentBulletin')
        .set({ summary: '改' })
        .where('id', '=', q1.id)
        .execute(),
    ).rejects.toThrow(/frozen/);
  });
});

describe('the Q2 bulletin', () => {
  beforeAll(async () => {
    // A sixth branch founded in the second quarter: new in the comparison.
    await addBranches(['FB6']);
    cycles.Q2 = await cycleOf('2026-Q2');
    q2 = await publish(cycles.Q2 as Cycle, '二季度各支部比学赶超。');
  });

  it('ranks as the results do, and compares with the published Q1 bulletin, not with Q1 recomputed', async () => {
    expect(
      q2.content.rows.map((r) => [r.subjectName, r.rank, r.total, r.party, r.business, r.grade?.label]),
    ).toEqual([
      ['第三党支部', 1, 90, 90, 90, '优秀'],
      ['第二党支部', 2, 85, 85, 85, '良好'],
      ['第一党支部', 3, 70, 70, 70, '一般'],
      ['第五党支部', 4, 60, 60, 60, '一般'],
      ['第四党支部', 5, 55, 60, 50, '较差'],
      ['第六党支部', 6, 40, 40, 40, '较差'],
    ]);
    expect(q2.content.diff).toMatchObject({ source: 'bulletin', bulletinId: q1.id, periodKey: '2026-Q1' });
    // Rank change = Q1 rank − Q2 rank (up is positive); total change = Q2 − Q1, Q1 as published (第一党支部 90, not 10).
    const changes = (q2.content.diff?.changes ?? []).map((c) => [
      c.subjectName,
      c.previousRank,
      c.rank,
      c.rankChange,
      c.totalChange,
    ]);
    expect(changes).toEqual([
      ['第三党支部', 3, 1, 2, 20], // 90 − 70
      ['第二党支部', 2, 2, 0, 5], // 85 − 80
      ['第一党支部', 1, 3, -2, -20], // 70 − 90
      ['第五党支部', 5, 4, 1, 10], // 60 − 50
      ['第四党支部', 4, 5, -1, -5], // 55 − 60
    ]);
    expect(q2.content.diff?.added.map((c) => [c.subjectName, c.rank, c.total])).toEqual([
      ['第六党支部', 6, 40],
    ]);
    expect(q2.content.diff?.gone).toEqual([]);
    expect(q2.content.moversUp.map((m) => [m.subjectName, m.rankChange])).toEqual([
      ['第三党支部', 2],
      ['第五党支部', 1],
    ]);
    expect(q2.content.moversDown.map((m) => [m.subjectName, m.rankChange])).toEqual([
      ['第一党支部', -2],
      ['第四党支部', -1],
    ]);
    expect(q2.content.lowest.map((l) => [l.subjectName, l.rank, l.note])).toEqual([
      ['第五党支部', 4, '第五党支部正在整改'],
      ['第四党支部', 5, '第四党支部正在整改'],
      ['第六党支部', 6, '第六党支部正在整改'],
    ]);
  });

  it('reads the same after a record changes the scores and the cycle is recomputed', async () => {
    values['2026-04-01'] = { ...values['2026-04-01'], FB4: [1, 1] };
    await compute((cycles.Q2 as Cycle).id);
    const live = await ok<{ subjectId: string; rank: number; total: number }[]>(
      w.officer.get(`/api/assessment/cycles/${(cycles.Q2 as Cycle).id}/results`),
    );
    expect(live.find((r) => r.subjectId === idOf('FB4'))).toMatchObject({ rank: 1, total: 100 });
    const after = await ok<Bulletin>(w.officer.get(`/api/assessment/bulletins/${q2.id}`));
    expect(after.content).toEqual(q2.content);
    expect(after.content.rows.find((r) => r.subjectId === idOf('FB4'))).toMatchObject({ rank: 5, total: 55 });
    const listed = await ok<BulletinSummary[]>(w.bs1.get(`/api/assessment/bulletins?unitId=${w.unitId}`));
    expect(listed.map((b) => b.periodKey)).toEqual(['2026-Q2', '2026-Q1']);
  });

  it('comes out as .docx and .xlsx with the same content', async () => {
    const doc = await w.bs1.get(`/api/assessment/bulletins/${q2.id}/docx`);
    expect(doc.statusCode, doc.body.slice(0, 200)).toBe(200);
    const text = documentText(unzip(doc.rawPayload));
    for (const s of [
      '2026年第二季度党支部党建和业务工作考核情况通报',
      '一、总体情况',
      '二季度各支部比学赶超。',
      '二、考核排名',
      '第三党支部',
      '↑ 第三党支部：由第 3 名上升至第 1 名（2 位），得分 70 → 90（+20）',
      '↓ 第一党支部：由第 1 名下降至第 3 名（2 位），得分 90 → 70（-20）',
      '本期新参加考核：第六党支部',
      '四、排名靠后的党组织及整改情况',
      '第六党支部正在整改',
    ])
      expect(text).toContain(s);

    const res = await w.bs1.get(`/api/assessment/bulletins/${q2.id}/xlsx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = await loadWorkbook(res.rawPayload);
    const ranking = rowsOf(
      book.getWorksheet('考核排名') as NonNullable<ReturnType<typeof book.getWorksheet>>,
    );
    expect(ranking[1]).toEqual([
      '名次',
      '考核对象',
      '总分',
      '党建',
      '业务',
      '融合',
      '等次',
      '整改措施（排名靠后）',
    ]);
    expect(ranking.slice(2)).toEqual([
      ['1', '第三党支部', '90', '90', '90', '', '优秀', ''],
      ['2', '第二党支部', '85', '85', '85', '', '良好', ''],
      ['3', '第一党支部', '70', '70', '70', '', '一般', ''],
      ['4', '第五党支部', '60', '60', '60', '', '一般', '第五党支部正在整改'],
      ['5', '第四党支部', '55', '60', '50', '', '较差', '第四党支部正在整改'],
      ['6', '第六党支部', '40', '40', '40', '', '较差', '第六党支部正在整改'],
    ]);
    const diff = rowsOf(book.getWorksheet('与上期比较') as NonNullable<ReturnType<typeof book.getWorksheet>>);
    expect(diff.slice(2).map((r) => [r[0], r[1], r[2], r[3], r[4], r[7]])).toEqual([
      ['第三党支部', '两期均参加', '3', '1', '2', '20'],
      ['第二党支部', '两期均参加', '2', '2', '0', '5'],
      ['第一党支部', '两期均参加', '1', '3', '-2', '-20'],
      ['第五党支部', '两期均参加', '5', '4', '1', '10'],
      ['第四党支部', '两期均参加', '4', '5', '-1', '-5'],
      ['第六党支部', '本期新增', '', '6', '', ''],
    ]);
  });
});

describe('the share link', () => {
  it('is read by any account of the organ, by nobody outside it, and stops working when revoked or renewed', async () => {
    const key = q2.shareKey as string;
    const url = (k: string) => `/api/assessment/bulletins/shared/${k}`;
    // A member with no permission to read assessments at all, and one with no role, only a member record.
    const member = await personWith(w.t, 'bulletin-member', w.m.skilled, [
      { role: 'member', partyOrgId: w.B1.id },
    ]);
    const plain = await personWith(w.t, 'bulletin-plain', w.m.other, []);
    for (const reader of [w.bs1, member, plain]) {
      const shared = await ok<SharedBulletin>(reader.get(url(key)));
      expect(shared.content).toEqual(q2.content);
    }
    expectError(await member.get(`/api/assessment/bulletins/${q2.id}`), 403, 'auth.forbidden');
    // Nobody else sees the key itself.
    expect((await ok<Bulletin>(w.bs1.get(`/api/assessment/bulletins/${q2.id}`))).shareKey).toBeNull();

    const other = await secondOrgan(w, 'BX');
    const outsider = await personWith(w.t, 'bulletin-outsider', null, [
      { role: 'branch_secretary', partyOrgId: other.B1.id },
    ]);
    expectError(await outsider.get(url(key)), 404, 'assessment.bulletin_not_found');
    const admin = await personWith(w.t, 'bulletin-admin', null, [{ role: 'system_admin', partyOrgId: null }]);
    expectError(await admin.get(url(key)), 403, 'assessment.admin_not_reader');

    expectError(await w.bs1.post(`/api/assessment/bulletins/${q2.id}/share`, {}), 403, 'auth.forbidden');
    const renewed = await ok<{ shareKey: string }>(
      w.officer.post(`/api/assessment/bulletins/${q2.id}/share`, {}),
    );
    expect(renewed.shareKey).not.toBe(key);
    expectError(await member.get(url(key)), 404, 'assessment.bulletin_not_found');
    expect((await ok<SharedBulletin>(member.get(url(renewed.shareKey)))).id).toBe(q2.id);
    expect(await ok<{ shareKey: null }>(w.officer.del(`/api/assessment/bulletins/${q2.id}/share`))).toEqual({
      shareKey: null,
    });
    expectError(await member.get(url(renewed.shareKey)), 404, 'assessment.bulletin_not_found');
    // Sharing changed only the key: the frozen content is as it was.
    expect((await ok<Bulletin>(w.officer.get(`/api/assessment/bulletins/${q2.id}`))).content).toEqual(
      q2.content,
    );
  });
});
