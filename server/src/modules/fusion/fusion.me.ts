// A member's own fusion work (the workbench cards 我的融合项目 and 临近的项目节点): the projects they own or serve on
// while under way, and their milestones not yet done. Reached signed in, without a permission, for oneself only.
import { type MyFusion, OPEN_STAGES } from '#contracts/fusion-project';
import { type Ctx, todayOf } from '../../core/context.ts';
import { memberRefs } from '../member/index.ts';
import { DUE_SOON_DAYS } from '../responsibility/index.ts';

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function myFusion(ctx: Ctx): Promise<MyFusion> {
  const memberId = ctx.actor?.memberId;
  if (!memberId) return { projects: [], milestones: [] };
  const unitId = (await memberRefs(ctx.db, [memberId])).get(memberId)?.unitId;
  if (!unitId) return { projects: [], milestones: [] };
  const today = todayOf(ctx);
  const [owned, served, milestones] = await Promise.all([
    ctx.db
      .selectFrom('fusionProject')
      .select(['id', 'title', 'stage', 'dueOn'])
      .where('unitId', '=', unitId)
      .where('ownerMemberId', '=', memberId)
      .where('stage', 'in', [...OPEN_STAGES])
      .execute(),
    ctx.db
      .selectFrom('fusionProjectMember as t')
      .innerJoin('fusionProject as p', (j) =>
        j.onRef('p.unitId', '=', 't.unitId').onRef('p.id', '=', 't.projectId'),
      )
      .select(['p.id', 'p.title', 'p.stage', 'p.dueOn', 't.role'])
      .where('t.unitId', '=', unitId)
      .where('t.memberId', '=', memberId)
      .where('p.stage', 'in', [...OPEN_STAGES])
      .execute(),
    ctx.db
      .selectFrom('fusionMilestone as ms')
      .innerJoin('fusionProject as p', (j) =>
        j.onRef('p.unitId', '=', 'ms.unitId').onRef('p.id', '=', 'ms.projectId'),
      )
      .select(['ms.id', 'ms.projectId', 'p.title as projectTitle', 'ms.title', 'ms.dueOn'])
      .where('ms.unitId', '=', unitId)
      .where('ms.ownerMemberId', '=', memberId)
      .where('ms.doneOn', 'is', null)
      .where('p.stage', 'in', [...OPEN_STAGES])
      .where('ms.dueOn', '<=', addDays(today, DUE_SOON_DAYS))
      .orderBy('ms.dueOn')
      .limit(20)
      .execute(),
  ]);
  const projects = new Map<string, MyFusion['projects'][number]>();
  for (const p of owned) projects.set(p.id, { ...p, stage: p.stage as never, role: 'owner' });
  for (const p of served)
    if (!projects.has(p.id))
      projects.set(p.id, {
        id: p.id,
        title: p.title,
        stage: p.stage as never,
        role: p.role as never,
        dueOn: p.dueOn,
      });
  return {
    projects: [...projects.values()].sort(
      (a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.title.localeCompare(b.title),
    ),
    milestones: milestones.map((m) => ({ ...m, overdue: m.dueOn < today })),
  };
}
