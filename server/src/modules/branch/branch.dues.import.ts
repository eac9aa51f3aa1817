// The payroll import (issue 10 point 10): one row per member and month, with the after-tax income (which sets or
// changes the member's base from that month) and/or the dues paid or withheld (a payment for that month). All or
// nothing: the file is read and its cells checked outside any transaction, then the rows are resolved and written in
// one transaction that is rolled back on the first problem found; a refused file answers 400 with every problem by
// row and column, in Chinese, and keeps a report to download.

import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DuesCategory, DuesImportResult } from '#contracts/branch-dues';
import { chunked } from '../../core/chunked.ts';
import { type Ctx, inTransaction, todayOf } from '../../core/context.ts';
import type { DB } from '../../core/db-types.ts';
import { AppError } from '../../core/errors.ts';
import { type Issue, sortIssues, writeIssueReport } from '../../core/spreadsheet/report.ts';
import { recordAudit } from '../audit/index.ts';
import { storeReport } from '../transfer/index.ts';
import { actorOf, orgInScope } from './branch.dues.access.ts';
import { HEADERS, type PayrollRow, readPayroll } from './branch.dues.import-read.ts';
import { currentMonthOf } from './branch.dues.ledger.ts';
import * as repo from './branch.dues.repository.ts';
import { baseFor, lastDayOf, monthlyDue, monthOwners } from './branch.dues.rules.ts';
import { baseColumns, planPayment } from './branch.dues.service.ts';
import type { PayrollKey } from './branch.dues.sheets.ts';

const IN_ANSWER = 200;
const REPORT_NAME = '党费导入问题报告.xlsx';
class Refused extends Error {
  constructor(readonly issues: Issue[]) {
    super('import refused');
  }
}

type Resolved = PayrollRow & { memberId: string };

/**
 * Resolves every row and checks it against the members, in memory against facts read once; returns what the rows
 * would write, their counts and every problem met.
 */
