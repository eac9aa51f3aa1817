import { describe, expect, it } from 'vitest';
import { movedBy } from './assessment.catalogue.ts';

// Which measures a change can move: the incremental recompute asks exactly those again (issue 12 point 8).
describe('movedBy', () => {
  const study = { counts: ['branch_record'] as const, recordKinds: ['study'] };
  const obligations = { counts: ['responsibility_period', 'branch_record'] as const };
  const duties = { counts: ['responsibility_item', 'responsibility_period'] as const };

  it('moves a measure of records of the kind that changed, and not one of another kind', () => {
    expect(movedBy(study, { counts: ['branch_record'], recordKinds: ['study'] })).toBe(true);
    expect(movedBy(study, { counts: ['branch_record'], recordKinds: ['theme_day'] })).toBe(false);
    // One of several kinds is enough (an import of mixed records).
    expect(movedBy(study, { counts: ['branch_record'], recordKinds: ['theme_day', 'study'] })).toBe(true);
  });

  it('moves it whenever either side does not name kinds', () => {
    expect(movedBy(study, { counts: ['branch_record'] })).toBe(true);
    expect(movedBy(obligations, { counts: ['branch_record'], recordKinds: ['theme_day'] })).toBe(true);
  });

  it('moves a measure sharing anything other than records, whatever the kinds', () => {
    expect(
      movedBy(
        { counts: ['branch_record', 'responsibility_period'], recordKinds: ['study'] },
        { counts: ['branch_record', 'responsibility_period'], recordKinds: ['theme_day'] },
      ),
    ).toBe(true);
  });

  it('leaves a measure sharing nothing alone', () => {
    expect(movedBy(duties, { counts: ['branch_record'], recordKinds: ['study'] })).toBe(false);
    expect(movedBy(study, { counts: ['fusion_project'] })).toBe(false);
  });
});
