// What the responsibility module contributes to the member's 述评 dossier (issue 12 point 4; listed in
// registrations.ts): for a member who holds a responsibility list (a branch secretary, a 班子成员 under 一岗双责), the
// duties of their lists that fell due in the half-year and how many were done on time, and their latest 述职评议
// result (`appraisalResults`). A member who holds no list gets nothing here, and the dossier says so.
import type { ReviewLine } from '#contracts/assessment-review';
import { GRADE_LABELS, type Grade } from '#contracts/handover';
import { todayOf } from '../../core/context.ts';
import type { ReviewSectionDef } from '../assessment/index.ts';
import { appraisalResults } from './responsibility.appraisal.ts';

const listPage = (id: string) => `/responsibility/lists/${id}`;

const duties: ReviewSectionDef = {
  key: 'responsibility.duties',
  module: 'responsibility',
  title: '履职尽责与述职评议',
  order: 50,
  empty: '未承担责任清单（非书记、班子成员）',
  assemble: async (ctx, q) => {
    const out = new Map<string, ReviewLine[]>();
    if (q.memberIds.length === 0) return out;
    const year = Number(q.from.slice(0, 4));
    const today = todayOf(ctx);
    const [lists, periods, thisYear, lastYear] = await Promise.all([
      ctx.db
        .selectFrom('responsibilityList')
        .select(['id', 'title', 'holderMemberId'])
        .where('unitId', '=', q.unitId)
        .where('year', '=', year)
        .where('holderMemberId', 'in', [...q.memberIds])
        .orderBy('title')
        .execute(),
      ctx.db
        .selectFrom('responsibilityPeriod as p')
        .innerJoin('responsibilityItem as i', (j) =>
          j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
        )
        .innerJoin('responsibilityList as l', (j) =>
          j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
        )
        .select(['l.id as listId', 'p.status', 'p.dueOn', 'p.doneOn'])
        .where('p.unitId', '=', q.unitId)
        .where('l.year', '=', year)
        .where('l.holderMemberId', 'in', [...q.memberIds])
        .where('p.dueOn', '>=', q.from)
        .where('p.dueOn', '<=', q.to)
        .execute(),
      appraisalResults(ctx, q.unitId, year),
      appraisalResults(ctx, q.unitId, year - 1),
    ]);
    for (const l of lists) {
      const holder = l.holderMemberId as string;
      const mine = periods.filter((p) => p.listId === l.id);
      const judged = mine.filter((p) => p.status !== 'exempt' && (p.status === 'done' || p.dueOn < today));
      const onTime = judged.filter((p) => p.status === 'done' && (p.doneOn ?? '') <= p.dueOn).length;
      const exempt = mine.filter((p) => p.status === 'exempt').length;
      out.set(holder, [
        ...(out.get(holder) ?? []),
        {
          text: `${l.title}：本半年度到期 ${judged.length} 项次，按期完成 ${onTime} 项次${exempt ? `，免于完成 ${exempt} 项次` : ''}`,
          value: onTime,
          href: listPage(l.id),
        },
      ]);
    }
    // The latest 述职评议 with a final grade: this year's once appraised, otherwise last year's.
    const seen = new Set<string>();
    for (const [y, results] of [
      [year, thisYear],
      [year - 1, lastYear],
    ] as const) {
      for (const r of results) {
        if (seen.has(r.authorMemberId) || !q.memberIds.includes(r.authorMemberId) || !r.result?.grade)
          continue;
        seen.add(r.authorMemberId);
        out.set(r.authorMemberId, [
          ...(out.get(r.authorMemberId) ?? []),
          {
            text: `${y} 年度述职评议：${GRADE_LABELS[r.result.grade as Grade].zh}（好 ${r.result.good}、较好 ${r.result.fair}、一般 ${r.result.average}、差 ${r.result.poor}）`,
            value: null,
            href: listPage(r.listId),
          },
        ]);
      }
    }
    return out;
  },
};

export const RESPONSIBILITY_REVIEW_SECTIONS: ReviewSectionDef[] = [duties];
