import { describe, expect, it } from 'vitest';
import type { LadderStep, Rule } from '#contracts/warning';
import { answerHolds, climbs, nextClimbAt } from './warning.escalation.ts';
import {
  DEFAULT_RULES,
  type Facts,
  fallingRun,
  greenLine,
  judge,
  levelOf,
  ruleText,
} from './warning.rules.ts';

const rule = (kind: Rule['kind']): Rule => DEFAULT_RULES.find((r) => r.kind === kind) as Rule;

const base: Facts = {
  isBranch: true,
  periodLabel: '2026年第四季度',
  index: 80,
  trend: [{ label: '2026年第四季度', value: 80 }],
  result: { total: 90, party: 85, business: 80, href: '/assessment/cycles/c/results/o' },
  missed: [],
  overdueDuties: [],
  overdueRectifications: [],
  silentDays: 3,
  lastHeldOn: '2026-12-04',
};
const ref = (n: number) => ({ title: `事项${n}`, date: `2026-11-0${n}`, href: `/duties/${n}` });

describe('levels from thresholds', () => {
  it('grades a "below" rule by the lowest threshold the value is under', () => {
    const r = rule('index_below'); // 70 / 60 / 50
    expect(levelOf(r, 70)).toBeNull();
    expect(levelOf(r, 69.9)).toBe('yellow');
    expect(levelOf(r, 60)).toBe('yellow');
    expect(levelOf(r, 59.9)).toBe('orange');
    expect(levelOf(r, 49.9)).toBe('red');
    expect(greenLine(r)).toBe(70);
  });

  it('grades an "at or above" rule by the highest threshold the value reaches, skipping an unset level', () => {
    const r = rule('rectification_overdue'); // yellow unset, orange 1, red 3
    expect(levelOf(r, 0)).toBeNull();
    expect(levelOf(r, 1)).toBe('orange');
    expect(levelOf(r, 3)).toBe('red');
    expect(greenLine(r)).toBe(1);
  });

  it('says the rule in words, with its grace', () => {
    expect(ruleText(rule('index_below'))).toBe(
      '融合度偏低：融合度低于 70 为黄色，融合度低于 60 为橙色，融合度低于 50 为红色',
    );
    expect(ruleText(rule('obligations_missed'))).toBe(
      '规定动作缺项：本季度到期未开展的组织生活 1 次及以上为黄色，本季度到期未开展的组织生活 3 次及以上为橙色，本季度到期未开展的组织生活 6 次及以上为红色（宽限 5 天）',
    );
  });
});

