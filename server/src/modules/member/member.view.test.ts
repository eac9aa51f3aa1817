import { describe, expect, it } from 'vitest';
import type { Role } from '#contracts/identity';
import type { Actor, Ctx } from '../../core/context.ts';
import type { MemberRow } from './member.repository.ts';
import { auditView, maySeeNumbers, memberFor, requireActor, toMember } from './member.view.ts';

// The member sits in branch B1 of organ O1; O2 is another organ.
const O1 = '/wc/o1/';
const B1 = '/wc/o1/b1/';
const B2 = '/wc/o1/b2/';
const O2 = '/wc/o2/';

const FULL_ID = '110101198506120013';
const FULL_PHONE = '13800138000';

const row = {
  id: 'm1',
  unitId: 'unit1',
  partyOrgId: 'b1',
  partyOrgName: '第一支部',
  partyOrgCode: 'B1',
  partyOrgPath: B1,
  departmentId: 'd1',
  departmentName: '办公室',
  departmentCode: 'D1',
  name: '张三',
  gender: 'male',
  birthDate: '1985-06-12',
  ethnicity: '汉族',
  education: '大学',
  idNumberCipher: `enc(${FULL_ID})`,
  idNumberHash: 'h1',
  idNumberMasked: '1101**********0013',
  phoneCipher: `enc(${FULL_PHONE})`,
  phoneMasked: '138****8000',
  phoneHash: 'h2',
  category: 'full',
  joinedOn: '2010-07-01',
  fullOn: '2011-07-01',
  partyPost: 'secretary',
  businessPost: '科员',
  status: 'active',
  leftOn: null,
  leftReason: null,
  version: 3,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
} as unknown as MemberRow;

const decrypt = (cipher: string) => {
  const m = /^enc\((.*)\)$/.exec(cipher);
  if (!m) throw new Error(`not a cipher: ${cipher}`);
  return m[1] as string;
};

function actor(...assignments: [Role, string | null][]): Actor {
  return {
    userId: 'u1',
    username: 'u',
    displayName: 'U',
    mustChangePassword: false,
    memberId: null,
    assignments: assignments.map(([role, path]) => ({ role, partyOrgId: 'x', path })),
  };
}

const ctxOf = (a: Actor | null) =>
  ({ actor: a, secrets: { decrypt }, db: null, ip: '127.0.0.1', log: null }) as unknown as Ctx;

describe('member view', () => {
  it('shows full numbers only to a holder of member.sensitive on the member’s organ', () => {
    for (const who of [actor(['organ_committee_officer', O1]), actor(['work_committee_officer', '/wc/'])]) {
      const m = memberFor(ctxOf(who), row);
      expect(m.idNumber).toBe(FULL_ID);
      expect(m.phone).toBe(FULL_PHONE);
    }
  });

  // Every role that may read members but has no member.sensitive there, one by one.
  const masked: [string, Actor][] = [
    ['branch secretary of the branch', actor(['branch_secretary', B1])],
    ['branch committee member', actor(['branch_committee_member', B1])],
    ['leading group member of the organ', actor(['leading_group_member', O1])],
    ['supervisor', actor(['supervisor', O1])],
    ['officer of another organ', actor(['organ_committee_officer', O2])],
    ['officer of a sibling branch only', actor(['organ_committee_officer', B2])],
    [
      'branch secretary who is also an officer elsewhere',
      actor(['branch_secretary', B1], ['organ_committee_officer', O2]),
    ],
  ];
  for (const [label, who] of masked) {
    it(`masks the numbers for a ${label}`, () => {
      const m = memberFor(ctxOf(who), row);
      expect(m.idNumber).toBe('1101**********0013');
      expect(m.phone).toBe('138****8000');
      expect(maySeeNumbers(who, row.partyOrgPath)).toBe(false);
    });
  }

  it('masks a missing phone as null for everyone', () => {
    const noPhone = { ...row, phoneCipher: null, phoneMasked: null } as MemberRow;
    expect(memberFor(ctxOf(actor(['organ_committee_officer', O1])), noPhone).phone).toBeNull();
    expect(memberFor(ctxOf(actor(['branch_secretary', B1])), noPhone).phone).toBeNull();
  });

  it('never puts full numbers in the audit view', () => {
    const m = auditView(row);
    expect(m.idNumber).toBe('1101**********0013');
    expect(m.phone).toBe('138****8000');
  });

  it('maps every field of the stored row to the API shape', () => {
    expect(toMember(row, decrypt)).toEqual({
      id: 'm1',
      unitId: 'unit1',
      partyOrgId: 'b1',
      partyOrgName: '第一支部',
      departmentId: 'd1',
      departmentName: '办公室',
      name: '张三',
      gender: 'male',
      birthDate: '1985-06-12',
      ethnicity: '汉族',
      education: '大学',
      idNumber: FULL_ID,
      phone: FULL_PHONE,
      category: 'full',
      joinedOn: '2010-07-01',
      fullOn: '2011-07-01',
      partyPost: 'secretary',
      businessPost: '科员',
      status: 'active',
      version: 3,
    });
    expect(
      toMember({ ...row, departmentName: undefined } as unknown as MemberRow, null).departmentName,
    ).toBeNull();
  });

  it('refuses a context without an actor', () => {
    expect(() => memberFor(ctxOf(null), row)).toThrow(
      expect.objectContaining({ kind: 'unauthenticated', code: 'auth.required' }),
    );
    expect(requireActor(ctxOf(actor(['member', B1]))).userId).toBe('u1');
  });
});
