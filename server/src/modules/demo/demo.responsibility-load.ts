// Loads the demo organ's year of responsibility work: finds the ids of the organisations and people the plan names
// (a few set-based look-ups per organ, never one per branch), builds the plan and hands it to the responsibility
// module, which writes it. Then the plan's leaver leaves the organ, through the member module like anyone else. An
// organ that already keeps lists of the year is left alone, so loading the demo again changes nothing.
import { type Ctx, todayOf } from '../../core/context.ts';
import { accountsOfMembers } from '../identity/index.ts';
import {
  findMemberIdByIdNumber,
  leaveMember,
  listMembers,
  memberRefs,
  postHoldersOf,
} from '../member/index.ts';
import { listPartyOrgRefsByCodes } from '../org/index.ts';
import {
  ensureDefaultTemplate,
  hasListsOfYear,
  latestTemplate,
  loadResponsibilityPlan,
  type ResponsibilityLoadResult,
} from '../responsibility/index.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { type DemoIds, demoResponsibilityPlan } from './demo.responsibility.ts';
import { castIndividuals, demoCast } from './demo.responsibility-cast.ts';

export const NO_RESPONSIBILITY_LOAD: ResponsibilityLoadResult = {
  loaded: false,
  lists: 0,
  items: 0,
  periods: 0,
  reports: 0,
  exemptions: 0,
  liaisons: 0,
  handovers: 0,
  statements: 0,
};

export async function loadDemoResponsibility(
  ctx: Ctx,
  organ: DemoOrgan,
  seed: number,
): Promise<ResponsibilityLoadResult> {
  const today = todayOf(ctx);
  const cast = demoCast(organ);
  const orgs = await listPartyOrgRefsByCodes(ctx.db, [cast.rootCode, ...cast.branches.map((b) => b.code)]);
  const root = orgs.get(cast.rootCode);
  if (!root) throw new Error(`demo organ ${cast.rootCode} is not loaded`);
  const unitId = root.unitId;
  if (await hasListsOfYear(ctx, unitId, Number(today.slice(0, 4)))) return NO_RESPONSIBILITY_LOAD;

  await ensureDefaultTemplate(ctx);
  const template = await latestTemplate(ctx);
  if (!template) throw new Error('the work committee has no responsibility list template');

  const orgId = (code: string) => {
    const org = orgs.get(code);
    if (!org) throw new Error(`demo organisation ${code} is not loaded`);
    return org.id;
  };
  const branchIds = cast.branches.map((b) => orgId(b.code));
  const [secretaries, committees] = await Promise.all([
    postHoldersOf(ctx.db, unitId, branchIds, 'secretary'),
    postHoldersOf(ctx.db, unitId, branchIds, 'committee_member'),
  ]);
  const memberIds = new Map<string, string>();
  for (const b of cast.branches) {
    const id = orgId(b.code);
    const secretary = secretaries.get(id)?.[0];
    if (secretary) memberIds.set(b.secretary.idNumber, secretary.id);
    // Two committee members of one branch may share a name; either is one of them, which is all the plan needs.
    for (const m of b.committee) {
      const found = committees.get(id)?.find((r) => r.name === m.name);
      if (found) memberIds.set(m.idNumber, found.id);
    }
  }
  for (const row of castIndividuals(cast)) {
    if (memberIds.has(row.idNumber)) continue;
    const id = await findMemberIdByIdNumber(ctx, row.idNumber);
    if (id) memberIds.set(row.idNumber, id);
  }
  const accounts = await accountsOfMembers(ctx.db, [...memberIds.values()]);
  const memberId = (idNumber: string) => {
    const id = memberIds.get(idNumber);
    if (!id) throw new Error('a member the demo plan names is not loaded');
    return id;
  };
  const ids: DemoIds = {
    unitId,
    org: orgId,
    member: (row) => memberId(row.idNumber),
    account: (row) => accounts.get(memberId(row.idNumber))?.[0] ?? null,
  };
  const plan = demoResponsibilityPlan(organ, { seed, today, template, ids });
  const result = await loadResponsibilityPlan(ctx, plan);
  if (cast.leaver) await leave(ctx, memberId(cast.leaver.member.idNumber), orgId(cast.leaver.branch.code));
  return result;
}

/** The leaver transfers out of the organ, their duty still in their name (the coverage view flags it). */
async function leave(ctx: Ctx, memberId: string, branchId: string): Promise<void> {
  const ref = (await memberRefs(ctx.db, [memberId])).get(memberId);
  if (ref?.status !== 'active') return;
  const page = await listMembers(ctx, {
    partyOrgId: branchId,
    status: 'active',
    page: 1,
    pageSize: 200,
    sort: 'name',
    order: 'asc',
  });
  const version = page.items.find((m) => m.id === memberId)?.version;
  if (version === undefined) return;
  // The roster import dates membership from the real day, whatever the context's clock says (tests move it), and
  // nobody leaves before they came: the later of the two days.
  const on = [todayOf(ctx), todayOf({})].sort()[1] as string;
  await leaveMember(ctx, memberId, {
    on,
    reason: '转出',
    note: '调往外单位工作',
    version,
  });
}
