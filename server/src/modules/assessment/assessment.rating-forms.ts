// The rater's side of a round (issue 12 point 10 "rating forms", "my ratings to give"): any signed-in account sees
// only its own invitations — another's form does not exist for it (404) — saves a draft and submits while the round
// is open. A submission rescores at once, in that cycle only, the subjects the rater rated, and only their rated
// leaves of the round.
import type { z } from 'zod';
import {
  CHOICE_SCORES,
  type MyRating,
  type RaterGroupKey,
  type RatingForm,
  type SaveAnswersBodySchema,
} from '#contracts/assessment-rating';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, unauthenticated } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { type Subject, selectCycles, subjectsOf } from './assessment.cycles.ts';
import { rescoreSubjects } from './assessment.rescore.ts';
import { leavesOf } from './assessment.system-check.ts';
import { treeOf } from './assessment.systems.ts';

const FORM_NOT_FOUND = '找不到这份评价表：它可能不属于当前账号。请从“我的待评价”重新打开';

function invitations(ctx: Ctx) {
  if (!ctx.actor) throw unauthenticated();
  return (
    ctx.db
      .selectFrom('assessmentRater as p')
      .innerJoin('assessmentRatingRound as r', (j) =>
        j.onRef('r.unitId', '=', 'p.unitId').onRef('r.id', '=', 'p.roundId'),
      )
      .innerJoin('assessmentCycle as c', 'c.id', 'r.cycleId')
      .select([
        'p.unitId',
        'p.id',
        'p.raterGroup',
        'p.subjectIds',
        'p.submittedAt',
        'r.id as roundId',
        'r.cycleId',
        'r.leafKeys',
        'r.anonymous',
        'r.opensOn',
        'r.closesOn',
        'r.status',
        'c.name as cycleName',
      ])
      .where('p.userId', '=', ctx.actor.userId)
      // A round still being set up invites nobody yet.
      .where('r.status', '<>', 'draft')
  );
}
type Invitation = Awaited<ReturnType<ReturnType<typeof invitations>['execute']>>[number];

async function answeredCounts(ctx: Ctx, rows: readonly Invitation[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const counts = await ctx.db
    .selectFrom('assessmentRatingAnswer')
    .select(['raterId', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'unitId',
      'in',
      rows.map((x) => x.unitId),
    )
    .where(
      'raterId',
      'in',
      rows.map((x) => x.id),
    )
    .groupBy('raterId')
    .execute();
  return new Map(counts.map((x) => [x.raterId, Number(x.n)]));
}

/** Open, or closed by its status or its last day having passed (China time). */
const statusOf = (ctx: Ctx, x: Invitation): MyRating['status'] =>
  x.status === 'closed' || todayOf(ctx) > x.closesOn ? 'closed' : 'open';

function summary(ctx: Ctx, x: Invitation, answered: number): MyRating {
  const subjects = (x.subjectIds as string[]).length;
  return {
    id: x.id,
    cycleName: x.cycleName,
    group: x.raterGroup as RaterGroupKey,
    status: statusOf(ctx, x),
    opensOn: x.opensOn,
    closesOn: x.closesOn,
    anonymous: x.anonymous,
    subjects,
    toGive: subjects * (x.leafKeys as string[]).length,
    answered,
    submittedAt: x.submittedAt ? x.submittedAt.toISOString() : null,
  };
}

export async function myRatings(ctx: Ctx): Promise<MyRating[]> {
  const rows = await invitations(ctx).orderBy('r.closesOn').execute();
  const counts = await answeredCounts(ctx, rows);
  return rows.map((x) => summary(ctx, x, counts.get(x.id) ?? 0));
}

async function ownInvitation(ctx: Ctx, id: string): Promise<Invitation> {
  const x = await invitations(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!x) throw notFound('assessment.rating_not_found', FORM_NOT_FOUND);
  return x;
}

/**
 * The invitation read again once its round is held FOR SHARE: an organiser's edit or close (FOR UPDATE,
 * assessment.rating-rounds.ts) waits for this save, or this save reads the round as the edit left it — an answer is
 * never written under a promise of anonymity the round no longer keeps, nor after it closed.
 */
async function lockedInvitation(ctx: Ctx, id: string): Promise<Invitation> {
  const x = await ownInvitation(ctx, id);
  await ctx.db
    .selectFrom('assessmentRatingRound')
    .select('id')
    .where('unitId', '=', x.unitId)
    .where('id', '=', x.roundId)
    .forShare()
    .execute();
  return ownInvitation(ctx, id);
}

async function cycleOf(ctx: Ctx, x: Invitation) {
  return selectCycles(ctx).where('c.id', '=', x.cycleId).executeTakeFirstOrThrow();
}

async function formOf(ctx: Ctx, x: Invitation): Promise<RatingForm> {
  const c = await cycleOf(ctx, x);
  const keys = x.leafKeys as string[];
  const wanted = new Set(x.subjectIds as string[]);
  const subjects = (await subjectsOf(ctx, c)).filter((s) => wanted.has(s.id));
  const answers = await ctx.db
    .selectFrom('assessmentRatingAnswer')
    .select(['subjectId', 'leafKey', 'score', 'choice', 'comment'])
    .where('unitId', '=', x.unitId)
    .where('raterId', '=', x.id)
    .execute();
  return {
    ...summary(ctx, x, answers.length),
    leaves: leavesOf(treeOf(c))
      .filter((l) => keys.includes(l.key))
      .map((l) => ({ key: l.key, name: l.name, note: l.note ?? null })),
    subjectList: subjects.map((s) => ({ id: s.id, name: s.name })),
    answers: answers.map((a) => ({ ...a, choice: a.choice as RatingForm['answers'][number]['choice'] })),
  };
}

export async function ratingForm(ctx: Ctx, id: string): Promise<RatingForm> {
  return formOf(ctx, await ownInvitation(ctx, id));
}

function requireOpen(ctx: Ctx, x: Invitation): void {
  if (statusOf(ctx, x) === 'closed')
    throw conflict('assessment.rating_closed', `评价已于 ${x.closesOn} 截止，不能再保存或提交`);
  if (todayOf(ctx) < x.opensOn)
    throw conflict('assessment.rating_not_open', `评价将于 ${x.opensOn} 开始，请届时再填写`);
}

/** Writes the answers given (one per subject and leaf; a later save replaces an earlier one). */
async function writeAnswers(ctx: Ctx, x: Invitation, body: z.output<typeof SaveAnswersBodySchema>) {
  const subjects = new Set(x.subjectIds as string[]);
  const keys = new Set(x.leafKeys as string[]);
  const issues = body.answers.flatMap((a, i) => {
    const at = `body.answers.${i}`;
    const out: { field: string; message: string }[] = [];
    if (!subjects.has(a.subjectId))
      out.push({ field: `${at}.subjectId`, message: '该组织不在您的评价对象中，请刷新评价表' });
    if (!keys.has(a.leafKey))
      out.push({ field: `${at}.leafKey`, message: '该指标不在本次评价中，请刷新评价表' });
    if ((a.score === undefined) === (a.choice === undefined))
      out.push({ field: `${at}.score`, message: '请打分（0–100），或选择好、较好、一般、差中的一项' });
    return out;
  });
  if (issues.length) throw invalid('assessment.rating_invalid', '评价表有误，请按提示修改', issues);
  const rows = new Map(
    body.answers.map((a) => [
      `${a.subjectId}/${a.leafKey}`,
      {
        unitId: x.unitId,
        raterId: x.id,
        subjectId: a.subjectId,
        leafKey: a.leafKey,
        score: a.choice ? CHOICE_SCORES[a.choice] : (a.score as number),
        choice: a.choice ?? null,
        comment: a.comment ?? null,
        updatedAt: new Date(),
      },
    ]),
  );
  if (rows.size === 0) return;
  await ctx.db
    .insertInto('assessmentRatingAnswer')
    .values([...rows.values()])
    .onConflict((oc) =>
      oc.columns(['unitId', 'raterId', 'subjectId', 'leafKey']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        choice: eb.ref('excluded.choice'),
        comment: eb.ref('excluded.comment'),
        updatedAt: eb.ref('excluded.updatedAt'),
      })),
    )
    .execute();
}

