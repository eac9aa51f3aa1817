import { describe, expect, it } from 'vitest';
import type { BulletinRow } from '#contracts/assessment-bulletin';
import { compareRows, lowestOf, moversOf } from './assessment.bulletin-content.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const row = (n: number, rank: number | null, total: number | null): BulletinRow => ({
  subjectId: id(n),
  subjectName: `第${n}支部`,
  rank,
  outOf: 0,
  tiedWith: [],
  total,
  band: null,
  party: null,
  business: null,
  fusion: null,
  grade: null,
  note: null,
});

describe('a bulletin against the previous period', () => {
  it('names subjects gone since, new this period, and the change of those in both', () => {
    const before = [row(1, 1, 90), row(2, 2, 80), row(3, 3, 70)];
    const now = [row(2, 1, 85.5), row(1, 2, 82), row(4, 3, 60)];
    const diff = compareRows(now, before);
    // 第2支部: 2nd → 1st = +1, 85.5 − 80 = 5.5; 第1支部: 1st → 2nd = −1, 82 − 90 = −8.
    expect(diff.changes.map((c) => [c.subjectName, c.rankChange, c.totalChange])).toEqual([
      ['第2支部', 1, 5.5],
      ['第1支部', -1, -8],
    ]);
    expect(diff.added.map((c) => [c.subjectName, c.rank, c.previousRank])).toEqual([['第4支部', 3, null]]);
    expect(diff.gone.map((c) => [c.subjectName, c.previousRank, c.previousTotal, c.rank])).toEqual([
      ['第3支部', 3, 70, null],
    ]);
  });

  it('names at most three movers each way, biggest climb first, and nobody who kept their place', () => {
    const before = [1, 2, 3, 4, 5, 6].map((n) => row(n, n, 100 - n));
    // Ranks now: 6 → 1 (+5), 5 → 2 (+3), 4 → 3 (+1), 3 → 4 (−1), 2 → 5 (−3), 1 → 6 (−5); 第7 new.
    const now = [6, 5, 4, 3, 2, 1].map((n, i) => row(n, i + 1, 100 - i)).concat([row(7, 7, 10)]);
    const movers = moversOf(compareRows(now, before).changes);
    expect(movers.up.map((m) => [m.subjectName, m.rankChange])).toEqual([
      ['第6支部', 5],
      ['第5支部', 3],
      ['第4支部', 1],
    ]);
    expect(movers.down.map((m) => [m.subjectName, m.rankChange])).toEqual([
      ['第1支部', -5],
      ['第2支部', -3],
      ['第3支部', -1],
    ]);
    expect(moversOf(compareRows(before, before).changes)).toEqual({ up: [], down: [] });
  });

  it('names the last three places, never cutting a tie in two, and leaves out the unranked', () => {
    // Ranks 1, 2, 2, 4, 5: the last three positions hold ranks 2, 4, 5 — and the other 2nd shares that place.
    const rows = [
      row(1, 1, 90),
      row(2, 2, 80),
      row(3, 2, 80),
      row(4, 4, 70),
      row(5, 5, 60),
      row(6, null, null),
    ];
    const lowest = lowestOf(rows, { [id(5)]: '正在整改' });
    expect(lowest.map((l) => [l.subjectName, l.rank, l.note])).toEqual([
      ['第2支部', 2, ''],
      ['第3支部', 2, ''],
      ['第4支部', 4, ''],
      ['第5支部', 5, '正在整改'],
    ]);
    expect(lowestOf([row(1, null, null)], {})).toEqual([]);
  });
});
