// The designer's live check (issue 12 point 1): every problem that keeps an edition from being published, named at
// its indicator — structure, weights (siblings sum to 100 unless the system normalises), rules, sources the catalogue
// knows, and the Party/business split the work committee fixed (同权重). Pure but for the catalogue it reads.
import type { Domain, IndicatorBody, SystemSubject } from '#contracts/assessment';
import { TIERS } from '#contracts/assessment';
import { measureOf } from './assessment.catalogue.ts';
import { type IndicatorNode, weightIssues } from './assessment.scoring.ts';

export const ROOT_KEY = '$total';
export const MAX_NODES = 200;
export const MAX_DEPTH = 4;

export type SystemIssue = { key: string | null; message: string };

/** The tree under a synthetic root (the total), as the scoring engine takes it. */
export function rootOf(tree: readonly IndicatorBody[]): IndicatorNode {
  const node = (b: IndicatorBody): IndicatorNode => ({
    id: b.key,
    name: b.name,
    weight: b.weight,
    ...(b.source !== 'group' && b.rule ? { rule: b.rule } : {}),
    children: b.source === 'group' ? b.children.map(node) : [],
  });
  return { id: ROOT_KEY, name: '总分', weight: 100, children: tree.map(node) };
}

export function* walk(tree: readonly IndicatorBody[], depth = 1): Generator<[IndicatorBody, number]> {
  for (const b of tree) {
    yield [b, depth];
    yield* walk(b.children, depth + 1);
  }
}

export const leavesOf = (tree: readonly IndicatorBody[]) =>
  [...walk(tree)].map(([b]) => b).filter((b) => b.source !== 'group');

/**
 * Each domain's share of the total, in percent: the product of the weights (as fractions of their non-bonus
 * siblings') down to each leaf, summed by the leaf's domain.
 */
export function sharesOf(tree: readonly IndicatorBody[]): Record<Domain, number> {
  const out: Record<Domain, number> = { party: 0, business: 0, fusion: 0 };
  const visit = (nodes: readonly IndicatorBody[], share: number) => {
    const counted = nodes.filter((n) => n.rule?.kind !== 'bonus');
    const sum = counted.reduce((a, n) => a + n.weight, 0);
    for (const n of counted) {
      const s = sum > 0 ? (share * n.weight) / sum : 0;
      if (n.source === 'group') visit(n.children, s);
      else out[n.domain] += s;
    }
  };
  visit(tree, 100);
  return out;
}

export function systemIssues(
  tree: readonly IndicatorBody[],
  opts: { normalise: boolean; partyWeight: number | null; subject: SystemSubject },
): SystemIssue[] {
  const issues: SystemIssue[] = [];
  if (tree.length === 0) return [{ key: null, message: '请至少添加一项顶层指标（如“六个是否”）' }];
  const all = [...walk(tree)];
  if (all.length > MAX_NODES) issues.push({ key: null, message: `指标总数不超过 ${MAX_NODES} 项` });
  const seen = new Set<string>();
  // Indicators whose shape is wrong: the engine's check would only repeat it in other words.
  const structural = new Set<string>();
  const tierOf = (t: IndicatorBody['tier']) => TIERS.indexOf(t);
  const check = (b: IndicatorBody, depth: number, parent: IndicatorBody | null) => {
    if (seen.has(b.key)) issues.push({ key: b.key, message: `指标代码“${b.key}”重复，请改用不同的代码` });
    seen.add(b.key);
    if (depth > MAX_DEPTH) issues.push({ key: b.key, message: `指标最多 ${MAX_DEPTH} 级` });
    if (parent && tierOf(b.tier) < tierOf(parent.tier))
      issues.push({ key: b.key, message: '下级指标的层级不能高于上级（宏观 → 中观 → 微观）' });
    if (b.source === 'group') {
      if (b.children.length === 0)
        issues.push({
          key: b.key,
          message: `“${b.name}”没有下级指标：请添加下级指标，或选择数据来源改为末级指标`,
        });
      if (b.rule) issues.push({ key: b.key, message: `“${b.name}”由下级指标汇总，不设计分规则` });
      for (const c of b.children) check(c, depth + 1, b);
      return;
    }
    if (b.children.length > 0) {
      structural.add(b.key);
      issues.push({ key: b.key, message: `“${b.name}”有下级指标，数据来源应为“由下级指标汇总”` });
    }
    if (b.source === 'computed') {
      const m = b.measureKey ? measureOf(b.measureKey) : undefined;
      if (!m) issues.push({ key: b.key, message: `请为“${b.name}”选择平台计算的度量` });
      else if (m.subject !== opts.subject)
        issues.push({
          key: b.key,
          message: `“${m.label}”考核的是${m.subject === 'org' ? '党组织' : '党员'}，与本体系的考核对象不符`,
        });
    }
    if (b.source === 'imported' && !b.kpiCode?.trim())
      issues.push({ key: b.key, message: `请填写“${b.name}”对应的业务指标代码（导入和推送按此代码对应）` });
  };
  for (const b of tree) check(b, 1, null);
  // The engine's own check (weights, rules), but not again for an indicator whose shape is already named above.
  for (const w of weightIssues(rootOf(tree), { normalise: opts.normalise })) {
    const key = w.nodeId === ROOT_KEY ? null : w.nodeId;
    if (key === null || !structural.has(key)) issues.push({ key, message: w.message });
  }
  if (opts.partyWeight !== null) {
    const s = sharesOf(tree);
    const both = s.party + s.business;
    const party = both > 0 ? (s.party / both) * 100 : 0;
    if (Math.abs(party - opts.partyWeight) > 0.5)
      issues.push({
        key: null,
        message: `党建与业务的权重须为 ${round1(opts.partyWeight)} : ${round1(100 - opts.partyWeight)}（同权重），现为 ${round1(party)} : ${round1(100 - party)}`,
      });
  }
  return issues;
}

const round1 = (n: number) => String(Math.round(n * 10) / 10);
