// The warning rules (issue 13 point 2), pure: from an organisation's facts, each rule's level (or none) with the rule
// in words, the data in words, and what returns it to green — the concrete records to make, the duties to finish,
// the value to reach. The rule texts are written for the secretary who reads them on a phone.
import {
  LEVEL_LABELS,
  type Level,
  type ReturnStep,
  RULE_KIND_LABELS,
  type Rule,
  type RuleKind,
} from '#contracts/warning';
import { fmt } from './warning.format.ts';

/** The defaults a work committee starts from; it may change every number. */
export const DEFAULT_RULES: readonly Rule[] = [
  { kind: 'index_below', enabled: true, yellow: 70, orange: 60, red: 50, graceDays: 0, deadlineDays: 30 },
  { kind: 'score_below', enabled: true, yellow: 75, orange: 65, red: 60, graceDays: 0, deadlineDays: 30 },
  { kind: 'index_falling', enabled: true, yellow: 2, orange: 3, red: null, graceDays: 0, deadlineDays: 45 },
  {
    kind: 'party_business_gap',
    enabled: true,
    yellow: 15,
    orange: 25,
    red: 35,
    graceDays: 0,
    deadlineDays: 45,
  },
  { kind: 'obligations_missed', enabled: true, yellow: 1, orange: 3, red: 6, graceDays: 5, deadlineDays: 15 },
  { kind: 'duties_overdue', enabled: true, yellow: 1, orange: 3, red: 6, graceDays: 3, deadlineDays: 15 },
  { kind: 'no_activity', enabled: true, yellow: 45, orange: 60, red: 90, graceDays: 0, deadlineDays: 14 },
  {
    kind: 'rectification_overdue',
    enabled: true,
    yellow: null,
    orange: 1,
    red: 3,
    graceDays: 0,
    deadlineDays: 15,
  },
  // Off until a work committee chooses its indicators (the organisation life and the central work are offered).
  {
    kind: 'indicator_below',
    enabled: false,
    yellow: 60,
    orange: 50,
    red: 40,
    graceDays: 0,
    deadlineDays: 30,
    indicators: ['party_function.life', 'central_work'],
  },
];

/** Rules whose level starts when the value falls below the threshold (the others: at or above it). */
const BELOW: ReadonlySet<RuleKind> = new Set(['index_below', 'score_below', 'indicator_below']);

export type Ref = { title: string; date: string; href: string };

/** What the rules read of one organisation on one day. Absent facts make a rule silent, never a warning. */
export type Facts = {
  /** Whether the organisation is a branch (activity, obligations and duties are a branch's; the index is anyone's). */
  isBranch: boolean;
  periodLabel: string;
  index: number | null;
  /** What would raise the index to a value, worked out with the formula (warning.levers.ts). */
  raiseIndex?: (to: number) => ReturnStep[];
  /** The index of the finished quarters before and, once it has ended, this one, oldest first. */
  trend: readonly { label: string; value: number | null }[];
  result: { total: number | null; party: number | null; business: number | null; href: string } | null;
  missed: readonly Ref[] | null;
  overdueDuties: readonly Ref[];
  overdueRectifications: readonly Ref[];
  /** Scores on the indicators indicator_below names (null: no result this quarter). */
  indicators?: readonly { key: string; name: string; score: number | null; href: string }[] | null;
  /** Days since the last held record (null: the organisation keeps no records, e.g. the organ's root). */
  silentDays: number | null;
  lastHeldOn: string | null;
};

export type Judgement = {
  level: Exclude<Level, 'green'>;
  value: number;
  rule: string;
  data: string;
  returns: ReturnStep[];
};

const SET = ['red', 'orange', 'yellow'] as const;

/** The level a value reaches under a rule's thresholds, or null (green). */
export function levelOf(rule: Rule, value: number): Exclude<Level, 'green'> | null {
  const below = BELOW.has(rule.kind);
  for (const l of SET) {
    const t = rule[l];
    if (t === null) continue;
    if (below ? value < t : value >= t) return l;
  }
  return null;
}

/** The threshold that separates green from the first level: the value to reach (below-rules) or to stay under. */
export function greenLine(rule: Rule): number {
  const set = SET.map((l) => rule[l]).filter((t): t is number => t !== null);
  return BELOW.has(rule.kind) ? Math.max(...set) : Math.min(...set);
}

