// What the fusion module contributes to the member's 述评 dossier (issue 12 point 4; listed in registrations.ts): the
// projects the member owned or served on during the half-year with their role and stage, the milestones they own
// that fell due in it and whether each was done on time, and the KPI results of their projects measured in it.
import type { ReviewLine } from '#contracts/assessment-review';
import {
  PROJECT_STAGE_LABELS,
  type ProjectStage,
  TEAM_ROLE_LABELS,
  type TeamRole,
} from '#contracts/fusion-project';
import { todayOf } from '../../core/context.ts';
import type { ReviewSectionDef } from '../assessment/index.ts';

const page = (id: string) => `/fusion/projects/${id}`;
const num = (n: number) => String(Number(n.toFixed(2)));

const projects: ReviewSectionDef = {
  key: 'fusion.projects',
  module: 'fusion',
  title: '融合项目',
  order: 60,
  empty: '本半年度未参与融合项目',
  assemble: async (ctx, q) => {
    const out = new Map<string, ReviewLine[]>();
    if (q.memberIds.length === 0) return out;
    const ids = [...q.memberIds];
    const today = todayOf(ctx);
    // A project counts for the half-year when it was under way in it: not closed before it began.
    const [owned, served, milestones] = await Promise.all([
      ctx.db
        .selectFrom('fusionProject')
        .select(['id', 'title', 'stage', 'ownerMemberId as memberId'])
        .where('unitId', '=', q.unitId)
        .where('ownerMemberId', 'in', ids)
        .where((w) => w.or([w('acceptedOn', 'is', null), w('acceptedOn', '>=', q.from)]))
        .where((w) => w.or([w('terminatedOn', 'is', null), w('terminatedOn', '>=', q.from)]))
        .where((w) => w.or([w('startsOn', 'is', null), w('startsOn', '<=', q.to)]))
        .execute(),
      ctx.db
        .selectFrom('fusionProjectMember as t')
        .innerJoin('fusionProject as p', (j) =>
          j.onRef('p.unitId', '=', 't.unitId').onRef('p.id', '=', 't.projectId'),
        )
        .select(['p.id', 'p.title', 'p.stage', 't.memberId', 't.role'])
        .where('t.unitId', '=', q.unitId)
        .where('t.memberId', 'in', ids)
        .where((w) => w.or([w('p.acceptedOn', 'is', null), w('p.acceptedOn', '>=', q.from)]))
        .where((w) => w.or([w('p.terminatedOn', 'is', null), w('p.terminatedOn', '>=', q.from)]))
        .where((w) => w.or([w('p.startsOn', 'is', null), w('p.startsOn', '<=', q.to)]))
        .execute(),
      ctx.db
        .selectFrom('fusionMilestone')
        .select(['projectId', 'ownerMemberId', 'title', 'dueOn', 'doneOn'])
        .where('unitId', '=', q.unitId)
        .where('ownerMemberId', 'in', ids)
        .where('dueOn', '>=', q.from)
        .where('dueOn', '<=', q.to)
        .orderBy('dueOn')
        .execute(),
    ]);
    const projectsOf = new Map<
      string,
      Map<string, { id: string; title: string; stage: string; role: string }>
    >();
    const add = (memberId: string, p: { id: string; title: string; stage: string }, role: string) => {
      const mine = projectsOf.get(memberId) ?? new Map();
      if (!mine.has(p.id)) mine.set(p.id, { ...p, role });
      projectsOf.set(memberId, mine);
    };
    for (const p of owned) add(p.memberId, p, '项目负责人');
    for (const p of served) add(p.memberId, p, TEAM_ROLE_LABELS[p.role as TeamRole]?.zh ?? p.role);
    const projectIds = [...new Set([...projectsOf.values()].flatMap((m) => [...m.keys()]))];
    const kpis =
      projectIds.length === 0
        ? []
        : await ctx.db
            .selectFrom('fusionKpi')
            .select(['projectId', 'name', 'measureUnit', 'direction', 'target', 'result', 'measuredOn'])
            .where('unitId', '=', q.unitId)
            .where('projectId', 'in', projectIds)
            .where('result', 'is not', null)
            .where('measuredOn', '>=', q.from)
            .where('measuredOn', '<=', q.to)
            .orderBy('name')
            .execute();
    for (const id of ids) {
      const lines: ReviewLine[] = [];
      const mine = [...(projectsOf.get(id)?.values() ?? [])].sort((a, b) => a.title.localeCompare(b.title));
      for (const p of mine) {
        lines.push({
          text: `${p.title}（${p.role}，${PROJECT_STAGE_LABELS[p.stage as ProjectStage]?.zh ?? p.stage}）`,
          value: null,
          href: page(p.id),
        });
        for (const k of kpis.filter((x) => x.projectId === p.id)) {
          const result = k.result as number;
          const met = k.direction === 'increase' ? result >= k.target : result <= k.target;
          const unit = k.measureUnit ?? '';
          lines.push({
            text: `　指标“${k.name}”：${num(result)}${unit}，目标 ${num(k.target)}${unit}（${met ? '已达成' : '未达成'}）`,
            value: result,
            href: page(p.id),
          });
        }
      }
      const due = milestones.filter((m) => m.ownerMemberId === id);
      if (due.length > 0) {
        const judged = due.filter((m) => m.doneOn !== null || m.dueOn < today);
        const onTime = judged.filter((m) => m.doneOn !== null && m.doneOn <= m.dueOn).length;
        lines.push({
          text: `负责的项目节点到期 ${judged.length} 个，按期完成 ${onTime} 个`,
          value: onTime,
          href: null,
        });
        for (const m of due) {
          const state =
            m.doneOn === null
              ? m.dueOn < today
                ? '到期未完成'
                : '未到期'
              : m.doneOn <= m.dueOn
                ? '按期完成'
                : `逾期完成（${m.doneOn}）`;
          lines.push({ text: `　${m.dueOn} ${m.title}：${state}`, value: null, href: page(m.projectId) });
        }
      }
      if (lines.length > 0) out.set(id, lines);
    }
    return out;
  },
};

export const FUSION_REVIEW_SECTIONS: ReviewSectionDef[] = [projects];
