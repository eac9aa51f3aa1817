// The default indicator system (issue 12 point 1): the "六个是否" at the top (BRIEF.md), leaves from the sources —
// what the platform already records, the business KPIs pushed or imported, and ratings by 上级 / 同级 / 群众.
// Party and business carry the same weight (同权重): 40 points each in the total, fusion 20.
//   Party:    decisions.party_duties 20 × 50% = 10; party_function 30           → 40
//   Business: decisions.business_duties 10; central_work 20; satisfaction 10    → 40
//   Fusion:   cadres 10; spirit 10                                              → 20
import type { IndicatorBody, RuleBody } from '#contracts/assessment';

export const leaf = (
  key: string,
  name: string,
  domain: IndicatorBody['domain'],
  weight: number,
  source: Exclude<IndicatorBody['source'], 'group'>,
  rule: RuleBody,
  extra: Partial<IndicatorBody> = {},
): IndicatorBody => ({ key, name, tier: 'micro', domain, weight, source, rule, children: [], ...extra });

export const group = (
  key: string,
  name: string,
  tier: IndicatorBody['tier'],
  domain: IndicatorBody['domain'],
  weight: number,
  children: IndicatorBody[],
  note?: string,
): IndicatorBody => ({
  key,
  name,
  tier,
  domain,
  weight,
  source: 'group',
  children,
  ...(note ? { note } : {}),
});

export const DEFAULT_PARTY_WEIGHT = 50;

export function defaultTree(): IndicatorBody[] {
  return [
    group('decisions', '党中央和上级决策部署是否落实', 'macro', 'party', 20, [
      leaf(
        'decisions.party_duties',
        '党建任务按期完成率',
        'party',
        50,
        'computed',
        {
          kind: 'linear',
          floor: 0.5,
          target: 1,
        },
        { measureKey: 'responsibility.party_duties_on_time' },
      ),
      leaf(
        'decisions.business_duties',
        '业务任务按期完成率',
        'business',
        50,
        'computed',
        {
          kind: 'linear',
          floor: 0.5,
          target: 1,
        },
        { measureKey: 'responsibility.business_duties_on_time' },
      ),
    ]),
    group('central_work', '本部门中心工作是否完成', 'macro', 'business', 20, [
      // Figures the business systems already hold, imported or pushed once (业务指标): what the organ's work is judged by.
      leaf(
        'central_work.ontime',
        '办件按时办结率',
        'business',
        25,
        'imported',
        { kind: 'linear', floor: 0.85, target: 1 },
        { kpiCode: 'ontime_rate', note: '由政务服务系统推送或按月导入' },
      ),
      leaf(
        'central_work.key_tasks',
        '重点任务完成率',
        'business',
        20,
        'imported',
        { kind: 'linear', floor: 0.7, target: 1 },
        { kpiCode: 'key_task_rate', note: '督查督办系统按月报送，取期末一期' },
      ),
      leaf(
        'central_work.speedup',
        '审批提速率',
        'business',
        15,
        'imported',
        { kind: 'linear', floor: 0, target: 0.3 },
        { kpiCode: 'approval_speedup', note: '实际办理时间比法定时限压缩的比例，压缩 30% 得满分' },
      ),
      leaf(
        'central_work.project_kpis',
        '融合项目业务指标达标率',
        'business',
        40,
        'computed',
        {
          kind: 'linear',
          floor: 0.3,
          target: 1,
        },
        { measureKey: 'fusion.kpis_met' },
      ),
    ]),
    group('party_function', '党组织功能是否增强', 'macro', 'party', 30, [
      group('party_function.life', '组织生活（三会一课、主题党日）', 'meso', 'party', 70, [
        leaf(
          'party_function.life.on_time',
          '组织生活按期开展率',
          'party',
          60,
          'computed',
          {
            kind: 'linear',
            floor: 0.6,
            target: 1,
          },
          { measureKey: 'responsibility.obligations_met' },
        ),
        leaf(
          'party_function.life.missed',
          '到期未开展扣分',
          'party',
          40,
          'computed',
          {
            kind: 'deduction',
            base: 100,
            per: 5,
            cap: 40,
          },
          { measureKey: 'responsibility.obligations_missed' },
        ),
      ]),
      leaf(
        'party_function.brand',
        '支部品牌创建',
        'party',
        30,
        'computed',
        { kind: 'direct' },
        {
          tier: 'meso',
          measureKey: 'fusion.brand_standing',
        },
      ),
    ]),
    group('cadres', '干部队伍素质能力是否提升', 'macro', 'fusion', 10, [
      leaf(
        'cadres.study_applied',
        '学用融合次数',
        'fusion',
        30,
        'computed',
        {
          kind: 'thresholds',
          direction: 'higher',
          steps: [
            { at: 1, score: 60 },
            { at: 2, score: 80 },
            { at: 4, score: 100 },
          ],
        },
        { measureKey: 'branch.study_applied' },
      ),
      leaf(
        'cadres.records_linked',
        '党建活动与业务挂钩率',
        'fusion',
        30,
        'computed',
        { kind: 'linear', floor: 0.1, target: 0.5 },
        { measureKey: 'fusion.records_linked' },
      ),
      leaf('cadres.superior', '上级评价', 'fusion', 40, 'rated', { kind: 'direct' }),
    ]),
    group('spirit', '干事创业精气神是否提振', 'macro', 'fusion', 10, [
      leaf(
        'spirit.milestones',
        '融合项目节点按期完成率',
        'fusion',
        60,
        'computed',
        {
          kind: 'linear',
          floor: 0.5,
          target: 1,
        },
        { measureKey: 'fusion.milestones_on_time' },
      ),
      leaf('spirit.peer', '同级评价', 'fusion', 40, 'rated', { kind: 'direct' }),
      leaf(
        'spirit.accepted',
        '融合项目通过验收加分',
        'fusion',
        0,
        'computed',
        {
          kind: 'bonus',
          per: 1,
          cap: 3,
        },
        { measureKey: 'fusion.projects_accepted' },
      ),
    ]),
    group('satisfaction', '人民群众是否满意', 'macro', 'business', 10, [
      leaf('satisfaction.public', '群众评价', 'business', 60, 'rated', { kind: 'direct' }),
      leaf(
        'satisfaction.hotline',
        '12345 热线满意率',
        'business',
        20,
        'imported',
        { kind: 'ratio' },
        {
          kpiCode: 'hotline_satisfaction',
        },
      ),
      leaf(
        'satisfaction.complaints',
        '群众投诉办结率',
        'business',
        20,
        'imported',
        { kind: 'linear', floor: 0.8, target: 1 },
        { kpiCode: 'complaint_closure' },
      ),
    ]),
  ];
}
