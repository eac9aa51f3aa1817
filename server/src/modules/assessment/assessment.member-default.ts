// The default system for members (issue 12 point 4): the half-year 述评 of each member's work, Party and business with
// the same weight (同权重: 40 points each, fusion 20), every leaf from what the platform already holds or one rating —
// nothing a member must fill in for it.
//   Party:    民主评议等次 60% and the Party duties they own 40%              → 40
//   Business: their department's 办件按时办结率 40%, the business duties they own 30%, 上级评价 30%  → 40
//   Fusion:   milestones of the 攻坚 projects they own, on time              → 20
import type { IndicatorBody } from '#contracts/assessment';
import { group, leaf } from './assessment.default-system.ts';

export function defaultMemberTree(): IndicatorBody[] {
  return [
    group('m_party', '党员先锋模范作用是否发挥', 'macro', 'party', 40, [
      leaf(
        'm_party.appraisal',
        '民主评议党员等次',
        'party',
        60,
        'computed',
        { kind: 'direct' },
        { measureKey: 'branch.member_appraisal_grade', note: '优秀 100、合格 85、基本合格 60、不合格 0' },
      ),
      leaf(
        'm_party.duties',
        '本人承担的党建任务按期完成率',
        'party',
        40,
        'computed',
        { kind: 'linear', floor: 0.5, target: 1 },
        { measureKey: 'responsibility.member_party_duties_on_time' },
      ),
    ]),
    group('m_business', '本职业务工作是否干好', 'macro', 'business', 40, [
      leaf(
        'm_business.ontime',
        '所在科室办件按时办结率',
        'business',
        40,
        'imported',
        { kind: 'linear', floor: 0.85, target: 1 },
        { kpiCode: 'ontime_rate', note: '取本人所在科室的业务指标，由政务服务系统推送或按月导入' },
      ),
      leaf(
        'm_business.duties',
        '本人承担的业务任务按期完成率',
        'business',
        30,
        'computed',
        { kind: 'linear', floor: 0.5, target: 1 },
        { measureKey: 'responsibility.member_business_duties_on_time' },
      ),
      leaf('m_business.superior', '科室负责人评价', 'business', 30, 'rated', { kind: 'direct' }),
    ]),
    group('m_fusion', '攻坚任务中是否冲在前面', 'macro', 'fusion', 20, [
      leaf(
        'm_fusion.milestones',
        '本人负责的融合项目节点按期完成率',
        'fusion',
        100,
        'computed',
        { kind: 'linear', floor: 0.5, target: 1 },
        { measureKey: 'fusion.member_milestones_on_time' },
      ),
    ]),
  ];
}
