// A cycle's rating round (issue 12 point 2), kept by the cycle's organiser (assessment.run at the owner organ's top):
// which rated leaves it covers, the group weights, the minimum raters per group, anonymity and its dates; opened for
// answers, then closed. Anonymity is promised to raters when they answer, so once any answer exists it cannot be
// switched off, and it needs at least 3 raters a group.
import type { z } from 'zod';
import {
  type CreateRoundBodySchema,
  type CycleRating,
  type EditRoundBodySchema,
  MIN_ANONYMOUS_RATERS,
  type RatedLeaf,
  type RatingRound,
} from '#contracts/assessment-rating';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { keptUnit } from './assessment.access.ts';
import { type CycleRow, loadCycle, type Subject, subjectsOf } from './assessment.cycles.ts';
import { GROUP_ORDER } from './assessment.rating-values.ts';
import { rescoreSubjects } from './assessment.rescore.ts';
import { leavesOf } from './assessment.system-check.ts';
import { treeOf } from './assessment.systems.ts';

export const ROUND_NOT_FOUND = '该评价活动不存在或不在您的管辖范围内';

export type RoundRecord = NonNullable<Awaited<ReturnType<typeof findRound>>>;

/**
 * `lock`: the row is held to the end of the request's transaction, so the checks made on it (anonymity, status)
 * still hold when the change is written — a rater's save takes it FOR SHARE (assessment.rating-forms.ts).
 */
