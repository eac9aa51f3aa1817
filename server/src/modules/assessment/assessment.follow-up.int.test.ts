// Results that are used (issue 12 point 7): a result below the cycle's rule opens a 限期整改 duty on the branch's own
// list, owned by its secretary, with the deadline; opening again opens nothing; closing the cycle opens what fell
// below since; a band is not judged; the results rows, the drill-down and the bulletin show the follow-up until it
// is closed through the ordinary progress report — and keep it, closed, afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cycle, IndicatorBody, IndicatorSystem, ResultDetail, ResultRow } from '#contracts/assessment';
import type { Bulletin } from '#contracts/assessment-bulletin';
import type { CycleFollowUps, OpenFollowUpsResult } from '#contracts/assessment-follow-up';
import type { MyDuties } from '#contracts/responsibility-me';
import { expectError } from '../../../../test/helpers.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';
import { RECTIFICATION_FOLLOW_UP } from '../responsibility/index.ts';
import {
  type FollowUpKind,
  FollowUpKindRefused,
  followUpKind,
  type Measure,
  registerFollowUpKinds,
  registerMeasures,
  unregisterMeasure,
} from './index.ts';

let w: FusionWorld;
let cycle: Cycle;
/** The test's business figure per branch: the leaf scores it × 100 (rule 'ratio'), and it is the whole tree. */
const share = new Map<string, number>();

const measure: Measure = {
  key: 'test.follow_up_share',
  module: 'test',
  label: '测试整改度量',
  description: '测试',
  domain: 'business',
  subject: 'org',
  unit: 'ratio',
  suggestedRule: { kind: 'ratio' },
  counts: ['business_kpi'],
  compute: async (_ctx, q) =>
    new Map(
      q.subjects.map((s) => {
        const v = share.get(s.id) ?? null;
        return [s.id, { value: v, detail: v === null ? '无数据' : `完成 ${v * 100}%`, basis: [] }];
      }),
    ),
};

