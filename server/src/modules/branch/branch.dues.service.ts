// Writing 党费: a member's base from a month on (the income encrypted, the monthly amount in clear), payments
// recorded by whoever collects the dues, and voiding a payment recorded by mistake. Every write is audited — without
// the income, which is personal data and stays out of the trail.
import type {
  CreateDuesBaseBody,
  DuesBase,
  DuesCategory,
  DuesPayment,
  PatchDuesBaseBody,
  RecordPaymentBody,
} from '#contracts/branch-dues';
import type { FieldIssue } from '#contracts/errors';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { actorOf, memberInScope } from './branch.dues.access.ts';
import { baseView, currentMonthOf } from './branch.dues.ledger.ts';
import * as repo from './branch.dues.repository.ts';
import {
  addMonths,
  allocate,
  type BaseSpan,
  baseFor,
  type HistorySpan,
  monthlyDue,
  monthOwners,
} from './branch.dues.rules.ts';

const BASE_NOT_FOUND = '该党费基数记录不存在或不在您的管辖范围内';
const PAYMENT_NOT_FOUND = '该交费记录不存在或不在您的管辖范围内';

type BaseFields = { category: DuesCategory; incomeFen: number | null; fixedFen: number | null };

/** What a base's fields must be together: an income for serving and retired members, none without income. */
function baseIssues(b: BaseFields): FieldIssue[] {
  if (b.category === 'no_income') {
    if (b.incomeFen !== null)
      return [
        {
          field: 'body.incomeFen',
          message: '无固定收入党员按固定金额交纳，不填收入；如有收入请选择在职或离退休',
        },
      ];
    return [];
  }
  const issues: FieldIssue[] = [];
  if (b.incomeFen === null)
    issues.push({
      field: 'body.incomeFen',
      message:
        b.category === 'retired' ? '请填写每月实际领取的离退休费（养老金）' : '请填写每月工资收入（税后）',
    });
  if (b.fixedFen !== null)
    issues.push({
      field: 'body.fixedFen',
      message: '固定金额只适用于无固定收入党员，其他党员按收入比例计算',
    });
  return issues;
}

function refuse(issues: FieldIssue[]): void {
  if (issues.length > 0)
    throw invalid('dues.invalid', issues[0]?.message ?? '填写有误，请按提示修改', issues);
}

/** The columns of a base from its fields: the income encrypted, the rate and the monthly amount computed. */
export function baseColumns(ctx: Ctx, b: BaseFields) {
  const due = monthlyDue(b.category, b.incomeFen, b.fixedFen);
  return {
    category: b.category,
    incomeCipher: b.incomeFen === null ? null : ctx.secrets.encrypt(String(b.incomeFen)),
    rateBp: due.rateBp,
    monthlyFen: due.monthlyFen,
  };
}

export async function createBase(ctx: Ctx, body: CreateDuesBaseBody): Promise<DuesBase> {
  const actor = actorOf(ctx).actor;
  const person = await memberInScope(ctx, body.memberId, 'dues.manage');
  const fields: BaseFields = {
    category: body.category,
    incomeFen: body.incomeFen ?? null,
    fixedFen: body.fixedFen ?? null,
  };
  refuse(baseIssues(fields));
  const existing = await repo.findBaseOf(ctx.db, person.id, body.effectiveFrom);
  if (existing)
    throw conflict(
      'dues.base_exists',
      `${person.name} 自 ${body.effectiveFrom} 起的党费基数已经登记，请修改原记录`,
      { current: baseView(ctx, existing) },
    );
  const { id } = await ctx.db
    .insertInto('duesBase')
    .values({
      unitId: person.unitId,
      memberId: person.id,
      effectiveFrom: repo.asMonthDate(body.effectiveFrom),
      ...baseColumns(ctx, fields),
      note: body.note ?? null,
      createdByUserId: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'dues.base_create',
    entityType: 'member',
    entityId: person.id,
    details: { name: person.name, effectiveFrom: body.effectiveFrom, category: body.category },
  });
  return baseView(ctx, (await repo.findBase(ctx.db, id)) as repo.BaseRow);
}

