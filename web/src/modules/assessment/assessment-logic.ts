// The designer's arithmetic in the browser (issue 12): the sum of each group's weights and each domain's share of
// the total, live while the officer types, so that a weight off by ten shows red before anything is saved. The
// server checks the same again on save (assessment.system-check.ts); web may not import server code, so the idea is
// repeated here. Also the tree edits of the designer, the periods offered for a cycle and a rank in words.
import type { Domain, IndicatorBody, ResultRow, RuleBody, Tier } from '#contracts/assessment';

/** The server allows a hundredth either side (rounding of weights typed with decimals). */
const WEIGHT_TOLERANCE = 0.01 + 1e-9;
export const ROOT = '$total';

/** A bonus leaf adds points to its parent instead of taking part in the weighted average. */
const isBonus = (n: IndicatorBody) => n.source !== 'group' && n.rule?.kind === 'bonus';

const sumOf = (nodes: readonly IndicatorBody[]) =>
  nodes.filter((n) => !isBonus(n)).reduce((a, n) => a + (Number.isFinite(n.weight) ? n.weight : 0), 0);

/** The sum of the counted weights under each group, and under the total (ROOT). */
export function groupSums(tree: readonly IndicatorBody[]): Map<string, number> {
  const out = new Map<string, number>([[ROOT, sumOf(tree)]]);
  const visit = (nodes: readonly IndicatorBody[]) => {
    for (const n of nodes) {
      if (n.source !== 'group') continue;
      out.set(n.key, sumOf(n.children));
      visit(n.children);
    }
  };
  visit(tree);
  return out;
}

export const sumIsOff = (sum: number) => Math.abs(sum - 100) > WEIGHT_TOLERANCE;

/**
 * Each domain's share of the total, in percent: the product of the weights (as fractions of their counted siblings')
 * down to each leaf, summed by the leaf's domain.
 */
export function sharesOf(tree: readonly IndicatorBody[]): Record<Domain, number> {
  const out: Record<Domain, number> = { party: 0, business: 0, fusion: 0 };
  const visit = (nodes: readonly IndicatorBody[], share: number) => {
    const counted = nodes.filter((n) => !isBonus(n));
    const sum = sumOf(counted);
    for (const n of counted) {
      const s = sum > 0 ? (share * n.weight) / sum : 0;
      if (n.source === 'group') visit(n.children, s);
      else out[n.domain] += s;
    }
  };
  visit(tree, 100);
  return out;
}

// Tree edits: each returns a new tree, leaving the given one as it was (react state).

const mapTree = (
  tree: readonly IndicatorBody[],
  f: (nodes: IndicatorBody[]) => IndicatorBody[],
): IndicatorBody[] => f(tree.map((n) => ({ ...n, children: mapTree(n.children, f) })));

export function updateNode(
  tree: readonly IndicatorBody[],
  key: string,
  patch: Partial<IndicatorBody>,
): IndicatorBody[] {
  return mapTree(tree, (nodes) => nodes.map((n) => (n.key === key ? { ...n, ...patch } : n)));
}

export function removeNode(tree: readonly IndicatorBody[], key: string): IndicatorBody[] {
  return mapTree(tree, (nodes) => nodes.filter((n) => n.key !== key));
}

/** Adds under a group; a leaf given a child becomes a group (its rule and source go: it now rolls up). */
export function addChild(tree: readonly IndicatorBody[], key: string, child: IndicatorBody): IndicatorBody[] {
  return mapTree(tree, (nodes) =>
    nodes.map((n) => {
      if (n.key !== key) return n;
      const { rule: _rule, measureKey: _m, kpiCode: _k, ...rest } = n;
      return { ...rest, source: 'group', children: [...n.children, child] };
    }),
  );
}

export function addSibling(
  tree: readonly IndicatorBody[],
  key: string,
  sibling: IndicatorBody,
): IndicatorBody[] {
  return mapTree(tree, (nodes) => {
    const at = nodes.findIndex((n) => n.key === key);
    return at < 0 ? nodes : [...nodes.slice(0, at + 1), sibling, ...nodes.slice(at + 1)];
  });
}

function allKeys(tree: readonly IndicatorBody[], out = new Set<string>()): Set<string> {
  for (const n of tree) {
    out.add(n.key);
    allKeys(n.children, out);
  }
  return out;
}

/** A key of the parent's prefix not yet used ('party_function.life' → 'party_function.life.n1'). */
export function freshKey(tree: readonly IndicatorBody[], parentKey: string | null): string {
  const used = allKeys(tree);
  const prefix = parentKey ? `${parentKey}.` : '';
  for (let i = 1; ; i++) {
    const key = `${prefix}n${i}`;
    if (!used.has(key) && key.length <= 40) return key;
    // A deep parent's prefix leaves no room: fall back to a short key of its own.
    if (key.length > 40) return freshKey(tree, null);
  }
}

