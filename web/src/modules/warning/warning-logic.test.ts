import { describe, expect, it } from 'vitest';
import type { OverviewOrg } from '#contracts/warning';
import { placeholders } from '../../i18n/format.ts';
import { warningZh } from './warning.messages.ts';
import { warningEn } from './warning.messages-en.ts';
import {
  formatRaw,
  freeKey,
  handling,
  isAppPath,
  LEVEL_COLOUR,
  levelCounts,
  openTotal,
  periodLabel,
  ranking,
  rankingShown,
  tiles,
  trendSeries,
  weightsCheck,
  worstFirst,
} from './warning-logic.ts';

const w = (
  id: string,
  level: 'green' | 'yellow' | 'orange' | 'red',
  deadline: string | null,
  org = '第一党支部',
) => ({
  id,
  level,
  deadline,
  partyOrgName: org,
});

const org = (
  name: string,
  level: OverviewOrg['level'],
  index: number | null,
  trend: (number | null)[] = [],
) =>
  ({
    partyOrgId: `id-${name}`,
    unitId: 'u',
    name,
    kind: 'branch',
    parentId: null,
    level,
    index,
    trend: trend.map((value, i) => ({ periodKey: `2026-Q${i + 1}`, value })),
    openWarnings: 0,
    answered: 0,
  }) satisfies OverviewOrg;

describe('worstFirst', () => {
  it('puts red before orange before yellow, then the nearest deadline, none last, then the name', () => {
    const sorted = worstFirst([
      w('a', 'yellow', '2026-12-01'),
      w('b', 'orange', null),
      w('c', 'orange', '2026-12-20'),
      w('d', 'red', '2026-12-31'),
      w('e', 'orange', '2026-12-10'),
      w('f', 'orange', '2026-12-10', '第三党支部'),
    ]);
    // red d first; then orange by deadline: e and f on 12-10, c on 12-20, b with none; then yellow a.
    // e and f tie on the deadline: 'zh-CN' collation orders by pinyin, 第三 (san) before 第一 (yi), so f before e.
    expect(sorted.map((x) => x.id)).toEqual(['d', 'f', 'e', 'c', 'b', 'a']);
  });
});

describe('handling', () => {
  it('says nothing was done, a note, or a plan with its date and whether it lapsed', () => {
    expect(handling({ answer: null })).toEqual({ kind: 'none' });
    const base = { note: 'x', href: null, byName: null, on: '2026-11-22' };
    expect(handling({ answer: { ...base, kind: 'note', planDue: null, lapsed: false } })).toEqual({
      kind: 'note',
    });
    expect(handling({ answer: { ...base, kind: 'plan', planDue: '2026-11-25', lapsed: true } })).toEqual({
      kind: 'plan',
      due: '2026-11-25',
      lapsed: true,
    });
    expect(
      handling({ answer: { ...base, kind: 'rectification', planDue: '2026-12-06', lapsed: false } }),
    ).toEqual({ kind: 'rectification', due: '2026-12-06', lapsed: false });
  });
});

describe('weightsCheck', () => {
  it('is 100 for the default formula: 30 + 20 + 30 + 20', () => {
    expect(weightsCheck([{ weight: 30 }, { weight: 20 }, { weight: 30 }, { weight: 20 }])).toEqual({
      total: 100,
      ok: true,
    });
  });
  it('shows 33.3 + 33.3 + 33.4 as exactly 100, and 60 + 50 as 110, off', () => {
    expect(weightsCheck([{ weight: 33.3 }, { weight: 33.3 }, { weight: 33.4 }])).toEqual({
      total: 100,
      ok: true,
    });
    expect(weightsCheck([{ weight: 60 }, { weight: 50 }])).toEqual({ total: 110, ok: false });
  });
  it('counts a field being typed (not a number yet) as 0: 70 + blank = 70', () => {
    expect(weightsCheck([{ weight: 70 }, { weight: Number.NaN }])).toEqual({ total: 70, ok: false });
  });
});

describe('periodLabel', () => {
  it('names the quarter in words', () => {
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度');
    expect(periodLabel('2027-Q1', 'en')).toBe('2027 Q1');
    expect(periodLabel('2026-H1')).toBe('2026-H1');
  });
});

describe('levelCounts', () => {
  it('lists the four levels in order, a missing one as 0', () => {
    expect(levelCounts({ green: 4, red: 2 })).toEqual([
      { level: 'green', count: 4 },
      { level: 'yellow', count: 0 },
      { level: 'orange', count: 0 },
      { level: 'red', count: 2 },
    ]);
  });
  it('paints red and green in the traffic light colours', () => {
    expect(LEVEL_COLOUR.red).toBe('#cf1322');
    expect(LEVEL_COLOUR.green).toBe('#389e0d');
  });
});