const rows = async () => ok<ResultRow[]>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results`));
const row = async (id: string) => (await rows()).find((r) => r.subjectId === id) as ResultRow;

beforeAll(async () => {
  w = await fusionWorld('2026-07-03');
  registerMeasures([measure]);
  // B1 exactly at the line (60), B2 below it (58), B3 far below (30) but shown as a band (set below).
  share.set(w.B1.id, 0.6).set(w.B2.id, 0.58).set(w.B3.id, 0.3);
  const tree: IndicatorBody[] = [
    {
      key: 'biz',
      name: '业务工作',
      tier: 'macro',
      domain: 'business',
      weight: 100,
      source: 'group',
      children: [
        {
          key: 'biz.share',
          name: '业务完成率',
          tier: 'micro',
          domain: 'business',
          weight: 100,
          source: 'computed',
          measureKey: measure.key,
          rule: { kind: 'ratio' },
          children: [],
        },
      ],
    },
  ];
  const draft = await ok<IndicatorSystem>(
    w.officer.post('/api/assessment/systems', {
      ownerUnitId: w.unitId,
      name: '整改测试体系',
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
      periodKind: 'half',
      periodKey: '2026-H1',
    }),
  );
  await compute();
});

/** Computes the cycle; a thin rater group would show B3 as a band: written directly, as the rating module keeps it. */
async function compute() {
  cycle = await ok<Cycle>(w.officer.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
  await w.t.database.db
    .updateTable('assessmentResult')
    .set({ bandLow: 20, bandHigh: 70 })
    .where('cycleId', '=', cycle.id)
    .where('subjectId', '=', w.B3.id)
    .execute();
}
afterAll(async () => {
  await w.t.close();
  unregisterMeasure(measure.key);
});

describe('the registry of follow-up kinds', () => {
  it('holds 限期整改 and refuses a second kind under its key', () => {
    expect(followUpKind('responsibility.rectification')).toBe(RECTIFICATION_FOLLOW_UP);
    // The same kind again (every app built in one process registers it) is no second claim.
    expect(() => registerFollowUpKinds([RECTIFICATION_FOLLOW_UP])).not.toThrow();
    const impostor: FollowUpKind = { ...RECTIFICATION_FOLLOW_UP, label: '另一个整改' };
    expect(() => registerFollowUpKinds([impostor])).toThrow(FollowUpKindRefused);
    expect(followUpKind('responsibility.rectification')).toBe(RECTIFICATION_FOLLOW_UP);
  });
});

describe('a result below the rule', () => {
  it('is previewed against the rule, a band not judged, and opened only once a rule is set', async () => {
    const url = `/api/assessment/cycles/${cycle.id}/follow-ups`;
    expectError(await w.officer.post(url, {}), 400, 'assessment.follow_up_no_rule');
    // A branch secretary reads its own result, but does not run the cycle.
    expectError(await w.bs2.get(url), 403, 'auth.forbidden');
    expectError(
      await w.officer.put(`/api/assessment/cycles/${cycle.id}/follow-up-rule`, {
        threshold: 120,
        deadlineDays: 30,
      }),
      400,
      'common.invalid_input',
    );
    const set = await ok<CycleFollowUps>(
      w.officer.put(`/api/assessment/cycles/${cycle.id}/follow-up-rule`, { threshold: 60, deadlineDays: 30 }),
    );
    expect(set.rule).toMatchObject({ threshold: 60, deadlineDays: 30, kind: 'responsibility.rectification' });
    // 0.58 × 100 = 58 < 60: below. 0.6 × 100 = 60: at the line, not below. B3's 30 is a band 20–70: not judged.
    expect(set.rows.map((r) => [r.subjectId, r.verdict])).toEqual(
      expect.arrayContaining([
        [w.B2.id, 'below'],
        [w.B1.id, 'passed'],
        [w.B3.id, 'band'],
      ]),
    );
    expect(set.toOpen).toBe(1);
    // A stale rule edit is a 409 with the rule as it is.
    expectError(
      await w.officer.put(`/api/assessment/cycles/${cycle.id}/follow-up-rule`, {
        threshold: 55,
        deadlineDays: 30,
        version: 7,
      }),
      409,
      'common.stale_version',
    );
  });

  it('opens exactly the results below it, with the deadline, and nothing twice', async () => {
    const url = `/api/assessment/cycles/${cycle.id}/follow-ups`;
    const first = await ok<OpenFollowUpsResult>(w.officer.post(url, {}));
    expect(first.opened).toBe(1);
    // 2026-07-03 + 30 days = 2026-08-02.
    const b2 = first.followUps.rows.find((r) => r.subjectId === w.B2.id);
    expect(b2?.followUp).toMatchObject({ state: 'open', deadline: '2026-08-02', closedOn: null });
    expect(b2?.followUp?.href).toMatch(/^\/duties\/[0-9a-f-]{36}$/);
    expect(first.followUps.rows.filter((r) => r.followUp).map((r) => r.subjectId)).toEqual([w.B2.id]);
    const again = await ok<OpenFollowUpsResult>(w.officer.post(url, {}));
    expect(again.opened).toBe(0);
    expect(again.followUps.toOpen).toBe(0);
    const items = await w.t.database.db
      .selectFrom('responsibilityItem')
      .select(['ownerOrgId', 'ownerMemberId', 'deadline', 'category', 'recurrence'])
      .where('category', '=', '限期整改')
      .execute();
    expect(items).toEqual([
      {
        ownerOrgId: w.B2.id,
        ownerMemberId: w.m.sec2,
        deadline: '2026-08-02',
        category: '限期整改',
        recurrence: 'none',
      },
    ]);
  });

  it("is in the secretary's duties, on the results row and the drill-down, and in the bulletin", async () => {
    const duties = await ok<MyDuties>(w.bs2.get('/api/me/duties'));
    const duty = duties.duties.find((d) => d.category === '限期整改');
    expect(duty).toMatchObject({ ownerOrgName: '第二党支部', period: { dueOn: '2026-08-02' } });
    expect(duty?.title).toContain('得分偏低');
    // Not in the other secretary's.
    const other = await ok<MyDuties>(w.bs1.get('/api/me/duties'));
    expect(other.duties.some((d) => d.category === '限期整改')).toBe(false);

    expect((await row(w.B2.id)).followUp).toMatchObject({ state: 'open', kindLabel: '限期整改（责任清单）' });
    expect((await row(w.B1.id)).followUp).toBeNull();
    expect((await row(w.B3.id)).followUp).toBeNull();
    const detail = await ok<ResultDetail>(w.bs2.get(`/api/assessment/cycles/${cycle.id}/results/${w.B2.id}`));
    expect(detail.followUp).toMatchObject({ state: 'open', deadline: '2026-08-02' });

    const bulletin = await ok<Bulletin>(w.officer.post('/api/assessment/bulletins', { cycleId: cycle.id }));
    const lowest = bulletin.content.lowest.find((l) => l.subjectId === w.B2.id);
    expect(lowest?.actions).toEqual([{ title: duty?.title, dueOn: '2026-08-02', done: false }]);
  });

  it('closing the cycle opens what fell below since, once; overdue, then closed by the report', async () => {
    // B1 slips to 50 before the cycle closes: 50 < 60.
    share.set(w.B1.id, 0.5);
    await compute();
    expectError(
      await w.officer.post(`/api/assessment/cycles/${cycle.id}/close`, { version: cycle.version + 1 }),
      409,
      'common.stale_version',
    );
    const closed = await ok<Cycle>(
      w.officer.post(`/api/assessment/cycles/${cycle.id}/close`, { version: cycle.version }),
    );
    expect(closed.status).toBe('closed');
    expectError(
      await w.officer.post(`/api/assessment/cycles/${cycle.id}/close`, { version: closed.version }),
      409,
      'assessment.cycle_closed',
    );
    const after = await ok<CycleFollowUps>(w.officer.get(`/api/assessment/cycles/${cycle.id}/follow-ups`));
    expect(
      after.rows
        .filter((r) => r.followUp)
        .map((r) => r.subjectId)
        .sort(),
    ).toEqual([w.B1.id, w.B2.id].sort());
    expect(after.toOpen).toBe(0);

    // A day past the deadline: overdue.
    w.clock.set('2026-08-03T09:00:00+08:00');
    expect((await row(w.B2.id)).followUp?.state).toBe('overdue');
    // The secretary reports it done with what was put right: the flag closes, the row keeps it as history.
    const duties = await ok<MyDuties>(w.bs2.get('/api/me/duties'));
    const duty = duties.duties.find((d) => d.category === '限期整改');
    await ok(
      w.bs2.post(`/api/me/duties/${duty?.period.id}/reports`, {
        progress: 100,
        done: true,
        note: '对照失分指标逐项整改，业务完成率已提升',
      }),
    );
    expect((await row(w.B2.id)).followUp).toMatchObject({ state: 'closed', closedOn: '2026-08-03' });
    expect((await row(w.B1.id)).followUp?.state).toBe('overdue');
  });

  it('opens once when asked twice at once (a retried request; PGlite runs the two one after the other)', async () => {
    // B3's rater group filled up after closing: its 30 is no longer a band, and 30 < 60.
    await w.t.database.db
      .updateTable('assessmentResult')
      .set({ bandLow: null, bandHigh: null })
      .where('cycleId', '=', cycle.id)
      .where('subjectId', '=', w.B3.id)
      .execute();
    const url = `/api/assessment/cycles/${cycle.id}/follow-ups`;
    const both = await Promise.all([
      ok<OpenFollowUpsResult>(w.officer.post(url, {})),
      ok<OpenFollowUpsResult>(w.officer.post(url, {})),
    ]);
    expect(both.map((r) => r.opened).sort()).toEqual([0, 1]);
    const items = await w.t.database.db
      .selectFrom('responsibilityItem')
      .select('ownerOrgId')
      .where('category', '=', '限期整改')
      .execute();
    // B2's, B1's, and one for B3.
    expect(items.map((i) => i.ownerOrgId).sort()).toEqual([w.B1.id, w.B2.id, w.B3.id].sort());
  });

  it('judges the score as the officer calibrated it: what the preview says is what is opened', async () => {
    // A second cycle of the same edition (the second quarter): B1 60, B2 58, B3 30 (no band this time).
    const q2 = await ok<Cycle>(
      w.officer.post('/api/assessment/cycles', {
        ownerUnitId: w.unitId,
        systemId: cycle.systemId,
        level: 'branch',
        periodKind: 'quarter',
        periodKey: '2026-Q2',
      }),
    );
    await ok(w.officer.post(`/api/assessment/cycles/${q2.id}/compute`, {}));
    // B2 calibrated up past the line (58 → 61), B1 down below it (60 → 59), each with its reason.
    await ok(
      w.officer.put(`/api/assessment/cycles/${q2.id}/calibrations/${w.B2.id}`, {
        score: 61,
        reason: '季度末补报的办件数据核实后计入',
      }),
    );
    await ok(
      w.officer.put(`/api/assessment/cycles/${q2.id}/calibrations/${w.B1.id}`, {
        score: 59,
        reason: '督查发现一项任务未实际完成',
      }),
    );
    await ok(
      w.officer.put(`/api/assessment/cycles/${q2.id}/follow-up-rule`, { threshold: 60, deadlineDays: 30 }),
    );
    const url = `/api/assessment/cycles/${q2.id}/follow-ups`;
    const preview = await ok<CycleFollowUps>(w.officer.get(url));
    expect(
      preview.rows
        .filter((r) => r.verdict === 'below')
        .map((r) => r.subjectId)
        .sort(),
    ).toEqual([w.B1.id, w.B3.id].sort());
    const opened = await ok<OpenFollowUpsResult>(w.officer.post(url, {}));
    expect(opened.opened).toBe(2);
    expect(
      opened.followUps.rows
        .filter((r) => r.followUp)
        .map((r) => r.subjectId)
        .sort(),
    ).toEqual([w.B1.id, w.B3.id].sort());
  });
});
