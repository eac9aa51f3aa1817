import { describe, expect, it } from 'vitest';
import {
  answeredCount,
  answerScore,
  answersOf,
  bandText,
  draftKey,
  draftOf,
  weightSum,
} from './rating-logic.ts';

describe('the rating pages’ arithmetic', () => {
  it('says a band rounded outward', () => {
    // 61.6..75.4 → 61–76: the low edge down, the high edge up (rounding would promise 62–75).
    expect(bandText({ low: 61.6, high: 75.4 }, '区间')).toBe('区间 61–76');
    expect(bandText({ low: 72, high: 85 }, '区间')).toBe('区间 72–85');
  });

  it('adds the group weights as typed, a blank as 0', () => {
    // 50 + 30 + 0 = 80
    expect(weightSum({ superior: 50, peer: 30, public: null })).toBe(80);
  });

  it('keeps answers by subject and leaf, a choice or a score, and counts the pairs answered', () => {
    const form = {
      subjectList: [
        { id: 's1', name: '一支部' },
        { id: 's2', name: '二支部' },
      ],
      leaves: [
        { key: 'a', name: 'A', note: null },
        { key: 'b', name: 'B', note: null },
      ],
      answers: [
        { subjectId: 's1', leafKey: 'a', score: 85, choice: 'fair' as const, comment: null },
        { subjectId: 's2', leafKey: 'b', score: 77, choice: null, comment: '好' },
      ],
    };
    const draft = draftOf(form);
    expect(draft.get(draftKey('s1', 'a'))).toEqual({ choice: 'fair' });
    expect(answerScore(draft.get(draftKey('s1', 'a')))).toBe(85);
    draft.set(draftKey('s1', 'b'), {});
    // Two of the four pairs: the empty one does not count.
    expect(answeredCount(form, draft)).toBe(2);
    expect(answersOf(draft)).toEqual([
      { subjectId: 's1', leafKey: 'a', choice: 'fair' },
      { subjectId: 's2', leafKey: 'b', score: 77, comment: '好' },
    ]);
  });
});
