// From a scored tree to what people read: each indicator with its tier, domain and source beside the engine's
// explanation, and the Party, business and fusion scores the two-skins signal compares (issue 13 reads them).
import type { Domain, IndicatorBody, ScoredIndicator } from '#contracts/assessment';
import type { ScoredNode } from './assessment.scoring.ts';

/** A subject's leaf values: { [indicator key]: { v: value | null, d: what it is in words } }. */
export type StoredValue = {
  v: number | null;
  d: string;
  /** A rated leaf with a thin rater group: the range its value may lie in (assessment.rating-band.ts). */
  band?: { low: number; high: number } | undefined;
};
export type StoredValues = Record<string, StoredValue>;

/**
 * Kept as a list of { k, v, d }, never as an object keyed by indicator: the database layer camel-cases the property
 * names of what it reads back (party_function.life → partyFunction.life), and an indicator's key is data.
 */
export const packValues = (stored: StoredValues): string =>
  JSON.stringify(
    Object.entries(stored).map(([k, x]) =>
      x.band ? { k, v: x.v, d: x.d, b: x.band } : { k, v: x.v, d: x.d },
    ),
  );

export function unpackValues(raw: unknown): StoredValues {
  const out: StoredValues = {};
  if (Array.isArray(raw))
    for (const e of raw as { k: string; v: number | null; d: string; b?: { low: number; high: number } }[])
      out[e.k] = e.b ? { v: e.v, d: e.d, band: e.b } : { v: e.v, d: e.d };
  return out;
}

/**
 * Each domain's score: the leaves of that domain that have a score, weighted by their share of the total as applied
 * (the product of effective weights down to them). Bonus points stay with the total only.
 */
export function domainScores(
  tree: readonly IndicatorBody[],
  root: ScoredNode,
): Record<Domain, number | null> {
  const sum: Record<Domain, { s: number; w: number }> = {
    party: { s: 0, w: 0 },
    business: { s: 0, w: 0 },
    fusion: { s: 0, w: 0 },
  };
  const visit = (bodies: readonly IndicatorBody[], nodes: readonly ScoredNode[], share: number) => {
    bodies.forEach((b, i) => {
      const n = nodes[i];
      if (!n || n.effectiveWeight === null || n.score === null) return;
      const s = (share * n.effectiveWeight) / 100;
      if (b.source === 'group') visit(b.children, n.children, s);
      else {
        sum[b.domain].s += n.score * s;
        sum[b.domain].w += s;
      }
    });
  };
  visit(tree, root.children, 1);
  const of = (d: Domain) => (sum[d].w > 0 ? sum[d].s / sum[d].w : null);
  return { party: of('party'), business: of('business'), fusion: of('fusion') };
}

export function explained(
  tree: readonly IndicatorBody[],
  root: ScoredNode,
  stored: StoredValues,
): ScoredIndicator[] {
  const merge = (b: IndicatorBody, n: ScoredNode | undefined): ScoredIndicator => ({
    key: b.key,
    name: b.name,
    tier: b.tier,
    domain: b.domain,
    source: b.source,
    weight: b.weight,
    effectiveWeight: n?.effectiveWeight ?? null,
    value: n?.value ?? null,
    score: n?.score ?? null,
    contribution: n?.contribution ?? null,
    bonus: n?.bonus ?? null,
    dropped: n?.dropped ?? true,
    rule: n?.rule ?? null,
    applied: n?.applied ?? null,
    detail: stored[b.key]?.d ?? null,
    note: n?.note ?? null,
    children: b.children.map((c, i) => merge(c, n?.children[i])),
  });
  return tree.map((b, i) => merge(b, root.children[i]));
}
