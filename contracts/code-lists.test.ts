import { describe, expect, it } from 'vitest';
import { CODE_LISTS, ETHNICITIES, normaliseCode, unknownCodeMessage } from './code-lists.ts';

describe('standard code lists', () => {
  it('holds the 56 ethnic groups of GB/T 3304 with their two-digit codes, Han first and Jino last', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(new Set(ETHNICITIES.map((e) => e.name)).size).toBe(56);
    expect(ETHNICITIES.map((e) => e.code)).toEqual(
      Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect([ETHNICITIES[0]?.name, ETHNICITIES[21]?.name, ETHNICITIES[55]?.name]).toEqual([
      '汉族',
      '畲族',
      '基诺族',
    ]);
  });

  it('maps the variants rosters use to the standard name', () => {
    const cases: [Parameters<typeof normaliseCode>[0], string, string][] = [
      ['ethnicity', '汉', '汉族'],
      ['ethnicity', '汉族', '汉族'],
      ['ethnicity', ' 蒙古 ', '蒙古族'],
      ['ethnicity', '维族', '维吾尔族'],
      ['ethnicity', '01', '汉族'],
      ['education', '大专', '大学专科'],
      ['education', '大学专科', '大学专科'],
      ['education', '研究生', '硕士研究生'],
      ['education', '硕士', '硕士研究生'],
      ['education', '博士', '博士研究生'],
      ['education', '本科', '大学本科'],
      ['education', '大 学 本 科', '大学本科'],
      ['education', '研究生（硕士）', '硕士研究生'],
      ['education', '研究生(硕士)', '硕士研究生'],
      ['education', '中专', '中等专科'],
      ['leaveReason', '死亡', '去世'],
      ['leaveReason', '开除党籍', '出党'],
      ['leaveReason', '停止党籍', '停止党籍'],
      ['leaveReason', '组织关系转出', '转出'],
      ['transferReason', '调动', '工作调动'],
      ['transferReason', '机构改革', '组织调整'],
    ];
    for (const [list, value, expected] of cases)
      expect(normaliseCode(list, value), `${list} ${value}`).toBe(expected);
  });

  it('returns null for values that are not in the list, and says what to write instead', () => {
    expect(normaliseCode('ethnicity', '火星族')).toBeNull();
    expect(normaliseCode('education', '大学本科')).toBe('大学本科');
    expect(normaliseCode('education', '汉族')).toBeNull();
    expect(normaliseCode('leaveReason', '')).toBeNull();
    expect(unknownCodeMessage('education', '家里蹲')).toBe(
      '“家里蹲”不是标准的学历，请填写：博士研究生、硕士研究生、大学本科、大学专科、中等专科、职业高中、技工学校、普通高中、初中、小学、其他',
    );
    expect(unknownCodeMessage('ethnicity', '火星族')).toBe(
      '“火星族”不是标准的民族，请填写：汉族、蒙古族、回族、藏族、维吾尔族、苗族、彝族、壮族等 56 项',
    );
  });

  it('never maps one variant to two values within a list', () => {
    for (const [list, entries] of Object.entries(CODE_LISTS)) {
      const seen = new Map<string, string>();
      for (const e of entries)
        for (const v of [e.name, e.code, ...(e.variants ?? [])]) {
          expect(seen.get(v) ?? e.name, `${list}: ${v}`).toBe(e.name);
          seen.set(v, e.name);
        }
    }
  });
});
