// The demo's ratings (issue 12 point 2): on the year's cycle of the demo organ's branches, a round over the rated
// leaves of its system (the default system has three: 上级评价, 同级评价, 群众评价), with the organ's demo accounts as
// raters by the role they hold — officers and leaders as superiors, secretaries and committee members as peers,
// members as the public — each rating every branch but their own. Answers are fixed by position (no randomness): the
// same demo gives the same scores. One superior is left unanswered, so progress and reminders have someone to show.
// The demo has a handful of accounts, so the round asks for one rater per group: with more, every branch's groups
// would be thin and the whole year shown as bands, with no ranking (thin groups are shown by the tests). One rater a
// group cannot be anonymous — a lone rater's score would be the group's mean, and an anonymous round needs at least
// 3 a group (assessment.rating-rounds.ts) — so the demo round is named (实名).
import { type Ctx, todayOf } from '../../core/context.ts';
import { computeCycle, selectCycles, subjectsOf } from './assessment.cycles.ts';
import type { RaterGroup } from './assessment.rated.ts';
import { defaultSubjects } from './assessment.rating-raters.ts';
import { ratedLeavesOf } from './assessment.rating-rounds.ts';

export type RatingDemoResult = { loaded: boolean; raters: number; answers: number };

const GROUP_OF_ROLE: Record<string, RaterGroup> = {
  organ_committee_officer: 'superior',
  leading_group_member: 'superior',
  supervisor: 'superior',
  branch_secretary: 'peer',
  branch_committee_member: 'peer',
  member: 'public',
};
const CHOICES = [
  { choice: 'good', score: 100 },
  { choice: 'fair', score: 85 },
  { choice: 'average', score: 70 },
] as const;

/**
 * Adds the round to the organ's year cycle and computes the cycle again. Call it after loadAssessmentYear. Does
 * nothing when there is no year cycle, its system has no rated leaf, or the round exists.
 */
export async function loadRatingDemo(
  ctx: Ctx,
  q: { unitId: string; byName: string },
): Promise<RatingDemoResult> {
  const none = { loaded: false, raters: 0, answers: 0 };
  const today = todayOf(ctx);
  const c = await selectCycles(ctx)
    .where('c.ownerUnitId', '=', q.unitId)
    .where('c.level', '=', 'branch')
    .where('c.periodKind', '=', 'year')
    .where('c.periodKey', '=', today.slice(0, 4))
    .executeTakeFirst();
  if (!c) return none;
  const leaves = ratedLeavesOf(c);
  if (leaves.length === 0) return none;
  const kept = await ctx.db
    .selectFrom('assessmentRatingRound')
    .select('id')
    .where('unitId', '=', q.unitId)
    .where('cycleId', '=', c.id)
    .executeTakeFirst();
  if (kept) return none;

  const round = await ctx.db
    .insertInto('assessmentRatingRound')
    .values({
      unitId: q.unitId,
      cycleId: c.id,
      leafKeys: JSON.stringify(leaves.map((l) => l.key)),
      weightSuperior: 50,
      weightPeer: 30,
      weightPublic: 20,
      minRaters: 1,
      anonymous: false,
      opensOn: c.startsOn,
      closesOn: c.endsOn,
      status: 'open',
      createdByName: q.byName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const accounts = await ctx.db
    .selectFrom('appUser as u')
    .innerJoin('roleAssignment as ra', 'ra.userId', 'u.id')
    .innerJoin('partyOrg as po', 'po.id', 'ra.partyOrgId')
    .leftJoin('member as m', 'm.id', 'u.memberId')
    .leftJoin('partyOrg as o', (j) => j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'))
    .select([
      'u.id as userId',
      'u.displayName as name',
      'ra.role',
      'm.unitId as memberUnitId',
      'o.path as memberOrgPath',
      'po.path as rolePath',
    ])
    .where('u.isDemo', '=', true)
    .where('u.status', '=', 'active')
    .where('po.unitId', '=', q.unitId)
    .orderBy('u.username')
    .execute();
  const all = await subjectsOf(ctx, c);
  const seen = new Set<string>();
  const raters = accounts.flatMap((a) => {
    const group = GROUP_OF_ROLE[a.role];
    if (!group || seen.has(a.userId)) return [];
    seen.add(a.userId);
    // Own organisation: the member's, or for an account without a member record, where its role is held.
    const own = { ...a, orgName: null, memberOrgPath: a.memberOrgPath ?? a.rolePath };
    return [{ ...a, group, subjects: defaultSubjects(c, all, own) }];
  });
  if (raters.length === 0) return { loaded: true, raters: 0, answers: 0 };

  const inserted = await ctx.db
    .insertInto('assessmentRater')
    .values(
      raters.map((r) => ({
        unitId: q.unitId,
        roundId: round.id,
        userId: r.userId,
        displayName: r.name,
        raterGroup: r.group,
        subjectIds: JSON.stringify(r.subjects.map((s) => s.id)),
      })),
    )
    .returning(['id', 'userId'])
    .execute();
  const idOf = new Map(inserted.map((x) => [x.userId, x.id]));
  // The last superior has not answered yet.
  const superiors = raters.filter((r) => r.group === 'superior');
  const waiting = new Set(superiors.length > 1 ? [superiors[superiors.length - 1]?.userId as string] : []);
  const answers = raters.flatMap((r, i) =>
    waiting.has(r.userId)
      ? []
      : r.subjects.flatMap((s, j) =>
          leaves.map((l, k) => {
            // A spread of 68..98 fixed by position; the public answer with choices, as on the phone form.
            const score = 68 + ((i * 7 + j * 11 + k * 5) % 31);
            const choice = r.group === 'public' ? CHOICES[(i + j + k) % CHOICES.length] : undefined;
            return {
              unitId: q.unitId,
              raterId: idOf.get(r.userId) as string,
              subjectId: s.id,
              leafKey: l.key,
              score: choice ? choice.score : score,
              choice: choice ? choice.choice : null,
              comment: null,
            };
          }),
        ),
  );
  for (let i = 0; i < answers.length; i += 500)
    await ctx.db
      .insertInto('assessmentRatingAnswer')
      .values(answers.slice(i, i + 500))
      .execute();
  const answered = raters.filter((r) => !waiting.has(r.userId)).map((r) => idOf.get(r.userId) as string);
  if (answered.length)
    await ctx.db
      .updateTable('assessmentRater')
      .set({ submittedAt: new Date() })
      .where('unitId', '=', q.unitId)
      .where('id', 'in', answered)
      .execute();
  if (c.status === 'open') await computeCycle(ctx, c.id);
  return { loaded: true, raters: raters.length, answers: answers.length };
}