/** The rule in words, e.g. 融合度低于 70 为黄色、低于 60 为橙色、低于 50 为红色. */
export function ruleText(rule: Rule, names?: readonly string[]): string {
  const what: Record<RuleKind, [string, string]> = {
    index_below: ['融合度低于 ', ''],
    score_below: ['考核总分低于 ', ' 分'],
    index_falling: ['融合度连续下降 ', ' 个季度'],
    party_business_gap: ['党建得分与业务得分相差 ', ' 分及以上'],
    obligations_missed: ['本季度到期未开展的组织生活 ', ' 次及以上'],
    duties_overdue: ['逾期未完成的责任事项 ', ' 项及以上'],
    no_activity: ['连续 ', ' 天没有支部活动记录'],
    rectification_overdue: ['逾期未完成的限期整改 ', ' 项及以上'],
    indicator_below: ['任一重点指标得分低于 ', ' 分'],
  };
  const [pre, post] = what[rule.kind];
  const parts = (['yellow', 'orange', 'red'] as const)
    .filter((l) => rule[l] !== null)
    // 低于 70 为黄色 · 低于 75 分为黄色: a space after a bare number, none after its unit.
    .map((l) => `${pre}${fmt(rule[l] as number)}${post || ' '}为${LEVEL_LABELS[l].zh}`);
  const named = rule.kind === 'indicator_below' && names ? `（${names.join('、')}）` : '';
  return `${RULE_KIND_LABELS[rule.kind].zh}${named}：${parts.join('，')}${rule.graceDays > 0 ? `（宽限 ${rule.graceDays} 天）` : ''}`;
}

const steps = (refs: readonly Ref[], verb: string): ReturnStep[] =>
  refs.map((r) => ({ text: `${verb}「${r.title}」（${r.date}）`, href: r.href }));

/** The value a rule reads from the facts, with the data in words; null when the facts say nothing. */
function reading(rule: Rule, f: Facts): { value: number; data: string } | null {
  switch (rule.kind) {
    case 'index_below':
      return f.index === null ? null : { value: f.index, data: `${f.periodLabel}融合度 ${fmt(f.index)}` };
    case 'score_below':
      return f.result?.total == null
        ? null
        : { value: f.result.total, data: `${f.periodLabel}考核总分 ${fmt(f.result.total)} 分` };
    case 'index_falling': {
      const run = fallingRun(f.trend);
      if (run === 0) return { value: 0, data: '融合度没有连续下降' };
      const shown = f.trend.slice(-(run + 1));
      return {
        value: run,
        data: `融合度连续 ${run} 个季度下降：${shown.map((t) => `${t.label} ${fmt(t.value as number)}`).join(' → ')}`,
      };
    }
    case 'party_business_gap': {
      const r = f.result;
      if (!r || r.party === null || r.business === null) return null;
      const gap = Math.abs(r.party - r.business);
      return {
        value: Math.round(gap * 100) / 100,
        data: `${f.periodLabel}党建得分 ${fmt(r.party)}，业务得分 ${fmt(r.business)}，相差 ${fmt(gap)} 分`,
      };
    }
    case 'obligations_missed':
      if (!f.isBranch || f.missed === null) return null;
      return {
        value: f.missed.length,
        data: `${f.periodLabel}到期未开展的组织生活 ${f.missed.length} 次${f.missed.length > 0 ? `：${f.missed.map((m) => m.title).join('、')}` : ''}`,
      };
    case 'duties_overdue':
      return {
        value: f.overdueDuties.length,
        data: `逾期未完成的责任事项 ${f.overdueDuties.length} 项`,
      };
    case 'no_activity':
      if (!f.isBranch || f.silentDays === null) return null;
      return {
        value: f.silentDays,
        data: f.lastHeldOn
          ? `最近一次支部活动记录是 ${f.lastHeldOn}，已 ${f.silentDays} 天没有活动`
          : `一年内没有支部活动记录`,
      };
    case 'rectification_overdue':
      return {
        value: f.overdueRectifications.length,
        data: `逾期未完成的限期整改 ${f.overdueRectifications.length} 项`,
      };
    case 'indicator_below': {
      const scored = (f.indicators ?? []).filter((i) => i.score !== null);
      if (scored.length === 0) return null;
      const lowest = Math.min(...scored.map((i) => i.score as number));
      return {
        value: lowest,
        data: `${f.periodLabel}重点指标得分：${scored.map((i) => `${i.name} ${fmt(i.score as number)} 分`).join('，')}`,
      };
    }
  }
}

