// A year of an organ's 党费 and its 发展党员 register in one go (the demo organ, every organ of a benchmark province):
// set-based like the records' bulk load (branch.bulk-sql.ts), with one audit entry. The figures are the service's:
// each base's rate and monthly amount by the brackets (baseColumns: the income encrypted), each payment spread over
// its months as recordPayment spreads it (allocate, given what earlier payments of the plan already paid), each
// person's ID number encrypted, hashed and masked as createDevelopment stores it, and every timeline checked against
// the development rules — a plan that breaks one is a bug in the generator, refused as such.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DuesCategory } from '#contracts/branch-dues';
import { birthDateFromIdNumber, genderFromIdNumber, maskIdNumber } from '#contracts/id-number';
import { type Ctx, todayOf } from '../../core/context.ts';
import type { DB } from '../../core/db-types.ts';
import { recordAudit } from '../audit/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { writeBulk } from './branch.bulk-sql.ts';
import { stageOf, type Timeline, timelineIssues } from './branch.development.rules.ts';
import { asMonthDate, peopleByIds } from './branch.dues.repository.ts';
import { allocate, baseFor } from './branch.dues.rules.ts';
import { baseColumns } from './branch.dues.service.ts';

export type PlanDuesBase = {
  memberId: string;
  /** YYYY-MM */
  effectiveFrom: string;
  category: DuesCategory;
  incomeFen: number | null;
  note: string | null;
  createdAt: Date;
};

export type PlanDuesPayment = {
  memberId: string;
  paidOn: string;
  /** YYYY-MM, the months it pays for. */
  months: readonly string[];
  amountFen: number;
  source: 'entry' | 'import';
  note: string | null;
  recordedByUserId: string | null;
  recordedByName: string;
};

export type PlanDevelopmentPerson = {
  partyOrgId: string;
  name: string;
  idNumber: string;
  appliedOn: string;
  activistOn: string | null;
  candidateOn: string | null;
  probationaryOn: string | null;
  fullOn: string | null;
  introducerMemberIds: readonly string[];
  /** The member record, once the person became a (probationary) member. */
  memberId: string | null;
  notes: string | null;
};

export type DuesPlan = {
  unitId: string;
  bases: readonly PlanDuesBase[];
  payments: readonly PlanDuesPayment[];
  development: readonly PlanDevelopmentPerson[];
};

export type DuesLoadResult = {
  /** False when the organ already kept dues and a development register: loaded once, then left to its users. */
  loaded: boolean;
  bases: number;
  payments: number;
  development: number;
  statements: number;
};

function fail(message: string): never {
  throw new Error(`dues plan: ${message}`);
}

