import { describe, expect, it } from 'vitest';
import { byBar, calibrationShown, plain, quotaPlaces } from './outcome-logic.ts';

describe('outcome logic', () => {
  it('counts the quota places as the server does: rounded down', () => {
    // 10 × 20% = 2; 6 × 20% = 1.2 → 1; 4 × 20% = 0.8 → 0; 10 × 30% = 3.
    expect([quotaPlaces(10, 20), quotaPlaces(6, 20), quotaPlaces(4, 20), quotaPlaces(10, 30)]).toEqual([
      2, 1, 0, 3,
    ]);
  });

  it('orders steps highest bar first and writes scores plainly', () => {
    expect(
      byBar([
        { grade: 'b', label: '良好', atLeast: 80 },
        { grade: 'c', label: '较差', atLeast: 0 },
        { grade: 'a', label: '优秀', atLeast: 90 },
      ]).map((s) => s.label),
    ).toEqual(['优秀', '良好', '较差']);
    expect([plain(85), plain(85.456), plain(null)]).toEqual(['85', '85.46', '—']);
  });

  it('says what a calibrated row shows, stale or not', () => {
    expect(calibrationShown({})).toBeNull();
    expect(
      calibrationShown({
        outcome: {
          gradeNote: null,
          calibration: {
            cycleId: '00000000-0000-4000-8000-000000000001',
            subjectId: '00000000-0000-4000-8000-000000000002',
            score: 96,
            fromScore: 85,
            computed: 80,
            stale: true,
            reason: '获省级表彰',
            byName: '王干事',
            at: '2026-12-07T09:30:00.000Z',
            version: 1,
          },
        },
      }),
    ).toEqual({
      computed: '80',
      from: '85',
      stale: true,
      reason: '获省级表彰',
      byName: '王干事',
      at: '2026-12-07 09:30',
    });
  });
});
