import { describe, expect, it } from 'vitest';
import { chinaDate, latestDueTime } from './jobs.ts';

describe('due times in China time', () => {
  it('gives the latest daily due time, yesterday’s before today’s has come', () => {
    // 00:05 in Beijing on 7 December is 16:05 UTC on 6 December.
    expect(latestDueTime({ daily: '00:10' }, new Date('2026-12-06T16:05:00Z')).toISOString()).toBe(
      '2026-12-05T16:10:00.000Z',
    );
    expect(latestDueTime({ daily: '00:10' }, new Date('2026-12-06T16:10:00Z')).toISOString()).toBe(
      '2026-12-06T16:10:00.000Z',
    );
    expect(latestDueTime({ daily: '23:30' }, new Date('2026-12-06T16:10:00Z')).toISOString()).toBe(
      '2026-12-06T15:30:00.000Z',
    );
  });

  it('counts every-n-minutes from midnight in Beijing', () => {
    expect(latestDueTime({ everyMinutes: 15 }, new Date('2026-12-06T16:29:59Z')).toISOString()).toBe(
      '2026-12-06T16:15:00.000Z',
    );
    expect(latestDueTime({ everyMinutes: 360 }, new Date('2026-12-06T21:59:00Z')).toISOString()).toBe(
      '2026-12-06T16:00:00.000Z',
    );
  });

  it('refuses schedules it cannot keep', () => {
    expect(() => latestDueTime({ daily: '24:00' }, new Date())).toThrow(RangeError);
    expect(() => latestDueTime({ daily: '7:00' }, new Date())).toThrow(RangeError);
    expect(() => latestDueTime({ everyMinutes: 7 }, new Date())).toThrow(RangeError);
    expect(() => latestDueTime({ everyMinutes: 0 }, new Date())).toThrow(RangeError);
  });

  it('names the Beijing date of an instant', () => {
    expect(chinaDate(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(chinaDate(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
  });
});
