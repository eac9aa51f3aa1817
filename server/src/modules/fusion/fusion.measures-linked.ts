// The fusion measure of how much Party work is tied to business (issue 12 point 2), beside fusion.measures.ts: the
// records the branch module keeps, read through its door, and the links to projects this module keeps.
import { type Measure, type MeasureValue, share, subjectOrgs } from '../assessment/index.ts';
import { recordsOfOrgs } from '../branch/index.ts';

/**
 * How much of the Party work is tied to the business: of the records the subject held (as host or jointly; talks
 * never count), the share linked to a fusion project as its activity.
 */
export const recordsLinked: Measure = {
  key: 'fusion.records_linked',
  module: 'fusion',
  label: '党建活动与业务挂钩率',
  description: '本组织本期召开的支部工作记录（谈心谈话除外）中，作为融合项目活动关联的比例',
  domain: 'fusion',
  subject: 'org',
  unit: 'ratio',
  suggestedRule: { kind: 'linear', floor: 0.1, target: 0.5 },
  counts: ['branch_record', 'fusion_project'],
  compute: async (ctx, q) => {
    const orgOf = await subjectOrgs(ctx, q);
    const records = await recordsOfOrgs(ctx, {
      unitId: q.unitId,
      orgIds: [...orgOf.keys()],
      from: q.from,
      to: q.to,
      limit: 1_000_000,
    });
    const links =
      records.length === 0
        ? []
        : await ctx.db
            .selectFrom('fusionProjectRecord as l')
            .innerJoin('fusionProject as p', (j) =>
              j.onRef('p.unitId', '=', 'l.unitId').onRef('p.id', '=', 'l.projectId'),
            )
            .select(['l.recordId', 'p.id', 'p.title'])
            .where('l.unitId', '=', q.unitId)
            .where(
              'l.recordId',
              'in',
              records.map((r) => r.id),
            )
            .execute();
    const projectOf = new Map(links.map((l) => [l.recordId, l]));
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const mine = records.filter((r) => r.heldBy.some((o) => orgOf.get(o) === s.id));
      const linked = mine.filter((r) => projectOf.has(r.id)).length;
      out.set(s.id, {
        value: share(linked, mine.length),
        detail:
          mine.length > 0 ? `召开 ${mine.length} 次，关联融合项目 ${linked} 次` : '本期没有支部工作记录',
        basis: q.withBasis
          ? mine.map((r) => {
              const p = projectOf.get(r.id);
              return {
                kind: `branch.${r.kind}`,
                kindLabel: '支部工作记录',
                id: r.id,
                title: r.topic,
                date: r.date,
                state: p ? `关联项目：${p.title}` : '未关联项目',
                counted: true,
                href: `/branch/records/${r.id}`,
              };
            })
          : [],
      });
    }
    return out;
  },
};
