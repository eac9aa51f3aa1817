// Warnings end to end (issue 13 points 1–3) on a controllable clock: the work committee sets the rules, the ladder
// and the index formula; an evaluation sees a silent branch, waits out the grace, raises the warning and tells the
// secretary; an approved exception keeps another branch quiet; an unanswered warning climbs the ladder, an answered
// one does not until its plan's date passes; doing what the warning says returns it to green — for the silence and
// for the index alike — and every change is in the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchRecord } from '#contracts/branch';
import type {
  IndexFormula,
  IndexValue,
  Overview,
  Warning,
  WarningConfig,
  WarningDetail,
  WarningException,
} from '#contracts/warning';
import type { Client } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import { personWith } from '../../../../test/organ-fixtures.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';

let w: FusionWorld;
let wc: Client;

const evaluate = () =>
  ok<{ raised: number; cleared: number; climbed: number }>(
    w.officer.post('/api/warnings/evaluate', { unitId: w.unitId }),
  );
const warnings = (by: Client = w.officer, status = 'active') =>
  ok<Warning[]>(by.get(`/api/warnings?unitId=${w.unitId}&status=${status}`));
const of = async (orgId: string, kind = 'no_activity') =>
  (await warnings(w.officer, 'all')).find(
    (x) => x.partyOrgId === orgId && x.kind === kind && x.status !== 'cleared',
  );
const detail = (id: string, by: Client = w.officer) => ok<WarningDetail>(by.get(`/api/warnings/${id}`));
const told = async (userId: string) =>
  (
    await w.t.database.db
      .selectFrom('notification')
      .select(['kind', 'title'])
      .where('userId', '=', userId)
      .where('kind', 'like', 'warning:%')
      .orderBy('createdAt')
      .execute()
  ).map((n) => n.title);

beforeAll(async () => {
  w = await fusionWorld('2026-11-20');
  wc = await personWith(w.t, 'warning-wc', null, [{ role: 'work_committee_officer', partyOrgId: w.WC.id }]);
});
afterAll(async () => w.t.close());

