import { describe, expect, it } from 'vitest';
import { describeEventDetails } from './org-event-details.ts';

const zh = (l: { zh: string; en: string }) => l.zh;
const en = (l: { zh: string; en: string }) => l.en;

describe('organisation event details', () => {
  it('names keys and kinds in the reader’s language and hides ids that have a code beside them', () => {
    const details = {
      code: 'JG-E01',
      kind: 'sub_committee',
      source: 'import',
      parentId: 'x-1',
      parentCode: 'JG',
    };
    expect(describeEventDetails(details, zh)).toBe(
      '编码: JG-E01；类型: 二级机关党委；来源: Excel 导入；上级编码: JG',
    );
    expect(describeEventDetails(details, en)).toBe(
      'Code: JG-E01；Kind: Sub-committee；Source: Excel import；Parent code: JG',
    );
  });

  it('shows unknown keys as they are and never drops a value', () => {
    expect(describeEventDetails({ somethingNew: 3, changes: { sortOrder: 2 } }, zh)).toBe(
      'somethingNew: 3；变更: sortOrder 2',
    );
  });
});
