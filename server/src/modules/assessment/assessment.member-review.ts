// The member cycle's result in the 述评 dossier (issue 12 point 4): the half-year's member cycles that scored the
// member — their total, their place within their branch and their grade — as one line each, through the dossier's
// seam (MEMBER_RESULT_SECTION). One ranking per cycle for all the members of the dossier at once.
import type { ReviewLine } from '#contracts/assessment-review';
import { selectCycles } from './assessment.cycles.ts';
import { standingsOf } from './assessment.results.ts';
import { MEMBER_RESULT_SECTION, type ReviewSectionDef } from './assessment.review-sections.ts';

const score = (n: number | null) => (n === null ? '—' : n.toFixed(2));

export const memberResultSection: ReviewSectionDef = {
  key: MEMBER_RESULT_SECTION,
  module: 'assessment',
  title: '履职述评得分',
  order: 15,
  empty: '本半年度尚未计算党员履职述评得分',
  assemble: async (ctx, q) => {
    const out = new Map<string, ReviewLine[]>();
    if (q.memberIds.length === 0) return out;
    const cycles = await selectCycles(ctx)
      .where('c.ownerUnitId', '=', q.unitId)
      .where('c.level', '=', 'member')
      .where('c.periodKind', '=', 'half')
      .where('c.periodKey', '=', q.halfYear)
      .where('c.computedAt', 'is not', null)
      .orderBy('c.name')
      .execute();
    for (const c of cycles) {
      const rows = await standingsOf(ctx, c, q.memberIds);
      for (const [memberId, r] of rows) {
        const place =
          r.rank !== null
            ? `支部内第 ${r.rank} 名 / 共 ${r.outOf} 人${r.tiedWith.length > 0 ? '（并列）' : ''}`
            : '数据不足，未排名';
        const total = r.band ? `${score(r.band.low)}–${score(r.band.high)}` : score(r.total);
        const line: ReviewLine = {
          text: `${c.name}：总分 ${total}（党建 ${score(r.party)}、业务 ${score(r.business)}），${place}${r.grade ? `，等次“${r.grade.label}”` : ''}${c.status === 'open' ? '（考核未结束，暂定）' : ''}`,
          value: r.band ? null : r.total,
          href: `/assessment/cycles/${c.id}/results/${memberId}`,
        };
        out.set(memberId, [...(out.get(memberId) ?? []), line]);
      }
    }
    return out;
  },
};
