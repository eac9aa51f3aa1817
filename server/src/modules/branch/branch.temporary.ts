// A temporary Party organisation (临时党组织) of a field team away for more than a month — an audit team, a working
// group stationed elsewhere: its members are drawn from their home branches, which they keep, and belong to it for
// its dates. It holds its own records (the roster of its meetings is its members on the day); when it ends, the
// org module's job closes it and its records stay, listed for the members' home branches.
import { type Ctx, todayOf } from '../../core/context.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { orgSpans, partyOrgRefs } from '../org/index.ts';
import { ORG_NOT_FOUND } from './branch.access.ts';

async function temporaryOrg(ctx: Ctx, id: string, permission: 'branch.read' | 'org.write') {
  const org = (await partyOrgRefs(ctx.db, [id])).get(id);
  if (!org || !isInScope(ctx.actor, permission, org.path))
    throw notFound('branch.org_not_found', ORG_NOT_FOUND);
  const span = (await orgSpans(ctx.db, [id])).get(id);
  if (!span?.isTemporary)
    throw invalid('branch.not_temporary', '只有临时党组织需要抽调党员；常设党组织的党员请在党员管理中维护', [
      { field: 'params.id', message: '请选择一个临时党组织' },
    ]);
  return { ...org, ...span };
}

export async function temporaryMembers(ctx: Ctx, id: string) {
  const org = await temporaryOrg(ctx, id, 'branch.read');
  const rows = await ctx.db
    .selectFrom('temporaryMembership as t')
    .innerJoin('member as m', (j) => j.onRef('m.unitId', '=', 't.unitId').onRef('m.id', '=', 't.memberId'))
    .innerJoin('partyOrg as h', (j) =>
      j.onRef('h.unitId', '=', 'm.unitId').onRef('h.id', '=', 'm.partyOrgId'),
    )
    .select(['t.memberId', 'm.name', 'h.name as homeOrgName', 't.fromOn', 't.toOn'])
    .where('t.unitId', '=', org.unitId)
    .where('t.partyOrgId', '=', org.id)
    .orderBy('m.nameSortKey')
    .execute();
  return rows;
}

/** Sets who the temporary organisation draws: added members join from today (or its start), removed ones leave. */
export async function setTemporaryMembers(ctx: Ctx, id: string, memberIds: readonly string[]) {
  const org = await temporaryOrg(ctx, id, 'org.write');
  const today = todayOf(ctx);
  // Past its end date it is over even before the nightly job closes it: nobody joins a team that has gone home.
  if (org.status === 'closed' || (org.tempEndOn && org.tempEndOn < today))
    throw invalid('branch.temporary_closed', '该临时党组织已结束，成员名单不再变动', [
      { field: 'params.id', message: '临时党组织已结束' },
    ]);
  const refs = await memberRefs(ctx.db, memberIds);
  const issues = memberIds.flatMap((m, i) => {
    const ref = refs.get(m);
    if (!ref || ref.unitId !== org.unitId || ref.status !== 'active')
      return [{ field: `body.memberIds.${i}`, message: '只能抽调本机关在册的党员' }];
    if (memberIds.indexOf(m) !== i)
      return [{ field: `body.memberIds.${i}`, message: '同一名党员只需选择一次' }];
    return [];
  });
  if (issues.length) throw invalid('branch.invalid_members', '抽调的党员有误，请按提示修改', issues);
  const fromOn = org.tempStartOn && org.tempStartOn > today ? org.tempStartOn : today;
  const current = await ctx.db
    .selectFrom('temporaryMembership')
    .select(['memberId', 'toOn'])
    .where('unitId', '=', org.unitId)
    .where('partyOrgId', '=', org.id)
    .execute();
  const had = new Set(current.map((c) => c.memberId));
  const wanted = new Set(memberIds);
  const added = memberIds.filter((m) => !had.has(m));
  const removed = current.filter((c) => !wanted.has(c.memberId)).map((c) => c.memberId);
  if (added.length)
    await ctx.db
      .insertInto('temporaryMembership')
      .values(
        added.map((memberId) => ({
          unitId: org.unitId,
          partyOrgId: org.id,
          memberId,
          fromOn,
          toOn: org.tempEndOn,
        })),
      )
      .execute();
  // Whoever leaves the team keeps the days they were in it: their membership ends today, it is not erased — unless
  // the team has not started yet.
  if (removed.length)
    await ctx.db
      .deleteFrom('temporaryMembership')
      .where('unitId', '=', org.unitId)
      .where('partyOrgId', '=', org.id)
      .where('memberId', 'in', removed)
      .where('fromOn', '>', today)
      .execute();
  // Only those still in it leave today; whoever left earlier keeps the day they left.
  if (removed.length)
    await ctx.db
      .updateTable('temporaryMembership')
      .set({ toOn: today })
      .where('unitId', '=', org.unitId)
      .where('partyOrgId', '=', org.id)
      .where('memberId', 'in', removed)
      .where((w) => w.or([w('toOn', 'is', null), w('toOn', '>', today)]))
      .execute();
  // Someone who left and is drawn in again is in it from today to its end.
  const back = memberIds.filter(
    (m) => had.has(m) && current.find((c) => c.memberId === m)?.toOn !== org.tempEndOn,
  );
  if (back.length)
    await ctx.db
      .updateTable('temporaryMembership')
      .set({ toOn: org.tempEndOn })
      .where('unitId', '=', org.unitId)
      .where('partyOrgId', '=', org.id)
      .where('memberId', 'in', back)
      .execute();
  await recordAudit(ctx, {
    action: 'branch.temporary_members',
    entityType: 'party_org',
    entityId: org.id,
    details: { added, removed },
  });
  return temporaryMembers(ctx, id);
}
