// The scoring engine by hand: every expected figure below is worked out in the comment beside it, never read back
// from the engine.
import { describe, expect, it } from 'vitest';
import {
  applyRule,
  describeRule,
  type IndicatorNode,
  type LeafValue,
  RULE_KINDS,
  type Rule,
  ruleIssues,
  type ScoredNode,
  scoreTree,
  weightIssues,
} from './assessment.scoring.ts';

const score = (rule: Rule, value: number | null) => applyRule(rule, value).score;

describe('rules', () => {
  it('linear, higher is better: 0 at the floor, 100 at the target, straight between, clamped', () => {
    const rule: Rule = { kind: 'linear', floor: 60, target: 95 };
    expect(score(rule, 60)).toBe(0);
    expect(score(rule, 95)).toBe(100);
    // (77.5 − 60) / (95 − 60) × 100 = 17.5 / 35 × 100 = 50
    expect(score(rule, 77.5)).toBe(50);
    expect(score(rule, 50)).toBe(0); // below the floor
    expect(score(rule, 100)).toBe(100); // past the target
    expect(applyRule(rule, 77.5).applied).toBe('实际 77.5，(77.5 − 60) ÷ (95 − 60) × 100 = 50，得 50 分');
    // (100 − 60) / 35 × 100 = 114.2857… shown as 114.29
    expect(applyRule(rule, 100).applied).toContain('= 114.29，超过满分按 100 分计，得 100 分');
    expect(describeRule(rule)).toBe('线性计分：60 得 0 分，95 得满分');
  });

  it('linear, lower is better when the floor lies above the target', () => {
    const rule: Rule = { kind: 'linear', floor: 10, target: 2 };
    // (6 − 10) / (2 − 10) × 100 = −4 / −8 × 100 = 50
    expect(score(rule, 6)).toBe(50);
    // (1 − 10) / −8 × 100 = 112.5 → 100
    expect(score(rule, 1)).toBe(100);
    // (12 − 10) / −8 × 100 = −25 → 0
    expect(score(rule, 12)).toBe(0);
    expect(describeRule(rule)).toBe('线性计分（越低越好）：10 得 0 分，2 得满分');
  });

  it('thresholds, higher: the best step reached; none reached gives 0', () => {
    const rule: Rule = {
      kind: 'thresholds',
      direction: 'higher',
      steps: [
        { at: 60, score: 60 },
        { at: 90, score: 100 },
        { at: 80, score: 90 },
      ],
    };
    expect(score(rule, 85)).toBe(90); // 60 and 80 reached, best 90
    expect(score(rule, 90)).toBe(100); // a bar is reached at equality
    expect(score(rule, 59)).toBe(0);
    expect(applyRule(rule, 85).applied).toBe('实际 85，达到 80 一档，得 90 分');
    expect(applyRule(rule, 59).applied).toBe('实际 59，未达到任何一档，得 0 分');
    expect(describeRule(rule)).toBe(
      '分档计分：达到 90 得 100 分，达到 80 得 90 分，达到 60 得 60 分，均未达到得 0 分',
    );
    // The best score among the steps met, not the nearest bar: at 65 both bars are met, 70 beats 60.
    const odd: Rule = {
      kind: 'thresholds',
      direction: 'higher',
      steps: [
        { at: 50, score: 70 },
        { at: 60, score: 60 },
      ],
    };
    expect(score(odd, 65)).toBe(70);
  });

  it('thresholds, lower: steps with at >= value count', () => {
    const rule: Rule = {
      kind: 'thresholds',
      direction: 'lower',
      steps: [
        { at: 5, score: 50 },
        { at: 0, score: 100 },
        { at: 2, score: 80 },
      ],
    };
    expect(score(rule, 0)).toBe(100);
    expect(score(rule, 1)).toBe(80); // 2 and 5 are ≥ 1, best 80
    expect(score(rule, 5)).toBe(50);
    expect(score(rule, 6)).toBe(0);
    expect(describeRule(rule)).toBe(
      '分档计分（越低越好）：不超过 0 得 100 分，不超过 2 得 80 分，不超过 5 得 50 分，均未达到得 0 分',
    );
  });

  it('deduction: per miss up to the cap, never below 0', () => {
    const rule: Rule = { kind: 'deduction', base: 100, per: 0.5, cap: 2 };
    // 3 × 0.5 = 1.5 ≤ 2 → 100 − 1.5 = 98.5
    expect(applyRule(rule, 3)).toEqual({
      score: 98.5,
      applied: '缺 3 次 × 0.5 = 扣 1.5 分（封顶 2 分），得 98.5 分',
    });
    // 5 × 0.5 = 2.5 > 2 → 100 − 2 = 98
    expect(applyRule(rule, 5)).toEqual({
      score: 98,
      applied: '缺 5 次 × 0.5 = 2.5 分，超过封顶，扣 2 分，得 98 分',
    });
    expect(score(rule, 0)).toBe(100);
    // base 3, 4 × 2 = 8 ≤ 10 → 3 − 8 = −5 → 0
    const harsh: Rule = { kind: 'deduction', base: 3, per: 2, cap: 10 };
    expect(applyRule(harsh, 4)).toEqual({
      score: 0,
      applied: '基础 3 分，缺 4 次 × 2 = 扣 8 分（封顶 10 分），不低于 0 分，得 0 分',
    });
    expect(describeRule(rule)).toBe('扣分计分：基础 100 分，每缺 1 次扣 0.5 分，最多扣 2 分');
  });

  it('bonus: per count up to the cap', () => {
    const rule: Rule = { kind: 'bonus', per: 1, cap: 3 };
    expect(score(rule, 2)).toBe(2); // 2 × 1
    expect(score(rule, 5)).toBe(3); // 5 × 1 = 5 > 3
    expect(applyRule(rule, 5).applied).toBe('5 次 × 1 = 5 分，超过封顶，加 3 分');
  });

  it('ratio and direct, clamped', () => {
    expect(score({ kind: 'ratio' }, 0.85)).toBeCloseTo(85, 10); // 0.85 × 100
    expect(score({ kind: 'ratio' }, 1.2)).toBe(100); // 120 → 100
    expect(score({ kind: 'ratio' }, -0.1)).toBe(0); // −10 → 0
    expect(score({ kind: 'direct' }, 85)).toBe(85);
    expect(score({ kind: 'direct' }, 130)).toBe(100);
    expect(score({ kind: 'direct' }, -5)).toBe(0);
    expect(applyRule({ kind: 'direct' }, 130).applied).toBe('评分 130，超过满分按 100 分计，得 100 分');
  });

  it('gives no score for no data, whatever the rule', () => {
    const rules: Rule[] = [
      { kind: 'linear', floor: 0, target: 1 },
      { kind: 'thresholds', direction: 'higher', steps: [{ at: 0, score: 100 }] },
      { kind: 'deduction', base: 100, per: 1, cap: 5 },
      { kind: 'bonus', per: 1, cap: 5 },
      { kind: 'ratio' },
      { kind: 'direct' },
    ];
    expect(rules.map((r) => r.kind)).toEqual([...RULE_KINDS]);
    for (const rule of rules) expect(applyRule(rule, null)).toEqual({ score: null, applied: '无数据' });
    expect(applyRule({ kind: 'direct' }, Number.NaN).score).toBeNull();
  });

  it('names what is wrong in a rule and where', () => {
    expect(ruleIssues({ kind: 'linear', floor: 60, target: 95 })).toEqual([]);
    expect(ruleIssues({ kind: 'linear', floor: 60, target: 60 })).toEqual([
      { path: 'rule.target', message: '得满分的数值不能与得 0 分的数值相同，请修改其一' },
    ]);
    expect(ruleIssues({ kind: 'thresholds', direction: 'higher', steps: [] })).toEqual([
      { path: 'rule.steps', message: '请至少设置一档' },
    ]);
    expect(
      ruleIssues({
        kind: 'thresholds',
        direction: 'lower',
        steps: [
          { at: 1, score: 80 },
          { at: 1, score: 120 },
        ],
      }),
    ).toEqual([
      { path: 'rule.steps.1.score', message: '第 2 档的得分应在 0 到 100 之间' },
      { path: 'rule.steps.1.at', message: '第 2 档与第 1 档门槛相同，请合并或修改' },
    ]);
    expect(ruleIssues({ kind: 'deduction', base: 100, per: 0, cap: 2 }).map((i) => i.path)).toEqual([
      'rule.per',
    ]);
    expect(ruleIssues({ kind: 'bonus', per: 1, cap: 0 }).map((i) => i.path)).toEqual(['rule.cap']);
    expect(ruleIssues({ kind: 'ratio' })).toEqual([]);
    expect(ruleIssues({ kind: 'nonsense' } as unknown as Rule)).toEqual([
      { path: 'rule.kind', message: '请选择计分方式' },
    ]);
  });
});