function findRound(ctx: Ctx, id: string, lock = false) {
  const q = ctx.db.selectFrom('assessmentRatingRound').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export const ratedLeavesOf = (c: CycleRow): RatedLeaf[] =>
  leavesOf(treeOf(c))
    .filter((l) => l.source === 'rated')
    .map((l) => ({ key: l.key, name: l.name, note: l.note ?? null }));

/** The cycle when the actor organises it (404 out of reach, 403 below the organ's top). */
export async function organisedCycle(ctx: Ctx, cycleId: string): Promise<CycleRow> {
  const c = await loadCycle(ctx, cycleId);
  await keptUnit(ctx, c.ownerUnitId, 'assessment.run');
  return c;
}

/** The round and its cycle when the actor organises it. */
export async function organisedRound(
  ctx: Ctx,
  id: string,
  lock = false,
): Promise<{ r: RoundRecord; c: CycleRow }> {
  const r = await findRound(ctx, id, lock);
  if (!r) throw notFound('assessment.rating_round_not_found', ROUND_NOT_FOUND);
  const c = await organisedCycle(ctx, r.cycleId).catch((e) => {
    throw e?.kind === 'not_found' ? notFound('assessment.rating_round_not_found', ROUND_NOT_FOUND) : e;
  });
  return { r, c };
}

export async function roundView(ctx: Ctx, r: RoundRecord, c: CycleRow): Promise<RatingRound> {
  const counts = await ctx.db
    .selectFrom('assessmentRater')
    .select([
      'raterGroup',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.count<number>('submittedAt').as('done'),
    ])
    .where('unitId', '=', r.unitId)
    .where('roundId', '=', r.id)
    .groupBy('raterGroup')
    .execute();
  const answered = await anyAnswer(ctx, r);
  return {
    id: r.id,
    unitId: r.unitId,
    cycleId: r.cycleId,
    cycleName: c.name,
    leafKeys: r.leafKeys as string[],
    ratedLeaves: ratedLeavesOf(c),
    weights: { superior: r.weightSuperior, peer: r.weightPeer, public: r.weightPublic },
    minRaters: r.minRaters,
    anonymous: r.anonymous,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    status: r.status as RatingRound['status'],
    answered,
    groups: GROUP_ORDER.map((group) => {
      const g = counts.find((x) => x.raterGroup === group);
      const raters = Number(g?.n ?? 0);
      return { group, raters, submitted: Number(g?.done ?? 0), thin: raters < r.minRaters };
    }),
    version: r.version,
  };
}

async function anyAnswer(ctx: Ctx, r: { unitId: string; id: string }): Promise<boolean> {
  const hit = await ctx.db
    .selectFrom('assessmentRatingAnswer as a')
    .innerJoin('assessmentRater as p', (j) =>
      j.onRef('p.unitId', '=', 'a.unitId').onRef('p.id', '=', 'a.raterId'),
    )
    .select('a.raterId')
    .where('a.unitId', '=', r.unitId)
    .where('p.roundId', '=', r.id)
    .limit(1)
    .executeTakeFirst();
  return !!hit;
}

export async function getCycleRating(ctx: Ctx, cycleId: string): Promise<CycleRating> {
  const c = await organisedCycle(ctx, cycleId);
  const r = await ctx.db
    .selectFrom('assessmentRatingRound')
    .selectAll()
    .where('unitId', '=', c.ownerUnitId)
    .where('cycleId', '=', c.id)
    .executeTakeFirst();
  return { round: r ? await roundView(ctx, r, c) : null, ratedLeaves: ratedLeavesOf(c) };
}

/** Anonymity is only as good as the crowd: a group of one or two is its raters' own scores. */
function checkAnonymity(anonymous: boolean, minRaters: number): void {
  if (anonymous && minRaters < MIN_ANONYMOUS_RATERS)
    throw invalid('assessment.rating_invalid', '匿名评价每组至少需 3 人', [
      {
        field: 'body.minRaters',
        message: `匿名评价时每组最少评价人数不能少于 ${MIN_ANONYMOUS_RATERS} 人，以免评价人的打分被推知；如人数不足，请改为实名评价`,
      },
    ]);
}

function checkLeaves(c: CycleRow, keys: readonly string[]): void {
  const rated = new Set(ratedLeavesOf(c).map((l) => l.key));
  if (rated.size === 0)
    throw invalid('assessment.rating_invalid', '该考核的指标体系没有评价类指标', [
      { field: 'body.leafKeys', message: '指标体系中没有数据来源为“评价”的末级指标，无需组织评价' },
    ]);
  const issues = keys.flatMap((k, i) =>
    rated.has(k)
      ? []
      : [{ field: `body.leafKeys.${i}`, message: `“${k}”不是本考核的评价类指标，请从列表中选择` }],
  );
  if (issues.length) throw invalid('assessment.rating_invalid', '所选指标有误', issues);
}

export async function createRound(
  ctx: Ctx,
  cycleId: string,
  body: z.output<typeof CreateRoundBodySchema>,
): Promise<RatingRound> {
  const c = await organisedCycle(ctx, cycleId);
  if (c.status === 'closed') throw conflict('assessment.cycle_closed', '该考核已结束，不能再组织评价');
  checkLeaves(c, body.leafKeys);
  checkAnonymity(body.anonymous, body.minRaters);
  const row = await ctx.db
    .insertInto('assessmentRatingRound')
    .values({
      unitId: c.ownerUnitId,
      cycleId: c.id,
      leafKeys: JSON.stringify([...new Set(body.leafKeys)]),
      weightSuperior: body.weights.superior,
      weightPeer: body.weights.peer,
      weightPublic: body.weights.public,
      minRaters: body.minRaters,
      anonymous: body.anonymous,
      opensOn: body.opensOn,
      closesOn: body.closesOn,
      createdByName: ctx.actor?.displayName ?? null,
    })
    .onConflict((oc) => oc.columns(['unitId', 'cycleId']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw conflict('assessment.rating_round_exists', '该考核已经建立了评价活动，请刷新后在原活动上修改');
  await recordAudit(ctx, {
    action: 'assessment.rating_round_create',
    entityType: 'assessment_rating_round',
    entityId: row.id,
    details: { cycleId: c.id, leafKeys: body.leafKeys, weights: body.weights, anonymous: body.anonymous },
  });
  return roundView(ctx, row, c);
}

export async function editRound(
  ctx: Ctx,
  id: string,
  body: z.output<typeof EditRoundBodySchema>,
): Promise<RatingRound> {
  const { r, c } = await organisedRound(ctx, id, true);
  if (r.version !== body.version) throw staleVersion(await roundView(ctx, r, c));
  if (r.status === 'closed') throw conflict('assessment.rating_round_closed', '评价已截止，不能再修改');
  checkAnonymity(body.anonymous ?? r.anonymous, body.minRaters ?? r.minRaters);
  if (body.leafKeys) {
    checkLeaves(c, body.leafKeys);
    const same =
      JSON.stringify([...body.leafKeys].sort()) === JSON.stringify([...(r.leafKeys as string[])].sort());
    if (!same && r.status !== 'draft')
      throw conflict(
        'assessment.rating_round_open',
        '评价已开始，评价的指标不能再改；如需调整，请先与评价人沟通后新建考核',
      );
  }
  if (body.anonymous === false && r.anonymous && (await anyAnswer(ctx, r)))
    throw conflict(
      'assessment.rating_anonymity_locked',
      '已有评价人按匿名方式作答，不能再取消匿名；如需实名评价，请另行组织',
    );
  // One date may change without the other: the pair is checked as it will be kept.
  if ((body.closesOn ?? r.closesOn) < (body.opensOn ?? r.opensOn))
    throw invalid('assessment.rating_invalid', '日期有误', [
      { field: 'body.closesOn', message: '截止日期不能早于开始日期' },
    ]);
  const weights = body.weights;
  const done = await ctx.db
    .updateTable('assessmentRatingRound')
    .set({
      ...(body.leafKeys ? { leafKeys: JSON.stringify([...new Set(body.leafKeys)]) } : {}),
      ...(weights
        ? { weightSuperior: weights.superior, weightPeer: weights.peer, weightPublic: weights.public }
        : {}),
      ...(body.minRaters !== undefined ? { minRaters: body.minRaters } : {}),
      ...(body.anonymous !== undefined ? { anonymous: body.anonymous } : {}),
      ...(body.opensOn ? { opensOn: body.opensOn } : {}),
      ...(body.closesOn ? { closesOn: body.closesOn } : {}),
      version: r.version + 1,
      updatedAt: new Date(),
    })
    .where('unitId', '=', r.unitId)
    .where('id', '=', r.id)
    .where('version', '=', body.version)
    .returningAll()
    .executeTakeFirst();
  if (!done) throw staleVersion(await roundView(ctx, r, c));
  // New weights, a new minimum or anonymity (which hides thin groups) change every subject's rated values of the
  // round, and nothing else: those leaves are rescored at once, the rest keep the values they were computed with.
  if (
    r.status !== 'draft' &&
    (weights || body.minRaters !== undefined || (body.anonymous ?? r.anonymous) !== r.anonymous) &&
    c.status === 'open' &&
    c.computedAt
  )
    await rescoreRound(ctx, c, done.leafKeys as string[]);
  const { version: _v, ...changes } = body;
  await recordAudit(ctx, {
    action: 'assessment.rating_round_edit',
    entityType: 'assessment_rating_round',
    entityId: r.id,
    details: changes,
  });
  return roundView(ctx, done, c);
}

async function rescoreRound(ctx: Ctx, c: CycleRow, leafKeys: readonly string[]): Promise<void> {
  const keys = new Set(leafKeys);
  const byUnit = new Map<string, Subject[]>();
  for (const s of await subjectsOf(ctx, c)) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s]);
  for (const [unitId, subjects] of byUnit)
    await rescoreSubjects(ctx, c, unitId, subjects, (leaf) => leaf.source === 'rated' && keys.has(leaf.key));
}

export async function moveRound(
  ctx: Ctx,
  id: string,
  version: number,
  to: 'open' | 'closed',
): Promise<RatingRound> {
  const { r, c } = await organisedRound(ctx, id, true);
  if (r.version !== version) throw staleVersion(await roundView(ctx, r, c));
  const from = to === 'open' ? 'draft' : 'open';
  if (r.status !== from)
    throw conflict(
      'assessment.rating_round_status',
      to === 'open'
        ? r.status === 'open'
          ? '评价已经开始'
          : '评价已截止，不能再开始'
        : r.status === 'draft'
          ? '评价尚未开始，无需截止'
          : '评价已经截止',
    );
  if (to === 'open') {
    const rater = await ctx.db
      .selectFrom('assessmentRater')
      .select('id')
      .where('unitId', '=', r.unitId)
      .where('roundId', '=', r.id)
      .limit(1)
      .executeTakeFirst();
    if (!rater)
      throw conflict('assessment.rating_no_raters', '还没有评价人：请先按上级、同级、群众添加评价人');
  }
  const done = await ctx.db
    .updateTable('assessmentRatingRound')
    .set({ status: to, version: r.version + 1, updatedAt: new Date() })
    .where('unitId', '=', r.unitId)
    .where('id', '=', r.id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!done) throw staleVersion(await roundView(ctx, r, c));
  // An anonymous round's answers count from its close, all at once.
  if (to === 'closed' && done.anonymous && c.status === 'open' && c.computedAt)
    await rescoreRound(ctx, c, done.leafKeys as string[]);
  await recordAudit(ctx, {
    action: to === 'open' ? 'assessment.rating_round_open' : 'assessment.rating_round_close',
    entityType: 'assessment_rating_round',
    entityId: r.id,
  });
  return roundView(ctx, done, c);
}
