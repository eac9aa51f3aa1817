// Incremental recompute (issue 12 point 8). A module that changes what a measure counts says so — which kind of
// record (the measures' `counts`), which organisations, which days — and exactly the subjects of the open, computed
// cycles that depend on it are scored again: cycles whose period covers those days and whose system has a leaf whose
// measure counts that kind; subjects those organisations count for. Nothing else is touched; ranks are derived when
// read, so they are current as soon as the scores are.
import type { Ctx } from '../../core/context.ts';
import { workCommitteeUnitId } from './assessment.access.ts';
import { type Countable, measureOf, movedBy } from './assessment.catalogue.ts';
import { type Change, tellChangeListeners } from './assessment.change-listeners.ts';
import { type CycleRow, selectCycles, subjectsOf } from './assessment.cycles.ts';
import { membersUnder } from './assessment.member-subjects.ts';
import { type Rescore, rescoreMany } from './assessment.rescore.ts';
import type { Subject } from './assessment.source-types.ts';
import { leavesOf } from './assessment.system-check.ts';
import { treeOf } from './assessment.systems.ts';

export type { Change };

/** The open, computed cycles an organ's change from `from` to `to` can move: its own, and the committee's of organs. */
export async function openCyclesCovering(
  ctx: Ctx,
  change: Pick<Change, 'unitId' | 'from' | 'to'>,
): Promise<CycleRow[]> {
  const wc = await workCommitteeUnitId(ctx);
  return selectCycles(ctx)
    .where('c.status', '=', 'open')
    .where('c.computedAt', 'is not', null)
    .where('c.startsOn', '<=', change.to)
    .where('c.endsOn', '>=', change.from)
    .where((eb) =>
      eb.or([
        eb('c.ownerUnitId', '=', change.unitId),
        ...(wc ? [eb.and([eb('c.ownerUnitId', '=', wc), eb('c.level', '=', 'organ')])] : []),
      ]),
    )
    .execute();
}

export async function assessmentChanged(
  ctx: Ctx,
  change: Change,
): Promise<{ cycles: number; subjects: number }> {
  if (change.orgIds.length === 0) return { cycles: 0, subjects: 0 };
  const done = await rescoreChanged(ctx, change);
  await tellChangeListeners(ctx, change);
  return done;
}

async function rescoreChanged(ctx: Ctx, change: Change): Promise<{ cycles: number; subjects: number }> {
  const cycles = await openCyclesCovering(ctx, change);
  const orgs = [...new Set(change.orgIds)];
  // The subjects the organisations count for, read once per level (the cycles of a level share them): themselves
  // when they are the cycle's branches, their organ, or the members under them.
  const subjectsAt = new Map<string, Promise<readonly Subject[]>>();
  const subjectsOfLevel = (c: CycleRow) => {
    let known = subjectsAt.get(c.level);
    if (!known) {
      known =
        c.level === 'organ'
          ? subjectsOf(ctx, c).then((all) => all.filter((s) => s.unitId === change.unitId))
          : c.level === 'member'
            ? membersUnder(ctx, change.unitId, orgs)
            : branchesAmong(ctx, change.unitId, orgs);
      subjectsAt.set(c.level, known);
    }
    return known;
  };
  const work: Rescore[] = [];
  for (const c of cycles) {
    const measures = new Set(
      leavesOf(treeOf(c)).flatMap((l) => {
        const m = l.source === 'computed' && l.measureKey ? measureOf(l.measureKey) : undefined;
        return m && movedBy(m, change) ? [m.key] : [];
      }),
    );
    if (measures.size === 0) continue;
    const subjects = await subjectsOfLevel(c);
    if (subjects.length === 0) continue;
    work.push({
      c,
      subjects,
      affects: (l) => l.source === 'computed' && !!l.measureKey && measures.has(l.measureKey),
    });
  }
  await rescoreMany(ctx, change.unitId, work);
  return { cycles: work.length, subjects: work.reduce((n, w) => n + w.subjects.length, 0) };
}

function branchesAmong(ctx: Ctx, unitId: string, orgIds: readonly string[]): Promise<Subject[]> {
  return ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'path', 'unitId', 'name'])
    .where('unitId', '=', unitId)
    .where('id', 'in', [...orgIds])
    .where('kind', '=', 'branch')
    .where('status', '=', 'active')
    .execute();
}