export async function saveDraft(
  ctx: Ctx,
  id: string,
  body: z.output<typeof SaveAnswersBodySchema>,
): Promise<RatingForm> {
  const x = await lockedInvitation(ctx, id);
  requireOpen(ctx, x);
  // A submitted rating counts already: a change goes in by submitting again, so the scores follow it.
  if (x.submittedAt)
    throw conflict('assessment.rating_submitted', '您已提交评价；如需修改，请修改后再次提交');
  await writeAnswers(ctx, x, body);
  await recordAudit(ctx, {
    action: 'assessment.rating_draft',
    entityType: 'assessment_rater',
    entityId: x.id,
    details: { answers: body.answers.length },
  });
  return ratingForm(ctx, id);
}

export async function submitRating(
  ctx: Ctx,
  id: string,
  body: z.output<typeof SaveAnswersBodySchema>,
): Promise<RatingForm> {
  const x = await lockedInvitation(ctx, id);
  requireOpen(ctx, x);
  await writeAnswers(ctx, x, body);
  const form = await formOf(ctx, x);
  const have = new Set(form.answers.map((a) => `${a.subjectId}/${a.leafKey}`));
  const missing = form.subjectList.flatMap((s) =>
    form.leaves.filter((l) => !have.has(`${s.id}/${l.key}`)).map((l) => `${s.name}·${l.name}`),
  );
  if (missing.length)
    throw invalid('assessment.rating_incomplete', `还有 ${missing.length} 项未评价，请评完后再提交`, [
      {
        field: 'body.answers',
        message: `未评价：${missing.slice(0, 5).join('、')}${missing.length > 5 ? ' 等' : ''}`,
      },
    ]);
  await ctx.db
    .updateTable('assessmentRater')
    .set({ submittedAt: new Date() })
    .where('unitId', '=', x.unitId)
    .where('id', '=', x.id)
    .execute();
  await rescoreRated(ctx, x);
  // What was answered stays out of the audit trail: an anonymous rater's scores must not be found by name there.
  await recordAudit(ctx, {
    action: 'assessment.rating_submit',
    entityType: 'assessment_rater',
    entityId: x.id,
    details: { roundId: x.roundId, answers: form.answers.length },
  });
  return ratingForm(ctx, id);
}

/** The rater's subjects in the round's cycle, their rated leaves of the round only, when the cycle is live. */
async function rescoreRated(ctx: Ctx, x: Invitation): Promise<void> {
  // An anonymous round counts its answers only once it closes (assessment.rating-values.ts): nothing moves now.
  if (x.anonymous) return;
  const c = await cycleOf(ctx, x);
  if (c.status !== 'open' || !c.computedAt) return;
  const wanted = new Set(x.subjectIds as string[]);
  const keys = new Set(x.leafKeys as string[]);
  const byUnit = new Map<string, Subject[]>();
  for (const s of await subjectsOf(ctx, c))
    if (wanted.has(s.id)) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s]);
  for (const [unitId, subjects] of byUnit)
    await rescoreSubjects(ctx, c, unitId, subjects, (leaf) => leaf.source === 'rated' && keys.has(leaf.key));
}