describe('each rule: its data, and what returns it to green', () => {
  it('index below: the line to reach and the ways to reach it', () => {
    const j = judge(rule('index_below'), {
      ...base,
      index: 58,
      raiseIndex: (to) => [{ text: `到 ${to}`, href: null }],
    });
    expect(j?.level).toBe('orange');
    expect(j?.data).toBe('2026年第四季度融合度 58');
    expect(j?.returns.map((r) => r.text)).toEqual(['融合度达到 70（现为 58），以下任选一项即可：', '到 70']);
    expect(judge(rule('index_below'), { ...base, index: null })).toBeNull();
  });

  it('score below: the total to reach, pointing at the result that explains it', () => {
    const j = judge(rule('score_below'), {
      ...base,
      result: { ...(base.result as NonNullable<Facts['result']>), total: 62 },
    });
    expect(j?.level).toBe('orange'); // 62 < 65, not < 60
    expect(j?.returns[0]).toEqual({
      text: '考核总分达到 75 分（现为 62 分）：查看失分指标及其依据，逐项补齐',
      href: '/assessment/cycles/c/results/o',
    });
  });

  it('chosen indicators: each judged on its own, the worst sets the level; raising the low one clears it', () => {
    // The default thresholds 60 / 50 / 40, enabled on two indicators.
    const r: Rule = { ...rule('indicator_below'), enabled: true };
    const indicators = [
      { key: 'party_function.life', name: '组织生活', score: 45, href: '/assessment/cycles/c/results/o' },
      { key: 'central_work', name: '中心工作', score: 72.5, href: '/assessment/cycles/c/results/o' },
    ];
    const j = judge(r, { ...base, indicators });
    // 45 is under 50 but not under 40: orange; 72.5 is above the green line 60 and asks for nothing.
    expect(j?.level).toBe('orange');
    expect(j?.value).toBe(45);
    expect(j?.rule).toBe(
      '重点指标得分偏低（组织生活、中心工作）：任一重点指标得分低于 60 分为黄色，任一重点指标得分低于 50 分为橙色，任一重点指标得分低于 40 分为红色',
    );
    expect(j?.data).toBe('2026年第四季度重点指标得分：组织生活 45 分，中心工作 72.5 分');
    expect(j?.returns).toEqual([
      {
        text: '「组织生活」得分达到 60 分（现为 45 分）：查看该指标的失分依据，逐项补齐',
        href: '/assessment/cycles/c/results/o',
      },
    ]);
    // Do what it says: the organisation life reaches 60, and the rule is silent.
    const done = indicators.map((i) => (i.key === 'party_function.life' ? { ...i, score: 60 } : i));
    expect(judge(r, { ...base, indicators: done })).toBeNull();
    // An indicator without data is neither low nor high; with none scored, the rule says nothing.
    expect(judge(r, { ...base, indicators: indicators.map((i) => ({ ...i, score: null })) })).toBeNull();
    expect(judge(r, { ...base, indicators: null })).toBeNull();
    // Off by default: a work committee chooses its indicators first.
    expect(judge(rule('indicator_below'), { ...base, indicators })).toBeNull();
  });

  it('index falling: counts the run of falls back from the last quarter; a gap or a rise ends it', () => {
    expect(fallingRun([{ value: 80 }, { value: 75 }, { value: 70 }, { value: 69 }])).toBe(3);
    expect(fallingRun([{ value: 80 }, { value: null }, { value: 70 }, { value: 69 }])).toBe(1);
    expect(fallingRun([{ value: 70 }, { value: 75 }])).toBe(0);
    expect(fallingRun([{ value: 70 }, { value: 70 }])).toBe(0);
    const trend = [
      { label: 'Q1', value: 80 },
      { label: 'Q2', value: 75 },
      { label: 'Q3', value: 70 },
      { label: 'Q4', value: 69 },
    ];
    const j = judge(rule('index_falling'), { ...base, index: 69, trend });
    expect(j?.level).toBe('orange'); // 3 ≥ 3
    expect(j?.data).toBe('融合度连续 3 个季度下降：Q1 80 → Q2 75 → Q3 70 → Q4 69');
    expect(j?.returns[0]?.text).toBe(
      '下一个季度的融合度高于 69（Q4）即止跌；2026年第四季度做到以下任一项即可：',
    );
    // Back above the quarter before: the run is broken and the rule is silent.
    expect(
      judge(rule('index_falling'), { ...base, trend: [...trend.slice(0, 3), { label: 'Q4', value: 70.1 }] }),
    ).toBeNull();
  });

  it('the two skins: which side is behind, and by how much it must rise', () => {
    const j = judge(rule('party_business_gap'), {
      ...base,
      result: { total: 70, party: 92, business: 64, href: '/r' },
    });
    expect(j?.level).toBe('orange'); // 28 ≥ 25, < 35
    expect(j?.data).toBe('2026年第四季度党建得分 92，业务得分 64，相差 28 分');
    // Green below 15 points apart: business above 92 − 15 = 77 → 77.01.
    expect(j?.returns[0]?.text).toBe(
      '业务得分提高到 77.01 分以上（现为 64 分），使两者相差小于 15 分：党建工作要落到业务成效上',
    );
    const other = judge(rule('party_business_gap'), {
      ...base,
      result: { total: 70, party: 60, business: 80, href: '/r' },
    });
    expect(other?.returns[0]?.text).toContain('党建得分提高到 65.01 分以上（现为 60 分）');
    expect(
      judge(rule('party_business_gap'), {
        ...base,
        result: { total: 70, party: 80, business: 66, href: '/r' },
      }),
    ).toBeNull();
  });

  it('missed obligations: each to make up, and how many are needed', () => {
    const j = judge(rule('obligations_missed'), { ...base, missed: [ref(1), ref(2), ref(3)] });
    expect(j?.level).toBe('orange');
    // Green under 1: all 3 made up.
    expect(j?.returns.map((r) => r.text)).toEqual([
      '补开并登记以下至少 3 次组织生活（按实际召开日期登记）：',
      '补开「事项1」（2026-11-01）',
      '补开「事项2」（2026-11-02）',
      '补开「事项3」（2026-11-03）',
    ]);
    expect(judge(rule('obligations_missed'), { ...base, isBranch: false, missed: [ref(1)] })).toBeNull();
  });

  it('overdue duties and rectifications: the items to finish, with their links', () => {
    const d = judge(rule('duties_overdue'), { ...base, overdueDuties: [ref(1)] });
    expect(d?.level).toBe('yellow');
    expect(d?.returns[1]).toEqual({ text: '完成「事项1」（2026-11-01）', href: '/duties/1' });
    const r = judge(rule('rectification_overdue'), {
      ...base,
      overdueRectifications: [ref(1), ref(2), ref(3)],
    });
    expect(r?.level).toBe('red');
    expect(r?.returns[0]?.text).toBe('完成并报告以下至少 3 项逾期整改：');
  });

  it('no activity: the days since the last record', () => {
    expect(judge(rule('no_activity'), { ...base, silentDays: 44 })).toBeNull();
    const j = judge(rule('no_activity'), { ...base, silentDays: 61, lastHeldOn: '2026-10-06' });
    expect(j?.level).toBe('orange');
    expect(j?.data).toBe('最近一次支部活动记录是 2026-10-06，已 61 天没有活动');
    expect(judge(rule('no_activity'), { ...base, isBranch: false, silentDays: 400 })).toBeNull();
  });

  it('a disabled rule never warns', () => {
    expect(judge({ ...rule('no_activity'), enabled: false }, { ...base, silentDays: 400 })).toBeNull();
  });
});

