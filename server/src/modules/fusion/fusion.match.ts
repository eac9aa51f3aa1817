// The matching board's judgement (issue 11 point 2), pure: why a resource suits a need, in points an officer can
// check by hand. The facts a suggestion rests on are kept when an officer declines it; the pair comes back only when
// those facts have changed (new facts), never merely because time passed.
import type { SuggestionReason, Urgency } from '#contracts/fusion';

export const POINTS = {
  /** The resource's branch serves the need's department (支部建在科上). */
  departmentLink: 40,
  perSharedTag: 15,
  maxSharedTags: 3,
  perFreeSlot: 5,
  maxFreeSlots: 3,
  urgency: { normal: 0, urgent: 5, critical: 10 } satisfies Record<Urgency, number>,
} as const;

/** At most this many suggestions per need: the board is a short list, not a cross product. */
export const PER_NEED = 3;

export type MatchNeed = {
  id: string;
  departmentId: string;
  departmentName: string;
  urgency: Urgency;
  tags: readonly string[];
  raisedOn: string;
};
export type MatchResource = {
  id: string;
  partyOrgId: string;
  partyOrgName: string;
  tags: readonly string[];
  capacity: number;
  inUse: number;
};

/** What a pair rests on, in a form that compares equal when nothing relevant has changed. */
export type MatchFacts = {
  linked: boolean;
  shared: string[];
  free: number;
  urgency: Urgency;
};

/** Keywords compare without case or surrounding space ("OA" = "oa "). */
const norm = (t: string) => t.trim().toLowerCase();

export function factsOf(need: MatchNeed, resource: MatchResource, linked: boolean): MatchFacts {
  const theirs = new Set(resource.tags.map(norm));
  const shared = [...new Set(need.tags.filter((t) => theirs.has(norm(t))))].sort();
  return { linked, shared, free: Math.max(0, resource.capacity - resource.inUse), urgency: need.urgency };
}

export function sameFacts(a: MatchFacts, b: MatchFacts): boolean {
  return (
    a.linked === b.linked &&
    a.free === b.free &&
    a.urgency === b.urgency &&
    a.shared.length === b.shared.length &&
    a.shared.every((t, i) => t === b.shared[i])
  );
}

/** Reads facts stored as JSON; anything unreadable counts as different facts (the pair is offered again). */
export function parseFacts(value: unknown): MatchFacts | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.linked !== 'boolean' || typeof v.free !== 'number' || !Array.isArray(v.shared)) return null;
  if (v.urgency !== 'normal' && v.urgency !== 'urgent' && v.urgency !== 'critical') return null;
  return { linked: v.linked, free: v.free, shared: v.shared.map(String), urgency: v.urgency };
}

export type Scored = { score: number; reasons: SuggestionReason[] };

/**
 * Points and the lines that explain them; null when the pair is not worth suggesting: no free capacity, or neither
 * a department link nor a shared keyword (urgency alone never makes a match).
 */
export function score(
  need: MatchNeed,
  resource: MatchResource,
  facts: MatchFacts,
  declinedOn: string | null,
): Scored | null {
  if (facts.free <= 0) return null;
  if (!facts.linked && facts.shared.length === 0) return null;
  const reasons: SuggestionReason[] = [];
  if (facts.linked)
    reasons.push({
      kind: 'department_link',
      points: POINTS.departmentLink,
      branchName: resource.partyOrgName,
      departmentName: need.departmentName,
    });
  if (facts.shared.length > 0)
    reasons.push({
      kind: 'shared_tags',
      points: POINTS.perSharedTag * Math.min(facts.shared.length, POINTS.maxSharedTags),
      tags: facts.shared,
    });
  reasons.push({
    kind: 'capacity',
    points: POINTS.perFreeSlot * Math.min(facts.free, POINTS.maxFreeSlots),
    free: facts.free,
    capacity: resource.capacity,
  });
  if (POINTS.urgency[need.urgency] > 0)
    reasons.push({ kind: 'urgency', points: POINTS.urgency[need.urgency], urgency: need.urgency });
  if (declinedOn) reasons.push({ kind: 'declined_before', points: 0, declinedOn });
  return { score: reasons.reduce((s, r) => s + r.points, 0), reasons };
}

export type Decision = { decision: 'declined' | 'accepted'; facts: MatchFacts | null; decidedOn: string };

/**
 * The suggestions of a board, best first, at most PER_NEED per need: pairs already accepted are never offered,
 * pairs declined are offered again only on new facts (and say so).
 */
export function suggest(
  needs: readonly MatchNeed[],
  resources: readonly MatchResource[],
  links: ReadonlySet<string>,
  decisions: ReadonlyMap<string, Decision>,
): { needId: string; resourceId: string; score: number; reasons: SuggestionReason[] }[] {
  const out: {
    needId: string;
    resourceId: string;
    score: number;
    reasons: SuggestionReason[];
    need: MatchNeed;
  }[] = [];
  for (const need of needs) {
    const mine: typeof out = [];
    for (const resource of resources) {
      const facts = factsOf(need, resource, links.has(`${resource.partyOrgId}|${need.departmentId}`));
      const decided = decisions.get(`${need.id}|${resource.id}`);
      if (decided?.decision === 'accepted') continue;
      if (decided?.facts && sameFacts(decided.facts, facts)) continue;
      const scored = score(need, resource, facts, decided ? decided.decidedOn : null);
      if (scored) mine.push({ needId: need.id, resourceId: resource.id, ...scored, need });
    }
    mine.sort((a, b) => b.score - a.score || a.resourceId.localeCompare(b.resourceId));
    out.push(...mine.slice(0, PER_NEED));
  }
  const rank = (u: Urgency) => (u === 'critical' ? 0 : u === 'urgent' ? 1 : 2);
  out.sort(
    (a, b) =>
      b.score - a.score ||
      rank(a.need.urgency) - rank(b.need.urgency) ||
      a.need.raisedOn.localeCompare(b.need.raisedOn) ||
      a.needId.localeCompare(b.needId) ||
      a.resourceId.localeCompare(b.resourceId),
  );
  return out.map(({ need: _n, ...s }) => s);
}
