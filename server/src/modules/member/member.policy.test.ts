import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import {
  departmentProblem,
  identityOf,
  memberFactIssues,
  memberOrgProblem,
  phoneIndexInput,
  readSearchTerm,
  redactedSearch,
  todayIso,
  transferInProblem,
} from './member.policy.ts';

const id = (first17: string) => first17 + idNumberCheckChar(first17);
const MAN = id('11010119900307451'); // 17th digit odd
const WOMAN = id('11010119900307452');

describe('member policy', () => {
  it('reads gender and birth date from the ID number', () => {
    expect(identityOf(MAN)).toEqual({ gender: 'male', birthDate: '1990-03-07' });
    expect(identityOf(WOMAN).gender).toBe('female');
  });

  it('refuses a gender that contradicts the ID number, naming the right one', () => {
    const issues = memberFactIssues({
      identity: identityOf(MAN),
      gender: 'female',
      category: 'full',
      joinedOn: null,
      fullOn: null,
    });
    expect(issues).toEqual([{ field: 'gender', message: '性别与身份证号不一致（身份证号显示为男）' }]);
    expect(
      memberFactIssues({
        identity: identityOf(MAN),
        gender: 'male',
        category: 'full',
        joinedOn: null,
        fullOn: null,
      }),
    ).toEqual([]);
  });

  it('checks the order of dates and that a probationary member has no full-membership date', () => {
    const base = { identity: identityOf(MAN), gender: null, category: 'full' as const };
    expect(memberFactIssues({ ...base, joinedOn: '2019-07-01', fullOn: '2019-06-30' })[0]?.field).toBe(
      'fullOn',
    );
    expect(memberFactIssues({ ...base, joinedOn: '2019-07-01', fullOn: '2020-07-01' })).toEqual([]);
    expect(
      memberFactIssues({ ...base, category: 'probationary', joinedOn: '2026-01-01', fullOn: '2026-06-01' })[0]
        ?.message,
    ).toMatch(/预备党员/);
    expect(memberFactIssues({ ...base, joinedOn: '1989-01-01', fullOn: null })[0]?.field).toBe('joinedOn');
  });

  it('places members only in active branches and cells', () => {
    expect(memberOrgProblem({ kind: 'branch', status: 'active' })).toBeNull();
    expect(memberOrgProblem({ kind: 'cell', status: 'active' })).toBeNull();
    expect(memberOrgProblem({ kind: 'general_branch', status: 'active' })).toMatch(/党支部或党小组/);
    expect(memberOrgProblem({ kind: 'branch', status: 'closed' })).toMatch(/撤销/);
  });

  it('reads a search term as an ID number, a phone number or part of a name', () => {
    expect(readSearchTerm(` ${MAN.toLowerCase()} `)).toEqual({ kind: 'id_number', value: MAN.toUpperCase() });
    expect(readSearchTerm('138 0013 8000')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(readSearchTerm('010-12345678')).toEqual({ kind: 'phone', value: '010-12345678' });
    expect(readSearchTerm('张')).toEqual({ kind: 'name', text: '张' });
    expect(readSearchTerm('1380')).toEqual({ kind: 'name', text: '1380' });
  });

  it('hashes phones by their digits only', () => {
    expect(phoneIndexInput('010-12345678')).toBe(phoneIndexInput('01012345678'));
  });

  it('takes today in China time', () => {
    expect(todayIso(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
    expect(todayIso(new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-22');
  });

  // Cases found by mutation testing (npm run mutate:unit).
  it('indexes a phone as "phone:" and its digits', () => {
    expect(phoneIndexInput('010-1234 5678')).toBe('phone:01012345678');
  });

  it('reads only whole ID and phone numbers as such, an ID number ending in x included', () => {
    expect(readSearchTerm('11010119900307109x')).toEqual({ kind: 'id_number', value: '11010119900307109X' });
    for (const partial of [
      'a110101199003074517',
      '1101011990030745171',
      '138001380001',
      'a13800138000',
      '张 ',
    ]) {
      expect(readSearchTerm(partial).kind, partial).toBe('name');
    }
    expect(readSearchTerm('01012345678')).toEqual({ kind: 'phone', value: '01012345678' });
    expect(readSearchTerm(' 张三 ')).toEqual({ kind: 'name', text: '张三' });
  });

  it('allows joining on the birthday and full membership on the day of joining, and words each refusal', () => {
    const base = { identity: identityOf(MAN), gender: null, category: 'full' as const };
    expect(memberFactIssues({ ...base, joinedOn: '1990-03-07', fullOn: '1990-03-07' })).toEqual([]);
    expect(memberFactIssues({ ...base, joinedOn: '1990-03-06', fullOn: null })).toEqual([
      { field: 'joinedOn', message: '入党日期早于身份证号中的出生日期，请核对' },
    ]);
    expect(memberFactIssues({ ...base, joinedOn: '2019-07-01', fullOn: '2019-06-30' })).toEqual([
      { field: 'fullOn', message: '转正日期不能早于入党日期' },
    ]);
    expect(
      memberFactIssues({ ...base, category: 'probationary', joinedOn: '2026-01-01', fullOn: '2026-06-01' }),
    ).toEqual([{ field: 'fullOn', message: '预备党员尚未转正，不应填写转正日期' }]);
  });

  it("places a member only in an active department of their organisation's own organ", () => {
    expect(departmentProblem({ unitId: 'u1', status: 'active' }, 'u1')).toBeNull();
    expect(departmentProblem({ unitId: 'u1', status: 'closed' }, 'u1')).toBe('该部门已撤销');
    expect(departmentProblem({ unitId: 'u2', status: 'active' }, 'u1')).toBe(
      '该部门不属于党员所在党组织的单位，请选择本单位的部门',
    );
    // An organisation above the organs (the work committee) has no organ: no department is its own.
    expect(departmentProblem({ unitId: 'u1', status: 'active' }, null)).not.toBeNull();
  });

  it('writes a search down with its numbers masked: a full one as its mask, a long run of digits as its first three', () => {
    expect(redactedSearch(undefined)).toBeUndefined();
    expect(redactedSearch('11010119900307451X')).toBe('1101**************');
    expect(redactedSearch('138 0013 8000')).toBe('138****8000');
    expect(redactedSearch('张三 1380013')).toBe('张三 138****');
    expect(redactedSearch('张三 138001')).toBe('张三 138001');
    expect(redactedSearch('张三')).toBe('张三');
  });

  it('takes a transfer-in date up to today and from the day of joining, and words each refusal', () => {
    expect(transferInProblem('2026-12-03', '2010-07-01', '2026-12-03')).toBeNull();
    expect(transferInProblem('2010-07-01', '2010-07-01', '2026-12-03')).toBeNull();
    expect(transferInProblem('2001-01-01', null, '2026-12-03')).toBeNull();
    expect(transferInProblem('2026-12-04', '2010-07-01', '2026-12-03')).toBe('转入日期不能晚于今天');
    expect(transferInProblem('2010-06-30', '2010-07-01', '2026-12-03')).toBe('转入日期不能早于入党日期');
  });

  it('compares no dates that were left empty, as if they were missing', () => {
    const base = { identity: identityOf(MAN), gender: null, category: 'full' as const };
    expect(memberFactIssues({ ...base, joinedOn: '', fullOn: null })).toEqual([]);
    expect(memberFactIssues({ ...base, joinedOn: '2019-07-01', fullOn: '' })).toEqual([]);
  });
});
