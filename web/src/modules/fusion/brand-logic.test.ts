import { describe, expect, it } from 'vitest';
import type { ShowcaseCase } from '#contracts/fusion-brand';
import {
  allowedStatuses,
  casesByStatus,
  missingElements,
  overMaximum,
  RUBRIC,
  renewalValid,
  rubricTotal,
  showcaseSections,
  suggestedStatus,
} from './brand-logic.ts';

describe('brand review', () => {
  it('adds the scores given, empty ones as nought', () => {
    expect(rubricTotal({ name: 8, mark: 10, concept: null, effect: 20 })).toBe(38);
    expect(rubricTotal(RUBRIC)).toBe(100);
  });
  it('names elements scored above their maximum', () => {
    expect(overMaximum({ name: 11, mark: 10, effect: 26 })).toEqual(['name', 'effect']);
  });
  it('allows 达标 and 示范 only for complete brands with the points', () => {
    expect(allowedStatuses(95, false)).toEqual({
      exemplary: false,
      qualified: false,
      cultivating: true,
      rectifying: true,
    });
    expect(allowedStatuses(80, true).qualified).toBe(true);
    expect(allowedStatuses(80, true).exemplary).toBe(false);
    expect(suggestedStatus(90, true)).toBe('exemplary');
    expect(suggestedStatus(75, true)).toBe('qualified');
    expect(suggestedStatus(74, true)).toBe('cultivating');
    expect(suggestedStatus(99, false)).toBe('cultivating');
  });
  it('lists each missing element once in rubric order', () => {
    expect(
      missingElements([
        { element: 'effect', what: 'content', message: '' },
        { element: 'mark', what: 'content', message: '' },
        { element: 'effect', what: 'evidence', message: '' },
      ]),
    ).toEqual(['mark', 'effect']);
  });
});

const aCase = (over: Partial<ShowcaseCase>): ShowcaseCase => ({
  id: 'c',
  unitId: 'u1',
  unitName: '甲',
  partyOrgId: 'o',
  partyOrgName: '一支部',
  projectId: null,
  projectTitle: null,
  brandId: null,
  brandName: null,
  title: 't',
  problem: 'p',
  actions: 'a',
  result: 'r',
  status: 'published',
  returnNote: null,
  publishedOn: '2026-01-01',
  committeeSelected: false,
  selectedOn: null,
  photoIds: [],
  can: { edit: false, submit: false, publish: false, select: false },
  version: 1,
  ...over,
});

describe('showcase', () => {
  it('shows the organ’s cases first and other organs’ only when selected', () => {
    const cases = [
      aCase({ id: 'old', publishedOn: '2026-01-01' }),
      aCase({ id: 'new', publishedOn: '2026-03-01', committeeSelected: true, selectedOn: '2026-03-02' }),
      aCase({ id: 'other', unitId: 'u2', committeeSelected: true, selectedOn: '2026-02-01' }),
      aCase({ id: 'notSelected', unitId: 'u2' }),
    ];
    const { own, selected } = showcaseSections(cases, 'u1');
    expect(own.map((c) => c.id)).toEqual(['new', 'old']);
    expect(selected.map((c) => c.id)).toEqual(['other']);
  });
  it('groups cases by status with those awaiting review first', () => {
    const groups = casesByStatus([
      aCase({ id: 'd', status: 'draft' }),
      aCase({ id: 's', status: 'submitted' }),
    ]);
    expect(groups.map((g) => [g.status, g.cases.map((c) => c.id)])).toEqual([
      ['submitted', ['s']],
      ['returned', []],
      ['draft', ['d']],
      ['published', []],
    ]);
  });
});

describe('pairing renewal', () => {
  it('needs a later end', () => {
    expect(renewalValid('2026-12-31', '2027-12-31')).toBe(true);
    expect(renewalValid('2026-12-31', '2026-12-31')).toBe(false);
    expect(renewalValid('2026-12-31', null)).toBe(false);
  });
});