export async function patchBase(ctx: Ctx, id: string, body: PatchDuesBaseBody): Promise<DuesBase> {
  const base = await repo.findBase(ctx.db, id);
  const person = base ? await repo.findPerson(ctx.db, base.memberId) : undefined;
  if (!base || !person || !isInScope(ctx.actor, 'dues.manage', person.orgPath))
    throw notFound('dues.base_not_found', BASE_NOT_FOUND);
  if (base.version !== body.version) throw staleVersion(baseView(ctx, base));
  const before = baseView(ctx, base);
  const category = body.category ?? before.category;
  const fields: BaseFields = {
    category,
    incomeFen:
      body.incomeFen !== undefined ? body.incomeFen : category === 'no_income' ? null : before.incomeFen,
    fixedFen:
      body.fixedFen !== undefined
        ? body.fixedFen
        : category === 'no_income' && before.category === 'no_income'
          ? before.monthlyFen
          : null,
  };
  refuse(baseIssues(fields));
  const updated = await ctx.db
    .updateTable('duesBase')
    .set({
      ...baseColumns(ctx, fields),
      ...(body.note !== undefined ? { note: body.note } : {}),
      version: base.version + 1,
      updatedAt: new Date(),
    })
    .where('unitId', '=', base.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw staleVersion(before);
  await recordAudit(ctx, {
    action: 'dues.base_update',
    entityType: 'member',
    entityId: person.id,
    details: { name: person.name, effectiveFrom: base.effectiveFrom, category },
  });
  return baseView(ctx, (await repo.findBase(ctx.db, id)) as repo.BaseRow);
}

/** Months a payment may cover: up to a year ahead of this month (paying ahead is common, far ahead a slip). */
export const PREPAY_MONTHS = 12;

/** What a payment's plan is judged against: the member's organisation history, bases, and what each month has had. */
export type PaymentFacts = {
  history: readonly HistorySpan[];
  bases: readonly BaseSpan[];
  /** month (YYYY-MM) → fen paid already */
  paid: ReadonlyMap<string, number> | undefined;
};

/**
 * Why each of `months` cannot be paid for by this member: not a member then (by their organisation history), too far
 * ahead, or already paid in full. Also returns how a payment of `amountFen` would spread over them. Pure: the payroll
 * import judges all its rows against facts it read once.
 */
export function planPayment(
  person: { name: string },
  months: readonly string[],
  amountFen: number,
  facts: PaymentFacts,
  current: string,
  field = 'body.months',
) {
  const sorted = [...months].sort();
  const owners = monthOwners(facts.history, sorted);
  const horizon = addMonths(current, PREPAY_MONTHS);
  const issues: FieldIssue[] = [];
  const figures = sorted.map((month) => {
    const dueFen = baseFor(facts.bases, month)?.monthlyFen ?? null;
    const paidFen = facts.paid?.get(month) ?? 0;
    if (month > horizon) issues.push({ field, message: `${month} 超出可预交的范围，最多预交至 ${horizon}` });
    else if (!owners.has(month))
      issues.push({
        field,
        message: `${person.name} ${month} 不在党组织中（以组织关系记录为准），该月无需交纳党费`,
      });
    else if (dueFen !== null && dueFen > 0 && paidFen >= dueFen)
      issues.push({ field, message: `${person.name} ${month} 的党费已经交清，不能重复登记` });
    return { month, dueFen, paidFen };
  });
  return { issues, parts: allocate(amountFen, figures) };
}

/** planPayment against the member's facts as they stand in the database. */
export async function paymentPlan(
  ctx: Ctx,
  person: repo.PersonRow,
  months: readonly string[],
  amountFen: number,
  field = 'body.months',
) {
  const sorted = [...months].sort();
  const [history, bases, paid] = await Promise.all([
    repo.historyOf(ctx.db, [person]),
    repo.basesOf(ctx.db, [person.id]),
    repo.paidByMonth(ctx.db, [person.id], sorted[0] as string, sorted[sorted.length - 1] as string),
  ]);
  const facts = {
    history: history.get(person.id) ?? [],
    bases: bases.get(person.id) ?? [],
    paid: paid.get(person.id),
  };
  return planPayment(person, sorted, amountFen, facts, currentMonthOf(ctx), field);
}

export function paymentView(p: repo.PaymentRow): DuesPayment {
  return {
    id: p.id,
    memberId: p.memberId,
    memberName: p.memberName,
    paidOn: p.paidOn,
    amountFen: p.amountFen,
    months: p.months,
    source: p.source as DuesPayment['source'],
    status: p.status as DuesPayment['status'],
    note: p.note,
    voidReason: p.voidReason,
    recordedByName: p.recordedByName,
    version: p.version,
  };
}

export async function recordPayment(ctx: Ctx, body: RecordPaymentBody): Promise<DuesPayment> {
  const actor = actorOf(ctx).actor;
  const person = await memberInScope(ctx, body.memberId, 'dues.manage');
  const today = todayOf(ctx);
  const plan = await paymentPlan(ctx, person, body.months, body.amountFen);
  if (body.paidOn > today)
    plan.issues.push({ field: 'body.paidOn', message: `交费日期不能晚于今天（${today}）` });
  refuse(plan.issues);
  const id = await repo.insertPayment(
    ctx.db,
    {
      unitId: person.unitId,
      memberId: person.id,
      paidOn: body.paidOn,
      amountFen: body.amountFen,
      source: 'entry',
      note: body.note ?? null,
      recordedByUserId: actor.userId,
      recordedByName: actor.displayName,
    },
    plan.parts,
  );
  await recordAudit(ctx, {
    action: 'dues.payment_record',
    entityType: 'member',
    entityId: person.id,
    details: {
      name: person.name,
      paymentId: id,
      months: plan.parts.map((p) => p.month),
      amountFen: body.amountFen,
    },
  });
  return paymentView((await repo.findPayment(ctx.db, id)) as repo.PaymentRow);
}

export async function voidPayment(
  ctx: Ctx,
  id: string,
  body: { reason: string; version: number },
): Promise<DuesPayment> {
  const payment = await repo.findPayment(ctx.db, id);
  const person = payment ? await repo.findPerson(ctx.db, payment.memberId) : undefined;
  if (!payment || !person || !isInScope(ctx.actor, 'dues.manage', person.orgPath))
    throw notFound('dues.payment_not_found', PAYMENT_NOT_FOUND);
  if (payment.version !== body.version) throw staleVersion(paymentView(payment));
  if (payment.status === 'voided')
    throw conflict('dues.payment_voided', '该交费记录已经作废', { current: paymentView(payment) });
  const updated = await ctx.db
    .updateTable('duesPayment')
    .set({ status: 'voided', voidReason: body.reason, version: payment.version + 1, updatedAt: new Date() })
    .where('unitId', '=', payment.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw staleVersion(paymentView(payment));
  await recordAudit(ctx, {
    action: 'dues.payment_void',
    entityType: 'member',
    entityId: person.id,
    details: { name: person.name, paymentId: id, paidOn: payment.paidOn, reason: body.reason },
  });
  return paymentView((await repo.findPayment(ctx.db, id)) as repo.PaymentRow);
}
