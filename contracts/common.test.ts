import { describe, expect, it } from 'vitest';
import { IsoDateSchema, MultilineTextSchema, SecretTextSchema, TextSchema, TrimmedText } from './common.ts';
import { idNumberProblem } from './id-number.ts';
import { LoginBodySchema } from './identity.ts';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? [] : (r.error?.issues.map((i) => i.message) ?? []);

describe('the shared text schema', () => {
  it.each([
    ['a\u0000b', '不能包含控制字符，请删除后重新填写'],
    ['\u0000', '不能包含控制字符，请删除后重新填写'],
    ['x\u0001', '不能包含控制字符，请删除后重新填写'],
    ['x\u001by', '不能包含控制字符，请删除后重新填写'],
    ['x\u007f', '不能包含控制字符，请删除后重新填写'],
    ['x\u0085y', '不能包含控制字符，请删除后重新填写'],
    ['x\u009f', '不能包含控制字符，请删除后重新填写'],
    ['a\tb', '不能包含控制字符，请删除后重新填写'],
    ['a\nb', '不能包含控制字符，请删除后重新填写'],
    ['张\ud800三', '含有无法识别的字符（不成对的代理项），请重新输入'],
    ['张\udc00三', '含有无法识别的字符（不成对的代理项），请重新输入'],
    ['\udc00\ud83d', '含有无法识别的字符（不成对的代理项），请重新输入'],
    ['末尾\ud83d', '含有无法识别的字符（不成对的代理项），请重新输入'],
  ])('refuses %j with a field message', (value, message) => {
    expect(messages(TextSchema.safeParse(value))).toEqual([message]);
  });

  it.each([
    '张三',
    '０１２３ＡＢＣ（全角）',
    'ئۇيغۇرچە',
    'مرحبا',
    'שלום',
    '\u202eabc',
    'e\u0301',
    '👨‍👩‍👧',
    '𠮷野家',
    '',
  ])('accepts %j as text', (value) => {
    expect(TextSchema.safeParse(value)).toEqual({ success: true, data: value });
  });

  it('trims before checking, so edge spaces and line breaks from a paste are dropped, not refused', () => {
    expect(TextSchema.parse('  张三\t\r\n')).toBe('张三');
  });

  it('keeps tab and line breaks inside a text area, but still refuses NUL and broken characters', () => {
    expect(MultilineTextSchema.parse('第一行\n第二行\t完')).toBe('第一行\n第二行\t完');
    expect(messages(MultilineTextSchema.safeParse('a\u0000'))).toEqual([
      '不能包含控制字符，请删除后重新填写',
    ]);
    expect(messages(TrimmedText(200, { multiline: true }).safeParse('x\ud800'))).toEqual([
      '含有无法识别的字符（不成对的代理项），请重新输入',
    ]);
    expect(messages(TrimmedText(200).safeParse('a\nb'))).toEqual(['不能包含控制字符，请删除后重新填写']);
  });

  it('lets a password hold any printable character, spaces at the edges included, but not NUL', () => {
    expect(SecretTextSchema.parse(' Pa ss（密码）👍 ')).toBe(' Pa ss（密码）👍 ');
    expect(messages(SecretTextSchema.safeParse('Secret\u0000'))).toEqual([
      '不能包含控制字符，请删除后重新填写',
    ]);
    expect(LoginBodySchema.safeParse({ username: 'a\u0000', password: 'x' }).success).toBe(false);
  });
});

describe('the shared date schema', () => {
  it.each([
    ['0000-01-01', '日期应在 1900-01-01 至 2099-12-31 之间'],
    ['1899-12-31', '日期应在 1900-01-01 至 2099-12-31 之间'],
    ['2100-01-01', '日期应在 1900-01-01 至 2099-12-31 之间'],
    ['9999-12-31', '日期应在 1900-01-01 至 2099-12-31 之间'],
    ['2019-02-29', '日期无效，请按 YYYY-MM-DD 填写'],
    ['2020-02-30', '日期无效，请按 YYYY-MM-DD 填写'],
    ['2020-13-01', '日期无效，请按 YYYY-MM-DD 填写'],
    ['2020-00-10', '日期无效，请按 YYYY-MM-DD 填写'],
    ['2020-1-1', '日期无效，请按 YYYY-MM-DD 填写'],
    ['2020-01-01T00:00:00Z', '日期无效，请按 YYYY-MM-DD 填写'],
    ['2020-01-01\u0000', '日期无效，请按 YYYY-MM-DD 填写'],
  ])('refuses %s', (value, message) => {
    expect(messages(IsoDateSchema.safeParse(value))).toEqual([message]);
  });

  it.each(['1900-01-01', '2000-02-29', '2024-02-29', '2099-12-31', '1921-07-01'])('accepts %s', (value) => {
    expect(IsoDateSchema.parse(value)).toBe(value);
  });

  it('refuses an ID number whose birth date the date schema would refuse', () => {
    // 2150-01-01 is a calendar day, but not one the product stores (it would fail the member's own schema).
    const first17 = '11010121500101123';
    const withCheck = (s: string) => {
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...s].reduce((a, c, i) => a + Number(c) * (w[i] ?? 0), 0);
      return s + ('10X98765432'[sum % 11] ?? '');
    };
    expect(idNumberProblem(withCheck(first17))).toBe('birth_date');
    expect(idNumberProblem(withCheck('11010119900307451'))).toBeNull();
  });
});
