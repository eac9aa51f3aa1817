import { describe, expect, it } from 'vitest';
import type { TemplateItem } from '#contracts/responsibility';
import { issueRow, nextKey, templateProblems } from './template-items.ts';

const item = (over: Partial<TemplateItem>): TemplateItem => ({
  key: 'p-01',
  level: 'principal',
  domain: 'party',
  category: '政治建设',
  title: '专题研究党建工作',
  recurrence: 'quarterly',
  ...over,
});

describe('template items', () => {
  it('gives the next free key of the level, past the highest number', () => {
    const items = [
      item({ key: 'p-07' }),
      item({ key: 'p-01' }),
      item({ key: 'b-03', level: 'implementing' }),
    ];
    expect(nextKey(items, 'principal')).toBe('p-08');
    expect(nextKey(items, 'implementing')).toBe('b-04');
    expect(nextKey(items, 'direct')).toBe('d-01');
    expect(nextKey([], 'principal')).toBe('p-01');
  });

  it('finds bad keys, duplicates, empty fields and record kinds without a period', () => {
    const rows = [
      item({ key: 'p-01' }),
      item({ key: 'p-01', title: '  ' }),
      item({ key: 'P 1', category: '' }),
      item({ key: 'p-02', recordKind: 'branch.theme_day', recurrence: 'none' }),
    ];
    expect(templateProblems(rows)).toEqual([
      { index: 1, kind: 'duplicate', key: 'p-01', firstRow: 1 },
      { index: 1, kind: 'title' },
      { index: 2, kind: 'key' },
      { index: 2, kind: 'category' },
      { index: 3, kind: 'recordKind' },
    ]);
    expect(templateProblems([item({})])).toEqual([]);
  });

  it('reads the row out of a server issue path', () => {
    expect(issueRow('body.items.3.title')).toBe(3);
    expect(issueRow('items.0')).toBe(0);
    expect(issueRow('body.title')).toBeNull();
  });
});
