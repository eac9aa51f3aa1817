// Who plays which part in the demo organ's year of responsibility work, read from the generated roster (pure): the
// 党组 (the organ's chiefs, 关长 first), the 机关党委 officer, every branch with its secretary and committee, the
// demo accounts' branch (where a secretary took over mid-year from the one now a committee member), and a member of
// the next branch who leaves the organ with a duty still in their name.
import type { MemberImportRow } from '#contracts/member';
import type { DemoOrgan } from './demo.generator.ts';

export type BranchCast = {
  code: string;
  name: string;
  secretary: MemberImportRow;
  committee: MemberImportRow[];
};

export type DemoCast = {
  rootCode: string;
  /** How well the organ keeps its work (demo.options.ts). */
  quality: number;
  rootName: string;
  /** 党组书记 (关长) first, then the 党组成员 (副关长). */
  chiefs: MemberImportRow[];
  /** The 机关党委 officer (account jiguan), when the organ has a party office. */
  officer: MemberImportRow | null;
  /** The 党组 member who approves exemptions (account dangzu). */
  approver: MemberImportRow;
  /** Every active standing branch, in tree order. */
  branches: BranchCast[];
  /** The demo accounts' branch (shuji, zhiwei, dangyuan). */
  home: BranchCast;
  /** Secretary of the home branch until the mid-year handover, now a committee member (account zhiwei). */
  predecessor: MemberImportRow;
  /** A member of the branch after the home branch who leaves the organ owning a duty; null in a one-branch organ. */
  leaver: { branch: BranchCast; member: MemberImportRow } | null;
};

const CHIEF_POSTS = ['关长', '副关长'];

export function demoCast(organ: DemoOrgan): DemoCast {
  const rootCode = organ.unit.rootOrgCode;
  if (!rootCode) throw new Error('demo organ without its organ committee');
  const rootName = organ.orgs.find((o) => o.code === rootCode)?.name ?? organ.unit.name ?? rootCode;
  const byBranch = new Map<string, MemberImportRow[]>();
  for (const m of organ.members) {
    const roster = byBranch.get(m.partyOrgCode);
    if (roster) roster.push(m);
    else byBranch.set(m.partyOrgCode, [m]);
  }
  const byId = new Map(organ.members.map((m) => [m.idNumber, m]));
  const accountMember = (username: string) => {
    const id = organ.accounts.find((a) => a.username === username)?.memberIdNumber;
    return id ? (byId.get(id) ?? null) : null;
  };

  const branches: BranchCast[] = [];
  for (const o of organ.orgs) {
    if (o.kind !== 'branch' || o.isTemporary || o.status !== 'active') continue;
    const roster = byBranch.get(o.code) ?? [];
    const secretary = roster.find((m) => m.partyPost === 'secretary');
    if (!secretary) continue;
    branches.push({
      code: o.code,
      name: o.name,
      secretary,
      committee: roster.filter((m) => m.partyPost === 'committee_member'),
    });
  }
  const homeCode = organ.accounts.find((a) => a.username === 'shuji')?.orgCode;
  const home = branches.find((b) => b.code === homeCode);
  const predecessor = accountMember('zhiwei');
  const approver = accountMember('dangzu');
  if (!home || !predecessor || !approver) throw new Error('demo organ without the demo accounts’ branch');
  const chiefs = (byBranch.get(approver.partyOrgCode) ?? [])
    .filter((m) => CHIEF_POSTS.includes(m.businessPost ?? ''))
    .sort((a, b) => CHIEF_POSTS.indexOf(a.businessPost ?? '') - CHIEF_POSTS.indexOf(b.businessPost ?? ''));

  const accountIds = new Set(organ.accounts.map((a) => a.memberIdNumber));
  const at = branches.indexOf(home);
  let leaver: DemoCast['leaver'] = null;
  for (let k = 1; k < branches.length && !leaver; k++) {
    const branch = branches[(at + k) % branches.length] as BranchCast;
    if (branch.code === approver.partyOrgCode) continue;
    const member = (byBranch.get(branch.code) ?? []).find(
      (m) =>
        m.partyPost === null &&
        m.category === 'full' &&
        !CHIEF_POSTS.includes(m.businessPost ?? '') &&
        !accountIds.has(m.idNumber),
    );
    if (member) leaver = { branch, member };
  }
  return {
    rootCode,
    quality: organ.quality,
    rootName,
    chiefs,
    officer: accountMember('jiguan'),
    approver,
    branches,
    home,
    predecessor,
    leaver,
  };
}

/**
 * The members the plan names one by one (the 党组, the officer, the home branch's predecessor, the leaver): looked up
 * one at a time, a handful per organ. Secretaries and committee members are found by post, all branches at once.
 */
export function castIndividuals(cast: DemoCast): MemberImportRow[] {
  const rows = [...cast.chiefs, cast.approver, cast.predecessor];
  if (cast.officer) rows.push(cast.officer);
  if (cast.leaver) rows.push(cast.leaver.member);
  return [...new Map(rows.map((r) => [r.idNumber, r])).values()];
}
