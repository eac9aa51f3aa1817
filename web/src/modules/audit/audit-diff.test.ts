import { describe, expect, it } from 'vitest';
import { diffRecords, displayValue } from './audit-diff.ts';

describe('diffRecords', () => {
  it('compares objects field by field and marks changes', () => {
    expect(
      diffRecords({ name: '一支部', version: 1, code: 'B1' }, { name: '第一支部', version: 2, code: 'B1' }),
    ).toEqual([
      { field: 'name', before: '一支部', after: '第一支部', changed: true },
      { field: 'version', before: '1', after: '2', changed: true },
      { field: 'code', before: 'B1', after: 'B1', changed: false },
    ]);
  });
  it('shows created and deleted records against nothing', () => {
    expect(diffRecords(null, { a: 1 })).toEqual([
      { field: 'a', before: undefined, after: '1', changed: true },
    ]);
    expect(diffRecords({ a: 1 }, null)).toEqual([
      { field: 'a', before: '1', after: undefined, changed: true },
    ]);
    expect(diffRecords(null, null)).toEqual([]);
  });
  it('keeps markup as plain text', () => {
    const [row] = diffRecords({ name: '<img src=x onerror=alert(1)>' }, {});
    expect(row?.before).toBe('<img src=x onerror=alert(1)>');
  });
  it('treats non-objects as a single value row', () => {
    expect(diffRecords('a', ['b'])).toEqual([
      { field: 'value', before: 'a', after: '[\n  "b"\n]', changed: true },
    ]);
  });
  it('compares nested values by their JSON', () => {
    expect(diffRecords({ ids: ['a', 'b'] }, { ids: ['a', 'b'] })[0]?.changed).toBe(false);
    expect(diffRecords({ ids: ['a'] }, { ids: ['a', 'b'] })[0]?.changed).toBe(true);
  });
});

describe('displayValue', () => {
  it('keeps strings and formats the rest as JSON', () => {
    expect(displayValue('x')).toBe('x');
    expect(displayValue(null)).toBe('null');
    expect(displayValue(undefined)).toBeUndefined();
    expect(displayValue({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
