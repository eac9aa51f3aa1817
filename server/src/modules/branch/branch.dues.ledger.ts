// Reading 党费: a branch's ledger of a year (members × months), arrears per branch and per member, one member's year
// for the collector, and one's own. Everyone reading the branch (branch.read) sees each month paid or in arrears;
// amounts and income bases only whoever collects its dues (dues.manage) and the member themself.
import type {
  DuesArrears,
  DuesBase,
  DuesCategory,
  DuesLedger,
  DuesMonth,
  DuesMonthState,
  LedgerMember,
  MemberDues,
} from '#contracts/branch-dues';
import { type Ctx, todayOf } from '../../core/context.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { memberInScope, orgInScope, ownPerson } from './branch.dues.access.ts';
import * as repo from './branch.dues.repository.ts';
import { baseFor, inArrears, monthOf, monthOwners, monthState, monthsOfYear } from './branch.dues.rules.ts';

export const currentMonthOf = (ctx: Ctx) => monthOf(todayOf(ctx));

export type MonthFigures = {
  month: string;
  /** The organisation the month is due to, or null when the person was not a member then. */
  owner: string | null;
  dueFen: number | null;
  paidFen: number;
  state: DuesMonthState;
  base: repo.BaseRow | null;
};
export type PersonYear = { person: repo.PersonRow; months: MonthFigures[]; bases: repo.BaseRow[] };

/**
 * Each person's twelve months of `year`: whom each is due to, the amount due by the base in force, what was paid,
 * and the state. With `owners`, a month due to an organisation outside that set counts as not owed (state 'none').
 */
export async function yearsOf(
  ctx: Ctx,
  people: readonly repo.PersonRow[],
  year: number,
  owners?: ReadonlySet<string>,
): Promise<PersonYear[]> {
  const months = monthsOfYear(year);
  const current = currentMonthOf(ctx);
  const ids = people.map((p) => p.id);
  const [history, bases, paid] = await Promise.all([
    repo.historyOf(ctx.db, people),
    repo.basesOf(ctx.db, ids, `${year}-12`),
    repo.paidByMonth(ctx.db, ids, `${year}-01`, `${year}-12`),
  ]);
  return people.map((person) => {
    const own = bases.get(person.id) ?? [];
    const whose = monthOwners(history.get(person.id) ?? [], months);
    const paidOf = paid.get(person.id);
    return {
      person,
      bases: own,
      months: months.map((month) => {
        const owner = whose.get(month) ?? null;
        const owned = owner !== null && (!owners || owners.has(owner));
        const base = owned ? baseFor(own, month) : null;
        const dueFen = base?.monthlyFen ?? null;
        const paidFen = paidOf?.get(month) ?? 0;
        return {
          month,
          owner: owned ? owner : null,
          dueFen: owned ? dueFen : null,
          paidFen,
          state: monthState(owned, dueFen, paidFen, month, current),
          base,
        };
      }),
    };
  });
}

/**
 * A month as this reader may see it: without amounts, part paid reads as in arrears (no sum can be inferred); a month
 * not owed here shows no sum at all — what a member who moved pays their new branch is not the old one's to see.
 */
export function monthView(m: MonthFigures, amounts: boolean): DuesMonth {
  if (amounts)
    return { month: m.month, state: m.state, dueFen: m.dueFen, paidFen: m.owner === null ? null : m.paidFen };
  return { month: m.month, state: m.state === 'partial' ? 'arrears' : m.state, dueFen: null, paidFen: null };
}

export function baseView(ctx: Ctx, b: repo.BaseRow): DuesBase {
  return {
    id: b.id,
    memberId: b.memberId,
    effectiveFrom: b.effectiveFrom,
    category: b.category as DuesCategory,
    incomeFen: b.incomeCipher === null ? null : Number(ctx.secrets.decrypt(b.incomeCipher)),
    rateBp: b.rateBp,
    monthlyFen: b.monthlyFen,
    note: b.note,
    version: b.version,
  };
}

