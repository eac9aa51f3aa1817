import { describe, expect, it } from 'vitest';
import type { BulletinChange } from '#contracts/assessment-bulletin';
import { rankChangeBars, rankChangeText, shareUrl, totalChangeText } from './bulletin-logic.ts';

const change = (subjectName: string, rankChange: number | null): BulletinChange => ({
  subjectId: '11111111-2222-4333-8444-555555555555',
  subjectName,
  rank: null,
  previousRank: null,
  rankChange,
  total: null,
  previousTotal: null,
  totalChange: null,
});

describe('bulletins in words', () => {
  it('writes rank changes with arrows, up positive', () => {
    expect(rankChangeText(2)).toBe('↑2');
    expect(rankChangeText(-1)).toBe('↓1');
    expect(rankChangeText(0)).toBe('—');
    expect(rankChangeText(null)).toBe('—');
  });
  it('writes score changes with their sign, to the hundredth', () => {
    expect(totalChangeText(5)).toBe('+5');
    // 2.345 rounds to 2.35 (hundredths, as the server shows scores).
    expect(totalChangeText(-2.345)).toBe('-2.35');
    expect(totalChangeText(0)).toBe('0');
    expect(totalChangeText(null)).toBe('—');
  });
  it('builds the share address on this site', () => {
    expect(shareUrl('https://dj.example.gov.cn', 'abc')).toBe(
      'https://dj.example.gov.cn/assessment/bulletins/shared/abc',
    );
  });
  it('draws a bar for each subject ranked in both periods, and none for one without a change to show', () => {
    const bars = rankChangeBars({
      diff: {
        source: 'bulletin',
        cycleId: '11111111-2222-4333-8444-555555555555',
        cycleName: 'Q1',
        periodKey: '2026-Q1',
        bulletinId: null,
        changes: [change('第三党支部', 2), change('第二党支部', 0), change('无分支部', null)],
        added: [change('第六党支部', null)],
        gone: [],
      },
    });
    expect(bars).toEqual([
      { name: '第三党支部', change: 2 },
      { name: '第二党支部', change: 0 },
    ]);
    expect(rankChangeBars({ diff: null })).toEqual([]);
  });
});
