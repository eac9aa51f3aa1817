// The assessment's scoring engine (pure): a rule turns a leaf's value into a score 0..100, and scores roll up the
// indicator tree by weight. Every node keeps what an officer needs to recompute it by hand — the value, the rule in
// words, the weight as designed and as applied, what it contributed and why anything was left out — because a score
// nobody can explain is a score nobody accepts. Scores keep full precision; only the Chinese text shows rounded
// figures (two decimals), the UI rounds the numbers.

export type Rule =
  /** 0 at floor, 100 at target, linear between, clamped; floor > target means lower values are better. */
  | { kind: 'linear'; floor: number; target: number }
  /** higher: the best score among steps with at <= value; lower: among steps with at >= value; none met → 0. */
  | { kind: 'thresholds'; direction: 'higher' | 'lower'; steps: { at: number; score: number }[] }
  /** value = a count of misses: base − min(cap, per × value), never below 0. */
  | { kind: 'deduction'; base: number; per: number; cap: number }
  /** value = a count: adds min(cap, per × value) points straight onto the parent's score (weight 0). */
  | { kind: 'bonus'; per: number; cap: number }
  /** value in [0, 1] → value × 100, clamped. */
  | { kind: 'ratio' }
  /** value already on 0..100 (ratings), clamped. */
  | { kind: 'direct' };

export const RULE_KINDS: readonly Rule['kind'][] = [
  'linear',
  'thresholds',
  'deduction',
  'bonus',
  'ratio',
  'direct',
];

/** A number as the Chinese text shows it: at most two decimals, no trailing zeros. */
export function fmt(n: number): string {
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));
const isNum = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

export type RuleIssue = { path: string; message: string };

export function ruleIssues(rule: Rule): RuleIssue[] {
  const out: RuleIssue[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) out.push({ path, message });
  };
  switch (rule.kind) {
    case 'linear':
      need(isNum(rule.floor), 'rule.floor', '请填写得 0 分的数值');
      need(isNum(rule.target), 'rule.target', '请填写得满分的数值');
      if (isNum(rule.floor) && isNum(rule.target))
        need(rule.floor !== rule.target, 'rule.target', '得满分的数值不能与得 0 分的数值相同，请修改其一');
      break;
    case 'thresholds': {
      need(
        rule.direction === 'higher' || rule.direction === 'lower',
        'rule.direction',
        '请选择“越高越好”或“越低越好”',
      );
      const steps = Array.isArray(rule.steps) ? rule.steps : [];
      need(steps.length > 0, 'rule.steps', '请至少设置一档');
      const seen = new Map<number, number>();
      steps.forEach((step, i) => {
        need(isNum(step.at), `rule.steps.${i}.at`, `请填写第 ${i + 1} 档的门槛值`);
        need(
          isNum(step.score) && step.score >= 0 && step.score <= 100,
          `rule.steps.${i}.score`,
          `第 ${i + 1} 档的得分应在 0 到 100 之间`,
        );
        if (!isNum(step.at)) return;
        const first = seen.get(step.at);
        if (first === undefined) seen.set(step.at, i);
        else
          out.push({
            path: `rule.steps.${i}.at`,
            message: `第 ${i + 1} 档与第 ${first + 1} 档门槛相同，请合并或修改`,
          });
      });
      break;
    }
    case 'deduction':
      need(isNum(rule.base) && rule.base > 0 && rule.base <= 100, 'rule.base', '基础分应大于 0、不超过 100');
      need(isNum(rule.per) && rule.per > 0, 'rule.per', '每次扣分应大于 0');
      need(isNum(rule.cap) && rule.cap > 0, 'rule.cap', '扣分上限应大于 0');
      break;
    case 'bonus':
      need(isNum(rule.per) && rule.per > 0, 'rule.per', '每次加分应大于 0');
      need(isNum(rule.cap) && rule.cap > 0, 'rule.cap', '加分上限应大于 0');
      break;
    case 'ratio':
    case 'direct':
      break;
    default:
      out.push({ path: 'rule.kind', message: '请选择计分方式' });
  }
  return out;
}

/** The steps best-first: for 'higher' the highest bar first, for 'lower' the lowest. */
function orderedSteps(rule: Extract<Rule, { kind: 'thresholds' }>) {
  const sign = rule.direction === 'higher' ? -1 : 1;
  return [...rule.steps].sort((a, b) => sign * (a.at - b.at));
}

