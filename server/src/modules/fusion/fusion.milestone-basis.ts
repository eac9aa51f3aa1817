// Milestones on time, as the measures read them (issue 12): the organisations' (fusion.measures.ts) and a member's own
// (fusion.member-measures.ts) judge and explain a milestone the same way.
import type { Basis } from '#contracts/assessment';

/** A milestone as the measures of milestones on time read it. */
export type MilestoneDue = {
  projectId: string;
  projectTitle: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
};

/** Judged once done, or once its day is over (a milestone due today is not late yet), as duties are. */
export const milestoneJudged = (m: { dueOn: string; doneOn: string | null }, today: string) =>
  m.doneOn !== null || m.dueOn < today;

/** The drill-down's rows: each milestone, how it stands, whether it counted, and its project. */
export function milestoneBasis(ms: readonly MilestoneDue[], today: string): Basis[] {
  return ms.map((m) => ({
    kind: 'fusion.milestone',
    kindLabel: '项目里程碑',
    id: m.projectId,
    title: `${m.projectTitle}：${m.title}`,
    date: m.dueOn,
    state:
      m.doneOn === null
        ? m.dueOn < today
          ? '到期未完成'
          : '未到期'
        : m.doneOn <= m.dueOn
          ? '按期完成'
          : `逾期完成（${m.doneOn}）`,
    counted: milestoneJudged(m, today),
    href: `/fusion/projects/${m.projectId}`,
  }));
}
