import { describe, expect, it } from 'vitest';
import { parseQueryString } from './querystring.ts';

describe('parseQueryString', () => {
  it('decodes keys and values, plus signs as spaces, and repeated keys as a list', () => {
    expect({ ...parseQueryString('q=%E5%BC%A0+%E4%B8%89&page=2&tag=a&tag=b&tag=c&empty=') }).toEqual({
      q: '张 三',
      page: '2',
      tag: ['a', 'b', 'c'],
      empty: '',
    });
  });

  it('turns bytes that are not UTF-8 into U+FFFD and keeps the control character beside them', () => {
    // A lone surrogate sent as the three bytes a careless client would, then U+0085 (a C1 control).
    const parsed = parseQueryString('q=%ed%a1%82%C2%85');
    expect(parsed.q).not.toContain('%');
    expect(parsed.q).toContain('\u0085');
    expect(String(parsed.q).startsWith('\ufffd')).toBe(true);
  });

  it('gives no prototype to inherit from', () => {
    const parsed = parseQueryString('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.entries(parsed)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
  });
});
