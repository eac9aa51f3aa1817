// The board's judgement, by hand: points an officer can recompute, and "new facts" meaning exactly the facts a
// suggestion rests on.
import { describe, expect, it } from 'vitest';
import {
  factsOf,
  type MatchNeed,
  type MatchResource,
  parseFacts,
  sameFacts,
  score,
  suggest,
} from './fusion.match.ts';

const need = (id: string, o: Partial<MatchNeed> = {}): MatchNeed => ({
  id,
  departmentId: 'D1',
  departmentName: '政策法规科',
  urgency: 'normal',
  tags: [],
  raisedOn: '2026-03-01',
  ...o,
});
const res = (id: string, o: Partial<MatchResource> = {}): MatchResource => ({
  id,
  partyOrgId: 'B1',
  partyOrgName: '第一党支部',
  tags: [],
  capacity: 1,
  inUse: 0,
  ...o,
});

describe('scoring a pair', () => {
  it('adds 40 for the department link, 15 a shared keyword up to three, 5 a free slot up to three, 10/5 for urgency', () => {
    const n = need('N', { tags: ['a', 'b', 'c', 'd'], urgency: 'critical' });
    const r = res('R', { tags: ['A ', 'b', 'c', 'd'], capacity: 5, inUse: 1 });
    const facts = factsOf(n, r, true);
    expect(facts).toEqual({ linked: true, shared: ['a', 'b', 'c', 'd'], free: 4, urgency: 'critical' });
    // 40 + 15×3 + 5×3 + 10
    expect(score(n, r, facts, null)?.score).toBe(110);
  });

  it('offers nothing without free capacity, and nothing on urgency alone', () => {
    const n = need('N', { urgency: 'critical', tags: ['x'] });
    expect(
      score(
        n,
        res('R', { tags: ['x'], inUse: 1 }),
        factsOf(n, res('R', { tags: ['x'], inUse: 1 }), true),
        null,
      ),
    ).toBeNull();
    expect(score(n, res('R'), factsOf(n, res('R'), false), null)).toBeNull();
    expect(score(n, res('R'), factsOf(n, res('R'), true), null)?.score).toBe(40 + 5 + 10);
  });

  it('treats unreadable stored facts as changed ones', () => {
    expect(parseFacts({ linked: true, shared: ['a'], free: 1, urgency: 'normal' })).toEqual({
      linked: true,
      shared: ['a'],
      free: 1,
      urgency: 'normal',
    });
    expect(parseFacts({ linked: 'yes' })).toBeNull();
    expect(parseFacts(null)).toBeNull();
  });
});

describe('the suggestions of a board', () => {
  const needs = [
    need('N1', { tags: ['法律'] }),
    need('N2', { departmentId: 'D2', tags: ['法律'], urgency: 'urgent' }),
  ];
  const resources = [
    res('R1', { tags: ['法律'] }),
    res('R2', { partyOrgId: 'B2', tags: ['法律'] }),
    res('R3', { partyOrgId: 'B3', tags: ['宣传'] }),
  ];
  const links = new Set(['B1|D1', 'B2|D2']);

  it('ranks by points, then urgency, and keeps the reasons', () => {
    const s = suggest(needs, resources, links, new Map());
    // N2–R2: 40+15+5+5 = 65; N1–R1: 40+15+5 = 60; N2–R1 and N1–R2: 15+5 (+5 for 较急) = 25 / 20.
    expect(s.map((x) => `${x.needId}-${x.resourceId}:${x.score}`)).toEqual([
      'N2-R2:65',
      'N1-R1:60',
      'N2-R1:25',
      'N1-R2:20',
    ]);
  });

  it('skips accepted pairs, and declined pairs until their facts change', () => {
    const declinedFacts = factsOf(needs[0] as MatchNeed, resources[0] as MatchResource, true);
    const declined = new Map([
      ['N1|R1', { decision: 'declined' as const, facts: declinedFacts, decidedOn: '2026-05-01' }],
    ]);
    expect(
      suggest(needs, resources, links, declined).some((x) => x.needId === 'N1' && x.resourceId === 'R1'),
    ).toBe(false);
    const freed = resources.map((r) => (r.id === 'R1' ? { ...r, capacity: 2 } : r));
    const back = suggest(needs, freed, links, declined).find(
      (x) => x.needId === 'N1' && x.resourceId === 'R1',
    );
    expect(back?.reasons.at(-1)).toEqual({ kind: 'declined_before', points: 0, declinedOn: '2026-05-01' });
    const accepted = new Map([
      ['N1|R1', { decision: 'accepted' as const, facts: null, decidedOn: '2026-05-01' }],
    ]);
    expect(
      suggest(needs, freed, links, accepted).some((x) => x.needId === 'N1' && x.resourceId === 'R1'),
    ).toBe(false);
    expect(sameFacts(declinedFacts, { ...declinedFacts, shared: [...declinedFacts.shared] })).toBe(true);
  });

  it('offers at most three resources per need', () => {
    const many = Array.from({ length: 6 }, (_, i) => res(`R${i}`, { tags: ['法律'] }));
    expect(suggest([need('N', { tags: ['法律'] })], many, new Set(), new Map())).toHaveLength(3);
  });
});
