import { describe, expect, it } from 'vitest';
import {
  editable,
  halfYearLabel,
  halfYearOf,
  lastEndedHalfYear,
  nextStep,
  recentHalfYears,
} from './review-logic.ts';

describe('half-years', () => {
  it('places a day in its half-year: June is the first half, July the second', () => {
    expect(halfYearOf('2026-06-30')).toBe('2026-H1');
    expect(halfYearOf('2026-07-01')).toBe('2026-H2');
  });
  it('counts back across years, the latest first', () => {
    // From 2026-12-07 (2026-H2): 2026-H2, 2026-H1, 2025-H2, 2025-H1.
    expect(recentHalfYears('2026-12-07', 4)).toEqual(['2026-H2', '2026-H1', '2025-H2', '2025-H1']);
    // From 2026-03-01 (2026-H1): the one before is 2025-H2.
    expect(recentHalfYears('2026-03-01', 2)).toEqual(['2026-H1', '2025-H2']);
  });
  it('completes the last half-year that has ended', () => {
    expect(lastEndedHalfYear('2026-12-07')).toBe('2026-H1');
    expect(lastEndedHalfYear('2026-03-01')).toBe('2025-H2');
  });
  it('reads as people write it', () => {
    expect(halfYearLabel('2026-H1')).toBe('2026年上半年');
    expect(halfYearLabel('2025-H2')).toBe('2025年下半年');
  });
});

describe('steps', () => {
  it('goes draft → submitted → signed → shown', () => {
    expect(nextStep('draft')).toBe('submit');
    expect(nextStep('submitted')).toBe('sign');
    expect(nextStep('signed')).toBe('show');
    expect(nextStep('shown')).toBeNull();
  });
  it('takes the 评语 and grade until signed', () => {
    expect([editable('draft'), editable('submitted'), editable('signed'), editable('shown')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
