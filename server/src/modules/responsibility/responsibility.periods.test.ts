import { describe, expect, it } from 'vitest';
import { addDays, periodState, periodsOf } from './responsibility.periods.ts';

describe('periods of a duty', () => {
  it('gives a monthly duty one period per month begun, from the month it took effect', () => {
    const periods = periodsOf(
      { recurrence: 'monthly', effectiveFrom: '2026-02-15', deadline: null },
      2026,
      '2026-05-03',
    );
    expect(periods).toEqual([
      { key: '2026-02', startsOn: '2026-02-01', dueOn: '2026-02-28' },
      { key: '2026-03', startsOn: '2026-03-01', dueOn: '2026-03-31' },
      { key: '2026-04', startsOn: '2026-04-01', dueOn: '2026-04-30' },
      { key: '2026-05', startsOn: '2026-05-01', dueOn: '2026-05-31' },
    ]);
  });
  it('knows leap years and quarter ends', () => {
    expect(
      periodsOf({ recurrence: 'monthly', effectiveFrom: '2028-02-01', deadline: null }, 2028, '2028-02-01')[0]
        ?.dueOn,
    ).toBe('2028-02-29');
    expect(
      periodsOf(
        { recurrence: 'quarterly', effectiveFrom: '2026-01-01', deadline: null },
        2026,
        '2026-12-31',
      ).map((p) => [p.key, p.dueOn]),
    ).toEqual([
      ['2026-Q1', '2026-03-31'],
      ['2026-Q2', '2026-06-30'],
      ['2026-Q3', '2026-09-30'],
      ['2026-Q4', '2026-12-31'],
    ]);
  });
  it('starts the next quarter only when it has begun (period boundary)', () => {
    const duty = { recurrence: 'quarterly' as const, effectiveFrom: '2026-01-01', deadline: null };
    expect(periodsOf(duty, 2026, '2026-03-31').map((p) => p.key)).toEqual(['2026-Q1']);
    expect(periodsOf(duty, 2026, '2026-04-01').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2']);
  });
  it('gives half-yearly and yearly duties their periods, and nothing of another year', () => {
    expect(
      periodsOf(
        { recurrence: 'half_yearly', effectiveFrom: '2026-08-01', deadline: null },
        2026,
        '2027-03-01',
      ).map((p) => p.key),
    ).toEqual(['2026-H2']);
    expect(
      periodsOf({ recurrence: 'yearly', effectiveFrom: '2026-03-01', deadline: null }, 2026, '2026-03-01'),
    ).toEqual([{ key: '2026', startsOn: '2026-01-01', dueOn: '2026-12-31' }]);
    expect(
      periodsOf({ recurrence: 'monthly', effectiveFrom: '2026-01-01', deadline: null }, 2026, '2025-12-31'),
    ).toEqual([]);
  });
  it('gives a one-off duty one period ending on its deadline', () => {
    expect(
      periodsOf(
        { recurrence: 'none', effectiveFrom: '2026-03-01', deadline: '2026-06-30' },
        2026,
        '2026-01-01',
      ),
    ).toEqual([{ key: 'once', startsOn: '2026-03-01', dueOn: '2026-06-30' }]);
  });
});

describe('state of a period', () => {
  const due = '2026-03-31';
  it('reads open, due soon and overdue from the date', () => {
    expect(periodState({ status: 'open', dueOn: due, doneOn: null }, '2026-03-01')).toBe('open');
    expect(periodState({ status: 'open', dueOn: due, doneOn: null }, addDays(due, -7))).toBe('due_soon');
    expect(periodState({ status: 'open', dueOn: due, doneOn: null }, due)).toBe('due_soon');
    expect(periodState({ status: 'open', dueOn: due, doneOn: null }, '2026-04-01')).toBe('overdue');
  });
  it('tells done on time from done late, and keeps exempt', () => {
    expect(periodState({ status: 'done', dueOn: due, doneOn: due }, '2026-05-01')).toBe('done');
    expect(periodState({ status: 'done', dueOn: due, doneOn: '2026-04-01' }, '2026-05-01')).toBe('late');
    expect(periodState({ status: 'exempt', dueOn: due, doneOn: null }, '2026-05-01')).toBe('exempt');
  });
});
