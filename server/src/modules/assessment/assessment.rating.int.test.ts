// Rated sources (issue 12 point 2): a round over two rated leaves with raters in three groups, their answers weighed
// by group into each branch's value (numbers by hand below), a group without answers dropping out, a thin group
// making the result row a band, anonymity towards the rated branch, the results' readers and the organiser, and a
// submission rescoring only the subjects it rated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Cycle,
  IndicatorBasis,
  IndicatorBody,
  IndicatorSystem,
  ResultDetail,
  ResultRow,
} from '#contracts/assessment';
import type {
  CycleRating,
  MyRating,
  RatingForm,
  RatingProgress,
  RatingRound,
} from '#contracts/assessment-rating';
import type { Client } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import { addMember, personWith } from '../../../../test/organ-fixtures.ts';
import { type FusionWorld, fusionWorld, ok } from '../../../../test/organ-world.ts';
import { loadAssessmentYear } from './assessment.demo.ts';
import { loadRatingDemo } from './assessment.rating-demo.ts';

let w: FusionWorld;
let cycle: Cycle;
let round: RatingRound;
/** The peer from the third branch (rates 第一党支部 only) and the two members of the public (both of 第三党支部). */
let peer3: Client;
let pub1: Client;
let pub2: Client;

const leaf = (key: string, name: string): IndicatorBody => ({
  key,
  name,
  tier: 'macro',
  domain: 'party',
  weight: 50,
  source: 'rated',
  rule: { kind: 'direct' },
  note: `${name}：按实际表现评价`,
  children: [],
});

