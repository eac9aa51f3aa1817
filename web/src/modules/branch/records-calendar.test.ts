import { describe, expect, it } from 'vitest';
import {
  addMonths,
  monthGrid,
  monthRange,
  nextPlanned,
  recordDay,
  recordsByDay,
  themeDayIn,
  themeDayState,
} from './records-calendar.ts';

type R = {
  id: string;
  kind: 'theme_day' | 'committee_meeting';
  status: 'planned' | 'held';
  heldOn: string | null;
  plannedOn: string | null;
};
const rec = (id: string, over: Partial<R>): R => ({
  id,
  kind: 'theme_day',
  status: 'held',
  heldOn: null,
  plannedOn: null,
  ...over,
});

describe('months', () => {
  it('knows month lengths and steps across years', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });
  it('lays a month out in weeks from Monday', () => {
    const weeks = monthGrid('2026-12');
    // 1 December 2026 is a Tuesday.
    expect(weeks[0]?.[0]).toEqual({ date: '2026-11-30', day: 30, inMonth: false });
    expect(weeks[0]?.[1]).toEqual({ date: '2026-12-01', day: 1, inMonth: true });
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
    expect(weeks.at(-1)?.at(-1)?.date).toBe('2027-01-03');
  });
  it('keeps the theme day within every month', () => {
    expect(themeDayIn('2026-02', 9)).toBe('2026-02-09');
    expect(themeDayIn('2026-02', 31)).toBe('2026-02-28');
  });
});

describe('records on the calendar', () => {
  it('stands a record on its held day, a plan on its planned day', () => {
    expect(recordDay(rec('a', { heldOn: '2026-12-09', plannedOn: '2026-12-08' }))).toBe('2026-12-09');
    expect(recordDay(rec('b', { status: 'planned', plannedOn: '2026-12-20' }))).toBe('2026-12-20');
    const byDay = recordsByDay([
      rec('a', { heldOn: '2026-12-09' }),
      rec('b', { heldOn: '2026-12-09' }),
      rec('c', { status: 'planned', plannedOn: null }),
    ]);
    expect([...byDay.keys()]).toEqual(['2026-12-09']);
    expect(byDay.get('2026-12-09')?.map((r) => r.id)).toEqual(['a', 'b']);
  });
  it('says how the month’s theme day stands', () => {
    const day = '2026-12-09';
    expect(themeDayState([rec('a', { heldOn: '2026-12-10' })], day, '2026-12-15')).toBe('held');
    expect(themeDayState([rec('a', { status: 'planned', plannedOn: '2026-12-20' })], day, '2026-12-15')).toBe(
      'planned',
    );
    expect(themeDayState([], day, '2026-12-09')).toBe('upcoming');
    expect(themeDayState([], day, '2026-12-10')).toBe('missing');
    // Last month's theme day, or another kind, does not count.
    expect(
      themeDayState(
        [rec('a', { heldOn: '2026-11-09' }), rec('b', { kind: 'committee_meeting', heldOn: '2026-12-09' })],
        day,
        '2026-12-10',
      ),
    ).toBe('missing');
  });
  it('finds the next planned meeting from today', () => {
    const records = [
      rec('past', { status: 'planned', plannedOn: '2026-12-01' }),
      rec('later', { status: 'planned', plannedOn: '2027-01-09' }),
      rec('soon', { status: 'planned', plannedOn: '2026-12-20' }),
      rec('held', { heldOn: '2026-12-16' }),
    ];
    expect(nextPlanned(records, '2026-12-15')?.id).toBe('soon');
    expect(nextPlanned([], '2026-12-15')).toBeNull();
  });
});
