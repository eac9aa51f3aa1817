// Raters of a round (issue 12 point 2), as the organiser handles them: picked from the accounts of the cycle's
// organs by group, each given the cycle's subjects except their own organisations (member of, or holding a role in);
// the progress shows per rater only "answered / not yet" — never what anyone answered — and a reminder goes to those
// not yet answered through the notification centre.
import type { z } from 'zod';
import type {
  AddRatersBodySchema,
  RaterCandidate,
  RaterGroupKey,
  RatingProgress,
} from '#contracts/assessment-rating';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notification/index.ts';
import { type CycleRow, type Subject, subjectsOf } from './assessment.cycles.ts';
import { organisedRound, roundView } from './assessment.rating-rounds.ts';

export const RATING_REMIND_KIND = 'assessment.rating_remind';

type Account = {
  userId: string;
  name: string;
  memberUnitId: string | null;
  memberOrgPath: string | null;
  orgName: string | null;
};

/** Accounts that may rate a cycle: active, and a member or a role holder in one of the cycle's organs. */
function accounts(ctx: Ctx, c: CycleRow) {
  const inScope = c.level === 'branch' ? [c.ownerUnitId] : null;
  return ctx.db
    .selectFrom('appUser as u')
    .leftJoin('member as m', 'm.id', 'u.memberId')
    .leftJoin('partyOrg as o', (j) => j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'))
    .select([
      'u.id as userId',
      'u.displayName as name',
      'm.unitId as memberUnitId',
      'o.path as memberOrgPath',
      'o.name as orgName',
    ])
    .where('u.status', '=', 'active')
    .where((eb) =>
      inScope
        ? eb.or([
            eb('m.unitId', 'in', inScope),
            eb.exists(
              eb
                .selectFrom('roleAssignment as ra')
                .innerJoin('partyOrg as po', 'po.id', 'ra.partyOrgId')
                .select('ra.id')
                .whereRef('ra.userId', '=', 'u.id')
                .where('po.unitId', 'in', inScope),
            ),
          ])
        : eb.or([
            eb('m.unitId', 'is not', null),
            eb.exists(
              eb
                .selectFrom('roleAssignment as ra')
                .select('ra.id')
                .whereRef('ra.userId', '=', 'u.id')
                .where('ra.partyOrgId', 'is not', null),
            ),
          ]),
    );
}

/** Where an account holds a role: it rates none of those organisations (nor the organ, for an organs' cycle). */
export type RoleOrg = { unitId: string; path: string };

/**
 * The subjects a rater rates by default: all of the cycle's except their own — the organisation (or organ) they are
 * a member of, and every one where they hold a role. Paths end with '/', so a prefix is a subtree: a member of a
 * 党小组 under a branch is of that branch.
 */
export function defaultSubjects(
  c: CycleRow,
  all: readonly Subject[],
  a: Pick<Account, 'memberUnitId' | 'memberOrgPath'>,
  roles: readonly RoleOrg[] = [],
): Subject[] {
  const units = new Set([a.memberUnitId, ...roles.map((r) => r.unitId)].filter((u) => u !== null));
  const paths = [a.memberOrgPath, ...roles.map((r) => r.path)].filter((p) => p !== null);
  return all.filter((s) =>
    c.level === 'organ' ? !units.has(s.unitId) : !paths.some((p) => p.startsWith(s.path)),
  );
}

/** Each account's role organisations, by user. */
async function roleOrgsOf(ctx: Ctx, userIds: readonly string[]): Promise<Map<string, RoleOrg[]>> {
  const out = new Map<string, RoleOrg[]>();
  if (userIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('roleAssignment as ra')
    .innerJoin('partyOrg as po', 'po.id', 'ra.partyOrgId')
    .select(['ra.userId', 'po.unitId', 'po.path'])
    .where('ra.userId', 'in', [...userIds])
    .execute();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), { unitId: r.unitId, path: r.path }]);
  return out;
}

