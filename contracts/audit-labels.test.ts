import { describe, expect, it } from 'vitest';
import { actionsMatching, auditActionLabel, auditChanges, auditValueText } from './audit-labels.ts';

const ORG_A = '11111111-2222-4333-8444-555555555555';
const ORG_B = '66666666-2222-4333-8444-555555555555';
const names = { [ORG_A]: '第一支部', [ORG_B]: '第二支部' };

describe('the audit trail in words', () => {
  it('names actions in Chinese and English, and finds them by either', () => {
    expect(auditActionLabel('member.transfer')).toBe('转接组织关系');
    expect(auditActionLabel('member.transfer', 'en')).toBe('Transferred member');
    expect(auditActionLabel('some.future')).toBe('some.future');
    expect(actionsMatching('转接')).toEqual(['member.transfer']);
    expect(actionsMatching('登录').sort()).toEqual(['auth.login', 'auth.login_failed', 'auth.logout']);
    expect(actionsMatching('member.').length).toBeGreaterThan(5);
    expect(actionsMatching('不存在的操作')).toEqual([]);
  });

  it('shows only changed fields, with labels, enumeration labels and names instead of ids', () => {
    const before = {
      name: '张三',
      gender: 'male',
      category: 'probationary',
      partyOrgId: ORG_A,
      partyOrgName: '第一支部',
      version: 1,
    };
    const after = {
      name: '张三',
      gender: 'male',
      category: 'full',
      partyOrgId: ORG_B,
      partyOrgName: '第二支部',
      version: 2,
    };
    expect(auditChanges(before, after, names)).toEqual([
      { field: 'category', label: '党员类别', before: '预备党员', after: '正式党员' },
      { field: 'partyOrgId', label: '所在党组织', before: '第一支部', after: '第二支部' },
    ]);
    expect(auditChanges(before, after, names, 'en')[0]).toEqual({
      field: 'category',
      label: 'Member category',
      before: 'Probationary member',
      after: 'Full member',
    });
  });

  it('reads details and role lists as sentences', () => {
    expect(
      auditValueText('details', { fromPartyOrgId: ORG_A, toPartyOrgId: ORG_B, reason: '工作调动' }, names),
    ).toBe('转出党组织：第一支部；转入党组织：第二支部；原因：工作调动');
    expect(auditValueText('roles', [{ role: 'branch_secretary', partyOrgId: ORG_A }], names)).toBe(
      '支部书记 · 第一支部',
    );
    expect(auditValueText('isTemporary', true, names)).toBe('是');
  });
});
