import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { format, parseLocale, placeholders } from './format.ts';
import { zhCN } from './zh-cn.ts';

describe('dictionaries', () => {
  const zhKeys = Object.keys(zhCN).sort();
  const enKeys = Object.keys(en).sort();

  it('has an English entry for every Chinese key and no extra ones', () => {
    expect(zhKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => !(k in zhCN))).toEqual([]);
  });

  it('has no empty messages', () => {
    for (const [key, value] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of zhKeys) {
      const zh = zhCN[key as keyof typeof zhCN];
      const english = en[key as keyof typeof en];
      expect(placeholders(english), key).toEqual(placeholders(zh));
    }
  });

  it('really is Chinese on the Chinese side for sentences', () => {
    const han = /\p{Script=Han}/u;
    // Placeholders are not words: a template of placeholders and punctuation ('{n}、{title}') is no sentence.
    const words = (v: string) => v.replace(/\{\w+\}/g, '');
    const nonChinese = Object.entries(zhCN).filter(([, v]) => words(v).length > 4 && !han.test(v));
    expect(nonChinese).toEqual([]);
  });
});

describe('format', () => {
  it('fills placeholders, repeatedly and with numbers', () => {
    expect(format('共 {total} 条，第 {total} 页 {n}', { total: 3, n: '甲' })).toBe('共 3 条，第 3 页 甲');
  });
  it('leaves unknown placeholders visible', () => {
    expect(format('{a}-{b}', { a: 1 })).toBe('1-{b}');
  });
  it('returns the template when there are no values', () => {
    expect(format('{a}')).toBe('{a}');
  });
});

describe('parseLocale', () => {
  it('defaults to Chinese and honours only a stored "en"', () => {
    expect(parseLocale(null)).toBe('zh-CN');
    expect(parseLocale('fr')).toBe('zh-CN');
    expect(parseLocale('zh-CN')).toBe('zh-CN');
    expect(parseLocale('en')).toBe('en');
  });
});

describe('placeholders', () => {
  it('lists distinct names sorted', () => {
    expect(placeholders('{b} {a} {b}')).toEqual(['a', 'b']);
    expect(placeholders('none')).toEqual([]);
  });
});