beforeAll(async () => {
  w = await fusionWorld('2026-06-15');
  peer3 = await personWith(w.t, 'rating-peer3', await addMember(w.t, w.B3, '钱同级'), []);
  pub1 = await personWith(w.t, 'rating-pub1', await addMember(w.t, w.B3, '孙群众'), []);
  pub2 = await personWith(w.t, 'rating-pub2', await addMember(w.t, w.B3, '周群众'), []);
  const draft = await ok<IndicatorSystem>(
    w.officer.post('/api/assessment/systems', {
      ownerUnitId: w.unitId,
      name: '评价测试体系',
      fromDefault: false,
      partyWeight: null,
    }),
  );
  const saved = await ok<IndicatorSystem>(
    w.officer.patch(`/api/assessment/systems/${draft.id}`, {
      tree: [leaf('mood', '干事创业精气神'), leaf('satisfaction', '群众满意度')],
      version: draft.version,
    }),
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
  cycle = await ok<Cycle>(w.officer.post(`/api/assessment/cycles/${cycle.id}/compute`, {}));
});
afterAll(async () => {
  await w.t.close();
});

const B = () => ({ B1: w.B1.id, B2: w.B2.id, B3: w.B3.id });
async function formOf(c: Client): Promise<RatingForm> {
  const mine = await ok<MyRating[]>(c.get('/api/me/ratings'));
  expect(mine).toHaveLength(1);
  return ok<RatingForm>(c.get(`/api/me/ratings/${mine[0]?.id}`));
}
/** Both leaves of each subject given the same answer: a score, or a choice. */
const answersOf = (given: Record<string, number | 'good' | 'poor'>) =>
  Object.entries(given).flatMap(([subjectId, a]) =>
    ['mood', 'satisfaction'].map((leafKey) =>
      typeof a === 'number' ? { subjectId, leafKey, score: a } : { subjectId, leafKey, choice: a },
    ),
  );
async function submit(c: Client, given: Record<string, number | 'good' | 'poor'>): Promise<RatingForm> {
  const form = await formOf(c);
  return ok<RatingForm>(c.post(`/api/me/ratings/${form.id}/submit`, { answers: answersOf(given) }));
}
const results = async () => ok<ResultRow[]>(w.officer.get(`/api/assessment/cycles/${cycle.id}/results`));
const rowOf = async (id: string) => (await results()).find((r) => r.subjectId === id) as ResultRow;
const computedAt = async () =>
  new Map(
    (
      await w.t.database.db
        .selectFrom('assessmentResult')
        .select(['subjectId', 'computedAt'])
        .where('cycleId', '=', cycle.id)
        .execute()
    ).map((r) => [r.subjectId, r.computedAt.getTime()]),
  );
const RATER_NAMES = [
  'fusion-officer',
  'fusion-lgm',
  'fusion-bs1',
  'fusion-bs2',
  'rating-peer3',
  'rating-pub1',
  'rating-pub2',
];

describe('a rating round', () => {
  it('is set up on the cycle with its rated leaves, group weights that add up, and raters by group', async () => {
    const none = await ok<CycleRating>(w.officer.get(`/api/assessment/cycles/${cycle.id}/rating`));
    expect(none.round).toBeNull();
    expect(none.ratedLeaves.map((l) => l.key)).toEqual(['mood', 'satisfaction']);
    const body = {
      leafKeys: ['mood', 'satisfaction'],
      weights: { superior: 50, peer: 30, public: 20 },
      minRaters: 2,
      anonymous: false,
      opensOn: '2026-06-01',
      closesOn: '2026-06-30',
    };
    const bad = await w.officer.post(`/api/assessment/cycles/${cycle.id}/rating`, {
      ...body,
      weights: { superior: 50, peer: 30, public: 30 },
      leafKeys: ['mood', 'no_such'],
    });
    expectError(bad, 400, 'common.invalid_input');
    expect(bad.body).toContain('合计 110，应为 100');
    const wrongLeaf = await w.officer.post(`/api/assessment/cycles/${cycle.id}/rating`, {
      ...body,
      leafKeys: ['mood', 'no_such'],
    });
    expectError(wrongLeaf, 400, 'assessment.rating_invalid');
    // Anonymous with 2 a group: one peer's answer would be half the group's mean — refused at the minimum.
    const thinAnonymous = await w.officer.post(`/api/assessment/cycles/${cycle.id}/rating`, {
      ...body,
      anonymous: true,
    });
    expectError(thinAnonymous, 400, 'assessment.rating_invalid');
    expect(thinAnonymous.body).toContain('body.minRaters');
    expect(thinAnonymous.body).toContain('匿名评价时每组最少评价人数不能少于 3 人');
    // A branch secretary does not organise the cycle.
    expectError(await w.bs1.post(`/api/assessment/cycles/${cycle.id}/rating`, body), 403, 'auth.forbidden');
    round = await ok<RatingRound>(w.officer.post(`/api/assessment/cycles/${cycle.id}/rating`, body));
    expect(round).toMatchObject({ status: 'draft', anonymous: false, answered: false, minRaters: 2 });

    const stale = await w.officer.patch(`/api/assessment/rating-rounds/${round.id}`, {
      closesOn: '2026-06-29',
      version: round.version + 1,
    });
    expectError(stale, 409, 'common.stale_version');
    // Only the end moved, before the start kept: refused at the field, not by the database.
    const early = await w.officer.patch(`/api/assessment/rating-rounds/${round.id}`, {
      closesOn: '2026-05-01',
      version: round.version,
    });
    expectError(early, 400, 'assessment.rating_invalid');
    expect(early.body).toContain('body.closesOn');
    // Opening without raters is refused: nobody would be asked.
    expectError(
      await w.officer.post(`/api/assessment/rating-rounds/${round.id}/open`, { version: round.version }),
      409,
      'assessment.rating_no_raters',
    );

    const add = (group: string, clients: Client[], subjectIds?: string[]) =>
      ok<RatingProgress>(
        w.officer.post(`/api/assessment/rating-rounds/${round.id}/raters`, {
          group,
          userIds: clients.map((c) => c.userId),
          ...(subjectIds ? { subjectIds } : {}),
        }),
      );
    await add('superior', [w.officer, w.lgm]);
    await add('peer', [w.bs1, w.bs2]);
    await add('peer', [peer3], [w.B1.id]);
    const progress = await add('public', [pub1, pub2]);
    // By default everyone rates every branch but their own: 张书记 (of 第一党支部) rates the second and third.
    const subjectsOf = (name: string) => progress.raters.find((r) => r.name === name)?.subjects;
    expect([subjectsOf('fusion-officer'), subjectsOf('fusion-bs1'), subjectsOf('rating-peer3')]).toEqual([
      3, 2, 1,
    ]);
    expect(progress.round.groups).toEqual([
      { group: 'superior', raters: 2, submitted: 0, thin: false },
      { group: 'peer', raters: 3, submitted: 0, thin: false },
      { group: 'public', raters: 2, submitted: 0, thin: false },
    ]);
    round = await ok<RatingRound>(
      w.officer.post(`/api/assessment/rating-rounds/${round.id}/open`, { version: progress.round.version }),
    );
    expect(round.status).toBe('open');
  });

  it('gives each rater their own form, and no one another’s (404)', async () => {
    const mine = await formOf(w.bs1);
    expect(mine.subjectList.map((s) => s.id).sort()).toEqual([w.B2.id, w.B3.id].sort());
    expect(mine.leaves).toEqual([
      { key: 'mood', name: '干事创业精气神', note: '干事创业精气神：按实际表现评价' },
      { key: 'satisfaction', name: '群众满意度', note: '群众满意度：按实际表现评价' },
    ]);
    expect(mine.toGive).toBe(4);
    expectError(await w.bs2.get(`/api/me/ratings/${mine.id}`), 404, 'assessment.rating_not_found');
    expectError(
      await w.bs2.put(`/api/me/ratings/${mine.id}`, { answers: answersOf({ [w.B3.id]: 90 }) }),
      404,
      'assessment.rating_not_found',
    );
    // Rating one's own branch is refused, field by field.
    const own = await w.bs1.put(`/api/me/ratings/${mine.id}`, { answers: answersOf({ [w.B1.id]: 90 }) });
    expectError(own, 400, 'assessment.rating_invalid');
    expect(own.body).toContain('body.answers.0.subjectId');
    // A draft counts for nothing and an incomplete form is not submitted.
    await ok(w.bs1.put(`/api/me/ratings/${mine.id}`, { answers: answersOf({ [w.B2.id]: 60 }) }));
    expectError(
      await w.bs1.post(`/api/me/ratings/${mine.id}/submit`, { answers: [] }),
      400,
      'assessment.rating_incomplete',
    );
  });

  it('cannot be made anonymous with fewer than 3 raters a group (400), by either field', async () => {
    const r = await ok<CycleRating>(w.officer.get(`/api/assessment/cycles/${cycle.id}/rating`));
    expect(r.round?.answered).toBe(true);
    for (const change of [{ anonymous: true }, { anonymous: true, minRaters: 2 }]) {
      const res = await w.officer.patch(`/api/assessment/rating-rounds/${round.id}`, {
        ...change,
        version: r.round?.version,
      });
      expectError(res, 400, 'assessment.rating_invalid');
      expect(res.body).toContain('body.minRaters');
    }
  });

  it('weighs the groups, drops a group nobody answered for, and shows a thin group as a band', async () => {
    const { B1, B2, B3 } = B();
    await submit(w.officer, { [B1]: 90, [B2]: 80, [B3]: 70 });
    await submit(w.lgm, { [B1]: 'good', [B2]: 80, [B3]: 80 });
    await submit(w.bs1, { [B2]: 60, [B3]: 70 });
    await submit(w.bs2, { [B1]: 80, [B3]: 90 });
    await submit(pub1, { [B1]: 60, [B2]: 'poor' });
    await submit(pub2, { [B1]: 80, [B2]: 70 });

    // 第三党支部: superiors (70 + 80) / 2 = 75, peers (70 + 90) / 2 = 80, the public rated nobody of their own
    // branch: it drops out and 50 / 80 = 62.5 %, 30 / 80 = 37.5 %: 75 × 0.625 + 80 × 0.375 = 46.875 + 30 = 76.875.
    // Both leaves alike, 50 / 50: the total is 76.875 too.
    const b3 = await rowOf(B3);
    expect(b3.total).toBeCloseTo(76.875, 6);
    expect(b3.band).toBeNull();

    // 第二党支部: superiors 80, public (50 + 70) / 2 = 60; peers only 张书记's 60 — one of two: thin. Precise:
    // 80 × 0.5 + 60 × 0.3 + 60 × 0.2 = 40 + 18 + 12 = 70. Had the missing peer answered 0: (60 + 0) / 2 = 30, or 100:
    // (60 + 100) / 2 = 80; the band 40 + 30 × 0.3 + 12 = 61 to 40 + 80 × 0.3 + 12 = 76.
    const b2 = await rowOf(B2);
    expect(b2.total).toBeCloseTo(70, 6);
    expect(b2.band?.low).toBeCloseTo(61, 6);
    expect(b2.band?.high).toBeCloseTo(76, 6);
    expect(b2.rank).toBeNull();
    expect(b2.range).not.toBeNull();

    // 第一党支部 before 钱同级 answers: superiors (90 + 100) / 2 = 95, peers only 李书记's 80 (thin: 40..90),
    // public (60 + 80) / 2 = 70. Precise 47.5 + 24 + 14 = 85.5; band 47.5 + 12 + 14 = 73.5 to 47.5 + 27 + 14 = 88.5.
    const b1 = await rowOf(B1);
    expect(b1.total).toBeCloseTo(85.5, 6);
    expect(b1.band?.low).toBeCloseTo(73.5, 6);
    expect(b1.band?.high).toBeCloseTo(88.5, 6);
  });

  it('rescores at once only the subjects a submission rated', async () => {
    const before = await computedAt();
    await submit(peer3, { [w.B1.id]: 70 });
    const after = await computedAt();
    // 第一党支部 now: peers (80 + 70) / 2 = 75, not thin: 95 × 0.5 + 75 × 0.3 + 70 × 0.2 = 47.5 + 22.5 + 14 = 84.
    const b1 = await rowOf(w.B1.id);
    expect(b1.total).toBeCloseTo(84, 6);
    expect(b1.band).toBeNull();
    expect(after.get(w.B1.id)).toBeGreaterThan(before.get(w.B1.id) as number);
    expect(after.get(w.B2.id)).toBe(before.get(w.B2.id));
    expect(after.get(w.B3.id)).toBe(before.get(w.B3.id));
  });

  it('made anonymous with 3 a group, shows no thin group’s answers nor any name, and cannot go back (409)', async () => {
    const r = await ok<CycleRating>(w.officer.get(`/api/assessment/cycles/${cycle.id}/rating`));
    const cycleComputedAt = async () =>
      (
        await w.t.database.db
          .selectFrom('assessmentCycle')
          .select('computedAt')
          .where('id', '=', cycle.id)
          .executeTakeFirstOrThrow()
      ).computedAt?.getTime();
    const [rowsBefore, cycleBefore] = [await computedAt(), await cycleComputedAt()];
    round = await ok<RatingRound>(
      w.officer.patch(`/api/assessment/rating-rounds/${round.id}`, {
        anonymous: true,
        minRaters: 3,
        version: r.round?.version,
      }),
    );
    expect(round).toMatchObject({ anonymous: true, minRaters: 3 });
    // Every subject's rated leaves are scored again in the request, by the incremental path: a full compute of the
    // cycle would have stamped the cycle itself too (and asked every other leaf again).
    const rowsAfter = await computedAt();
    for (const id of [w.B1.id, w.B2.id, w.B3.id])
      expect(rowsAfter.get(id)).toBeGreaterThan(rowsBefore.get(id) as number);
    expect(await cycleComputedAt()).toBe(cycleBefore);
    expectError(
      await w.officer.patch(`/api/assessment/rating-rounds/${round.id}`, {
        anonymous: false,
        version: round.version,
      }),
      409,
      'assessment.rating_anonymity_locked',
    );
    // Anonymous and still open: nothing of the answers counts yet (a value moving with each submission would give
    // each newcomer's score away); 第二党支部's rated leaves have no value, and the row no score.
    const b2 = await rowOf(w.B2.id);
    expect([b2.total, b2.band, b2.rank]).toEqual([null, null, null]);

    const basisUrl = (s: string) => `/api/assessment/cycles/${cycle.id}/results/${s}/indicators/mood`;
    for (const [who, subject] of [
      [w.bs2, w.B2.id],
      [w.lgm, w.B1.id],
      [w.officer, w.B2.id],
    ] as const) {
      const detail = await who.get(`/api/assessment/cycles/${cycle.id}/results/${subject}`);
      const basis = await who.get(basisUrl(subject));
      expect(detail.statusCode).toBe(200);
      expect(basis.statusCode).toBe(200);
      for (const name of [...RATER_NAMES, '钱同级', '孙群众', '周群众', '张书记', '李书记'])
        expect(`${detail.body}${basis.body}`).not.toContain(name);
      // No thin group's count or mean: the only means are those of groups of 3 or more, and there are none.
      expect(`${detail.body}${basis.body}`).not.toMatch(/平均 \d|\d+ 人评价|人，平均/);
    }
    const basis = await ok<IndicatorBasis>(w.bs2.get(basisUrl(w.B2.id)));
    expect(basis.basis.map((b) => [b.title, b.state, b.counted])).toEqual([
      ['上级（匿名）', '匿名评价进行中，截止后一并计入', false],
      ['同级（匿名）', '匿名评价进行中，截止后一并计入', false],
      ['群众（匿名）', '匿名评价进行中，截止后一并计入', false],
    ]);
    const detail = await ok<ResultDetail>(w.bs2.get(`/api/assessment/cycles/${cycle.id}/results/${w.B2.id}`));
    expect(detail.tree[0]?.detail).toBe('匿名评价进行中，截止后一并计入');
    expect(detail.tree[0]?.value ?? null).toBeNull();
    // Another rater submits: still nothing moves.
    const before = await computedAt();
    await submit(peer3, { [w.B1.id]: 75 });
    expect((await computedAt()).get(w.B1.id)).toBe(before.get(w.B1.id));
    const rows = await results();
    expect(JSON.stringify(rows)).not.toMatch(/平均 \d/);
    // The organiser's progress: who answered, and no score of anyone.
    const progress = await ok<RatingProgress>(
      w.officer.get(`/api/assessment/rating-rounds/${round.id}/progress`),
    );
    expect(JSON.stringify(progress)).not.toMatch(/score|answers|平均 \d/);
  });

  it('shows the organiser who has not answered, never a score, and reminds them', async () => {
    const late = await personWith(w.t, 'rating-late', await addMember(w.t, w.B3, '吴迟到'), []);
    await ok(
      w.officer.post(`/api/assessment/rating-rounds/${round.id}/raters`, {
        group: 'public',
        userIds: [late.userId],
      }),
    );
    const progress = await ok<RatingProgress>(
      w.officer.get(`/api/assessment/rating-rounds/${round.id}/progress`),
    );
    expect(progress.raters.filter((r) => !r.submitted).map((r) => r.name)).toEqual(['rating-late']);
    for (const r of progress.raters)
      expect(Object.keys(r).sort()).toEqual(['group', 'id', 'name', 'remindedAt', 'subjects', 'submitted']);
    expect(JSON.stringify(progress)).not.toMatch(/score|answers/);
    expect(progress.round.groups.find((g) => g.group === 'public')).toEqual({
      group: 'public',
      raters: 3,
      submitted: 2,
      thin: false,
    });

    expect(await ok(w.officer.post(`/api/assessment/rating-rounds/${round.id}/remind`, {}))).toEqual({
      reminded: 1,
    });
    const inbox = await ok<{ items: { kind: string; lines: { link: string }[] }[] }>(
      late.get('/api/me/notifications'),
    );
    expect(inbox.items.map((n) => [n.kind, n.lines[0]?.link])).toEqual([
      ['assessment.rating_remind', '/assessment/my-ratings'],
    ]);
    const submitted = await ok<{ items: unknown[] }>(pub1.get('/api/me/notifications'));
    expect(submitted.items).toEqual([]);
  });

  it('by default spares a rater every organisation of their own: the branch above their cell, where they hold a role', async () => {
    const b1 = await w.t.database.db
      .selectFrom('partyOrg')
      .select(['path', 'depth'])
      .where('id', '=', w.B1.id)
      .executeTakeFirstOrThrow();
    const cell = await w.t.database.db
      .insertInto('partyOrg')
      .values({
        unitId: w.unitId,
        parentId: w.B1.id,
        code: 'FB1-C1',
        name: '第一党小组',
        kind: 'cell',
        path: `${b1.path}FB1-C1/`,
        depth: b1.depth + 1,
      })
      .returning(['id', 'unitId'])
      .executeTakeFirstOrThrow();
    const inCell = await personWith(w.t, 'rating-cell', await addMember(w.t, cell, '郑小组'), []);
    // A committee member of 第二党支部 with no member record of their own.
    const roleOnly = await personWith(w.t, 'rating-role', null, [
      { role: 'branch_committee_member', partyOrgId: w.B2.id },
    ]);
    const current = await ok<CycleRating>(w.officer.get(`/api/assessment/cycles/${cycle.id}/rating`));
    await ok(
      w.officer.post(`/api/assessment/rating-rounds/${round.id}/raters`, {
        group: 'peer',
        userIds: [inCell.userId, roleOnly.userId],
      }),
    );
    expect(current.round?.status).toBe('open');
    const subjects = async (c: Client) => (await formOf(c)).subjectList.map((s) => s.id).sort();
    expect(await subjects(inCell)).toEqual([w.B2.id, w.B3.id].sort());
    expect(await subjects(roleOnly)).toEqual([w.B1.id, w.B3.id].sort());
  });

  it('counts the anonymous answers when it closes, a thin group as a band, and takes nothing after (409)', async () => {
    const current = await ok<CycleRating>(w.officer.get(`/api/assessment/cycles/${cycle.id}/rating`));
    await ok(
      w.officer.post(`/api/assessment/rating-rounds/${round.id}/close`, { version: current.round?.version }),
    );
    // 第二党支部's mood: superiors 2 (80, 80), peers 1 (张书记's 60), public 2 (50, 70) — every group under 3: thin.
    // Nothing counts in the value; each group anywhere on 0..100, so the leaf (and the row, both leaves alike) is
    // 0 to 100 — edges that no answer moves.
    const b2 = await rowOf(w.B2.id);
    expect(b2.band).toEqual({ low: 0, high: 100 });
    expect(b2.rank).toBeNull();
    const basis = await ok<IndicatorBasis>(
      w.bs2.get(`/api/assessment/cycles/${cycle.id}/results/${w.B2.id}/indicators/mood`),
    );
    expect(basis.basis.map((b) => [b.title, b.state, b.counted])).toEqual([
      ['上级（匿名）', '已有评价，人数不足 3 人，暂以区间显示', false],
      ['同级（匿名）', '已有评价，人数不足 3 人，暂以区间显示', false],
      ['群众（匿名）', '已有评价，人数不足 3 人，暂以区间显示', false],
    ]);
    const detail = await ok<ResultDetail>(w.bs2.get(`/api/assessment/cycles/${cycle.id}/results/${w.B2.id}`));
    expect(detail.tree[0]?.detail).toContain('评价人数不足，得分为区间 0–100');
    expect(detail.tree[0]?.value ?? null).toBeNull();
    expect(JSON.stringify(await results())).not.toMatch(/平均 \d/);
    const late = await ok<MyRating[]>((await personWithName('rating-late')).get('/api/me/ratings'));
    expect(late[0]?.status).toBe('closed');
    const form = await formOf(pub1);
    expectError(
      await pub1.post(`/api/me/ratings/${form.id}/submit`, { answers: [] }),
      409,
      'assessment.rating_closed',
    );
  });
});

async function personWithName(username: string): Promise<Client> {
  const { signIn } = await import('../../../../test/helpers.ts');
  return signIn(w.t, username);
}

describe('the demo loader', () => {
  it('rates the year cycle with the demo accounts by role, the same way each time, leaving one superior to remind', async () => {
    const d = await fusionWorld('2026-06-15');
    try {
      await d.t.database.db.updateTable('appUser').set({ isDemo: true }).execute();
      const ctx = { ...d.t.ctx(), now: () => new Date('2026-06-15T04:00:00Z') };
      await loadAssessmentYear(ctx, { unitId: d.unitId, byName: '直属机关党委' });
      // Raters by username: fusion-bs1, fusion-bs2 (peers), fusion-lgm, fusion-officer (superiors); the last
      // superior waits. Each secretary rates the two branches not their own, the leader all three:
      // (2 + 2 + 3) × 3 leaves = 21.
      expect(await loadRatingDemo(ctx, { unitId: d.unitId, byName: '直属机关党委' })).toEqual({
        loaded: true,
        raters: 4,
        answers: 21,
      });
      expect((await loadRatingDemo(ctx, { unitId: d.unitId, byName: '直属机关党委' })).loaded).toBe(false);
      const year = await d.t.database.db
        .selectFrom('assessmentCycle')
        .select('id')
        .where('ownerUnitId', '=', d.unitId)
        .where('periodKey', '=', '2026')
        .executeTakeFirstOrThrow();
      const rows = await ok<ResultRow[]>(d.officer.get(`/api/assessment/cycles/${year.id}/results`));
      // One rater per group is enough in the demo's round: no group is thin, every branch is ranked.
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r.band, r.subjectName).toBeNull();
        expect(r.rank, r.subjectName).not.toBeNull();
      }
    } finally {
      await d.t.close();
    }
  });
});
