// What the fusion module contributes to member cycles (issue 12 point 4): the milestones a member owns on the 攻坚
// projects, done on time — what they took on in the joint work, judged as the project judges it. A member who owns
// none has no value, and the leaf drops out of their score. One query for all the members of a cycle (milestones of
// projects hosted by this organ; a member lent to another organ's project is judged there).
import { todayOf } from '../../core/context.ts';
import { bySubject, type Measure, type MeasureValue, share } from '../assessment/index.ts';
import { milestoneBasis, milestoneJudged } from './fusion.milestone-basis.ts';

const memberMilestonesOnTime: Measure = {
  key: 'fusion.member_milestones_on_time',
  module: 'fusion',
  label: '本人负责的融合项目节点按期完成率',
  description:
    '党员本人负责的融合项目里程碑（终止的项目除外），本期内到期的中按期完成的比例（尚未到期且未完成的不计）',
  domain: 'fusion',
  subject: 'member',
  unit: 'ratio',
  suggestedRule: { kind: 'linear', floor: 0.5, target: 1 },
  counts: ['fusion_project', 'fusion_milestone'],
  compute: async (ctx, q) => {
    const today = todayOf(ctx);
    const judgedOf = (m: { dueOn: string; doneOn: string | null }) => milestoneJudged(m, today);
    const ids = q.subjects.map((s) => s.id);
    const rows =
      ids.length === 0
        ? []
        : await ctx.db
            .selectFrom('fusionMilestone as m')
            .innerJoin('fusionProject as p', (j) =>
              j.onRef('p.unitId', '=', 'm.unitId').onRef('p.id', '=', 'm.projectId'),
            )
            .select([
              'm.ownerMemberId',
              'm.projectId',
              'm.title',
              'm.dueOn',
              'm.doneOn',
              'p.title as projectTitle',
            ])
            .where('m.unitId', '=', q.unitId)
            .where('m.ownerMemberId', 'in', ids)
            .where('p.stage', '<>', 'terminated')
            .where('m.dueOn', '>=', q.from)
            .where('m.dueOn', '<=', q.to)
            .orderBy('m.dueOn')
            .execute();
    const byMember = bySubject(rows, (r) => [r.ownerMemberId]);
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const ms = byMember.get(s.id) ?? [];
      const judged = ms.filter(judgedOf);
      const onTime = judged.filter((m) => m.doneOn !== null && m.doneOn <= m.dueOn).length;
      out.set(s.id, {
        value: share(onTime, judged.length),
        detail:
          judged.length > 0
            ? `本人负责的节点到期 ${judged.length} 个，按期完成 ${onTime} 个`
            : '本期没有本人负责的到期项目节点',
        basis: q.withBasis ? milestoneBasis(ms, today) : [],
      });
    }
    return out;
  },
};

export const FUSION_MEMBER_MEASURES: Measure[] = [memberMilestonesOnTime];
