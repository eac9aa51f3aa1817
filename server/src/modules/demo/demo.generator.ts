// Deterministic demo organ (演示机关) for first start, tests and benchmarks.
//
// - Same options → byte-identical output: a seeded PRNG (demo.random.ts), a fixed reference date (2026-11-22) and
//   neither the clock nor unseeded randomness. Everything is fictional: the organ 明州海关, its offices and its people.
// - Scale 1 is shaped after a real customs district: work committee WC → organ committee JG → 13 sub-committees
//   (one per subordinate office), 10 general branches, 23 direct branches, 201 branches under the sub-committees and
//   general branches, 4 temporary branches (2 ended and closed, 2 running), 2 cells in each of the 22 largest
//   branches, and ~3,000 members. Scale N multiplies the sub-committees, general branches, branches, temporary
//   branches and members (each count rounded, at least 1); there is always exactly one unit and one organ committee,
//   so a large scale is one very wide organ rather than N organs. Names of offices and divisions repeat with （二）,
//   （三）… once the curated lists run out. To load several organs, call again with another unitCode and codePrefix
//   (the work committee 'WC' is then shared).
// - Streaming: generateDemoMembers yields members branch by branch; only a Set of ID numbers grows with the roster
//   (phone numbers are unique by construction). Scale 100 (~300,000 members) takes a few seconds.
// - Members sit in non-temporary branches only: people in a temporary branch keep their membership at home.
// - Accounts cover every role except system_admin, which first start creates on its own.

import type { Role } from '#contracts/identity';
import type { MemberImportRow } from '#contracts/member';
import type { DepartmentImportRow, OrgImportRow, UnitImportRow } from '#contracts/org';
import { generateDemoMembers, personName } from './demo.members.ts';
import { DISCIPLINE_DIVISION, PARTY_OFFICE_DIVISION } from './demo.names.ts';
import { type DemoOptions, resolveDemoOptions, WORK_COMMITTEE_CODE } from './demo.options.ts';
import { DemoRandom } from './demo.random.ts';
import { buildDemoStructure, type DemoStructure } from './demo.structure.ts';

export { generateDemoMembers } from './demo.members.ts';
export {
  type DemoCounts,
  type DemoOptions,
  demoCounts,
  REFERENCE_DATE,
  type ResolvedDemoOptions,
  resolveDemoOptions,
  WORK_COMMITTEE_CODE,
} from './demo.options.ts';
export { type BranchPlan, buildDemoStructure, type DemoStructure } from './demo.structure.ts';

export type DemoAccount = {
  username: string;
  displayName: string;
  role: Role;
  orgCode: string | null;
  memberIdNumber: string | null;
};

export type DemoOrgan = {
  unit: UnitImportRow;
  orgs: OrgImportRow[];
  departments: DepartmentImportRow[];
  members: MemberImportRow[];
  accounts: DemoAccount[];
  /** demo.options.ts `quality`. */
  quality: number;
};

const ACCOUNT_STREAM = 0x7fff_0002;

/** `idNumbersInUse`: ID numbers other organs already hold (see generateDemoMembers). */
export function generateDemoOrgan(options: DemoOptions = {}, idNumbersInUse?: Set<string>): DemoOrgan {
  const structure = buildDemoStructure(options);
  const members = [...generateDemoMembers(structure, idNumbersInUse)];
  return {
    unit: structure.unit,
    orgs: structure.orgs,
    departments: structure.departments,
    members,
    accounts: demoAccounts(structure, members),
    quality: resolveDemoOptions(options).quality,
  };
}

/**
 * One account per role. Branch roles sit on one ordinary branch of the first sub-committee and are tied to real
 * members of it; organ-level roles are tied to a member of the matching division when that division exists.
 */
export function demoAccounts(structure: DemoStructure, members: readonly MemberImportRow[]): DemoAccount[] {
  const { codePrefix: P, seed } = structure.options;
  const rng = new DemoRandom(seed, ACCOUNT_STREAM);
  const byBranch = new Map<string, MemberImportRow[]>();
  for (const m of members) {
    const list = byBranch.get(m.partyOrgCode);
    if (list) list.push(m);
    else byBranch.set(m.partyOrgCode, [m]);
  }
  const plans = structure.branches;
  const branch =
    plans.find((p) => p.code.startsWith(`${P}-E01-`) && !p.leaders) ??
    plans.find((p) => !p.leaders) ??
    plans[0];
  if (!branch) throw new Error('demo organ without branches');
  const roster = byBranch.get(branch.code) ?? [];
  const inBranch = (predicate: (m: MemberImportRow) => boolean) => {
    const found = roster.find(predicate);
    if (!found) throw new Error(`demo branch ${branch.code} lacks a member for an account`);
    return found;
  };
  const secretary = inBranch((m) => m.partyPost === 'secretary');
  const committee = inBranch((m) => m.partyPost === 'committee_member');
  const ordinary = inBranch((m) => m.partyPost === null && m.category === 'full');

  const inDivision = (division: string, predicate: (m: MemberImportRow) => boolean) => {
    const plan = plans.find((p) => p.name === `${division}党支部`);
    return (plan && byBranch.get(plan.code)?.find(predicate)) || null;
  };
  const organChiefs = plans.find((p) => p.leaders === 'organ');
  const deputyChief =
    (organChiefs && byBranch.get(organChiefs.code)?.find((m) => m.businessPost === '副关长')) || null;
  const partyOfficer = inDivision(PARTY_OFFICE_DIVISION, (m) => m.partyPost !== 'secretary');
  const inspector = inDivision(DISCIPLINE_DIVISION, (m) => m.partyPost === null);

  const person = (role: Role, username: string, orgCode: string, m: MemberImportRow | null): DemoAccount => ({
    username,
    displayName: m ? m.name : personName(rng, rng.chance(0.5) ? 'male' : 'female'),
    role,
    orgCode,
    memberIdNumber: m ? m.idNumber : null,
  });
  const admin = (role: Role, username: string, displayName: string): DemoAccount => ({
    username,
    displayName,
    role,
    orgCode: null,
    memberIdNumber: null,
  });
  return [
    admin('security_admin', 'secadmin', '安全管理员'),
    admin('audit_admin', 'auditadmin', '安全审计员'),
    // The work committee sits above the organ, so its officer is not one of the organ's members.
    person('work_committee_officer', 'gongwei', WORK_COMMITTEE_CODE, null),
    person('organ_committee_officer', 'jiguan', P, partyOfficer),
    person('leading_group_member', 'dangzu', P, deputyChief),
    person('branch_secretary', 'shuji', branch.code, secretary),
    person('branch_committee_member', 'zhiwei', branch.code, committee),
    person('member', 'dangyuan', branch.code, ordinary),
    person('supervisor', 'jijian', P, inspector),
  ];
}
