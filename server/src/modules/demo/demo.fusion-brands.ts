// The demo organ's branch brands, typical cases, pairings and joint records (issue 11 point 9), pure: brands at every
// status — 示范 and 达标 with the six haves complete and backed by records, project outcomes and satisfaction results,
// 培育 still missing elements, 整改 with a deadline near and one already passed — cases written from accepted projects
// (published, one selected by the work committee, one waiting for review) and from the exemplary brand (a draft);
// pairings with the partner organisations (one renewed, one ended) and the theme days held with them.
import type { BrandElement, BrandStatus } from '#contracts/fusion-brand';
import type { BrandPlan, PlanBrand, PlanProject } from '../fusion/index.ts';
import { addDays, DemoRandom } from './demo.random.ts';

/** The earlier of two days (ISO dates compare as text). */
const earliest = (a: string, b: string) => (a < b ? a : b);
const STREAM = 0x0f05_2022;
type Held = { id: string; date: string; kind: string };

const BRAND_TEXTS = [
  {
    name: '国门先锋',
    concept: '把关服务两手硬，党建业务一起强',
    standards: '首问负责、限时办结、一次告知；通关咨询 2 小时内答复',
    measures: '设立党员先锋岗，每月一次业务攻坚主题党日，党员骨干结对新进人员',
    effect: '进口整体通关时间压缩，企业满意度连续两年提升',
    colour: '#c62828',
  },
  {
    name: '关心通',
    concept: '心系企业，关心民生',
    standards: '企业诉求 24 小时响应',
    measures: '“关企共建”走访，问题清单销号管理',
    effect: '帮助企业解决通关难题数十项',
    colour: '#1565c0',
  },
  {
    name: '质检尖兵',
    concept: '以质量守国门',
    standards: '检测报告按时出具率 100%',
    measures: '实验室党员攻关小组，技术比武',
    effect: '检测周期缩短，获评先进实验室',
    colour: '#2e7d32',
  },
  {
    name: '税韵清风',
    concept: '依法征税，清风护航',
    standards: '税费问题当日答复',
    measures: '税收政策进企业宣讲',
    effect: '',
    colour: null,
  },
  {
    name: '稽查利剑',
    concept: '精准稽查，寓服务于监管',
    standards: '',
    measures: '以案释法，数据选案',
    effect: '',
    colour: '#6a1b9a',
  },
  {
    name: 'e 路护航',
    concept: '数据多跑路，群众少跑腿',
    standards: '系统故障 1 小时内响应',
    measures: '“一表通”数据共享',
    effect: '基层报表大幅减少',
    colour: '#00838f',
  },
] as const;

/** The status each brand reaches, in the order branches are taken. */
const STATUSES: readonly (BrandStatus | 'overdue')[] = [
  'exemplary',
  'qualified',
  'rectifying',
  'cultivating',
  'overdue',
  'qualified',
];
const SCORES: Record<BrandStatus | 'overdue', Record<BrandElement, number>> = {
  exemplary: { name: 10, mark: 10, concept: 14, standards: 19, measures: 18, effect: 23 },
  qualified: { name: 9, mark: 8, concept: 12, standards: 16, measures: 16, effect: 20 },
  cultivating: { name: 8, mark: 0, concept: 10, standards: 12, measures: 12, effect: 10 },
  rectifying: { name: 8, mark: 5, concept: 8, standards: 10, measures: 10, effect: 12 },
  overdue: { name: 7, mark: 5, concept: 8, standards: 9, measures: 9, effect: 10 },
};

export type BrandDemoInput = {
  seed: number;
  today: string;
  officerName: string;
  /** Branches with a secretary, the leads of accepted projects first. */
  branchIds: readonly string[];
  /** Held records of an organisation (joint-capable kinds first are fine: filtered here). */
  recordsOf(orgId: string): readonly Held[];
  projects: readonly PlanProject[];
  /** Partner keys with the branch that offers their resource. */
  partners: readonly { key: string; name: string; branchId: string }[];
};

const JOINT_KINDS = new Set(['theme_day', 'party_lecture', 'study']);

