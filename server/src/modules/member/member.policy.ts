// Pure member rules: which organisations hold members, what the ID number implies, how dates relate, how a
// search term is read. No database, no secrets.
import { birthDateFromIdNumber, genderFromIdNumber, maskIdNumber, maskPhone } from '#contracts/id-number';
import { GENDER_LABELS } from '#contracts/member';

type Gender = 'male' | 'female';
type Category = 'full' | 'probationary';

/** The one answer for a member that does not exist and one outside the actor's scope. */
export const MEMBER_NOT_FOUND = '党员不存在或无权访问';

/** Members belong to branches and cells; committees and general branches have none of their own. */
export const MEMBER_ORG_KINDS: readonly string[] = ['branch', 'cell'];

export type OrgFacts = { kind: string; status: string };

/** Why members cannot be placed in this organisation, or null when they can. */
export function memberOrgProblem(org: OrgFacts): string | null {
  if (org.status !== 'active') return '该党组织已撤销，不能登记党员';
  if (!MEMBER_ORG_KINDS.includes(org.kind)) return '党员只能登记在党支部或党小组';
  return null;
}

export type DepartmentFacts = { unitId: string; status: string };

/**
 * Why a member of an organisation in unit `orgUnitId` cannot be placed in this department, or null when it can: a
 * department belongs to one organ, and only that organ's members work in it.
 */
export function departmentProblem(dept: DepartmentFacts, orgUnitId: string | null): string | null {
  if (dept.status !== 'active') return '该部门已撤销';
  if (dept.unitId !== orgUnitId) return '该部门不属于党员所在党组织的单位，请选择本单位的部门';
  return null;
}

/** The calendar day in China, where the organs are: the server itself may run in UTC. */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** Phone numbers are compared by their digits, so that 010-12345678 and 01012345678 are one number. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** The text fed to the blind index for a phone; prefixed so that it can never equal an ID number's input. */
export function phoneIndexInput(phone: string): string {
  return `phone:${phoneDigits(phone)}`;
}

export type SearchTerm =
  | { kind: 'name'; text: string }
  | { kind: 'id_number'; value: string }
  | { kind: 'phone'; value: string };

/**
 * A list search: a complete ID number or phone number is looked up exactly (through the blind index — there is no
 * way to search inside encrypted numbers), anything else is part of a name.
 */
export function readSearchTerm(q: string): SearchTerm {
  const compact = q.replace(/\s+/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(compact)) return { kind: 'id_number', value: compact };
  if (/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(compact)) return { kind: 'phone', value: compact };
  return { kind: 'name', text: q.trim() };
}

/**
 * Exact-number look-ups (searches by a full number, writes carrying an ID number) allowed per account and minute.
 * Counted in the database (number_lookup) so that app instances sharing it agree (ADR 14).
 */
export const NUMBER_LOOKUPS_PER_MINUTE = 20;

/**
 * A search term as it may be written down (audit): a full number becomes its mask; in anything else, a long run of
 * digits (a number with a typo, a partial one) keeps only its first three.
 */
export function redactedSearch(q: string | undefined): string | undefined {
  if (q === undefined) return undefined;
  const term = readSearchTerm(q);
  if (term.kind === 'id_number') return maskIdNumber(term.value);
  if (term.kind === 'phone') return maskPhone(phoneDigits(term.value));
  return q.replace(/\d{7,}/g, (run) => run.slice(0, 3) + '*'.repeat(run.length - 3));
}

export type MemberFacts = {
  /** What the (valid, full) ID number says: see identityOf. */
  identity: { gender: Gender; birthDate: string | null };
  gender: Gender | null | undefined;
  category: Category;
  joinedOn: string | null;
  fullOn: string | null;
};

export type FactIssue = { field: 'gender' | 'joinedOn' | 'fullOn'; message: string };

/** Checks between fields: the ID number fixes gender and birth date; probation and full membership follow joining. */
export function memberFactIssues(f: MemberFacts): FactIssue[] {
  const issues: FactIssue[] = [];
  if (f.gender && f.gender !== f.identity.gender) {
    const label = GENDER_LABELS[f.identity.gender].zh;
    issues.push({ field: 'gender', message: `性别与身份证号不一致（身份证号显示为${label}）` });
  }
  if (f.joinedOn && f.identity.birthDate && f.joinedOn < f.identity.birthDate) {
    issues.push({ field: 'joinedOn', message: '入党日期早于身份证号中的出生日期，请核对' });
  }
  if (f.category === 'probationary' && f.fullOn) {
    issues.push({ field: 'fullOn', message: '预备党员尚未转正，不应填写转正日期' });
  } else if (f.fullOn && f.joinedOn && f.fullOn < f.joinedOn) {
    issues.push({ field: 'fullOn', message: '转正日期不能早于入党日期' });
  }
  return issues;
}

/**
 * A transfer-in date, where the history in the organisation starts (the form's and the import's rule): not in the
 * future, not before the member joined the Party.
 */
export function transferInProblem(
  transferInOn: string,
  joinedOn: string | null,
  today: string,
): string | null {
  if (transferInOn > today) return '转入日期不能晚于今天';
  if (joinedOn && transferInOn < joinedOn) return '转入日期不能早于入党日期';
  return null;
}

/** Gender and birth date as the ID number encodes them; both are stored from it, never typed in separately. */
export function identityOf(idNumber: string): { gender: Gender; birthDate: string } {
  return { gender: genderFromIdNumber(idNumber), birthDate: birthDateFromIdNumber(idNumber) };
}

/** Order of party posts in lists: the secretary first. */
export const PARTY_POST_RANK: Record<string, number> = {
  secretary: 0,
  deputy_secretary: 1,
  committee_member: 2,
};