export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'linear':
      return rule.floor <= rule.target
        ? `线性计分：${fmt(rule.floor)} 得 0 分，${fmt(rule.target)} 得满分`
        : `线性计分（越低越好）：${fmt(rule.floor)} 得 0 分，${fmt(rule.target)} 得满分`;
    case 'thresholds': {
      const bar = rule.direction === 'higher' ? '达到' : '不超过';
      const steps = orderedSteps(rule).map((s) => `${bar} ${fmt(s.at)} 得 ${fmt(s.score)} 分`);
      const head = rule.direction === 'higher' ? '分档计分' : '分档计分（越低越好）';
      return `${head}：${[...steps, '均未达到得 0 分'].join('，')}`;
    }
    case 'deduction':
      return `扣分计分：基础 ${fmt(rule.base)} 分，每缺 1 次扣 ${fmt(rule.per)} 分，最多扣 ${fmt(rule.cap)} 分`;
    case 'bonus':
      return `加分项：每 1 次加 ${fmt(rule.per)} 分，最多加 ${fmt(rule.cap)} 分，直接计入上级得分`;
    case 'ratio':
      return '比例计分：完成比例 × 100，最高 100 分';
    case 'direct':
      return '直接计分：评分即得分（0–100 分）';
  }
}

/** '，超出范围按 100 分计' when the raw figure had to be clamped. */
const clampedText = (raw: number) =>
  raw > 100 ? '，超过满分按 100 分计' : raw < 0 ? '，低于 0 分按 0 分计' : '';

export function applyRule(rule: Rule, value: number | null): { score: number | null; applied: string } {
  if (value === null) return { score: null, applied: '无数据' };
  if (!Number.isFinite(value)) return { score: null, applied: '数据无效，按无数据处理' };
  switch (rule.kind) {
    case 'linear': {
      const raw = ((value - rule.floor) / (rule.target - rule.floor)) * 100;
      const score = clamp(raw);
      return {
        score,
        applied: `实际 ${fmt(value)}，(${fmt(value)} − ${fmt(rule.floor)}) ÷ (${fmt(rule.target)} − ${fmt(rule.floor)}) × 100 = ${fmt(raw)}${clampedText(raw)}，得 ${fmt(score)} 分`,
      };
    }
    case 'thresholds': {
      const met = rule.steps.filter((s) => (rule.direction === 'higher' ? s.at <= value : s.at >= value));
      if (met.length === 0) return { score: 0, applied: `实际 ${fmt(value)}，未达到任何一档，得 0 分` };
      const best = met.reduce((a, b) => (b.score > a.score ? b : a));
      const bar = rule.direction === 'higher' ? '达到' : '不超过';
      return {
        score: clamp(best.score),
        applied: `实际 ${fmt(value)}，${bar} ${fmt(best.at)} 一档，得 ${fmt(clamp(best.score))} 分`,
      };
    }
    case 'deduction': {
      // A count below zero is a data error, not a credit: it deducts nothing.
      const count = Math.max(0, value);
      const raw = rule.per * count;
      const taken = Math.min(rule.cap, raw);
      const score = Math.max(0, rule.base - taken);
      const base = rule.base === 100 ? '' : `基础 ${fmt(rule.base)} 分，`;
      const take =
        raw > rule.cap
          ? `缺 ${fmt(count)} 次 × ${fmt(rule.per)} = ${fmt(raw)} 分，超过封顶，扣 ${fmt(taken)} 分`
          : `缺 ${fmt(count)} 次 × ${fmt(rule.per)} = 扣 ${fmt(taken)} 分（封顶 ${fmt(rule.cap)} 分）`;
      const floor = rule.base - taken < 0 ? '，不低于 0 分' : '';
      return { score, applied: `${base}${take}${floor}，得 ${fmt(score)} 分` };
    }
    case 'bonus': {
      const count = Math.max(0, value);
      const raw = rule.per * count;
      const points = Math.min(rule.cap, raw);
      const applied =
        raw > rule.cap
          ? `${fmt(count)} 次 × ${fmt(rule.per)} = ${fmt(raw)} 分，超过封顶，加 ${fmt(points)} 分`
          : `${fmt(count)} 次 × ${fmt(rule.per)} = 加 ${fmt(points)} 分（封顶 ${fmt(rule.cap)} 分）`;
      return { score: points, applied };
    }
    case 'ratio': {
      const raw = value * 100;
      const score = clamp(raw);
      return {
        score,
        applied: `比例 ${fmt(value)} × 100 = ${fmt(raw)}${clampedText(raw)}，得 ${fmt(score)} 分`,
      };
    }
    case 'direct': {
      const score = clamp(value);
      return { score, applied: `评分 ${fmt(value)}${clampedText(value)}，得 ${fmt(score)} 分` };
    }
  }
}