describe('ranking', () => {
  it('ranks by index, highest first, leaves out the uncomputed and marks every one tied at the bottom', () => {
    const rows = ranking([
      org('甲', 'green', 82),
      org('乙', 'orange', 57.5),
      org('丙', 'yellow', 66),
      org('丁', 'green', null),
      org('戊', 'orange', 57.5),
    ]);
    expect(rows.map((r) => [r.rank, r.name, r.value, r.lowest])).toEqual([
      [1, '甲', 82, false],
      [2, '丙', 66, false],
      // 乙 (yǐ) and 戊 (wù) tie at 57.5: by pinyin wu < yi.
      [3, '戊', 57.5, true],
      [4, '乙', 57.5, true],
    ]);
  });
  it('marks no lowest when there is only one organisation', () => {
    expect(ranking([org('甲', 'green', 82)])[0]?.lowest).toBe(false);
  });
});

describe('rankingShown', () => {
  const rows = (n: number) =>
    ranking(Array.from({ length: n }, (_, i) => org(`支部${String(i).padStart(2, '0')}`, 'green', 100 - i)));
  it('shows a short ranking whole', () => {
    expect(rankingShown(rows(20)).length).toBe(20);
  });
  it('of 30 shows places 1–5 and 16–30 (the bottom 15), with their real places', () => {
    // 30 rows, max 20, top 5: 5 from the top, 20 − 5 = 15 from the bottom, i.e. places 16 to 30.
    const shown = rankingShown(rows(30));
    expect(shown.map((r) => r.rank)).toEqual([
      1,
      2,
      3,
      4,
      5,
      ...Array.from({ length: 15 }, (_, i) => 16 + i),
    ]);
    expect(shown.at(-1)).toMatchObject({ rank: 30, value: 71, lowest: true }); // 100 − 29
  });
});

describe('tiles', () => {
  it('gives each organisation one equal tile, worst first, then the lower index', () => {
    const t = tiles([
      org('甲', 'green', 90),
      org('乙', 'orange', 58),
      org('丙', 'red', 40),
      org('丁', 'orange', 55),
    ]);
    expect(t.map((x) => [x.name, x.value])).toEqual([
      ['丙', 1],
      ['丁', 1],
      ['乙', 1],
      ['甲', 1],
    ]);
  });
});

describe('trendSeries', () => {
  it('lines up every organisation on the same quarters and leaves out one with no value at all', () => {
    const { periods, series } = trendSeries([
      org('甲', 'green', 80, [70, null, 75, 80]),
      org('乙', 'green', null, [null, null, null, null]),
    ]);
    expect(periods).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(series).toEqual([{ name: '甲', values: [70, null, 75, 80] }]);
  });
});

describe('trendSeries past eight lines', () => {
  it('keeps the organ as a whole and the seven lowest branches now', () => {
    const root = { ...org('机关党委', 'yellow', 65, [60, 65]), kind: 'organ_committee' };
    // Ten branches with indexes 90, 85, …, 45 (90 − 5i): the seven lowest are 75 down to 45, lowest first.
    const branches = Array.from({ length: 10 }, (_, i) =>
      org(`支部${i}`, 'green', 90 - 5 * i, [50, 90 - 5 * i]),
    );
    const { series } = trendSeries([root, ...branches]);
    expect(series.map((s) => s.name)).toEqual([
      '机关党委',
      '支部9',
      '支部8',
      '支部7',
      '支部6',
      '支部5',
      '支部4',
      '支部3',
    ]);
  });
});

describe('formatRaw and openTotal', () => {
  it('shows a share of 2 of 7 as 0.286 and a count as it is', () => {
    expect(formatRaw(2 / 7)).toBe('0.286'); // 0.285714… to three decimals
    expect(formatRaw(3)).toBe('3');
    expect(formatRaw(43.29)).toBe('43.29');
    expect(formatRaw(null)).toBe('—');
  });
  it('adds the organisations’ open warnings: 1 + 0 + 3 = 4', () => {
    expect(openTotal([{ openWarnings: 1 }, { openWarnings: 0 }, { openWarnings: 3 }])).toBe(4);
  });
});

describe('freeKey and isAppPath', () => {
  it('finds the first free part_n', () => {
    expect(freeKey([{ key: 'part_1' }, { key: 'linked' }, { key: 'part_3' }])).toBe('part_2');
  });
  it('tells the app’s own paths from others', () => {
    expect(isAppPath('/branch/records/1')).toBe(true);
    expect(isAppPath('//evil.example/x')).toBe(false);
    expect(isAppPath('https://example.org')).toBe(false);
  });
});

describe('messages', () => {
  it('has the same keys and placeholders in both languages, and no empty one', () => {
    expect(Object.keys(warningEn).sort()).toEqual(Object.keys(warningZh).sort());
    for (const [key, zh] of Object.entries(warningZh)) {
      const en = warningEn[key as keyof typeof warningEn];
      expect(placeholders(en), key).toEqual(placeholders(zh));
      expect(en.trim(), key).not.toBe('');
    }
  });
});
