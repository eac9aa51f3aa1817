// What the fusion module contributes to the assessment's catalogue of measures (issue 12 point 2): projects'
// milestones kept on time, their business KPIs met at measurement, projects accepted, and the branch brand's
// standing. A project counts for every Party organisation it counts for elsewhere: the lead, the joint holders (of
// this organ or, kept with the guest, of another) and the branches of its team members.
import { BRAND_STATUS_LABELS, type BrandStatus } from '#contracts/fusion-brand';
import { type Ctx, todayOf } from '../../core/context.ts';
import {
  type Measure,
  type MeasureQuery,
  type MeasureValue,
  share,
  subjectOrgs,
} from '../assessment/index.ts';
import { recordsLinked } from './fusion.measures-linked.ts';
import { FUSION_MEMBER_MEASURES } from './fusion.member-measures.ts';
import { milestoneBasis, milestoneJudged } from './fusion.milestone-basis.ts';

type Holding = { hostUnitId: string; projectId: string; subjectId: string };

/** The projects each subject counts for, with the organ that keeps each (its own, or another's when a guest). */
async function holdings(ctx: Ctx, q: MeasureQuery): Promise<Holding[]> {
  const orgOf = await subjectOrgs(ctx, q);
  const orgIds = [...orgOf.keys()];
  if (orgIds.length === 0) return [];
  const [led, joint, team, guest] = await Promise.all([
    ctx.db
      .selectFrom('fusionProject')
      .select(['id as projectId', 'leadOrgId as orgId'])
      .where('unitId', '=', q.unitId)
      .where('leadOrgId', 'in', orgIds)
      .execute(),
    ctx.db
      .selectFrom('fusionProjectParty')
      .select(['projectId', 'partyOrgId as orgId'])
      .where('unitId', '=', q.unitId)
      .where('partyOrgId', 'in', orgIds)
      .execute(),
    ctx.db
      .selectFrom('fusionProjectMember')
      .select(['projectId', 'partyOrgId as orgId'])
      .where('unitId', '=', q.unitId)
      .where('partyOrgId', 'in', orgIds)
      .execute(),
    ctx.db
      .selectFrom('fusionProjectGuest')
      .select(['projectId', 'partyOrgId as orgId', 'hostUnitId'])
      .where('unitId', '=', q.unitId)
      .where('partyOrgId', 'in', orgIds)
      .execute(),
  ]);
  const seen = new Set<string>();
  const out: Holding[] = [];
  for (const r of [...[...led, ...joint, ...team].map((x) => ({ ...x, hostUnitId: q.unitId })), ...guest]) {
    const subjectId = orgOf.get(r.orgId);
    const key = `${subjectId}|${r.hostUnitId}|${r.projectId}`;
    if (!subjectId || seen.has(key)) continue;
    seen.add(key);
    out.push({ hostUnitId: r.hostUnitId, projectId: r.projectId, subjectId });
  }
  return out;
}

/** Rows of a project part, read organ by organ (a guest's projects live with their host). */
async function perHost<T extends { projectId: string }>(
  hs: readonly Holding[],
  read: (hostUnitId: string, projectIds: string[]) => Promise<T[]>,
): Promise<Map<string, T[]>> {
  const byHost = new Map<string, Set<string>>();
  for (const h of hs) byHost.set(h.hostUnitId, (byHost.get(h.hostUnitId) ?? new Set()).add(h.projectId));
  const rows: T[] = [];
  for (const [host, ids] of byHost) rows.push(...(await read(host, [...ids])));
  const bySubject = new Map<string, T[]>();
  for (const h of hs)
    for (const r of rows)
      if (r.projectId === h.projectId) bySubject.set(h.subjectId, [...(bySubject.get(h.subjectId) ?? []), r]);
  return bySubject;
}

