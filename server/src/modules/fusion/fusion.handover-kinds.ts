// What the fusion module registers with the responsibility module's handover registry (五责交接): the projects a
// leaver owns while under way and the milestones they still owe. The successor takes each over; nothing is left
// without an owner.
import { OPEN_STAGES } from '#contracts/fusion-project';
import type { Ctx } from '../../core/context.ts';
import { memberRefs } from '../member/index.ts';
import type { HandoverKind } from '../responsibility/index.ts';

export const FUSION_HANDOVER_KINDS: readonly HandoverKind[] = [
  {
    key: 'fusion.project',
    label: { zh: '负责的融合项目', en: 'Fusion projects owned' },
    async listOpen(ctx: Ctx, q) {
      const rows = await ctx.db
        .selectFrom('fusionProject')
        .select(['id', 'title', 'dueOn'])
        .where('unitId', '=', q.unitId)
        .where('ownerMemberId', '=', q.memberId)
        .where('stage', 'in', [...OPEN_STAGES])
        .orderBy('createdAt')
        .execute();
      return rows.map((r) => ({ id: r.id, label: r.title, dueOn: r.dueOn }));
    },
    async reassign(ctx, q) {
      if (q.ids.length === 0) return;
      const ids = [...q.ids];
      await ctx.db
        .updateTable('fusionProject')
        .set((eb) => ({ ownerMemberId: q.toMemberId, version: eb('version', '+', 1), updatedAt: new Date() }))
        .where('unitId', '=', q.unitId)
        .where('ownerMemberId', '=', q.fromMemberId)
        .where('id', 'in', ids)
        .execute();
      // The successor leads the team in the leaver's place.
      const successor = (await memberRefs(ctx.db, [q.toMemberId])).get(q.toMemberId);
      if (!successor) return;
      await ctx.db
        .deleteFrom('fusionProjectMember')
        .where('unitId', '=', q.unitId)
        .where('memberId', '=', q.fromMemberId)
        .where('projectId', 'in', ids)
        .execute();
      await ctx.db
        .insertInto('fusionProjectMember')
        .values(
          ids.map((projectId) => ({
            unitId: q.unitId,
            projectId,
            memberId: successor.id,
            role: 'leader',
            partyOrgId: successor.partyOrgId,
          })),
        )
        .onConflict((oc) => oc.columns(['unitId', 'projectId', 'memberId']).doUpdateSet({ role: 'leader' }))
        .execute();
    },
  },
  {
    key: 'fusion.milestone',
    label: { zh: '负责的项目节点', en: 'Project milestones owned' },
    async listOpen(ctx: Ctx, q) {
      const rows = await ctx.db
        .selectFrom('fusionMilestone as ms')
        .innerJoin('fusionProject as p', (j) =>
          j.onRef('p.unitId', '=', 'ms.unitId').onRef('p.id', '=', 'ms.projectId'),
        )
        .select(['ms.id', 'ms.title', 'p.title as projectTitle', 'ms.dueOn'])
        .where('ms.unitId', '=', q.unitId)
        .where('ms.ownerMemberId', '=', q.memberId)
        .where('ms.doneOn', 'is', null)
        .where('p.stage', 'in', [...OPEN_STAGES])
        .orderBy('ms.dueOn')
        .execute();
      return rows.map((r) => ({ id: r.id, label: `${r.title}（${r.projectTitle}）`, dueOn: r.dueOn }));
    },
    async reassign(ctx, q) {
      if (q.ids.length === 0) return;
      await ctx.db
        .updateTable('fusionMilestone')
        .set((eb) => ({ ownerMemberId: q.toMemberId, version: eb('version', '+', 1), updatedAt: new Date() }))
        .where('unitId', '=', q.unitId)
        .where('ownerMemberId', '=', q.fromMemberId)
        .where('id', 'in', [...q.ids])
        .execute();
    },
  },
];