async function applyRows(ctx: Ctx, org: repo.OrgRow, sheet: string, rows: readonly PayrollRow[]) {
  const actor = actorOf(ctx).actor;
  const issues: Issue[] = [];
  const fail = (r: PayrollRow, key: PayrollKey, value: string | null, reason: string) =>
    issues.push({ sheet, row: r.row, column: HEADERS.get(key) ?? key, value, reason });
  const orgs = await repo.orgsUnder(ctx.db, org.unitId, org.path);
  const within = new Set(orgs.map((o) => o.id));
  const names = await repo.membersNamed(
    ctx.db,
    org.unitId,
    [...within],
    rows.map((r) => r.name),
  );
  const resolved: Resolved[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    let candidates = names.filter((n) => n.name === r.name);
    if (r.idNumber)
      candidates = candidates.filter((n) => n.idNumberHash === ctx.secrets.blindIndex(r.idNumber as string));
    else if (r.idTail)
      candidates = candidates.filter(
        (n) => ctx.secrets.decrypt(n.idNumberCipher).slice(-4).toUpperCase() === r.idTail,
      );
    const one = candidates[0];
    if (!one) {
      if (r.idNumber || r.idTail)
        fail(
          r,
          'idNumber',
          r.idNumber ? `${r.idNumber.slice(0, 4)}…` : r.idTail,
          `本支部没有身份证号与“${r.name}”相符的党员，请核对姓名和身份证号`,
        );
      else fail(r, 'name', r.name, `${org.name}没有名为“${r.name}”的党员，请核对姓名`);
      continue;
    }
    if (candidates.length > 1) {
      fail(
        r,
        'idNumber',
        null,
        `${org.name}有 ${candidates.length} 名党员叫“${r.name}”，请填写身份证号（或后 4 位）以区分`,
      );
      continue;
    }
    const key = `${one.id}|${r.month}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(r, 'month', r.month, `与第 ${first} 行重复：同一名党员同一个月只能有一行`);
      continue;
    }
    seen.set(key, r.row);
    resolved.push({ ...r, memberId: one.id });
  }
  const people = new Map(
    (await repo.peopleByIds(ctx.db, [...new Set(resolved.map((r) => r.memberId))])).map((p) => [p.id, p]),
  );
  // Every fact the rows are judged against, read once for all of them: their histories, bases and what was paid.
  const ids = [...people.keys()];
  const months = resolved.map((r) => r.month).sort();
  const [history, bases, paid] = await Promise.all([
    repo.historyOf(ctx.db, [...people.values()]),
    repo.basesOf(ctx.db, ids),
    repo.paidByMonth(ctx.db, ids, months[0] ?? '2000-01', months[months.length - 1] ?? '2000-01'),
  ]);
  const writes: Writes = { newBases: [], changedBases: new Map(), payments: [], paymentMonths: [] };
  const counts: DuesImportResult = { rows: rows.length, bases: 0, payments: 0, amountFen: 0 };
  const today = todayOf(ctx);
  const current = currentMonthOf(ctx);
  const incomeOf = (b: repo.BaseRow | null) =>
    b?.incomeCipher ? Number(ctx.secrets.decrypt(b.incomeCipher)) : null;
  // Rows in month order per member, so that a base set by one month's row is in force for the next month's payment.
  for (const r of [...resolved].sort((a, b) => a.month.localeCompare(b.month) || a.row - b.row)) {
    const person = people.get(r.memberId) as repo.PersonRow;
    const spans = history.get(person.id) ?? [];
    const owner = monthOwners(spans, [r.month]).get(r.month);
    if (!owner || !within.has(owner)) {
      fail(
        r,
        'month',
        r.month,
        owner
          ? `${r.name} ${r.month} 的组织关系不在${org.name}，该月党费应交至所在党支部`
          : `${r.name} ${r.month} 不在党组织中（以组织关系记录为准），该月无需交纳党费`,
      );
      continue;
    }
    const own = bases.get(person.id) ?? [];
    if (r.incomeFen !== null || r.category !== null) {
      const inForce = baseFor(own, r.month);
      const category = r.category ?? (inForce?.category as DuesCategory | undefined) ?? 'serving';
      const incomeFen = category === 'no_income' ? null : (r.incomeFen ?? incomeOf(inForce));
      if (category !== 'no_income' && incomeFen === null) {
        fail(r, 'income', null, `${r.name} 尚未登记党费基数，请填写税后月收入`);
        continue;
      }
      const fixedFen =
        category === 'no_income' && inForce?.category === 'no_income' ? inForce.monthlyFen : null;
      const due = monthlyDue(category, incomeFen, fixedFen);
      const same =
        inForce &&
        inForce.category === category &&
        inForce.monthlyFen === due.monthlyFen &&
        incomeOf(inForce) === incomeFen;
      if (!same) {
        const columns = baseColumns(ctx, { category, incomeFen, fixedFen });
        const base: repo.BaseRow =
          inForce?.effectiveFrom === r.month
            ? { ...inForce, ...columns, version: inForce.version + 1 }
            : {
                id: randomUUID(),
                unitId: person.unitId,
                memberId: person.id,
                effectiveFrom: r.month,
                note: '工资表导入',
                version: 1,
                ...columns,
              };
        if (base.id === inForce?.id) writes.changedBases.set(base.id, base);
        else writes.newBases.push(base);
        bases.set(person.id, [base, ...own.filter((b) => b.id !== base.id)]);
        counts.bases++;
      }
    }
    if (r.paidFen !== null) {
      const facts = { history: spans, bases: bases.get(person.id) ?? [], paid: paid.get(person.id) };
      const plan = planPayment(person, [r.month], r.paidFen, facts, current, 'paid');
      if (plan.issues.length > 0) {
        for (const i of plan.issues) fail(r, 'paid', String(r.paidFen / 100), i.message);
        continue;
      }
      const id = randomUUID();
      writes.payments.push({
        id,
        unitId: person.unitId,
        memberId: person.id,
        paidOn: r.paidOn ?? (r.month >= current ? today : lastDayOf(r.month)),
        amountFen: r.paidFen,
        source: 'import',
        note: '工资表导入',
        recordedByUserId: actor.userId,
        recordedByName: actor.displayName,
      });
      const paidOf = paid.get(person.id) ?? new Map<string, number>();
      for (const part of plan.parts) {
        writes.paymentMonths.push({
          unitId: person.unitId,
          paymentId: id,
          month: repo.asMonthDate(part.month),
          amountFen: part.amountFen,
        });
        paidOf.set(part.month, (paidOf.get(part.month) ?? 0) + part.amountFen);
      }
      paid.set(person.id, paidOf);
      counts.payments++;
      counts.amountFen += r.paidFen;
    }
  }
  return { counts, issues, writes };
}

type Writes = {
  newBases: repo.BaseRow[];
  /** Bases already stored that a row of the same month changes. */
  changedBases: Map<string, repo.BaseRow>;
  payments: Insertable<DB['duesPayment']>[];
  paymentMonths: Insertable<DB['duesPaymentMonth']>[];
};

const WRITE_CHUNK = 1_000;

/** What the rows decided, written in a few statements: the new bases, payments and their months in chunks. */
async function writeRows(ctx: Ctx, writes: Writes) {
  const actor = actorOf(ctx).actor;
  const baseRow = (b: repo.BaseRow) => ({
    category: b.category,
    incomeCipher: b.incomeCipher,
    rateBp: b.rateBp,
    monthlyFen: b.monthlyFen,
  });
  for (const part of chunked(writes.newBases, WRITE_CHUNK))
    await ctx.db
      .insertInto('duesBase')
      .values(
        part.map((b) => ({
          id: b.id,
          unitId: b.unitId,
          memberId: b.memberId,
          effectiveFrom: repo.asMonthDate(b.effectiveFrom),
          ...baseRow(b),
          note: b.note,
          createdByUserId: actor.userId,
        })),
      )
      .execute();
  // A correction of a month imported before: rare, one statement each.
  for (const b of writes.changedBases.values())
    await ctx.db
      .updateTable('duesBase')
      .set({ ...baseRow(b), version: b.version, updatedAt: new Date() })
      .where('unitId', '=', b.unitId)
      .where('id', '=', b.id)
      .execute();
  for (const part of chunked(writes.payments, WRITE_CHUNK))
    await ctx.db.insertInto('duesPayment').values(part).execute();
  for (const part of chunked(writes.paymentMonths, WRITE_CHUNK))
    await ctx.db.insertInto('duesPaymentMonth').values(part).execute();
}

async function refuse(ctx: Ctx, issues: readonly Issue[]): Promise<never> {
  const actor = actorOf(ctx).actor;
  const sorted = sortIssues(issues);
  const reportToken = await storeReport(ctx, actor.userId, await writeIssueReport(sorted), REPORT_NAME);
  const rows = new Set(sorted.filter((i) => i.row > 0).map((i) => i.row)).size;
  throw new AppError(
    'invalid',
    'dues.import_invalid',
    `文件中有 ${sorted.length} 处问题（涉及 ${rows} 行），未导入任何内容；请按提示修改后重新导入`,
    {
      issues: sorted.slice(0, IN_ANSWER).map((i) => ({
        field: i.row > 0 ? `第${i.row}行 ${i.column}` : i.column || i.sheet,
        message: i.reason,
      })),
      details: { issues: sorted.slice(0, IN_ANSWER), total: sorted.length, reportToken },
    },
  );
}

export async function importPayroll(ctx: Ctx, partyOrgId: string, buf: Buffer): Promise<DuesImportResult> {
  // Out of scope is a 404 before the file is even read.
  await orgInScope(ctx, partyOrgId, 'dues.manage');
  const read = await readPayroll(buf, todayOf(ctx));
  if (read.rows.length === 0) return refuse(ctx, read.issues);
  try {
    return await inTransaction(ctx, async (tx) => {
      const org = await orgInScope(tx, partyOrgId, 'dues.manage');
      const applied = await applyRows(tx, org, read.sheet, read.rows);
      // Problems of the cells come first; the rows whose cells were right were resolved and checked too.
      const issues = [...read.issues, ...applied.issues];
      if (issues.length > 0) throw new Refused(issues);
      await writeRows(tx, applied.writes);
      await recordAudit(tx, {
        action: 'dues.import',
        entityType: 'party_org',
        entityId: org.id,
        details: { name: org.name, ...applied.counts },
      });
      return applied.counts;
    });
  } catch (error) {
    if (error instanceof Refused) return refuse(ctx, error.issues);
    throw error;
  }
}