const milestonesOnTime: Measure = {
  key: 'fusion.milestones_on_time',
  module: 'fusion',
  label: '融合项目节点按期完成率',
  description:
    '本组织牵头、联建或派员参加的融合项目（终止的除外），本期内到期的里程碑中按期完成的比例（尚未到期且未完成的不计）',
  domain: 'fusion',
  subject: 'org',
  unit: 'ratio',
  suggestedRule: { kind: 'linear', floor: 0.5, target: 1 },
  counts: ['fusion_project', 'fusion_milestone'],
  compute: async (ctx, q) => {
    const today = todayOf(ctx);
    const judgedOf = (m: { dueOn: string; doneOn: string | null }) => milestoneJudged(m, today);
    const bySubject = await perHost(await holdings(ctx, q), (host, ids) =>
      ctx.db
        .selectFrom('fusionMilestone as m')
        .innerJoin('fusionProject as p', (j) =>
          j.onRef('p.unitId', '=', 'm.unitId').onRef('p.id', '=', 'm.projectId'),
        )
        .select(['m.projectId', 'm.title', 'm.dueOn', 'm.doneOn', 'p.title as projectTitle'])
        .where('m.unitId', '=', host)
        .where('m.projectId', 'in', ids)
        .where('p.stage', '<>', 'terminated')
        .where('m.dueOn', '>=', q.from)
        .where('m.dueOn', '<=', q.to)
        .orderBy('m.dueOn')
        .execute(),
    );
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const ms = bySubject.get(s.id) ?? [];
      const judged = ms.filter(judgedOf);
      const onTime = judged.filter((m) => m.doneOn !== null && m.doneOn <= m.dueOn).length;
      out.set(s.id, {
        value: share(onTime, judged.length),
        detail:
          judged.length > 0
            ? `到期节点 ${judged.length} 个，按期完成 ${onTime} 个`
            : '本期没有到期的融合项目节点',
        basis: q.withBasis ? milestoneBasis(ms, today) : [],
      });
    }
    return out;
  },
};

const kpisMet: Measure = {
  key: 'fusion.kpis_met',
  module: 'fusion',
  label: '融合项目业务指标达标率',
  description: '本组织参与的融合项目（终止的除外）中，本期测得结果的业务指标（KPI）按方向达到目标的比例',
  domain: 'business',
  subject: 'org',
  unit: 'ratio',
  suggestedRule: { kind: 'linear', floor: 0.3, target: 1 },
  counts: ['fusion_project', 'fusion_kpi'],
  compute: async (ctx, q) => {
    const bySubject = await perHost(await holdings(ctx, q), (host, ids) =>
      ctx.db
        .selectFrom('fusionKpi as k')
        .innerJoin('fusionProject as p', (j) =>
          j.onRef('p.unitId', '=', 'k.unitId').onRef('p.id', '=', 'k.projectId'),
        )
        .select([
          'k.projectId',
          'k.name',
          'k.direction',
          'k.baseline',
          'k.target',
          'k.result',
          'k.measuredOn',
          'k.measureUnit',
          'p.title as projectTitle',
        ])
        .where('k.unitId', '=', host)
        .where('k.projectId', 'in', ids)
        .where('p.stage', '<>', 'terminated')
        .where('k.result', 'is not', null)
        .where('k.measuredOn', '>=', q.from)
        .where('k.measuredOn', '<=', q.to)
        .orderBy('k.measuredOn')
        .execute(),
    );
    const met = (k: { direction: string; target: number; result: number | null }) =>
      k.result !== null && (k.direction === 'increase' ? k.result >= k.target : k.result <= k.target);
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const ks = bySubject.get(s.id) ?? [];
      const n = ks.filter(met).length;
      out.set(s.id, {
        value: share(n, ks.length),
        detail: ks.length > 0 ? `本期测得 ${ks.length} 项指标，达标 ${n} 项` : '本期没有测得结果的业务指标',
        basis: q.withBasis
          ? ks.map((k) => ({
              kind: 'fusion.kpi',
              kindLabel: '项目业务指标',
              id: k.projectId,
              title: `${k.projectTitle}：${k.name} 由 ${k.baseline} 到 ${k.result}${k.measureUnit ?? ''}（目标 ${k.target}）`,
              date: k.measuredOn,
              state: met(k) ? '达标' : '未达标',
              counted: true,
              href: `/fusion/projects/${k.projectId}`,
            }))
          : [],
      });
    }
    return out;
  },
};