type Sums = {
  dueFen: number;
  paidFen: number;
  arrearsFen: number;
  arrearsMonths: number;
  unassessedMonths: number;
};

/** Totals over the owned months: due counts months up to the current one; paid counts every month. */
export function sumsOf(months: readonly MonthFigures[], current: string): Sums {
  const s: Sums = { dueFen: 0, paidFen: 0, arrearsFen: 0, arrearsMonths: 0, unassessedMonths: 0 };
  for (const m of months) {
    if (m.owner === null) continue;
    if (m.dueFen !== null && m.month <= current) s.dueFen += m.dueFen;
    s.paidFen += m.paidFen;
    if (m.state === 'unassessed') s.unassessedMonths++;
    if (inArrears(m.state)) {
      s.arrearsMonths++;
      s.arrearsFen += Math.max(0, (m.dueFen ?? 0) - m.paidFen);
    }
  }
  return s;
}

/** The people owing a month of `year` to the subtree of `org`, and the subtree's organisations by id. */
async function subtreeYears(ctx: Ctx, org: repo.OrgRow, year: number) {
  const orgs = await repo.orgsUnder(ctx.db, org.unitId, org.path);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const ids = await repo.membersOfOrgsSince(ctx.db, org.unitId, [...names.keys()], `${year}-01-01`);
  const people = await repo.peopleByIds(ctx.db, ids);
  const years = (await yearsOf(ctx, people, year, new Set(names.keys()))).filter((y) =>
    y.months.some((m) => m.owner !== null),
  );
  return { years, names };
}

export async function duesLedger(ctx: Ctx, q: { partyOrgId: string; year: number }): Promise<DuesLedger> {
  const org = await orgInScope(ctx, q.partyOrgId, 'branch.read');
  const amounts = isInScope(ctx.actor, 'dues.manage', org.path);
  const current = currentMonthOf(ctx);
  const { years, names } = await subtreeYears(ctx, org, q.year);
  const members: LedgerMember[] = years.map((y) => {
    const owned = y.months.filter((m) => m.owner !== null);
    const last = owned[owned.length - 1] as MonthFigures;
    const sums = sumsOf(y.months, current);
    return {
      memberId: y.person.id,
      name: y.person.name,
      partyOrgId: last.owner as string,
      partyOrgName: names.get(last.owner as string) ?? '',
      months: y.months.map((m) => monthView(m, amounts)),
      arrearsMonths: sums.arrearsMonths,
      unassessedMonths: sums.unassessedMonths,
      base: amounts && last.base ? baseView(ctx, last.base) : null,
      dueFen: amounts ? sums.dueFen : null,
      paidFen: amounts ? sums.paidFen : null,
      arrearsFen: amounts ? sums.arrearsFen : null,
    };
  });
  const all = years.map((y) => sumsOf(y.months, current));
  const add = (k: keyof Sums) => all.reduce((n, s) => n + s[k], 0);
  return {
    partyOrgId: org.id,
    partyOrgName: org.name,
    year: q.year,
    currentMonth: current,
    showsAmounts: amounts,
    members,
    totals: {
      members: members.length,
      arrearsMembers: all.filter((s) => s.arrearsMonths > 0).length,
      arrearsMonths: add('arrearsMonths'),
      unassessedMembers: all.filter((s) => s.unassessedMonths > 0).length,
      dueFen: amounts ? add('dueFen') : null,
      paidFen: amounts ? add('paidFen') : null,
      arrearsFen: amounts ? add('arrearsFen') : null,
    },
  };
}

