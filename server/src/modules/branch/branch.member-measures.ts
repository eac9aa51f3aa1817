// What the branch module contributes to member cycles (issue 12 point 4): the grade a member was given in the branch's
// 民主评议党员, as the branch recorded it — entered once in the appraisal record, never typed again. The appraisal is
// held once a year, so a cycle reads the latest one of the twelve months up to its end (a half-year reads the
// spring appraisal). An appraisal record edited before a cycle's first day is caught by the nightly full compute,
// not the incremental one, which rescoring by the day of the record cannot reach.
import { bySubject, type Measure, type MeasureValue } from '../assessment/index.ts';

/** The grade as a score: 优秀 100, 合格 85, 基本合格 60, 不合格 0. */

const SCORES: Record<string, { score: number; label: string }> = {
  excellent: { score: 100, label: '优秀' },
  qualified: { score: 85, label: '合格' },
  basically_qualified: { score: 60, label: '基本合格' },
  unqualified: { score: 0, label: '不合格' },
};

/** The day a year before `to`, plus one: the first day of the twelve months that end on `to`. */
function yearBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const appraisalGrade: Measure = {
  key: 'branch.member_appraisal_grade',
  module: 'branch',
  label: '民主评议党员等次',
  description:
    '截至本期末一年内最近一次民主评议党员中本人的等次，折算为分数：优秀 100、合格 85、基本合格 60、不合格 0；未参加评议的不计',
  domain: 'party',
  subject: 'member',
  unit: 'score',
  suggestedRule: { kind: 'direct' },
  counts: ['branch_record'],
  recordKinds: ['member_appraisal'],
  compute: async (ctx, q) => {
    const ids = q.subjects.map((s) => s.id);
    const rows =
      ids.length === 0
        ? []
        : await ctx.db
            .selectFrom('memberGrade as g')
            .innerJoin('branchRecord as r', (j) =>
              j.onRef('r.unitId', '=', 'g.unitId').onRef('r.id', '=', 'g.recordId'),
            )
            .select(['g.memberId', 'g.grade', 'r.id', 'r.topic', 'r.heldOn'])
            .where('g.unitId', '=', q.unitId)
            .where('g.memberId', 'in', ids)
            .where('r.kind', '=', 'member_appraisal')
            .where('r.status', '=', 'held')
            .where('r.heldOn', '>=', yearBefore(q.to))
            .where('r.heldOn', '<=', q.to)
            .orderBy('r.heldOn', 'desc')
            .orderBy('r.id')
            .execute();
    const byMember = bySubject(rows, (r) => [r.memberId]);
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const mine = byMember.get(s.id) ?? [];
      const latest = mine[0];
      const g = latest ? SCORES[latest.grade] : undefined;
      out.set(s.id, {
        value: g ? g.score : null,
        detail: g && latest ? `${latest.heldOn} 民主评议为“${g.label}”` : '近一年没有参加民主评议党员的记录',
        basis: q.withBasis
          ? mine.map((r, i) => ({
              kind: 'branch.member_appraisal',
              kindLabel: '民主评议党员',
              id: r.id,
              title: r.topic,
              date: r.heldOn as string,
              state: SCORES[r.grade]?.label ?? r.grade,
              counted: i === 0,
              href: `/branch/records/${r.id}`,
            }))
          : [],
      });
    }
    return out;
  },
};

export const BRANCH_MEMBER_MEASURES: Measure[] = [appraisalGrade];
