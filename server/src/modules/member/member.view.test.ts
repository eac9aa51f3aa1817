import { describe, expect, it } from 'vitest';
import type { Role } from '#contracts/identity';
import type { Actor, Ctx } from '../../core/context.ts';
import type { MemberRow } from './member.repository.ts';
import {
  auditView,
  birthMonthOf,
  exportNumbers,
  maySeeNumbers,
  maySeePhone,
  memberFor,
  numbersFor,
  requireActor,
  toMember,
} from './member.view.ts';

// The member sits in branch B1 of organ O1; O2 is another organ.
const O1 = '/wc/o1/';
const B1 = '/wc/o1/b1/';
const B2 = '/wc/o1/b2/';
const O2 = '/wc/o2/';

const FULL_ID = '110101198506120013';
const FULL_PHONE = '13800138000';
// Written out by hand (ADR 14): the first four digits, the rest starred.
const MASKED_ID = '1101**************';
const MASKED_PHONE = '138****8000';

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
  idNumberMasked: MASKED_ID,
  phoneCipher: `enc(${FULL_PHONE})`,
  phoneMasked: MASKED_PHONE,
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
  const officers = [actor(['organ_committee_officer', O1]), actor(['work_committee_officer', '/wc/'])];
  // Every role that may read members but has no member.sensitive there, one by one.
  const withoutSensitive: [string, Actor][] = [
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

  it('shows masked numbers on screen to everyone, officers included; the birth date only to officers', () => {
    for (const who of officers) {
      const m = memberFor(ctxOf(who), row);
      expect([m.idNumber, m.phone, m.birthDate, m.birthMonth]).toEqual([
        MASKED_ID,
        MASKED_PHONE,
        '1985-06-12',
        '1985-06',
      ]);
      expect(maySeeNumbers(who, row.partyOrgPath)).toBe(true);
    }
    for (const [label, who] of withoutSensitive) {
      const m = memberFor(ctxOf(who), row);
      expect([m.idNumber, m.phone, m.birthDate, m.birthMonth], label).toEqual([
        MASKED_ID,
        MASKED_PHONE,
        null,
        '1985-06',
      ]);
      expect(maySeeNumbers(who, row.partyOrgPath), label).toBe(false);
    }
  });

  it('reveals both numbers to an officer, the phone only to the branch secretary, nothing to the rest', () => {
    for (const who of officers) {
      expect(numbersFor(ctxOf(who), row)).toEqual({
        idNumber: FULL_ID,
        phone: FULL_PHONE,
        birthDate: '1985-06-12',
        revealed: ['idNumber', 'phone'],
      });
    }
    const secretary = actor(['branch_secretary', B1]);
    expect(numbersFor(ctxOf(secretary), row)).toEqual({
      idNumber: MASKED_ID,
      phone: FULL_PHONE,
      birthDate: null,
      revealed: ['phone'],
    });
    for (const [label, who] of withoutSensitive.slice(1)) {
      if (maySeePhone(who, row.partyOrgPath)) continue; // the secretary who is also an officer elsewhere
      expect(numbersFor(ctxOf(who), row), label).toEqual({
        idNumber: MASKED_ID,
        phone: MASKED_PHONE,
        birthDate: null,
        revealed: [],
      });
    }
    expect(maySeePhone(actor(['branch_committee_member', B1]), B1)).toBe(false);
    expect(maySeePhone(actor(['branch_secretary', B2]), B1)).toBe(false);
    const noPhone = { ...row, phoneCipher: null, phoneMasked: null } as MemberRow;
    expect(numbersFor(ctxOf(secretary), noPhone)).toMatchObject({ phone: null, revealed: [] });
  });

  it('exports full numbers only on request and only to a holder of member.sensitive', () => {
    const [officer] = officers as [Actor];
    expect(exportNumbers(ctxOf(officer), row, true)).toEqual({ idNumber: FULL_ID, phone: FULL_PHONE });
    expect(exportNumbers(ctxOf(officer), row, false)).toEqual({ idNumber: MASKED_ID, phone: MASKED_PHONE });
    for (const [label, who] of withoutSensitive) {
      expect(exportNumbers(ctxOf(who), row, true), label).toEqual({
        idNumber: MASKED_ID,
        phone: MASKED_PHONE,
      });
    }
    const noPhone = { ...row, phoneCipher: null, phoneMasked: null } as MemberRow;
    expect(exportNumbers(ctxOf(officer), noPhone, true).phone).toBeNull();
  });

  it('never puts full numbers or the birth date in the audit view', () => {
    const m = auditView(row);
    expect([m.idNumber, m.phone, m.birthDate]).toEqual([MASKED_ID, MASKED_PHONE, null]);
  });

  it('maps every field of the stored row to the API shape', () => {
    expect(toMember(row, true)).toEqual({
      id: 'm1',
      unitId: 'unit1',
      partyOrgId: 'b1',
      partyOrgName: '第一支部',
      departmentId: 'd1',
      departmentName: '办公室',
      name: '张三',
      gender: 'male',
      birthDate: '1985-06-12',
      birthMonth: '1985-06',
      ethnicity: '汉族',
      education: '大学',
      idNumber: MASKED_ID,
      phone: MASKED_PHONE,
      category: 'full',
      joinedOn: '2010-07-01',
      fullOn: '2011-07-01',
      partyPost: 'secretary',
      businessPost: '科员',
      status: 'active',
      version: 3,
    });
    expect(
      toMember({ ...row, departmentName: undefined } as unknown as MemberRow, false).departmentName,
    ).toBeNull();
  });

  it('refuses a context without an actor', () => {
    expect(() => memberFor(ctxOf(null), row)).toThrow(
      expect.objectContaining({ kind: 'unauthenticated', code: 'auth.required' }),
    );
    expect(requireActor(ctxOf(actor(['member', B1]))).userId).toBe('u1');
  });

  it('shows the month of birth, and nothing for a member whose birth date is unknown', () => {
    expect(birthMonthOf('1985-06-12')).toBe('1985-06');
    expect(birthMonthOf(null)).toBeNull();
  });
});