/** Arrears of the year in the subtree: per organisation holding members, and per member and organisation. */
export async function duesArrears(ctx: Ctx, q: { partyOrgId: string; year: number }): Promise<DuesArrears> {
  const org = await orgInScope(ctx, q.partyOrgId, 'branch.read');
  const amounts = isInScope(ctx.actor, 'dues.manage', org.path);
  const current = currentMonthOf(ctx);
  const { years, names } = await subtreeYears(ctx, org, q.year);
  type Branch = DuesArrears['branches'][number] & {
    seen: Set<string>;
    late: Set<string>;
    unset: Set<string>;
  };
  const branches = new Map<string, Branch>();
  const members: DuesArrears['members'] = [];
  for (const y of years) {
    const byOrg = new Map<string, MonthFigures[]>();
    for (const m of y.months) if (m.owner) byOrg.set(m.owner, [...(byOrg.get(m.owner) ?? []), m]);
    for (const [orgId, months] of byOrg) {
      const b: Branch = branches.get(orgId) ?? {
        partyOrgId: orgId,
        partyOrgName: names.get(orgId) ?? '',
        members: 0,
        arrearsMembers: 0,
        arrearsMonths: 0,
        unassessedMembers: 0,
        arrearsFen: amounts ? 0 : null,
        seen: new Set(),
        late: new Set(),
        unset: new Set(),
      };
      branches.set(orgId, b);
      const sums = sumsOf(months, current);
      b.seen.add(y.person.id);
      if (sums.unassessedMonths > 0) b.unset.add(y.person.id);
      if (sums.arrearsMonths === 0) continue;
      b.late.add(y.person.id);
      b.arrearsMonths += sums.arrearsMonths;
      if (b.arrearsFen !== null) b.arrearsFen += sums.arrearsFen;
      members.push({
        memberId: y.person.id,
        name: y.person.name,
        partyOrgId: orgId,
        partyOrgName: b.partyOrgName,
        months: months.filter((m) => inArrears(m.state)).map((m) => m.month),
        arrearsFen: amounts ? sums.arrearsFen : null,
      });
    }
  }
  const order = [...names.keys()];
  return {
    partyOrgId: org.id,
    year: q.year,
    currentMonth: current,
    showsAmounts: amounts,
    branches: [...branches.values()]
      .sort((a, b) => order.indexOf(a.partyOrgId) - order.indexOf(b.partyOrgId))
      .map(({ seen, late, unset, ...b }) => ({
        ...b,
        members: seen.size,
        arrearsMembers: late.size,
        unassessedMembers: unset.size,
      })),
    members,
  };
}

async function personDues(ctx: Ctx, person: repo.PersonRow, year: number): Promise<MemberDues> {
  const current = currentMonthOf(ctx);
  const [[y], allBases, payments] = await Promise.all([
    yearsOf(ctx, [person], year),
    repo.basesOf(ctx.db, [person.id]),
    repo.paymentsOfYear(ctx.db, person.id, year),
  ]);
  const bases = allBases.get(person.id) ?? [];
  const inForce = baseFor(bases, current) ?? bases[bases.length - 1] ?? null;
  const sums = sumsOf((y as PersonYear).months, current);
  return {
    memberId: person.id,
    name: person.name,
    partyOrgName: person.orgName,
    year,
    currentMonth: current,
    currentBase: inForce ? baseView(ctx, inForce) : null,
    bases: bases.map((b) => baseView(ctx, b)),
    months: (y as PersonYear).months.map((m) => monthView(m, true)),
    payments: payments.map((p) => ({
      ...p,
      source: p.source as 'entry' | 'import',
      status: p.status as 'valid' | 'voided',
    })),
    arrearsMonths: sums.arrearsMonths,
    arrearsFen: sums.arrearsFen,
  };
}

/** One member's year, for whoever collects their branch's dues. Audited: it shows the member's income. */
export async function memberDues(ctx: Ctx, memberId: string, year: number): Promise<MemberDues> {
  const person = await memberInScope(ctx, memberId, 'dues.manage');
  await recordAudit(ctx, {
    action: 'dues.view',
    entityType: 'member',
    entityId: person.id,
    details: { name: person.name, year },
  });
  return personDues(ctx, person, year);
}

/** One's own year: the base, the amounts, the payments and what is owed. */
export async function myDues(ctx: Ctx, year: number | undefined): Promise<MemberDues> {
  return personDues(ctx, await ownPerson(ctx), year ?? Number(currentMonthOf(ctx).slice(0, 4)));
}
