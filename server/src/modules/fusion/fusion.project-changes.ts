// Who holds a project, and telling the assessments when what they count of it changes (issue 12 point 8): the
// organ's own holders (lead, joint holders, team branches), another organ's joint holders (kept with them), and the
// holders before a change of holders. Each organ is told once, for the days the project's work counts on.
import type { Ctx } from '../../core/context.ts';
import { assessmentChanged, type Countable } from '../assessment/index.ts';
import type { RecordRef } from '../branch/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { guestOrgsOf } from './fusion.joint-guests.ts';
import type { ProjectRow } from './fusion.projects-read.ts';

/** The Party organisations whose records may count as the project's activity: lead, joint holders, team branches. */
export async function projectOrgIds(ctx: Ctx, row: ProjectRow): Promise<string[]> {
  const [joint, team] = await Promise.all([
    ctx.db
      .selectFrom('fusionProjectParty')
      .select('partyOrgId')
      .where('unitId', '=', row.unitId)
      .where('projectId', '=', row.id)
      .execute(),
    ctx.db
      .selectFrom('fusionProjectMember')
      .select('partyOrgId')
      .where('unitId', '=', row.unitId)
      .where('projectId', '=', row.id)
      .execute(),
  ]);
  return [...new Set([row.leadOrgId, ...joint.map((j) => j.partyOrgId), ...team.map((t) => t.partyOrgId)])];
}

/**
 * A project's milestones, KPI results or linked records changed around these days: the assessments counting them
 * score the project's organisations again (issue 12 point 8).
 */
export async function projectChanged(
  ctx: Ctx,
  project: ProjectRow,
  days: readonly (string | null | undefined)[],
  counts: readonly Countable[],
  /** Organisations that held the project before a change of its holders (they count it no longer). */
  formerly: readonly { id: string; unitId: string }[] = [],
): Promise<void> {
  const known = days.filter((d): d is string => !!d).sort();
  const from = known[0];
  const to = known[known.length - 1];
  if (!from || !to) return;
  // The organ's own holders, and another organ's holding it jointly (kept with them): each organ is told once.
  const byUnit = new Map<string, Set<string>>([[project.unitId, new Set(await projectOrgIds(ctx, project))]]);
  const add = (unitId: string, id: string) => byUnit.set(unitId, (byUnit.get(unitId) ?? new Set()).add(id));
  for (const g of (await holdersElsewhere(ctx, project)).values()) add(g.unitId, g.id);
  for (const o of formerly) add(o.unitId, o.id);
  for (const [unitId, orgIds] of byUnit)
    await assessmentChanged(ctx, { unitId, orgIds: [...orgIds], from, to, counts });
}

/** Other organs' organisations holding the project jointly. */
async function holdersElsewhere(ctx: Ctx, project: ProjectRow) {
  return partyOrgRefs(
    ctx.db,
    (await guestOrgsOf(ctx, project.unitId, [project.id])).map((g) => g.id),
  );
}

/** Every organisation holding the project now, with its organ (before a change of holders). */
export async function holdersOf(ctx: Ctx, project: ProjectRow): Promise<{ id: string; unitId: string }[]> {
  return [
    ...(await projectOrgIds(ctx, project)).map((id) => ({ id, unitId: project.unitId })),
    ...[...(await holdersElsewhere(ctx, project)).values()].map((g) => ({ id: g.id, unitId: g.unitId })),
  ];
}

/** Every day a project's work counts on: its milestones' due days, its KPIs' measurements, its acceptance. */
export async function projectDays(ctx: Ctx, project: ProjectRow): Promise<string[]> {
  const [ms, ks] = await Promise.all([
    ctx.db
      .selectFrom('fusionMilestone')
      .select('dueOn')
      .where('unitId', '=', project.unitId)
      .where('projectId', '=', project.id)
      .execute(),
    ctx.db
      .selectFrom('fusionKpi')
      .select('measuredOn')
      .where('unitId', '=', project.unitId)
      .where('projectId', '=', project.id)
      .execute(),
  ]);
  return [
    ...ms.map((m) => m.dueOn),
    ...ks.flatMap((k) => (k.measuredOn ? [k.measuredOn] : [])),
    ...(project.acceptedOn ? [project.acceptedOn] : []),
  ];
}

/** Records linked or unlinked: every organisation that held them counts a different share of linked work. */
export async function recordsRelinked(ctx: Ctx, unitId: string, refs: readonly RecordRef[]): Promise<void> {
  const days = refs.map((r) => r.date).sort();
  const from = days[0];
  const to = days[days.length - 1];
  if (!from || !to) return;
  await assessmentChanged(ctx, {
    unitId,
    orgIds: [...new Set(refs.flatMap((r) => r.heldBy))],
    from,
    to,
    counts: ['fusion_project'],
  });
}