describe('the work committee sets the rules, the ladder and the formula', () => {
  it('keeps its rules and ladder with a version; a stale edit is a 409 and an organ officer may not edit', async () => {
    const start = await ok<WarningConfig>(w.officer.get('/api/warnings/config'));
    expect(start).toMatchObject({ isDefault: true, version: 0 });
    const rules = start.rules.map((r) => (r.kind === 'no_activity' ? { ...r, graceDays: 2 } : r));
    const ladder = [
      { role: 'branch_secretary', afterDays: 0 },
      { role: 'organ_committee_officer', afterDays: 2 },
      { role: 'leading_group_member', afterDays: 3 },
    ];
    expectError(
      await w.officer.put('/api/warnings/config', { rules, ladder, version: 0 }),
      403,
      'auth.forbidden',
    );
    const saved = await ok<WarningConfig>(wc.put('/api/warnings/config', { rules, ladder, version: 0 }));
    expect(saved.version).toBe(1);
    expect(saved.rules.find((r) => r.kind === 'no_activity')?.graceDays).toBe(2);
    expectError(
      await wc.put('/api/warnings/config', { rules, ladder, version: 0 }),
      409,
      'common.stale_version',
    );
    // Thresholds out of order are refused at the field.
    const bad = rules.map((r) => (r.kind === 'index_below' ? { ...r, orange: 80 } : r));
    expectError(
      await wc.put('/api/warnings/config', { rules: bad, ladder, version: 1 }),
      400,
      'common.invalid_input',
    );
  });

  it('versions the index formula: a published edition never changes, a new one is drafted and published', async () => {
    const [first] = await ok<IndexFormula[]>(wc.get('/api/fusion-index/formulas'));
    expect(first).toMatchObject({ edition: 1, status: 'published' });
    const draft = await ok<IndexFormula>(wc.post('/api/fusion-index/formulas/draft', {}));
    expect(draft).toMatchObject({ edition: 2, status: 'draft' });
    expectError(
      await wc.put(`/api/fusion-index/formulas/${first?.id}`, {
        formula: { name: 'x', parts: first?.parts },
        version: first?.version,
      }),
      409,
      'warning.formula_published',
    );
    const linkedOnly = {
      key: 'linked',
      label: '党建活动与业务挂钩率',
      source: { kind: 'measure', measureKey: 'fusion.records_linked' },
      floor: 0,
      target: 0.5,
      weight: 100,
    };
    expectError(
      await wc.put(`/api/fusion-index/formulas/${draft.id}`, {
        formula: {
          name: '只看挂钩',
          parts: [{ ...linkedOnly, source: { kind: 'measure', measureKey: 'no.such' } }],
        },
        version: draft.version,
      }),
      400,
      'warning.formula_invalid',
    );
    const edited = await ok<IndexFormula>(
      wc.put(`/api/fusion-index/formulas/${draft.id}`, {
        formula: { name: '只看挂钩', parts: [linkedOnly] },
        version: draft.version,
      }),
    );
    const published = await ok<IndexFormula>(
      wc.post(`/api/fusion-index/formulas/${draft.id}/publish`, { version: edited.version }),
    );
    expect(published).toMatchObject({ edition: 2, status: 'published', name: '只看挂钩' });
    const all = await ok<IndexFormula[]>(w.officer.get('/api/fusion-index/formulas'));
    expect(all.map((f) => [f.edition, f.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
  });
});

describe('a silent branch: grace, exception, raising, the ladder, and back to green', () => {
  let b1: Warning;
  let b2: Warning;

  it('sees the silence but waits out the grace; an officer excepts the third branch', async () => {
    expect((await evaluate()).raised).toBe(0);
    const seen = await warnings();
    // Three branches with no record at all; the index has no data (nothing to link), so it is silent.
    expect(seen.map((x) => [x.partyOrgName, x.kind, x.level, x.status]).sort()).toEqual([
      ['第一党支部', 'no_activity', 'red', 'pending'],
      ['第三党支部', 'no_activity', 'red', 'pending'],
      ['第二党支部', 'no_activity', 'red', 'pending'],
    ]);
    const o = await ok<Overview>(w.officer.get(`/api/warnings/overview?unitId=${w.unitId}`));
    expect(o.counts).toEqual({ green: 4, yellow: 0, orange: 0, red: 0 });
    expect(await told(w.bs1.userId)).toEqual([]);

    expectError(
      await w.bs1.post('/api/warnings/exceptions', {
        partyOrgId: w.B3.id,
        kind: 'no_activity',
        reason: '支部改选',
        until: '2026-12-31',
      }),
      403,
      'auth.forbidden',
    );
    const exc = await ok<WarningException>(
      w.officer.post('/api/warnings/exceptions', {
        partyOrgId: w.B3.id,
        kind: 'no_activity',
        reason: '支部正在换届改选，党员集中参加封闭培训',
        until: '2026-12-31',
      }),
    );
    expect(exc).toMatchObject({ partyOrgName: '第三党支部', until: '2026-12-31', revokedAt: null });
    // Marked for the minute's evaluation, so the exception is in force without waiting for the night.
    const marked = await w.t.database.db.selectFrom('warningDirty').select('partyOrgId').execute();
    expect(marked.map((m) => m.partyOrgId)).toContain(w.B3.id);
  });

  it('raises after the grace, tells each branch secretary at once (red), and keeps the excepted branch quiet', async () => {
    w.clock.set('2026-11-22');
    expect((await evaluate()).raised).toBe(2);
    b1 = (await of(w.B1.id)) as Warning;
    b2 = (await of(w.B2.id)) as Warning;
    const b3 = (await of(w.B3.id)) as Warning;
    expect([b1.status, b2.status, b3.status]).toEqual(['open', 'open', 'excepted']);
    expect(b3.exception).toMatchObject({
      reason: '支部正在换届改选，党员集中参加封闭培训',
      until: '2026-12-31',
    });
    expect(b1).toMatchObject({
      level: 'red',
      rule: '支部活动长期空白：连续 45 天没有支部活动记录为黄色，连续 60 天没有支部活动记录为橙色，连续 90 天没有支部活动记录为红色（宽限 2 天）',
      data: '一年内没有支部活动记录',
      raisedOn: '2026-11-22',
      deadline: '2026-12-06', // 14 days
      stepLabel: '支部书记',
      nextStepOn: '2026-11-24',
    });
    expect(b1.returns).toEqual([
      { text: '召开并登记一次支部活动（三会一课、主题党日、学习或谈心谈话均可）', href: '/branch/records' },
    ]);
    expect(await told(w.bs1.userId)).toEqual(['红色预警：第一党支部支部活动长期空白']);
    expect(await told(w.bs2.userId)).toEqual(['红色预警：第二党支部支部活动长期空白']);
    expect(await told(w.officer.userId)).toEqual([]);
    // Red goes out at once: the notification is marked urgent for the deliveries.
    const d = await detail(b1.id);
    expect(d.history.map((h) => h.kind)).toEqual(['seen', 'raised', 'escalated']);
    expect(d.history[2]?.text).toBe('已通知支部书记（1 人）');
    const o = await ok<Overview>(w.officer.get(`/api/warnings/overview?unitId=${w.unitId}`));
    expect(o.counts).toEqual({ green: 2, yellow: 0, orange: 0, red: 2 });
    // A secretary reads their own branch's warnings only.
    expect((await warnings(w.bs1)).map((x) => x.partyOrgName)).toEqual(['第一党支部']);
    expectError(await w.bs1.get(`/api/warnings/${b2.id}`), 404, 'warning.not_found');
  });

  it('an answered warning stays put; an unanswered one climbs a step per delay', async () => {
    expectError(
      await w.bs1.post(`/api/warnings/${b1.id}/answer`, {
        kind: 'plan',
        note: '本周召开支委会',
        version: b1.version,
      }),
      400,
      'common.invalid_input',
    );
    expectError(
      await w.bs2.post(`/api/warnings/${b1.id}/answer`, { kind: 'note', note: '收到', version: b1.version }),
      404,
      'warning.not_found',
    );
    const answered = await ok<WarningDetail>(
      w.bs1.post(`/api/warnings/${b1.id}/answer`, {
        kind: 'plan',
        note: '11月25日前召开支部党员大会，传达学习全会精神',
        planDue: '2026-11-25',
        version: b1.version,
      }),
    );
    expect(answered.answer).toMatchObject({ kind: 'plan', planDue: '2026-11-25', lapsed: false });
    expect(answered.nextStepOn).toBeNull();
    // The overview counts each branch's open warnings, and those with an answer that holds: the first branch's plan.
    const o = await ok<Overview>(w.officer.get(`/api/warnings/overview?unitId=${w.unitId}`));
    const row = (id: string) => o.orgs.find((x) => x.partyOrgId === id);
    const openOf = async (id: string) =>
      (await warnings(w.officer)).filter((x) => x.partyOrgId === id && x.status === 'open').length;
    expect(row(w.B1.id)).toMatchObject({ openWarnings: await openOf(w.B1.id), answered: 1 });
    expect(row(w.B2.id)).toMatchObject({ openWarnings: await openOf(w.B2.id), answered: 0 });
    expect(row(w.B1.id)?.openWarnings).toBeGreaterThanOrEqual(1);
    expectError(
      await w.bs1.post(`/api/warnings/${b1.id}/answer`, { kind: 'note', note: '再答', version: b1.version }),
      409,
      'common.stale_version',
    );

    // Two days after the secretary was told (the ladder's delay), the unanswered one reaches the organ committee.
    w.clock.set('2026-11-24T01:59:00Z');
    expect((await evaluate()).climbed).toBe(0);
    w.clock.set('2026-11-24T02:00:00Z');
    expect((await evaluate()).climbed).toBe(1);
    expect((await of(w.B2.id))?.stepLabel).toBe('机关党委');
    expect((await of(w.B1.id))?.stepLabel).toBe('支部书记');
    expect(await told(w.officer.userId)).toEqual(['红色预警：第二党支部支部活动长期空白']);
    // Three days more, the leading group.
    w.clock.set('2026-11-27T02:00:00Z');
    expect((await evaluate()).climbed).toBe(1);
    expect((await of(w.B2.id))?.stepLabel).toBe('党组');
    expect(await told(w.lgm.userId)).toEqual(['红色预警：第二党支部支部活动长期空白']);
  });

  it('a plan whose date passed lets the warning climb again, two days after the day after it', async () => {
    // Lapsed from 26 November (China); the organ committee's delay is two days: due 28 November 00:00 China.
    w.clock.set('2026-11-27T15:59:00Z');
    expect((await evaluate()).climbed).toBe(0);
    expect((await of(w.B1.id))?.answer?.lapsed).toBe(true);
    // A lapsed plan no longer counts as an answer on the overview.
    const o = await ok<Overview>(w.officer.get(`/api/warnings/overview?unitId=${w.unitId}`));
    expect(o.orgs.find((x) => x.partyOrgId === w.B1.id)?.answered).toBe(0);
    w.clock.set('2026-11-27T16:00:00Z');
    expect((await evaluate()).climbed).toBe(1);
    const d = await detail(b1.id);
    expect(d.stepLabel).toBe('机关党委');
    expect(d.history.at(-1)).toMatchObject({
      kind: 'plan_lapsed',
      text: '整改计划或整改事项已过期，预警继续升级；已通知机关党委（1 人）',
    });
  });

  it('doing what it says — a meeting held and recorded — clears it, and the level history says why', async () => {
    w.clock.set('2026-11-28');
    const record = await ok<BranchRecord>(
      w.bs1.post('/api/branch/records', {
        partyOrgId: w.B1.id,
        kind: 'study',
        heldOn: '2026-11-28',
        topic: '学习全会精神',
        studied: '全会公报',
        appliedTo: '行政复议案件办理提速',
        attendees: [{ memberId: w.m.sec1, attendance: 'present' }],
      }),
    );
    const e = await evaluate();
    expect(e.cleared).toBe(1);
    const cleared = (await warnings(w.officer, 'cleared')).find((x) => x.id === b1.id);
    expect(cleared).toMatchObject({ status: 'cleared', clearedOn: '2026-11-28' });
    expect((await detail(b1.id)).history.at(-1)).toMatchObject({
      kind: 'cleared',
      text: '预警条件已消除，恢复绿色',
    });
    const levels = await ok<{ from: string; to: string; reason: string }[]>(
      w.officer.get(`/api/warnings/levels/${w.B1.id}`),
    );
    // Newest first: red → (the index, below) …; green → red for the silence.
    expect(levels.at(-1)).toMatchObject({ from: 'green', to: 'red', reason: '支部活动长期空白' });

    // The record is the branch's only Party work and it is tied to no business: the index (linked share, the only
    // part of edition 2) is 0 → red, and it names the record to link.
    const idx = (await of(w.B1.id, 'index_below')) as Warning;
    expect(idx).toMatchObject({ level: 'red', status: 'open', data: '2026年第四季度融合度 0' });
    expect(idx.returns).toEqual([
      { text: '融合度达到 70（现为 0），以下任选一项即可：', href: null },
      { text: '把以下支部工作记录关联到融合项目 1 条（党建活动与业务挂钩率）：', href: null },
      { text: '「学习全会精神」（2026-11-28）', href: `/branch/records/${record.id}` },
    ]);
    expect((await of(w.JG.id, 'index_below'))?.level).toBe('red');
    const value = await ok<IndexValue>(w.officer.get(`/api/fusion-index/${w.B1.id}?periodKey=2026-Q4`));
    expect(value).toMatchObject({ value: 0, formulaEdition: 2, formulaName: '只看挂钩' });
    expect(value.parts[0]).toMatchObject({
      key: 'linked',
      raw: 0,
      score: 0,
      detail: '召开 1 次，关联融合项目 0 次',
    });
  });

  it('doing what the index warning says — linking the record to a project — returns the branch to green', async () => {
    const p = await ok<{ id: string }>(
      w.bs1.post('/api/fusion/projects', {
        leadOrgId: w.B1.id,
        title: '复议案件提速攻坚',
        teamKind: 'tackle_team',
        ownerMemberId: w.m.sec1,
      }),
    );
    const idx = (await of(w.B1.id, 'index_below')) as Warning;
    const recordId = String(idx.returns[2]?.href).split('/').at(-1);
    await ok(w.bs1.post(`/api/fusion/projects/${p.id}/records`, { recordIds: [recordId] }));
    // The branch's and the organ's (the root counts the whole organ, whose only record this is).
    expect((await evaluate()).cleared).toBe(2);
    expect(await of(w.B1.id, 'index_below')).toBeUndefined();
    expect(await of(w.JG.id, 'index_below')).toBeUndefined();
    const value = await ok<IndexValue>(w.officer.get(`/api/fusion-index/${w.B1.id}?periodKey=2026-Q4`));
    expect(value.value).toBe(100); // 1 of 1 linked: 1 ≥ 0.5 → 100
    const basis = await ok<{ basis: { title: string; state: string }[] }>(
      w.officer.get(`/api/fusion-index/${w.B1.id}/parts/linked?periodKey=2026-Q4`),
    );
    expect(basis.basis).toEqual([
      expect.objectContaining({ title: '学习全会精神', state: '关联项目：复议案件提速攻坚' }),
    ]);
    const o = await ok<Overview>(w.officer.get(`/api/warnings/overview?unitId=${w.unitId}`));
    expect(o.orgs.find((x) => x.partyOrgId === w.B1.id)).toMatchObject({
      level: 'green',
      index: 100,
      openWarnings: 0,
    });
    expect(o.counts).toEqual({ green: 3, yellow: 0, orange: 0, red: 1 });
  });
});