describe('the escalation ladder with a controllable clock', () => {
  const ladder: LadderStep[] = [
    { role: 'branch_secretary', afterDays: 0 },
    { role: 'organ_committee_officer', afterDays: 3 },
    { role: 'leading_group_member', afterDays: 5 },
  ];
  const told = new Date('2026-12-01T02:00:00Z');
  const w = { status: 'open', step: 0, stepAt: told, answerKind: null, answerPlanDue: null };
  const day = 86_400_000;

  it('climbs one step when the next step’s delay has passed, and not before', () => {
    expect(nextClimbAt(w, ladder, '2026-12-01')).toEqual(new Date(told.getTime() + 3 * day));
    expect(climbs(w, ladder, new Date(told.getTime() + 3 * day - 1), '2026-12-04')).toBe(false);
    expect(climbs(w, ladder, new Date(told.getTime() + 3 * day), '2026-12-04')).toBe(true);
    // At the top, nothing more.
    expect(nextClimbAt({ ...w, step: 2 }, ladder, '2026-12-30')).toBeNull();
  });

  it('stops when answered; a plan stops it until its date passes, then the delay counts from the day after', () => {
    const note = { ...w, answerKind: 'note', answerPlanDue: null };
    expect(climbs(note, ladder, new Date('2027-01-30T00:00:00Z'), '2027-01-30')).toBe(false);
    const plan = { ...w, answerKind: 'plan', answerPlanDue: '2026-12-10' };
    expect(answerHolds(plan, '2026-12-10')).toBe(true);
    expect(climbs(plan, ladder, new Date('2026-12-10T12:00:00Z'), '2026-12-10')).toBe(false);
    expect(answerHolds(plan, '2026-12-11')).toBe(false);
    // Lapsed on 12-11 (China midnight = 12-10T16:00Z); the next step is 3 days after.
    expect(nextClimbAt(plan, ladder, '2026-12-11')).toEqual(new Date('2026-12-13T16:00:00Z'));
    expect(climbs(plan, ladder, new Date('2026-12-13T15:59:59Z'), '2026-12-13')).toBe(false);
    expect(climbs(plan, ladder, new Date('2026-12-13T16:00:00Z'), '2026-12-14')).toBe(true);
  });

  it('never climbs for a warning that is not open or was never told', () => {
    expect(nextClimbAt({ ...w, status: 'excepted' }, ladder, '2027-01-01')).toBeNull();
    expect(nextClimbAt({ ...w, status: 'pending' }, ladder, '2027-01-01')).toBeNull();
    expect(nextClimbAt({ ...w, stepAt: null }, ladder, '2027-01-01')).toBeNull();
  });
});