export type IndicatorNode = {
  id: string;
  name: string;
  weight: number;
  rule?: Rule;
  children: IndicatorNode[];
};
export type LeafValue = { value: number | null; note?: string | undefined };
export type ScoredNode = {
  id: string;
  name: string;
  /** As designed. */
  weight: number;
  /** As applied after renormalising over the siblings that have a score (percent); null if dropped or a bonus. */
  effectiveWeight: number | null;
  /** Leaves only. */
  value: number | null;
  score: number | null;
  /**
   * What the node added to its parent's score: score × effectiveWeight / 100, or a bonus leaf's points — so a
   * parent's score is the sum of its children's contributions. Null when nothing was added.
   */
  contribution: number | null;
  /** Bonus leaves: the points added to the parent. */
  bonus: number | null;
  /** No data: left out of the parent's average, and said so in `note`. */
  dropped: boolean;
  /** describeRule for leaves. */
  rule: string | null;
  /** applyRule(...).applied for leaves. */
  applied: string | null;
  note: string | null;
  children: ScoredNode[];
};

// 0.01 as designed, plus a hair so 33.33 × 3 (= 99.99 in decimal, 99.98999… in binary) still passes.
const WEIGHT_TOLERANCE = 0.01 + 1e-9;
const DROPPED_NOTE = '无数据，不计入上级平均，其余指标权重按比例放大';
const joinNotes = (...parts: (string | null | undefined)[]) => {
  const kept = parts.filter((p): p is string => !!p && p.trim() !== '');
  return kept.length ? kept.join('；') : null;
};
const isBonus = (n: IndicatorNode) => n.children.length === 0 && n.rule?.kind === 'bonus';

function scoreLeaf(node: IndicatorNode, values: ReadonlyMap<string, LeafValue>): ScoredNode {
  const given = values.get(node.id);
  const value = given?.value ?? null;
  const base = {
    id: node.id,
    name: node.name,
    weight: node.weight,
    effectiveWeight: null,
    value,
    contribution: null,
    bonus: null,
    children: [],
  };
  if (!node.rule)
    return {
      ...base,
      score: null,
      dropped: true,
      rule: null,
      applied: null,
      note: joinNotes('未设置计分规则，不计入上级平均', given?.note),
    };
  const { score, applied } = applyRule(node.rule, value);
  const rule = describeRule(node.rule);
  if (node.rule.kind === 'bonus')
    return {
      ...base,
      score,
      bonus: score,
      dropped: score === null,
      rule,
      applied,
      note: joinNotes(score === null ? '无数据，不加分' : null, given?.note),
    };
  return {
    ...base,
    score,
    dropped: score === null,
    rule,
    applied,
    note: joinNotes(score === null ? DROPPED_NOTE : null, given?.note),
  };
}

