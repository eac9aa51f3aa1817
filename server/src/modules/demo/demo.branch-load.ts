// Loads the demo organ's year of branch work — records, temporary organisations' members, 党费 and the development
// register — after its year of responsibility work (the records settle those duties' periods). Finds the ids the
// plans name with a few set-based look-ups per organ (the organisations by code, the members by name with the tail of
// their ID number, their accounts), never one query per member; builds the plans (pure) and hands them to the branch
// module, which writes them. An organ that already keeps branch records is left alone: loading again changes nothing.
import { type Ctx, todayOf } from '../../core/context.ts';
import {
  type BranchLoadResult,
  type DuesLoadResult,
  hasBranchRecords,
  loadBranchPlan,
  loadDuesPlan,
} from '../branch/index.ts';
import { accountsOfMembers } from '../identity/index.ts';
import { activeMembersNamed, findMemberIdByIdNumber } from '../member/index.ts';
import { listPartyOrgRefsByCodes } from '../org/index.ts';
import { demoBranchPlan } from './demo.branch.ts';
import { branchProfiles } from './demo.branch-profile.ts';
import { demoDevelopmentPlan } from './demo.development.ts';
import { demoDuesPlan } from './demo.dues.ts';
import type { DemoOrgan } from './demo.generator.ts';
import type { DemoIds } from './demo.responsibility-builder.ts';
import { demoCast } from './demo.responsibility-cast.ts';

export const NO_BRANCH_LOAD: BranchLoadResult = {
  loaded: false,
  records: 0,
  attendees: 0,
  grades: 0,
  temporaryMembers: 0,
  periodsSettled: 0,
  statements: 0,
};
export const NO_DUES_LOAD: DuesLoadResult = {
  loaded: false,
  bases: 0,
  payments: 0,
  development: 0,
  statements: 0,
};

export type DemoBranchLoad = { branch: BranchLoadResult; dues: DuesLoadResult };

/** The ids of everything the plans name: one query for the organisations, one for the members, one for accounts. */
export async function resolveDemoIds(ctx: Ctx, organ: DemoOrgan, rootCode: string): Promise<DemoIds> {
  const codes = new Set([rootCode, ...organ.orgs.map((o) => o.code)]);
  const orgs = await listPartyOrgRefsByCodes(ctx.db, [...codes]);
  const unitId = orgs.get(rootCode)?.unitId;
  if (!unitId) throw new Error(`demo organ ${rootCode} is not loaded`);
  const named = await activeMembersNamed(ctx, unitId, [...new Set(organ.members.map((m) => m.name))]);
  const key = (name: string, orgId: string | undefined, tail: string) =>
    `${name} ${orgId} ${tail.toUpperCase()}`;
  const byKey = new Map<string, string | null>();
  for (const m of named) {
    const k = key(m.name, m.partyOrgId, m.idTail);
    // Two namesakes of one branch sharing the last four characters: told apart by the full number below.
    byKey.set(k, byKey.has(k) ? null : m.id);
  }
  const memberIds = new Map<string, string>();
  for (const row of organ.members) {
    const id = byKey.get(key(row.name, orgs.get(row.partyOrgCode)?.id, row.idNumber.slice(-4)));
    // The member who left the organ this year, and any namesake: one look-up each, a handful per organ.
    const found = id ?? (await findMemberIdByIdNumber(ctx, row.idNumber));
    if (found) memberIds.set(row.idNumber, found);
  }
  const accounts = await accountsOfMembers(ctx.db, [...memberIds.values()]);
  const member = (row: { idNumber: string }) => {
    const id = memberIds.get(row.idNumber);
    if (!id) throw new Error('a member the demo plan names is not loaded');
    return id;
  };
  return {
    unitId,
    org: (code) => {
      const org = orgs.get(code);
      if (!org) throw new Error(`demo organisation ${code} is not loaded`);
      return org.id;
    },
    member,
    account: (row) => accounts.get(member(row))?.[0] ?? null,
  };
}

export async function loadDemoBranchWork(ctx: Ctx, organ: DemoOrgan, seed: number): Promise<DemoBranchLoad> {
  const cast = demoCast(organ);
  const rootOrg = (await listPartyOrgRefsByCodes(ctx.db, [cast.rootCode])).get(cast.rootCode);
  if (!rootOrg) throw new Error(`demo organ ${cast.rootCode} is not loaded`);
  if (await hasBranchRecords(ctx, rootOrg.unitId))
    return { branch: { ...NO_BRANCH_LOAD, statements: 2 }, dues: NO_DUES_LOAD };
  const ids = await resolveDemoIds(ctx, organ, cast.rootCode);
  const input = { seed, today: todayOf(ctx), ids };
  const branch = await loadBranchPlan(ctx, demoBranchPlan(organ, input));
  const profiles = branchProfiles(cast, seed, input.today);
  const dues = await loadDuesPlan(ctx, {
    unitId: ids.unitId,
    ...demoDuesPlan(organ, cast, profiles, input),
    development: demoDevelopmentPlan(organ, cast, input),
  });
  return { branch, dues };
}