export async function raterCandidates(
  ctx: Ctx,
  roundId: string,
  q: string | undefined,
): Promise<RaterCandidate[]> {
  const { r, c } = await organisedRound(ctx, roundId);
  let query = accounts(ctx, c);
  const text = q?.trim();
  if (text) query = query.where('u.displayName', 'like', `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
  const rows = await query.orderBy('u.displayName').limit(100).execute();
  const inRound = await ctx.db
    .selectFrom('assessmentRater')
    .select(['userId', 'raterGroup'])
    .where('unitId', '=', r.unitId)
    .where('roundId', '=', r.id)
    .execute();
  const groupOf = new Map(inRound.map((x) => [x.userId, x.raterGroup as RaterGroupKey]));
  return rows.map((a) => ({
    userId: a.userId,
    name: a.name,
    orgName: a.orgName,
    alreadyIn: groupOf.get(a.userId) ?? null,
  }));
}

export async function addRaters(
  ctx: Ctx,
  roundId: string,
  body: z.output<typeof AddRatersBodySchema>,
): Promise<RatingProgress> {
  const { r, c } = await organisedRound(ctx, roundId);
  if (r.status === 'closed') throw conflict('assessment.rating_round_closed', '评价已截止，不能再添加评价人');
  const ids = [...new Set(body.userIds)];
  const found = await accounts(ctx, c).where('u.id', 'in', ids).execute();
  const byId = new Map(found.map((a) => [a.userId, a]));
  const missing = body.userIds.flatMap((id, i) =>
    byId.has(id)
      ? []
      : [{ field: `body.userIds.${i}`, message: '该账号不在本考核的单位中或已停用，请从候选名单中选择' }],
  );
  if (missing.length) throw invalid('assessment.rating_invalid', '部分评价人无法添加', missing);
  const all = await subjectsOf(ctx, c);
  if (body.subjectIds) {
    const known = new Set(all.map((s) => s.id));
    const wrong = body.subjectIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ field: `body.subjectIds.${i}`, message: '该组织不是本考核的评价对象' }],
    );
    if (wrong.length) throw invalid('assessment.rating_invalid', '评价对象有误', wrong);
  }
  const roles = body.subjectIds ? new Map<string, RoleOrg[]>() : await roleOrgsOf(ctx, ids);
  const rows = found.map((a) => {
    const subjects = body.subjectIds ?? defaultSubjects(c, all, a, roles.get(a.userId)).map((s) => s.id);
    return {
      unitId: r.unitId,
      roundId: r.id,
      userId: a.userId,
      displayName: a.name,
      raterGroup: body.group,
      subjectIds: JSON.stringify(subjects),
    };
  });
  // An account already in the round keeps its group and its answers.
  const added = await ctx.db
    .insertInto('assessmentRater')
    .values(rows)
    .onConflict((oc) => oc.columns(['unitId', 'roundId', 'userId']).doNothing())
    .returning('id')
    .execute();
  await recordAudit(ctx, {
    action: 'assessment.rating_raters_add',
    entityType: 'assessment_rating_round',
    entityId: r.id,
    details: { group: body.group, added: added.length, userIds: ids },
  });
  return ratingProgress(ctx, roundId);
}

export async function ratingProgress(ctx: Ctx, roundId: string): Promise<RatingProgress> {
  const { r, c } = await organisedRound(ctx, roundId);
  const raters = await ctx.db
    .selectFrom('assessmentRater')
    .select(['id', 'displayName', 'raterGroup', 'subjectIds', 'submittedAt', 'remindedAt'])
    .where('unitId', '=', r.unitId)
    .where('roundId', '=', r.id)
    .orderBy('raterGroup')
    .orderBy('displayName')
    .execute();
  return {
    round: await roundView(ctx, r, c),
    // Answered or not, and nothing else: the organiser reminds people, and never reads their answers by name.
    raters: raters.map((x) => ({
      id: x.id,
      name: x.displayName,
      group: x.raterGroup as RaterGroupKey,
      subjects: (x.subjectIds as string[]).length,
      submitted: x.submittedAt !== null,
      remindedAt: x.remindedAt ? x.remindedAt.toISOString() : null,
    })),
  };
}

export async function remindRaters(ctx: Ctx, roundId: string): Promise<{ reminded: number }> {
  const { r, c } = await organisedRound(ctx, roundId);
  if (r.status !== 'open') throw conflict('assessment.rating_round_status', '只有进行中的评价才能提醒评价人');
  const waiting = await ctx.db
    .selectFrom('assessmentRater')
    .select(['id', 'userId'])
    .where('unitId', '=', r.unitId)
    .where('roundId', '=', r.id)
    .where('submittedAt', 'is', null)
    .execute();
  if (waiting.length === 0) return { reminded: 0 };
  // One notification for all of them (one per person and day, as the centre keeps it): the list of their ratings.
  await notify(ctx, {
    userIds: waiting.map((x) => x.userId),
    kind: RATING_REMIND_KIND,
    day: todayOf(ctx),
    title: '请完成考核评价',
    lines: [
      {
        text: `${c.name}：请在 ${r.closesOn} 前完成评价`,
        link: '/assessment/my-ratings',
        severity: 'due_soon',
      },
    ],
  });
  await ctx.db
    .updateTable('assessmentRater')
    .set({ remindedAt: new Date() })
    .where('unitId', '=', r.unitId)
    .where(
      'id',
      'in',
      waiting.map((x) => x.id),
    )
    .execute();
  await recordAudit(ctx, {
    action: 'assessment.rating_remind',
    entityType: 'assessment_rating_round',
    entityId: r.id,
    details: { reminded: waiting.length },
  });
  return { reminded: waiting.length };
}