function scoreNode(node: IndicatorNode, values: ReadonlyMap<string, LeafValue>): ScoredNode {
  if (node.children.length === 0) return scoreLeaf(node, values);
  const scored = node.children.map((child) => scoreNode(child, values));
  const flags = node.children.map(isBonus);
  const counted = scored.filter((c, i) => !flags[i] && c.score !== null);
  const sumWeight = counted.reduce((s, c) => s + c.weight, 0);
  const base = {
    id: node.id,
    name: node.name,
    weight: node.weight,
    effectiveWeight: null,
    value: null,
    contribution: null,
    bonus: null,
    rule: null,
    applied: null,
  };

  if (counted.length === 0 || sumWeight <= 0) {
    // Bonus points need something to sit on: with no scored indicator beside them they are shown but not added.
    const children = scored.map((c, i) =>
      flags[i] && c.bonus !== null ? { ...c, note: joinNotes('同级指标均无数据，加分未计入', c.note) } : c,
    );
    const why =
      counted.length === 0
        ? '下级指标均无数据，不计分，不计入上级平均'
        : '有数据的下级指标权重均为 0，无法计分，不计入上级平均';
    return { ...base, score: null, dropped: true, note: why, children };
  }

  let score = 0;
  let bonusTotal = 0;
  const children = scored.map((c, i): ScoredNode => {
    if (flags[i]) {
      if (c.bonus === null) return c;
      bonusTotal += c.bonus;
      score += c.bonus;
      return { ...c, contribution: c.bonus };
    }
    if (c.score === null) return c;
    const effectiveWeight = (c.weight / sumWeight) * 100;
    const contribution = (c.score * effectiveWeight) / 100;
    score += contribution;
    return { ...c, effectiveWeight, contribution };
  });

  const missing = scored.filter((c, i) => !flags[i] && c.score === null).map((c) => `“${c.name}”`);
  const reweighed =
    missing.length > 0
      ? `${missing.join('、')}无数据，其余指标权重合计 ${fmt(sumWeight)}，按比例放大为 100`
      : Math.abs(sumWeight - 100) > WEIGHT_TOLERANCE
        ? `下级指标权重合计 ${fmt(sumWeight)}，按比例换算为 100`
        : null;
  const bonusNote = scored.some((c, i) => flags[i] && c.bonus !== null)
    ? `加分项合计加 ${fmt(bonusTotal)} 分`
    : null;
  return { ...base, score, dropped: false, note: joinNotes(reweighed, bonusNote), children };
}

/**
 * Scores the tree. A parent's score = Σ(child.score × child.weight) / Σ(child.weight) over its non-bonus children
 * that have a score, plus its bonus children's points (which may lift it past 100). The root has no siblings: when it
 * has a score it is applied at 100 % and contributes its whole score.
 */
export function scoreTree(root: IndicatorNode, values: ReadonlyMap<string, LeafValue>): ScoredNode {
  const scored = scoreNode(root, values);
  if (scored.score === null) {
    // At the root "left out of the parent's average" means nothing: say only that there is no score.
    const note =
      root.children.length === 0 ? joinNotes('无数据，不计分', values.get(root.id)?.note) : scored.note;
    return { ...scored, note };
  }
  if (scored.bonus !== null) return scored;
  return { ...scored, effectiveWeight: 100, contribution: scored.score };
}

export type WeightIssue = { nodeId: string; message: string };

/**
 * What is wrong with a tree's design. Without `normalise` the non-bonus siblings' weights must sum to 100; with it,
 * any positive sum will do (scoreTree renormalises anyway) but not all zero.
 */
export function weightIssues(root: IndicatorNode, opts: { normalise: boolean }): WeightIssue[] {
  const out: WeightIssue[] = [];
  const visit = (node: IndicatorNode) => {
    const label = `“${node.name}”`;
    if (!isNum(node.weight) || node.weight < 0)
      out.push({ nodeId: node.id, message: `${label}的权重应为不小于 0 的数字` });
    if (node.children.length === 0) {
      if (!node.rule) {
        out.push({ nodeId: node.id, message: `${label}是末级指标，请设置计分规则` });
        return;
      }
      for (const issue of ruleIssues(node.rule))
        out.push({ nodeId: node.id, message: `${label}：${issue.message}` });
      if (node.rule.kind === 'bonus' && node.weight !== 0)
        out.push({
          nodeId: node.id,
          message: `加分项${label}的权重应为 0：加分直接计入上级得分，不参与加权平均`,
        });
      return;
    }
    if (node.rule)
      out.push({
        nodeId: node.id,
        message: `${label}有下级指标，得分由下级加权汇总，不应设置计分规则`,
      });
    const weighted = node.children.filter((c) => !isBonus(c));
    if (weighted.length === 0) {
      out.push({ nodeId: node.id, message: `${label}下只有加分项，请至少设置一项计分指标` });
    } else {
      const sum = weighted.reduce((s, c) => s + (isNum(c.weight) ? c.weight : 0), 0);
      if (opts.normalise) {
        if (sum <= 0)
          out.push({ nodeId: node.id, message: `${label}下各指标权重均为 0，请至少为一项设置大于 0 的权重` });
      } else if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
        out.push({ nodeId: node.id, message: `${label}下各指标权重合计 ${fmt(sum)}，应为 100，请调整` });
      }
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}
