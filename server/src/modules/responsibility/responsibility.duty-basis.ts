// Duties done on time, as the measures read them (issue 12): the organisation's (responsibility.measures.ts) and a
// member's own (responsibility.member-measures.ts) judge and explain a period the same way.
import type { Basis } from '#contracts/assessment';

/** A duty's period as the measures of duties on time read it. */
export type DutyPeriod = {
  listId: string;
  title: string;
  periodKey: string;
  dueOn: string;
  doneOn: string | null;
  status: string;
};

/** The periods judged — done, or due and past (never an exempt one) — and how many were done by their due day. */
export function dutiesJudged<T extends DutyPeriod>(rows: readonly T[], today: string) {
  const judged = rows.filter((r) => r.status !== 'exempt' && (r.status === 'done' || r.dueOn < today));
  const onTime = judged.filter((r) => r.status === 'done' && (r.doneOn ?? '') <= r.dueOn).length;
  return { judged, onTime };
}

/** The drill-down's rows: each period, how it stands, whether it counted, and the list that holds it. */
export function dutyBasis<T extends DutyPeriod>(
  rows: readonly T[],
  judged: readonly T[],
  today: string,
): Basis[] {
  return rows.map((r) => ({
    kind: 'responsibility.duty',
    kindLabel: '责任清单任务',
    id: null,
    title: `${r.title}（${r.periodKey}）`,
    date: r.dueOn,
    state:
      r.status === 'exempt'
        ? '免于完成'
        : r.status === 'done'
          ? (r.doneOn ?? '') <= r.dueOn
            ? '按期完成'
            : `逾期完成（${r.doneOn}）`
          : r.dueOn < today
            ? '到期未完成'
            : '未到期',
    counted: judged.includes(r),
    href: `/responsibility/lists/${r.listId}`,
  }));
}