export function demoBrandPlan(input: BrandDemoInput): BrandPlan {
  const rnd = new DemoRandom(input.seed, STREAM);
  const T = input.today;
  const year = Number(T.slice(0, 4));
  const brands: PlanBrand[] = [];
  input.branchIds.slice(0, STATUSES.length).forEach((orgId, i) => {
    const status = STATUSES[i] as BrandStatus | 'overdue';
    const text = BRAND_TEXTS[i] as (typeof BRAND_TEXTS)[number];
    const held = input.recordsOf(orgId).filter((r) => r.date <= T);
    const rec = (k: number) => held[k % Math.max(1, held.length)]?.id;
    const accepted = input.projects.find((p) => p.leadOrgId === orgId && p.stage === 'accepted');
    const complete = status === 'exemplary' || status === 'qualified';
    const evidence: PlanBrand['evidence'] = [];
    const addRecord = (element: PlanBrand['evidence'][number]['element'], k: number) => {
      const id = rec(k);
      // A branch with no record yet: its committee's minutes note stands in as a recorded result.
      evidence.push(
        id
          ? { element, kind: 'record', recordId: id }
          : { element, kind: 'satisfaction', note: '支部委员会会议纪要' },
      );
    };
    addRecord('name', 0);
    addRecord('concept', 1);
    if (complete) {
      evidence.push({
        element: 'standards',
        kind: 'satisfaction',
        note: `${year - 1}年度服务对象满意度 ${rnd.int(95, 99)}.${rnd.int(0, 9)}%`,
      });
      addRecord('measures', 2);
      evidence.push(
        accepted
          ? { element: 'effect', kind: 'project', projectKey: accepted.key }
          : {
              element: 'effect',
              kind: 'satisfaction',
              note: `${year}年上半年企业满意度 ${rnd.int(95, 99)}%`,
            },
      );
    }
    const reviewedOn = addDays(T, status === 'overdue' ? -70 : -rnd.int(25, 45));
    const outcome = status === 'overdue' ? 'rectifying' : status;
    brands.push({
      key: `B${i}`,
      partyOrgId: orgId,
      name: text.name,
      concept: text.concept,
      serviceStandards: text.standards || null,
      creationMeasures: text.measures || null,
      effect: text.effect || null,
      markColour: complete || status === 'rectifying' ? (text.colour ?? '#c62828') : text.colour,
      evidence,
      reviews:
        status === 'cultivating'
          ? []
          : [
              {
                year,
                scores: SCORES[status],
                status: outcome,
                comment:
                  outcome === 'exemplary'
                    ? '“六有”齐全，成效突出，评为示范品牌'
                    : outcome === 'qualified'
                      ? '“六有”齐全，评为达标品牌'
                      : '服务标准和成效佐证不足，限期整改后申请复评',
                rectifyBy: outcome === 'rectifying' ? addDays(T, status === 'overdue' ? -10 : 6) : null,
                reviewedOn,
                by: input.officerName,
              },
            ],
    });
  });

  const accepted = input.projects.filter((p) => p.stage === 'accepted');
  const caseOf = (p: PlanProject, status: 'draft' | 'submitted' | 'published', selected: boolean) => {
    const acceptedOn = p.steps.at(-1)?.on ?? T;
    const published = status === 'published' ? earliest(addDays(acceptedOn, 20), T) : null;
    const kpi = p.kpis[0];
    return {
      partyOrgId: p.leadOrgId,
      projectKey: p.key,
      brandKey: null,
      title: p.title,
      problem: p.goal,
      actions: [p.goal, ...p.milestones.map((m, i) => `${i + 1}. ${m.title}`)].join('\n'),
      result: [
        p.outcome ?? '',
        kpi
          ? `${kpi.name}：由 ${kpi.baseline} 到 ${kpi.result ?? '—'}${kpi.measureUnit ?? ''}（目标 ${kpi.target}${kpi.measureUnit ?? ''}）`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
      status,
      publishedOn: published,
      selectedOn: selected && published ? earliest(addDays(published, 10), T) : null,
    };
  };
  const cases: BrandPlan['cases'] = accepted.map((p, i) =>
    caseOf(p, i < 2 ? 'published' : 'submitted', i === 0),
  );
  const exemplary = brands.find((b) => b.reviews[0]?.status === 'exemplary');
  if (exemplary)
    cases.push({
      partyOrgId: exemplary.partyOrgId,
      projectKey: null,
      brandKey: exemplary.key,
      title: `“${exemplary.name}”品牌创建`,
      problem: exemplary.concept ?? exemplary.name,
      actions: exemplary.creationMeasures ?? '',
      result: exemplary.effect ?? '',
      status: 'draft',
      publishedOn: null,
      selectedOn: null,
    });

  const pairings: BrandPlan['pairings'] = [];
  const joint: BrandPlan['joint'] = [];
  input.partners.forEach((p, i) => {
    const startsOn = `${year - 1}-0${3 + i}-01`;
    const ended = i === input.partners.length - 1 && i > 1;
    const renewed = i === 0;
    const endsOn = renewed ? `${year + 1}-12-31` : `${year}-12-31`;
    const endedOn = ended ? addDays(T, -30) : null;
    pairings.push({
      partyOrgId: p.branchId,
      partnerKey: p.key,
      title: `与${p.name}结对共建`,
      agreement: '双方每季度联合开展一次主题党日，围绕服务企业和群众开展联学联建，年底共同总结。',
      startsOn,
      endsOn,
      endedOn,
      endReason: ended ? '对方单位机构调整，协议提前终止' : null,
      events: [
        {
          kind: 'created',
          on: startsOn,
          note: `${startsOn} 至 ${renewed ? `${year}-12-31` : endsOn}`,
          by: input.officerName,
        },
        ...(renewed
          ? [
              {
                kind: 'renewed' as const,
                on: addDays(T, -60),
                note: `续签至 ${endsOn}`,
                by: input.officerName,
              },
            ]
          : []),
        ...(ended
          ? [
              {
                kind: 'ended' as const,
                on: endedOn as string,
                note: '对方单位机构调整，协议提前终止',
                by: input.officerName,
              },
            ]
          : []),
      ],
    });
    const until = endedOn ?? T;
    const held = input
      .recordsOf(p.branchId)
      .filter((r) => JOINT_KINDS.has(r.kind) && r.date >= startsOn && r.date <= until);
    for (const r of held.slice(0, 2)) joint.push({ recordId: r.id, jointOrgIds: [], partnerKeys: [p.key] });
  });
  // Projects held jointly with another branch: the lead's theme day on it was held with that branch too.
  for (const p of input.projects.filter((x) => x.jointOrgIds.length > 0 && x.stage !== 'proposal')) {
    const startedOn = p.steps.find((s) => s.to === 'in_progress')?.on ?? T;
    const r = input
      .recordsOf(p.leadOrgId)
      .find((x) => x.kind === 'theme_day' && x.date >= startedOn && x.date <= T);
    if (r && !joint.some((j) => j.recordId === r.id))
      joint.push({ recordId: r.id, jointOrgIds: [...p.jointOrgIds], partnerKeys: [] });
  }
  return { brands, cases, pairings, joint };
}
