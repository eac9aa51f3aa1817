// Periods by hand: month ends, leap years, the year's turn, and keys that are not periods.
import { describe, expect, it } from 'vitest';
import { periodKeyOf, periodsOf, periodsWithin, periodWindow, previousPeriod } from './assessment.periods.ts';

describe('period windows', () => {
  it('gives each kind its first and last day and its name', () => {
    expect(periodWindow('month', '2026-03')).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      label: '2026年3月',
    });
    expect(periodWindow('month', '2026-04')?.to).toBe('2026-04-30');
    expect(periodWindow('quarter', '2026-Q1')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      label: '2026年第一季度',
    });
    expect(periodWindow('quarter', '2026-Q3')).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      label: '2026年第三季度',
    });
    expect(periodWindow('half', '2026-H1')).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      label: '2026年上半年',
    });
    expect(periodWindow('half', '2026-H2')).toEqual({
      from: '2026-07-01',
      to: '2026-12-31',
      label: '2026年下半年',
    });
    expect(periodWindow('year', '2026')).toEqual({ from: '2026-01-01', to: '2026-12-31', label: '2026年度' });
  });

  it('knows February in leap years (every 4th, not centuries, but every 400th)', () => {
    expect(periodWindow('month', '2026-02')?.to).toBe('2026-02-28');
    expect(periodWindow('month', '2028-02')?.to).toBe('2028-02-29');
    expect(periodWindow('month', '2100-02')?.to).toBe('2100-02-28');
    expect(periodWindow('month', '2000-02')?.to).toBe('2000-02-29');
  });

  it('rejects keys that are not periods of the kind', () => {
    for (const [kind, key] of [
      ['month', '2026-13'],
      ['month', '2026-00'],
      ['month', '2026-3'],
      ['month', '2026-Q1'],
      ['quarter', '2026-Q5'],
      ['quarter', '2026-Q0'],
      ['quarter', '2026-03'],
      ['half', '2026-H3'],
      ['year', '26'],
      ['year', '0999'],
      ['year', '2026 '],
    ] as const)
      expect(periodWindow(kind, key), `${kind} ${key}`).toBeNull();
  });
});

describe('keys, lists and neighbours', () => {
  it('finds the period holding a day, and refuses days that do not exist', () => {
    expect(periodKeyOf('month', '2026-03-31')).toBe('2026-03');
    expect(periodKeyOf('quarter', '2026-03-31')).toBe('2026-Q1');
    expect(periodKeyOf('quarter', '2026-04-01')).toBe('2026-Q2');
    expect(periodKeyOf('half', '2026-06-30')).toBe('2026-H1');
    expect(periodKeyOf('half', '2026-07-01')).toBe('2026-H2');
    expect(periodKeyOf('year', '2026-12-31')).toBe('2026');
    expect(periodKeyOf('month', '2028-02-29')).toBe('2028-02');
    expect(() => periodKeyOf('month', '2026-02-29')).toThrow(RangeError);
    expect(() => periodKeyOf('month', '2026-04-31')).toThrow(RangeError);
    expect(() => periodKeyOf('month', '2026/04/01')).toThrow(RangeError);
  });

  it('lists a year’s periods', () => {
    expect(periodsOf('quarter', 2026)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOf('half', 2026)).toEqual(['2026-H1', '2026-H2']);
    expect(periodsOf('year', 2026)).toEqual(['2026']);
    const months = periodsOf('month', 2026);
    expect(months).toHaveLength(12);
    expect([months[0], months[8], months[11]]).toEqual(['2026-01', '2026-09', '2026-12']);
    expect(periodsOf('month', 2026.5)).toEqual([]);
  });

  it('steps back across the year’s turn', () => {
    expect(previousPeriod('quarter', '2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('quarter', '2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('month', '2026-01')).toBe('2025-12');
    expect(previousPeriod('month', '2026-10')).toBe('2026-09');
    expect(previousPeriod('half', '2026-H1')).toBe('2025-H2');
    expect(previousPeriod('year', '2026')).toBe('2025');
    expect(() => previousPeriod('quarter', '2026-Q9')).toThrow(RangeError);
  });

  it('gives the finer periods inside a period', () => {
    expect(periodsWithin({ kind: 'quarter', key: '2026-Q2' }, 'month')).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(periodsWithin({ kind: 'half', key: '2026-H2' }, 'quarter')).toEqual(['2026-Q3', '2026-Q4']);
    expect(periodsWithin({ kind: 'half', key: '2026-H2' }, 'month')).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(periodsWithin({ kind: 'year', key: '2026' }, 'half')).toEqual(['2026-H1', '2026-H2']);
    expect(periodsWithin({ kind: 'year', key: '2026' }, 'month')).toHaveLength(12);
    expect(periodsWithin({ kind: 'quarter', key: '2026-Q2' }, 'quarter')).toEqual(['2026-Q2']);
    expect(periodsWithin({ kind: 'quarter', key: '2026-Q2' }, 'half')).toEqual([]);
    expect(periodsWithin({ kind: 'quarter', key: '2026-Q7' }, 'month')).toEqual([]);
  });
});