/** How many periods in a row the index fell, counting back from the last; a missing value ends the run. */
export function fallingRun(trend: readonly { value: number | null }[]): number {
  let run = 0;
  for (let i = trend.length - 1; i > 0; i--) {
    const now = trend[i]?.value;
    const before = trend[i - 1]?.value;
    if (now == null || before == null || !(now < before)) break;
    run++;
  }
  return run;
}

/** What returns the organisation to green under this rule: the records, duties or values that would clear it. */
function returnsOf(rule: Rule, f: Facts, value: number): ReturnStep[] {
  const line = greenLine(rule);
  switch (rule.kind) {
    case 'index_below': {
      const head = { text: `融合度达到 ${fmt(line)}（现为 ${fmt(value)}），以下任选一项即可：`, href: null };
      return [head, ...(f.raiseIndex?.(line) ?? [])];
    }
    case 'score_below':
      return [
        {
          text: `考核总分达到 ${fmt(line)} 分（现为 ${fmt(value)} 分）：查看失分指标及其依据，逐项补齐`,
          href: f.result?.href ?? null,
        },
      ];
    case 'index_falling': {
      const last = f.trend.at(-1);
      return last?.value == null
        ? []
        : [
            {
              text: `下一个季度的融合度高于 ${fmt(last.value)}（${last.label}）即止跌；${f.periodLabel}做到以下任一项即可：`,
              href: null,
            },
            ...(f.raiseIndex?.(last.value + 0.1) ?? []),
          ];
    }
    case 'party_business_gap': {
      const r = f.result as NonNullable<Facts['result']>;
      const party = r.party as number;
      const business = r.business as number;
      const lowIsBusiness = business < party;
      const need = Math.round(((lowIsBusiness ? party : business) - line + 0.01) * 100) / 100;
      return [
        {
          text: lowIsBusiness
            ? `业务得分提高到 ${fmt(need)} 分以上（现为 ${fmt(business)} 分），使两者相差小于 ${fmt(line)} 分：党建工作要落到业务成效上`
            : `党建得分提高到 ${fmt(need)} 分以上（现为 ${fmt(party)} 分），使两者相差小于 ${fmt(line)} 分：业务骨干要把党建工作抓起来`,
          href: r.href,
        },
      ];
    }
    case 'obligations_missed': {
      const over = (f.missed?.length ?? 0) - line + 1;
      return [
        { text: `补开并登记以下至少 ${over} 次组织生活（按实际召开日期登记）：`, href: null },
        ...steps(f.missed ?? [], '补开'),
      ];
    }
    case 'duties_overdue': {
      const over = f.overdueDuties.length - line + 1;
      return [
        { text: `完成并报告以下至少 ${over} 项逾期事项：`, href: null },
        ...steps(f.overdueDuties, '完成'),
      ];
    }
    case 'no_activity':
      return [
        {
          text: '召开并登记一次支部活动（三会一课、主题党日、学习或谈心谈话均可）',
          href: '/branch/records',
        },
      ];
    case 'rectification_overdue': {
      const over = f.overdueRectifications.length - line + 1;
      return [
        { text: `完成并报告以下至少 ${over} 项逾期整改：`, href: null },
        ...steps(f.overdueRectifications, '完成'),
      ];
    }
    case 'indicator_below':
      // Every indicator under the green line must reach it: each is judged on its own.
      return (f.indicators ?? [])
        .filter((i) => i.score !== null && i.score < line)
        .map((i) => ({
          text: `「${i.name}」得分达到 ${fmt(line)} 分（现为 ${fmt(i.score as number)} 分）：查看该指标的失分依据，逐项补齐`,
          href: i.href,
        }));
  }
}

/** A rule's judgement of one organisation: its level and why, or null when it is green under this rule. */
export function judge(rule: Rule, f: Facts): Judgement | null {
  if (!rule.enabled) return null;
  const read = reading(rule, f);
  if (!read) return null;
  const level = levelOf(rule, read.value);
  if (!level) return null;
  return {
    level,
    value: read.value,
    rule: ruleText(
      rule,
      f.indicators?.map((i) => i.name),
    ),
    data: read.data,
    returns: returnsOf(rule, f, read.value),
  };
}
