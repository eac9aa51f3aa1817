// What the branch module contributes to the assessment's catalogue of measures (issue 12 point 2): 学用融 — the study
// sessions held, each of which names the business problem it was applied to (the record requires it). Entered once in
// the record; counted here, never typed again. (Whether meetings were held when due is counted by the responsibility
// module's obligations; how much Party work is tied to business, by the fusion module's linked records.)
import { type Measure, type MeasureValue, subjectOrgs } from '../assessment/index.ts';
import { BRANCH_MEMBER_MEASURES } from './branch.member-measures.ts';

const studyApplied: Measure = {
  key: 'branch.study_applied',
  module: 'branch',
  label: '学用融合次数',
  description: '本期召开的、写明学习成果运用于哪项业务工作的学习次数（学用融）',
  domain: 'fusion',
  subject: 'org',
  unit: 'count',
  suggestedRule: {
    kind: 'thresholds',
    direction: 'higher',
    steps: [
      { at: 1, score: 60 },
      { at: 2, score: 80 },
      { at: 4, score: 100 },
    ],
  },
  counts: ['branch_record'],
  recordKinds: ['study'],
  compute: async (ctx, q) => {
    const orgOf = await subjectOrgs(ctx, q);
    const rows =
      orgOf.size === 0
        ? []
        : await ctx.db
            .selectFrom('branchRecord')
            .select(['id', 'partyOrgId', 'topic', 'heldOn', 'appliedTo'])
            .where('unitId', '=', q.unitId)
            .where('partyOrgId', 'in', [...orgOf.keys()])
            .where('kind', '=', 'study')
            .where('status', '=', 'held')
            .where('heldOn', '>=', q.from)
            .where('heldOn', '<=', q.to)
            .orderBy('heldOn')
            .execute();
    const applied = (r: { appliedTo: string | null }) => !!r.appliedTo?.trim();
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const rs = rows.filter((r) => orgOf.get(r.partyOrgId) === s.id);
      const n = rs.filter(applied).length;
      out.set(s.id, {
        value: n,
        detail: n > 0 ? `学习并运用于业务 ${n} 次` : '本期没有写明运用于业务的学习',
        basis: q.withBasis
          ? rs.map((r) => ({
              kind: 'branch.study',
              kindLabel: '学习记录',
              id: r.id,
              title: r.topic,
              date: r.heldOn as string,
              state: applied(r) ? `运用于：${r.appliedTo}` : '未写明运用',
              counted: applied(r),
              href: `/branch/records/${r.id}`,
            }))
          : [],
      });
    }
    return out;
  },
};

export const BRANCH_MEASURES: Measure[] = [studyApplied, ...BRANCH_MEMBER_MEASURES];
