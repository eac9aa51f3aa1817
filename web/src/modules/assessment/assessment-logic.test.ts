import { describe, expect, it } from 'vitest';
import type { IndicatorBody } from '#contracts/assessment';
import {
  addChild,
  addSibling,
  cardCycles,
  freshKey,
  groupSums,
  newIndicator,
  parentOf,
  periodLabel,
  periodOptions,
  previousQuarter,
  ROOT,
  rankMove,
  rankText,
  removeNode,
  score2,
  sharesOf,
  sumIsOff,
  updateNode,
} from './assessment-logic.ts';

const leaf = (
  key: string,
  domain: IndicatorBody['domain'],
  weight: number,
  over: Partial<IndicatorBody> = {},
) =>
  ({
    key,
    name: key,
    tier: 'micro',
    domain,
    weight,
    source: 'computed',
    rule: { kind: 'ratio' },
    children: [],
    ...over,
  }) satisfies IndicatorBody;

const group = (key: string, domain: IndicatorBody['domain'], weight: number, children: IndicatorBody[]) =>
  ({ key, name: key, tier: 'macro', domain, weight, source: 'group', children }) satisfies IndicatorBody;

// a (60): a.1 Party 70, a.2 business 30, a.bonus a bonus leaf (outside the average)
// b (40): b.1 business 50, b.2 fusion 40 — ten short of 100
const tree = (): IndicatorBody[] => [
  group('a', 'party', 60, [
    leaf('a.1', 'party', 70),
    leaf('a.2', 'business', 30),
    // Weight 5, which the server's check refuses for a bonus: here to show that it is left out of sums and shares.
    leaf('a.bonus', 'party', 5, { rule: { kind: 'bonus', per: 1, cap: 3 } }),
  ]),
  group('b', 'business', 40, [leaf('b.1', 'business', 50), leaf('b.2', 'fusion', 40)]),
];

describe('the sums beside the groups', () => {
  it('adds the counted children of each group and of the total, leaving bonus leaves out', () => {
    const sums = groupSums(tree());
    expect(sums.get(ROOT)).toBe(100); // 60 + 40
    expect(sums.get('a')).toBe(100); // 70 + 30 (the bonus leaf is not averaged)
    expect(sums.get('b')).toBe(90); // 50 + 40
    expect(sums.has('a.1')).toBe(false); // a leaf has no sum
  });

  it('is off beyond a hundredth either side of 100', () => {
    expect(sumIsOff(100)).toBe(false);
    expect(sumIsOff(100.01)).toBe(false);
    expect(sumIsOff(99.995)).toBe(false);
    expect(sumIsOff(100.02)).toBe(true);
    expect(sumIsOff(90)).toBe(true);
  });

  it('follows an edited weight at once', () => {
    const edited = updateNode(tree(), 'b.2', { weight: 50 });
    expect(groupSums(edited).get('b')).toBe(100); // 50 + 50
  });
});

describe('the shares of Party, business and fusion', () => {
  it('multiplies the weights down to each leaf, as fractions of their siblings’ sum', () => {
    const s = sharesOf(tree());
    // a.1: 100 × 60/100 × 70/100 = 42 Party
    // a.2: 100 × 60/100 × 30/100 = 18 business; b.1: 100 × 40/100 × 50/90 = 22.2222… business → 40.2222…
    // b.2: 100 × 40/100 × 40/90 = 17.7777… fusion
    expect(s.party).toBeCloseTo(42, 9);
    expect(s.business).toBeCloseTo(18 + 2000 / 90, 9);
    expect(s.fusion).toBeCloseTo(1600 / 90, 9);
    expect(s.party + s.business + s.fusion).toBeCloseTo(100, 9);
  });

  it('gives nothing to a group whose weights are all zero', () => {
    const s = sharesOf([group('z', 'party', 100, [leaf('z.1', 'party', 0), leaf('z.2', 'fusion', 0)])]);
    expect(s).toEqual({ party: 0, business: 0, fusion: 0 });
  });
});