const projectsAccepted: Measure = {
  key: 'fusion.projects_accepted',
  module: 'fusion',
  label: '牵头融合项目通过验收数',
  description: '本组织牵头的融合项目本期通过验收的个数，用于加分',
  domain: 'fusion',
  subject: 'org',
  unit: 'count',
  suggestedRule: { kind: 'bonus', per: 1, cap: 3 },
  counts: ['fusion_project'],
  compute: async (ctx, q) => {
    const orgOf = await subjectOrgs(ctx, q);
    const rows =
      orgOf.size === 0
        ? []
        : await ctx.db
            .selectFrom('fusionProject')
            .select(['id', 'title', 'leadOrgId', 'acceptedOn'])
            .where('unitId', '=', q.unitId)
            .where('leadOrgId', 'in', [...orgOf.keys()])
            .where('stage', '=', 'accepted')
            .where('acceptedOn', '>=', q.from)
            .where('acceptedOn', '<=', q.to)
            .orderBy('acceptedOn')
            .execute();
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const ps = rows.filter((r) => orgOf.get(r.leadOrgId) === s.id);
      out.set(s.id, {
        value: ps.length,
        detail: ps.length > 0 ? `本期牵头项目通过验收 ${ps.length} 个` : '本期没有牵头项目通过验收',
        basis: q.withBasis
          ? ps.map((p) => ({
              kind: 'fusion.project',
              kindLabel: '融合项目',
              id: p.id,
              title: p.title,
              date: p.acceptedOn,
              state: '已验收',
              counted: true,
              href: `/fusion/projects/${p.id}`,
            }))
          : [],
      });
    }
    return out;
  },
};

/** A brand's standing as a score: the latest review up to the period's end. */
const BRAND_SCORES: Record<BrandStatus, number> = {
  exemplary: 100,
  qualified: 85,
  cultivating: 60,
  rectifying: 40,
};

const brandStanding: Measure = {
  key: 'fusion.brand_standing',
  module: 'fusion',
  label: '支部品牌创建等次',
  description:
    '本组织支部品牌截至期末最近一次年度评定的等次：示范 100 分，达标 85 分，培育 60 分，整改 40 分',
  domain: 'party',
  subject: 'org',
  unit: 'score',
  suggestedRule: { kind: 'direct' },
  counts: ['brand_review'],
  compute: async (ctx, q) => {
    const orgOf = await subjectOrgs(ctx, q);
    const rows =
      orgOf.size === 0
        ? []
        : await ctx.db
            .selectFrom('brandReview as r')
            .innerJoin('brand as b', (j) =>
              j.onRef('b.unitId', '=', 'r.unitId').onRef('b.id', '=', 'r.brandId'),
            )
            .select([
              'b.id as brandId',
              'b.name',
              'b.partyOrgId',
              'r.status',
              'r.reviewedOn',
              'r.total',
              'r.createdAt',
            ])
            .where('r.unitId', '=', q.unitId)
            .where('b.partyOrgId', 'in', [...orgOf.keys()])
            .where('r.reviewedOn', '<=', q.to)
            .orderBy('r.reviewedOn', 'desc')
            .orderBy('r.createdAt', 'desc')
            .execute();
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      // The latest review of each of the subject's brands (an organ's subtree holds many).
      const latest = new Map<string, (typeof rows)[number]>();
      for (const r of rows)
        if (orgOf.get(r.partyOrgId) === s.id && !latest.has(r.brandId)) latest.set(r.brandId, r);
      const reviews = [...latest.values()];
      const scores = reviews.map((r) => BRAND_SCORES[r.status as BrandStatus] ?? 0);
      out.set(s.id, {
        value: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
        detail: reviews.length
          ? reviews
              .map((r) => `“${r.name}”${BRAND_STATUS_LABELS[r.status as BrandStatus]?.zh ?? r.status}`)
              .join('，')
          : '尚未评定支部品牌',
        basis: q.withBasis
          ? reviews.map((r) => ({
              kind: 'fusion.brand_review',
              kindLabel: '品牌年度评定',
              id: r.brandId,
              title: `${r.name}（评定 ${r.total} 分）`,
              date: r.reviewedOn,
              state: BRAND_STATUS_LABELS[r.status as BrandStatus]?.zh ?? r.status,
              counted: true,
              href: `/fusion/brands/${r.brandId}`,
            }))
          : [],
      });
    }
    return out;
  },
};

export const FUSION_MEASURES: Measure[] = [
  milestonesOnTime,
  kpisMet,
  projectsAccepted,
  brandStanding,
  recordsLinked,
  ...FUSION_MEMBER_MEASURES,
];
