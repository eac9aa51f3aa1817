import { describe, expect, it } from 'vitest';
import type { DataRow } from '../../core/spreadsheet/read.ts';
import { parseRosterRow, ROSTER_COLUMNS, type RosterKey } from './member.roster.ts';

const empty = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, null])) as Record<RosterKey, unknown>;
const row = (cells: Partial<Record<RosterKey, unknown>>, rowNumber = 3): DataRow<RosterKey> => ({
  rowNumber,
  cells: { ...empty, ...cells },
});
const base = { name: '张三', idNumber: '11010119900307451X', category: '正式党员', partyOrgCode: 'B1' };

describe('roster cells', () => {
  it('turns labels into keys and messy dates into ISO dates', () => {
    const serial = 43647; // 2019-07-01 as an Excel serial
    const { row: r, issues } = parseRosterRow(
      row({
        ...base,
        gender: '男',
        joinedOn: serial,
        fullOn: '2020.07.01',
        partyPost: '支部书记',
        category: '正式',
      }),
      '党员名册',
    );
    expect(issues).toEqual([]);
    expect(r).toMatchObject({
      gender: 'male',
      category: 'full',
      joinedOn: '2019-07-01',
      fullOn: '2020-07-01',
      partyPost: 'secretary',
    });
    expect(parseRosterRow(row({ ...base, joinedOn: '2019年7月1日' }), 's').row?.joinedOn).toBe('2019-07-01');
  });

  it('makes full-width digits and letters half-width and drops stray spaces in numbers', () => {
    const { row: r } = parseRosterRow(
      row({
        ...base,
        idNumber: ' １１０１０１ １９９００３０７４５１ｘ ',
        phone: '１３８ ００１３ ８０００',
        partyOrgCode: 'Ｂ１',
      }),
      '党员名册',
    );
    expect(r).toMatchObject({ idNumber: '11010119900307451X', phone: '13800138000', partyOrgCode: 'B1' });
  });

  it('names the row, the column and the reason in Chinese', () => {
    const { row: r, issues } = parseRosterRow(
      row({ ...base, name: null, category: '积极分子', joinedOn: '去年', partyPost: '组长' }, 7),
      '党员名册',
    );
    expect(r).toBeNull();
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [7, '姓名'],
      [7, '党员类别'],
      [7, '入党日期'],
      [7, '党内职务'],
    ]);
    expect(issues[1]?.reason).toBe('党员类别应为“正式党员”或“预备党员”');
  });

  it('refuses an ID number Excel stored as a number and never echoes a full number', () => {
    const { issues } = parseRosterRow(row({ ...base, idNumber: 110101199003074510 }), 's');
    expect(issues[0]?.column).toBe('身份证号');
    expect(issues[0]?.reason).toMatch(/文本/);
    const damaged = parseRosterRow(row({ ...base, name: '批\uFFFD\uFFFD1447' }), 's');
    expect(damaged.row).toBeNull();
    expect(damaged.issues[0]?.reason).toMatch(/无法识别的字符/);
    const long = parseRosterRow(row({ ...base, name: 'x'.repeat(51) }), 's');
    expect(long.issues[0]?.reason).toBe('不能超过 50 个字符');
  });

  it('refuses control characters, broken characters and dates the product does not keep, cell by cell', () => {
    const { row: r, issues } = parseRosterRow(
      row({
        ...base,
        name: '张\u0000三',
        ethnicity: '汉\ud800',
        businessPost: '科员\u001b',
        joinedOn: '0000-01-01',
      }),
      '党员名册',
    );
    expect(r).toBeNull();
    expect(issues.map((i) => [i.column, i.reason])).toEqual([
      ['姓名', '不能包含控制字符，请删除后重新填写'],
      ['民族', '含有无法识别的字符（不成对的代理项），请重新输入'],
      ['业务职务', '不能包含控制字符，请删除后重新填写'],
      ['入党日期', '日期应在 1900-01-01 至 2099-12-31 之间'],
    ]);
  });
});