async function exists(ctx: Ctx, table: 'duesBase' | 'developmentPerson', unitId: string) {
  const row = await ctx.db
    .selectFrom(table)
    .select('unitId')
    .where('unitId', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The rows of the bases and of the payments with their months, as the dues service would have written them. */
function duesRows(ctx: Ctx, plan: DuesPlan) {
  const { unitId } = plan;
  const bases: Insertable<DB['duesBase']>[] = [];
  const byMember = new Map<string, { effectiveFrom: string; monthlyFen: number }[]>();
  for (const b of plan.bases) {
    const columns = baseColumns(ctx, { category: b.category, incomeFen: b.incomeFen, fixedFen: null });
    bases.push({
      unitId,
      id: randomUUID(),
      memberId: b.memberId,
      effectiveFrom: asMonthDate(b.effectiveFrom),
      ...columns,
      note: b.note,
      createdAt: b.createdAt,
    });
    byMember.set(b.memberId, [
      ...(byMember.get(b.memberId) ?? []),
      { effectiveFrom: b.effectiveFrom, monthlyFen: columns.monthlyFen },
    ]);
  }
  const payments: Insertable<DB['duesPayment']>[] = [];
  const months: Insertable<DB['duesPaymentMonth']>[] = [];
  const paid = new Map<string, number>();
  const ordered = [...plan.payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  for (const p of ordered) {
    if (p.months.length === 0 || p.amountFen <= 0) fail(`a payment of ${p.memberId} without months or money`);
    const id = randomUUID();
    const own = byMember.get(p.memberId) ?? [];
    const parts = allocate(
      p.amountFen,
      p.months.map((month) => ({
        month,
        dueFen: baseFor(own, month)?.monthlyFen ?? null,
        paidFen: paid.get(`${p.memberId} ${month}`) ?? 0,
      })),
    );
    const { months: _, ...row } = p;
    payments.push({ unitId, id, ...row, createdAt: new Date(`${p.paidOn}T08:00:00Z`) });
    for (const part of parts) {
      const key = `${p.memberId} ${part.month}`;
      paid.set(key, (paid.get(key) ?? 0) + part.amountFen);
      months.push({ unitId, paymentId: id, month: asMonthDate(part.month), amountFen: part.amountFen });
    }
  }
  return { bases, payments, months };
}

/** The register's rows, each timeline checked against the rules with its introducers as they stand. */
async function developmentRows(ctx: Ctx, plan: DuesPlan) {
  const { unitId } = plan;
  const today = todayOf(ctx);
  const [branches, introducers] = await Promise.all([
    partyOrgRefs(
      ctx.db,
      plan.development.map((d) => d.partyOrgId),
    ),
    peopleByIds(
      ctx.db,
      plan.development.flatMap((d) => d.introducerMemberIds),
    ),
  ]);
  const people = new Map(introducers.map((p) => [p.id, p]));
  const seen = new Set<string>();
  return plan.development.map((d): Insertable<DB['developmentPerson']> => {
    const branch = branches.get(d.partyOrgId);
    if (branch?.unitId !== unitId) fail(`branch ${d.partyOrgId} is not of organ ${unitId}`);
    const hash = ctx.secrets.blindIndex(d.idNumber);
    if (seen.has(hash)) fail(`${d.name} is in the register twice`);
    seen.add(hash);
    const t: Timeline = {
      birthDate: birthDateFromIdNumber(d.idNumber),
      appliedOn: d.appliedOn,
      activistOn: d.activistOn,
      candidateOn: d.candidateOn,
      probationaryOn: d.probationaryOn,
      fullOn: d.fullOn,
    };
    const facts = d.introducerMemberIds.map((memberId) => {
      const p = people.get(memberId);
      return {
        memberId,
        name: p?.name ?? null,
        active: p?.status === 'active',
        full: p?.category === 'full',
        inBranch: !!p && p.orgPath.startsWith(branch.path),
      };
    });
    const issues = timelineIssues(t, facts, today);
    if (issues.length) fail(`${d.name}: ${issues.map((i) => i.message).join('; ')}`);
    return {
      unitId,
      id: randomUUID(),
      partyOrgId: d.partyOrgId,
      name: d.name,
      gender: genderFromIdNumber(d.idNumber),
      birthDate: t.birthDate,
      idNumberCipher: ctx.secrets.encrypt(d.idNumber),
      idNumberHash: hash,
      idNumberMasked: maskIdNumber(d.idNumber),
      stage: stageOf(t),
      appliedOn: d.appliedOn,
      activistOn: d.activistOn,
      candidateOn: d.candidateOn,
      probationaryOn: d.probationaryOn,
      fullOn: d.fullOn,
      introducer1MemberId: d.introducerMemberIds[0] ?? null,
      introducer2MemberId: d.introducerMemberIds[1] ?? null,
      memberId: d.memberId,
      notes: d.notes,
      createdAt: new Date(`${d.appliedOn}T02:00:00Z`),
    };
  });
}

export async function loadDuesPlan(ctx: Ctx, plan: DuesPlan): Promise<DuesLoadResult> {
  const { unitId } = plan;
  const [hasDues, hasRegister] = await Promise.all([
    exists(ctx, 'duesBase', unitId),
    exists(ctx, 'developmentPerson', unitId),
  ]);
  let statements = 2;
  const dues = hasDues ? { bases: [], payments: [], months: [] } : duesRows(ctx, plan);
  const development = hasRegister ? [] : await developmentRows(ctx, plan);
  if (!hasRegister) statements += 2;
  if (dues.bases.length + development.length === 0)
    return { loaded: false, bases: 0, payments: 0, development: 0, statements };
  statements += await writeBulk(ctx, {
    duesBase: dues.bases,
    duesPayment: dues.payments,
    duesPaymentMonth: dues.months,
    developmentPerson: development,
  });
  const counts = {
    bases: dues.bases.length,
    payments: dues.payments.length,
    development: development.length,
  };
  statements++;
  // Without the incomes or the ID numbers: personal data stays out of the trail.
  await recordAudit(ctx, { action: 'dues.bulk_load', entityType: 'unit', entityId: unitId, details: counts });
  return { loaded: true, ...counts, statements };
}
