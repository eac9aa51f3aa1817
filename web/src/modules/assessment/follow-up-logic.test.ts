import { describe, expect, it } from 'vitest';
import type { FollowUpRow } from '#contracts/assessment-follow-up';
import { toOpenAt, verdictAt } from './follow-up-logic.ts';

const row = (over: Partial<FollowUpRow>): FollowUpRow => ({
  subjectId: '00000000-0000-4000-8000-000000000001',
  subjectName: '第一党支部',
  unitId: '00000000-0000-4000-8000-000000000009',
  total: 70,
  rank: 1,
  verdict: 'passed',
  followUp: null,
  ...over,
});

describe('who falls below the threshold typed in the dialog', () => {
  it('judges on hundredths, strictly below, and never a band or a missing score', () => {
    // 59.994 shows as 59.99 < 60: below; 59.996 shows as 60.00: not below; 60 is at the line: not below.
    expect(verdictAt(row({ total: 59.994 }), 60)).toBe('below');
    expect(verdictAt(row({ total: 59.996 }), 60)).toBe('passed');
    expect(verdictAt(row({ total: 60 }), 60)).toBe('passed');
    expect(verdictAt(row({ total: 20, verdict: 'band' }), 60)).toBe('band');
    expect(verdictAt(row({ total: null, verdict: 'no_score' }), 60)).toBe('no_score');
  });

  it('opens only those below without a follow-up', () => {
    const open = { kind: 'k', kindLabel: '限期整改', ref: 'r', title: 't', deadline: '2026-08-02' };
    const rows = [
      row({ subjectId: '00000000-0000-4000-8000-000000000001', total: 55 }),
      row({
        subjectId: '00000000-0000-4000-8000-000000000002',
        total: 50,
        followUp: { ...open, state: 'open', closedOn: null, href: null },
      }),
      row({ subjectId: '00000000-0000-4000-8000-000000000003', total: 75 }),
    ];
    // At 60: 55 and 50 are below, 50 has its item already → one to open. At 80: 75 joins → two.
    expect(toOpenAt(rows, 60).map((r) => r.total)).toEqual([55]);
    expect(toOpenAt(rows, 80).map((r) => r.total)).toEqual([55, 75]);
  });
});