const direct: Rule = { kind: 'direct' };
const leaf = (id: string, weight: number, rule: Rule = direct): IndicatorNode => ({
  id,
  name: `指标${id}`,
  weight,
  rule,
  children: [],
});
const parent = (id: string, weight: number, children: IndicatorNode[]): IndicatorNode => ({
  id,
  name: `指标${id}`,
  weight,
  children,
});
const vals = (entries: Record<string, number | null | LeafValue>): ReadonlyMap<string, LeafValue> =>
  new Map(
    Object.entries(entries).map(([k, v]) => [k, typeof v === 'object' && v !== null ? v : { value: v }]),
  );
const child = (n: ScoredNode, id: string): ScoredNode => {
  const found = n.children.find((c) => c.id === id);
  if (!found) throw new Error(`no child ${id}`);
  return found;
};

describe('the weighted tree', () => {
  it('drops a component without data and renormalises the rest (40/30/30, the second 30 missing)', () => {
    const tree = parent('R', 100, [leaf('A', 40), leaf('B', 30), leaf('C', 30)]);
    const out = scoreTree(tree, vals({ A: 80, B: null, C: 60 }));
    // (80 × 40 + 60 × 30) / 70 = (3200 + 1800) / 70 = 5000 / 70 = 71.428571…
    expect(out.score).toBeCloseTo(5000 / 70, 10);
    expect(out.score).toBeCloseTo(71.4285714, 6);
    const [a, b, c] = [child(out, 'A'), child(out, 'B'), child(out, 'C')];
    expect(a.effectiveWeight).toBeCloseTo((40 / 70) * 100, 10); // 57.142857…
    expect(c.effectiveWeight).toBeCloseTo((30 / 70) * 100, 10); // 42.857142…
    expect(a.contribution).toBeCloseTo((80 * 40) / 70, 10); // 45.714285…
    expect(c.contribution).toBeCloseTo((60 * 30) / 70, 10); // 25.714285…
    expect(b).toMatchObject({
      weight: 30,
      effectiveWeight: null,
      score: null,
      contribution: null,
      dropped: true,
      applied: '无数据',
      note: '无数据，不计入上级平均，其余指标权重按比例放大',
    });
    expect(a).toMatchObject({
      weight: 40,
      value: 80,
      score: 80,
      dropped: false,
      rule: '直接计分：评分即得分（0–100 分）',
    });
    expect(out.note).toBe('“指标B”无数据，其余指标权重合计 70，按比例放大为 100');
    // The root applies at 100 % and contributes its whole score.
    expect(out.effectiveWeight).toBe(100);
    expect(out.contribution).toBe(out.score);
  });

  it('treats a leaf absent from the values like no data, and keeps a value note', () => {
    const tree = parent('R', 100, [leaf('A', 50), leaf('B', 50)]);
    const out = scoreTree(tree, vals({ A: { value: 70, note: '由业务科室导入' } }));
    expect(out.score).toBe(70); // only A, 70 × 50 / 50
    expect(child(out, 'A').note).toBe('由业务科室导入');
    expect(child(out, 'B').dropped).toBe(true);
    // A leaf without a rule cannot score: it drops out, saying why (weightIssues names it at design time).
    const bare = parent('R', 100, [leaf('A', 50), { id: 'N', name: '指标N', weight: 50, children: [] }]);
    const scored = scoreTree(bare, vals({ A: 70, N: 90 }));
    expect(scored.score).toBe(70);
    expect(child(scored, 'N')).toMatchObject({
      value: 90,
      score: null,
      dropped: true,
      note: '未设置计分规则，不计入上级平均',
    });
  });

  it('applies a capped deduction inside the tree', () => {
    const tree = parent('R', 100, [
      leaf('A', 50, { kind: 'deduction', base: 100, per: 0.5, cap: 2 }),
      leaf('B', 50),
    ]);
    // A: 10 × 0.5 = 5 > 2 → 98; R = (98 × 50 + 90 × 50) / 100 = 94
    const out = scoreTree(tree, vals({ A: 10, B: 90 }));
    expect(child(out, 'A').score).toBe(98);
    expect(out.score).toBe(94);
  });

  it('adds bonus points on top of the average, past 100, within their caps', () => {
    const tree = parent('R', 100, [leaf('A', 100), leaf('X', 0, { kind: 'bonus', per: 1, cap: 3 })]);
    // 98 × 100 / 100 + min(3, 5 × 1) = 98 + 3 = 101
    const out = scoreTree(tree, vals({ A: 98, X: 5 }));
    expect(out.score).toBe(101);
    expect(child(out, 'X')).toMatchObject({
      effectiveWeight: null,
      bonus: 3,
      contribution: 3,
      dropped: false,
    });
    expect(out.note).toBe('加分项合计加 3 分');
    // A bonus without data adds nothing and says so.
    const none = scoreTree(tree, vals({ A: 98 }));
    expect(none.score).toBe(98);
    expect(child(none, 'X')).toMatchObject({
      bonus: null,
      contribution: null,
      dropped: true,
      note: '无数据，不加分',
    });
  });

  it('drops a parent whose indicators all lack data from its own parent, bonus and all', () => {
    const tree = parent('R', 100, [
      parent('P1', 60, [leaf('a', 50), leaf('b', 50), leaf('x', 0, { kind: 'bonus', per: 1, cap: 2 })]),
      parent('P2', 40, [leaf('c', 100)]),
    ]);
    const out = scoreTree(tree, vals({ a: null, x: 2, c: 70 }));
    const p1 = child(out, 'P1');
    expect(p1).toMatchObject({
      score: null,
      dropped: true,
      effectiveWeight: null,
      note: '下级指标均无数据，不计分，不计入上级平均',
    });
    expect(child(p1, 'x')).toMatchObject({ bonus: 2, contribution: null });
    expect(child(p1, 'x').note).toContain('加分未计入');
    // Only P2 is left: 70 × 40 / 40 = 70, P2 applied at 100 %.
    expect(out.score).toBe(70);
    expect(child(out, 'P2').effectiveWeight).toBe(100);
    // Nothing anywhere: the root has no score.
    const empty = scoreTree(tree, vals({}));
    expect(empty).toMatchObject({ score: null, effectiveWeight: null, contribution: null });
  });

  it('rolls up two levels with mixed rules', () => {
    const tree = parent('R', 100, [
      parent('P1', 60, [leaf('a', 50), leaf('b', 50, { kind: 'ratio' })]),
      parent('P2', 40, [
        leaf('c', 100, {
          kind: 'thresholds',
          direction: 'higher',
          steps: [
            { at: 80, score: 90 },
            { at: 90, score: 100 },
          ],
        }),
      ]),
    ]);
    // P1 = (80 × 50 + 90 × 50) / 100 = 85; P2: 85 reaches 80 → 90; R = 85 × 0.6 + 90 × 0.4 = 51 + 36 = 87
    const out = scoreTree(tree, vals({ a: 80, b: 0.9, c: 85 }));
    expect(child(out, 'P1').score).toBeCloseTo(85, 10);
    expect(child(out, 'P2').score).toBe(90);
    expect(out.score).toBeCloseTo(87, 10);
    expect(child(out, 'P1').contribution).toBeCloseTo(51, 10);
    expect(child(out, 'P2').contribution).toBeCloseTo(36, 10);
  });

  it('renormalises weights that do not sum to 100 (normalised design)', () => {
    const tree = parent('R', 100, [leaf('A', 2), leaf('B', 1), leaf('C', 1)]);
    // (80 × 2 + 40 × 1 + 60 × 1) / 4 = (160 + 40 + 60) / 4 = 65; applied 50 % / 25 % / 25 %
    const out = scoreTree(tree, vals({ A: 80, B: 40, C: 60 }));
    expect(out.score).toBe(65);
    expect(out.children.map((c) => c.effectiveWeight)).toEqual([50, 25, 25]);
    expect(out.note).toBe('下级指标权重合计 4，按比例换算为 100');
  });
});