const NEXT_TIER: Record<Tier, Tier> = { macro: 'meso', meso: 'micro', micro: 'micro' };

/** A new leaf under (or beside) another: one tier lower under it, the same domain, weight 0 to be set. */
export function newIndicator(
  tree: readonly IndicatorBody[],
  near: IndicatorBody | null,
  as: 'child' | 'sibling',
  name: string,
): IndicatorBody {
  const parentKey = as === 'child' ? (near?.key ?? null) : (parentOf(tree, near?.key ?? '')?.key ?? null);
  return {
    key: freshKey(tree, parentKey),
    name,
    tier: near ? (as === 'child' ? NEXT_TIER[near.tier] : near.tier) : 'macro',
    domain: near?.domain ?? 'party',
    weight: 0,
    source: 'computed',
    rule: { kind: 'ratio' },
    children: [],
  };
}

export function parentOf(tree: readonly IndicatorBody[], key: string): IndicatorBody | null {
  for (const n of tree) {
    if (n.children.some((c) => c.key === key)) return n;
    const deeper = parentOf(n.children, key);
    if (deeper) return deeper;
  }
  return null;
}

/** A rule of the kind with sensible numbers to start from. */
export function defaultRule(kind: RuleBody['kind']): RuleBody {
  switch (kind) {
    case 'linear':
      return { kind, floor: 0.6, target: 1 };
    case 'thresholds':
      return { kind, direction: 'higher', steps: [{ at: 1, score: 100 }] };
    case 'deduction':
      return { kind, base: 100, per: 5, cap: 40 };
    case 'bonus':
      return { kind, per: 1, cap: 3 };
    case 'ratio':
    case 'direct':
      return { kind };
  }
}

// Periods ----------------------------------------------------------------------------------------------------------

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
const QUARTERS = ['一', '二', '三', '四'];

/** The periods of this year and the last, newest first, as the server keys them ('2026-Q1') with Chinese names. */
export function periodOptions(kind: PeriodKind, year: number): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const y of [year, year - 1]) {
    const one = (value: string, label: string) => out.push({ value, label });
    if (kind === 'year') one(`${y}`, `${y}年`);
    if (kind === 'half') for (const h of [2, 1]) one(`${y}-H${h}`, `${y}年${h === 1 ? '上' : '下'}半年`);
    if (kind === 'quarter') for (const q of [4, 3, 2, 1]) one(`${y}-Q${q}`, `${y}年第${QUARTERS[q - 1]}季度`);
    if (kind === 'month')
      for (let m = 12; m >= 1; m--) one(`${y}-${String(m).padStart(2, '0')}`, `${y}年${m}月`);
  }
  return out;
}

/** '2026-Q1' → '2026年第一季度' (the key itself when it is not one of the kind's). */
export function periodLabel(kind: PeriodKind, key: string): string {
  const year = Number(key.slice(0, 4));
  if (!Number.isInteger(year)) return key;
  return periodOptions(kind, year).find((o) => o.value === key)?.label ?? key;
}

// Results ----------------------------------------------------------------------------------------------------------

/** '2（并列）' when others share the rank, '—' when there is none. */
export function rankText(row: Pick<ResultRow, 'rank' | 'tiedWith'>, tied: string): string {
  if (row.rank === null) return '—';
  return row.tiedWith.length > 0 ? `${row.rank}${tied}` : String(row.rank);
}

/** Two decimals, trailing zeros kept (a table of totals reads evenly); '—' for none. */
export const score2 = (n: number | null) => (n === null ? '—' : n.toFixed(2));
/** A number as typed, at most two decimals ('33.33', '40'). */
export const num = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));

/** The quarter before `key` ('2026-Q1' → '2025-Q4'). */
export function previousQuarter(key: string): string | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/**
 * The workbench card's cycles: the latest computed quarterly cycle of the organ's branches, and the same system's
 * cycle of the quarter before (for the trend), when there is one.
 */
export function cardCycles<
  C extends {
    id: string;
    level: string;
    periodKind: string;
    periodKey: string;
    systemId: string;
    computedAt: string | null;
  },
>(cycles: readonly C[]): { current: C | null; previous: C | null } {
  const quarters = cycles
    .filter((c) => c.level === 'branch' && c.periodKind === 'quarter' && c.computedAt !== null)
    .sort((a, b) => b.periodKey.localeCompare(a.periodKey));
  const current = quarters[0] ?? null;
  if (!current) return { current: null, previous: null };
  const before = previousQuarter(current.periodKey);
  const previous =
    quarters.find((c) => c.periodKey === before && c.systemId === current.systemId) ??
    quarters.find((c) => c.periodKey === before) ??
    null;
  return { current, previous };
}

/** Places gained (positive) or lost since the quarter before; null when either has no rank. */
export function rankMove(now: number | null, before: number | null | undefined): number | null {
  if (now === null || before === null || before === undefined) return null;
  return before - now;
}