describe('the designer’s tree edits', () => {
  it('changes one indicator and leaves the given tree as it was', () => {
    const before = tree();
    const after = updateNode(before, 'a.2', { name: '业务任务按期完成率' });
    expect(after[0]?.children[1]?.name).toBe('业务任务按期完成率');
    expect(before[0]?.children[1]?.name).toBe('a.2');
  });

  it('turns a leaf given a child into a group without a rule of its own', () => {
    const child = leaf('a.1.n1', 'party', 100);
    const after = addChild(tree(), 'a.1', child);
    const a1 = after[0]?.children[0];
    expect(a1?.source).toBe('group');
    expect(a1?.rule).toBeUndefined();
    expect(a1?.children.map((c) => c.key)).toEqual(['a.1.n1']);
  });

  it('puts a sibling right after its neighbour and removes a nested one', () => {
    const after = addSibling(tree(), 'a.1', leaf('a.n1', 'party', 0));
    expect(after[0]?.children.map((c) => c.key)).toEqual(['a.1', 'a.n1', 'a.2', 'a.bonus']);
    expect(removeNode(after, 'a.2')[0]?.children.map((c) => c.key)).toEqual(['a.1', 'a.n1', 'a.bonus']);
  });

  it('keys a new indicator after its parent, never reusing a key', () => {
    const t = tree();
    expect(freshKey(t, 'b')).toBe('b.n1');
    expect(freshKey(addChild(t, 'b', leaf('b.n1', 'fusion', 0)), 'b')).toBe('b.n2');
    expect(freshKey(t, null)).toBe('n1');
    // A sibling of b.1 is keyed under b, one tier as b.1's; a child of b one tier lower than b.
    expect(newIndicator(t, t[1]?.children[0] ?? null, 'sibling', '新指标')).toMatchObject({
      key: 'b.n1',
      tier: 'micro',
      domain: 'business',
      weight: 0,
    });
    expect(newIndicator(t, t[1] ?? null, 'child', '新指标')).toMatchObject({ key: 'b.n1', tier: 'meso' });
    expect(parentOf(t, 'b.2')?.key).toBe('b');
    expect(parentOf(t, 'a')).toBeNull();
  });
});

describe('periods and ranks', () => {
  it('offers this year’s and last year’s periods, newest first, keyed as the server keys them', () => {
    const quarters = periodOptions('quarter', 2026);
    expect(quarters).toHaveLength(8); // 4 quarters × 2 years
    expect(quarters[0]).toEqual({ value: '2026-Q4', label: '2026年第四季度' });
    expect(quarters).toContainEqual({ value: '2026-Q1', label: '2026年第一季度' });
    expect(quarters[7]).toEqual({ value: '2025-Q1', label: '2025年第一季度' });
    expect(periodOptions('half', 2026).slice(0, 2)).toEqual([
      { value: '2026-H2', label: '2026年下半年' },
      { value: '2026-H1', label: '2026年上半年' },
    ]);
    const months = periodOptions('month', 2026);
    expect(months).toHaveLength(24);
    expect(months[0]).toEqual({ value: '2026-12', label: '2026年12月' });
    expect(months[11]).toEqual({ value: '2026-01', label: '2026年1月' });
    expect(periodOptions('year', 2026)).toEqual([
      { value: '2026', label: '2026年' },
      { value: '2025', label: '2025年' },
    ]);
    expect(periodLabel('quarter', '2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('quarter', 'nonsense')).toBe('nonsense');
  });

  it('says a shared rank openly and shows none as a dash', () => {
    expect(rankText({ rank: 2, tiedWith: ['第三党支部'] }, '（并列）')).toBe('2（并列）');
    expect(rankText({ rank: 1, tiedWith: [] }, '（并列）')).toBe('1');
    expect(rankText({ rank: null, tiedWith: [] }, '（并列）')).toBe('—');
    expect(score2(88)).toBe('88.00');
    expect(score2(100 / 3)).toBe('33.33');
    expect(score2(null)).toBe('—');
  });
});

describe('the workbench card', () => {
  const cycle = (
    id: string,
    periodKey: string,
    o: Partial<{ level: string; periodKind: string; systemId: string; computedAt: string | null }> = {},
  ) => ({
    id,
    periodKey,
    level: 'branch',
    periodKind: 'quarter',
    systemId: 'S',
    computedAt: '2026-10-01T00:00:00Z',
    ...o,
  });
  it('takes the latest computed quarter of the branches and the quarter before it', () => {
    const picked = cardCycles([
      cycle('y', '2026', { periodKind: 'year' }),
      cycle('q2', '2026-Q2'),
      cycle('q4', '2026-Q4', { computedAt: null }),
      cycle('q3', '2026-Q3'),
      cycle('o3', '2026-Q3', { level: 'organ' }),
    ]);
    expect([picked.current?.id, picked.previous?.id]).toEqual(['q3', 'q2']);
    // Across the year's turn; and none before the first.
    expect(cardCycles([cycle('a', '2027-Q1'), cycle('b', '2026-Q4')]).previous?.id).toBe('b');
    expect(cardCycles([cycle('a', '2026-Q1')])).toMatchObject({ current: { id: 'a' }, previous: null });
    expect(cardCycles([])).toEqual({ current: null, previous: null });
  });
  it('says how many places a branch moved', () => {
    // From 5th to 2nd: three places up; from 1st to 4th: three down.
    expect(rankMove(2, 5)).toBe(3);
    expect(rankMove(4, 1)).toBe(-3);
    expect(rankMove(null, 3)).toBeNull();
    expect(rankMove(3, undefined)).toBeNull();
    expect(previousQuarter('2026')).toBeNull();
  });
});