describe('weight issues', () => {
  const good = parent('R', 100, [
    parent('P', 60, [leaf('a', 40), leaf('b', 60), leaf('x', 0, { kind: 'bonus', per: 1, cap: 2 })]),
    leaf('c', 40),
  ]);

  it('accepts a sound design; bonus leaves stay out of the sum', () => {
    expect(weightIssues(good, { normalise: false })).toEqual([]);
    expect(weightIssues(good, { normalise: true })).toEqual([]);
  });

  it('wants siblings to sum to 100 without normalise (0.01 tolerance), any positive sum with it', () => {
    const off = parent('R', 100, [leaf('a', 40), leaf('b', 30), leaf('c', 20)]);
    expect(weightIssues(off, { normalise: false })).toEqual([
      { nodeId: 'R', message: '“指标R”下各指标权重合计 90，应为 100，请调整' },
    ]);
    expect(weightIssues(off, { normalise: true })).toEqual([]);
    // 33.33 × 3 = 99.99: within 0.01 of 100; 99.98 is not
    const thirds = parent('R', 100, [leaf('a', 33.33), leaf('b', 33.33), leaf('c', 33.33)]);
    expect(weightIssues(thirds, { normalise: false })).toEqual([]);
    const short = parent('R', 100, [leaf('a', 33.33), leaf('b', 33.33), leaf('c', 33.32)]);
    expect(weightIssues(short, { normalise: false })).toHaveLength(1);
    const zero = parent('R', 100, [leaf('a', 0), leaf('b', 0)]);
    expect(weightIssues(zero, { normalise: true })).toEqual([
      { nodeId: 'R', message: '“指标R”下各指标权重均为 0，请至少为一项设置大于 0 的权重' },
    ]);
  });

  it('names every design fault on its node', () => {
    const bad: IndicatorNode = {
      id: 'R',
      name: '总分',
      weight: 100,
      children: [
        leaf('a', -10),
        { id: 'b', name: '指标b', weight: 60, children: [] },
        { id: 'p', name: '党建', weight: 50, rule: direct, children: [leaf('c', 100)] },
        leaf('x', 5, { kind: 'bonus', per: 1, cap: 2 }),
        leaf('d', 0, { kind: 'linear', floor: 1, target: 1 }),
        leaf('e', 0),
      ],
    };
    // The non-bonus weights still sum to 100 (−10 + 60 + 50 + 0 + 0 for a, b, p, d, e), so only the faults below are named, in tree order.
    expect(weightIssues(bad, { normalise: false })).toEqual([
      { nodeId: 'a', message: '“指标a”的权重应为不小于 0 的数字' },
      { nodeId: 'b', message: '“指标b”是末级指标，请设置计分规则' },
      { nodeId: 'p', message: '“党建”有下级指标，得分由下级加权汇总，不应设置计分规则' },
      { nodeId: 'x', message: '加分项“指标x”的权重应为 0：加分直接计入上级得分，不参与加权平均' },
      { nodeId: 'd', message: '“指标d”：得满分的数值不能与得 0 分的数值相同，请修改其一' },
    ]);
    const onlyBonus = parent('R', 100, [leaf('x', 0, { kind: 'bonus', per: 1, cap: 2 })]);
    expect(weightIssues(onlyBonus, { normalise: true })).toEqual([
      { nodeId: 'R', message: '“指标R”下只有加分项，请至少设置一项计分指标' },
    ]);
  });
});
