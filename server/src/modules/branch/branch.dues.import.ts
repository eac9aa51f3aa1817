// The payroll import (issue 10 point 10): one row per member and month, with the after-tax income (which sets or
// changes the member's base from that month) and/or the dues paid or withheld (a payment for that month). All or
// nothing: the file is read and its cells checked outside any transaction, then the rows are resolved and written in
// one transaction that is rolled back on the first problem found; a refused file answers 400 with every problem by
// row and column, in Chinese, and keeps a report to download.

import type { DuesCategory, DuesImportResult } from '#contracts/branch-dues';
import { textProblem } from '#contracts/common';
import { ID_NUMBER_MESSAGES, idNumberProblem } from '#contracts/id-number';
import { type Ctx, inTransaction, todayOf } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { normalizeText, parseDateCell } from '../../core/spreadsheet/cells.ts';
import { readSheetRows } from '../../core/spreadsheet/read.ts';
import { type Issue, sortIssues, writeIssueReport } from '../../core/spreadsheet/report.ts';
import { recordAudit } from '../audit/index.ts';
import { storeReport } from '../transfer/index.ts';
import { actorOf, orgInScope } from './branch.dues.access.ts';
import { currentMonthOf } from './branch.dues.ledger.ts';
import * as repo from './branch.dues.repository.ts';
import { baseFor, fenOfYuan, lastDayOf, monthlyDue, monthOwners } from './branch.dues.rules.ts';
import { baseColumns, paymentPlan } from './branch.dues.service.ts';
import { MAX_PAYROLL_ROWS, PAYROLL_COLUMNS, PAYROLL_SHEET, type PayrollKey } from './branch.dues.sheets.ts';

const IN_ANSWER = 200;
const REPORT_NAME = '党费导入问题报告.xlsx';
const HEADERS = new Map(PAYROLL_COLUMNS.map((c) => [c.key, c.header]));
const CATEGORY_WORDS: Record<string, DuesCategory> = {
  在职: 'serving',
  在职党员: 'serving',
  在岗: 'serving',
  离退休: 'retired',
  退休: 'retired',
  离休: 'retired',
  离退休党员: 'retired',
  无固定收入: 'no_income',
  无收入: 'no_income',
  无固定收入党员: 'no_income',
};

export type PayrollRow = {
  row: number;
  name: string;
  idNumber: string | null;
  idTail: string | null;
  month: string;
  category: DuesCategory | null;
  incomeFen: number | null;
  paidFen: number | null;
  paidOn: string | null;
};

class Refused extends Error {
  constructor(readonly issues: Issue[]) {
    super('import refused');
  }
}

/** Reads the sheet: each cell as the row means it, or an issue naming its row and column. */
export async function readPayroll(
  buf: Buffer,
  today: string,
): Promise<{ sheet: string; rows: PayrollRow[]; issues: Issue[] }> {
  const stream = await readSheetRows<PayrollKey>(buf, {
    sheet: [PAYROLL_SHEET, '党费收缴', '工资表', '工资'],
    columns: PAYROLL_COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      aliases: c.aliases ?? [],
      required: c.required ?? false,
    })),
  });
  const sheet = stream.sheetName;
  const issues: Issue[] = stream.missingColumns.map((column) => ({
    sheet,
    row: stream.headerRow,
    column,
    value: null,
    reason: `表头中没有“${column}”列，请使用导入模板，或把工资表的列名改成模板中的列名`,
  }));
  const rows: PayrollRow[] = [];
  if (issues.length > 0) {
    await stream.close();
    return { sheet, rows, issues };
  }
  for await (const data of stream.rows) {
    if (rows.length >= MAX_PAYROLL_ROWS) {
      await stream.close();
      throw new AppError(
        'invalid',
        'dues.import_too_many',
        `一个文件最多导入 ${MAX_PAYROLL_ROWS} 行，请拆分后分批导入`,
      );
    }
    const cells = data.cells;
    const before = issues.length;
    const fail = (key: PayrollKey, reason: string) => {
      issues.push({
        sheet,
        row: data.rowNumber,
        column: HEADERS.get(key) ?? key,
        value: normalizeText(cells[key]),
        reason,
      });
      return null;
    };
    const typed = normalizeText(cells.name, { keepFullWidthPunctuation: true });
    const problem =
      typed === null
        ? '请填写姓名'
        : (textProblem(typed) ?? (typed.length > 50 ? '姓名不能超过 50 个字' : null));
    const name = problem ? fail('name', problem) : typed;
    const number = normalizeText(cells.idNumber)?.toUpperCase().replace(/\s+/g, '') ?? null;
    let idNumber: string | null = null;
    let idTail: string | null = null;
    if (number !== null && /^\d{3}[\dX]$/.test(number)) idTail = number;
    else if (number !== null) {
      const problem = idNumberProblem(number);
      if (problem) fail('idNumber', `${ID_NUMBER_MESSAGES[problem]}（也可只填后 4 位）`);
      else idNumber = number;
    }
    const monthCell = parseDateCell(cells.month);
    let month: string | null = null;
    if (normalizeText(cells.month) === null) fail('month', '请填写月份，如 2026-03');
    else if (!monthCell.ok) fail('month', `月份无效，请按 YYYY-MM 填写，如 2026-03（${monthCell.reason}）`);
    else if (monthCell.value < '2000-01-01' || monthCell.value > '2099-12-31')
      fail('month', '月份应在 2000 年至 2099 年之间');
    else month = monthCell.value.slice(0, 7);
    let category: DuesCategory | null = null;
    const categoryText = normalizeText(cells.category)?.replace(/\s+/g, '') ?? null;
    if (categoryText !== null)
      category = CATEGORY_WORDS[categoryText] ?? fail('category', '人员类别应为 在职、离退休 或 无固定收入');
    const money = (key: 'income' | 'paid') => {
      const v = cells[key];
      const text = normalizeText(v);
      if (text === null) return null;
      const fen = typeof v === 'number' ? fenOfYuan(v) : fenOfYuan(text);
      if (fen === null) return fail(key, '应为金额（元），不能为负数，最多两位小数，如 6500.00');
      if (fen > 100_000_000) return fail(key, '金额不能超过 1,000,000 元');
      return fen;
    };
    const incomeFen = money('income');
    const paidFen = money('paid');
    if (
      incomeFen === null &&
      paidFen === null &&
      normalizeText(cells.income) === null &&
      normalizeText(cells.paid) === null
    )
      fail('income', '请填写税后月收入或实交党费（至少一项）');
    if (paidFen === 0) fail('paid', '实交党费应大于 0；未交纳的月份请不要填写');
    if (category === 'no_income' && incomeFen !== null)
      fail('income', '无固定收入党员按固定金额交纳，不填收入');
    let paidOn: string | null = null;
    if (normalizeText(cells.paidOn) !== null) {
      const d = parseDateCell(cells.paidOn);
      if (!d.ok) fail('paidOn', `日期无效，请按 YYYY-MM-DD 填写（${d.reason}）`);
      else if (d.value > today) fail('paidOn', `交费日期不能晚于今天（${today}）`);
      else if (d.value < '2000-01-01') fail('paidOn', '交费日期应在 2000 年之后');
      else paidOn = d.value;
    }
    // A row with a wrong cell is not resolved further: its problems are the answer, and nothing of it is written.
    if (name !== null && month !== null && issues.length === before)
      rows.push({ row: data.rowNumber, name, idNumber, idTail, month, category, incomeFen, paidFen, paidOn });
  }
  if (rows.length === 0 && issues.length === 0)
    issues.push({ sheet, row: stream.headerRow, column: '', value: null, reason: '表中没有数据行' });
  return { sheet, rows, issues };
}

type Resolved = PayrollRow & { memberId: string };

/** Resolves, checks against the members and writes every row; returns what it wrote and every problem met. */
async function applyRows(
  ctx: Ctx,
  org: repo.OrgRow,
  sheet: string,
  rows: readonly PayrollRow[],
): Promise<{ counts: DuesImportResult; issues: Issue[] }> {
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
  const history = await repo.historyOf(ctx.db, [...people.values()]);
  const counts: DuesImportResult = { rows: rows.length, bases: 0, payments: 0, amountFen: 0 };
  const today = todayOf(ctx);
  const current = currentMonthOf(ctx);
  // Rows in month order per member, so that a base set by one month's row is in force for the next month's payment.
  for (const r of [...resolved].sort((a, b) => a.month.localeCompare(b.month) || a.row - b.row)) {
    const person = people.get(r.memberId) as repo.PersonRow;
    const owner = monthOwners(history.get(person.id) ?? [], [r.month]).get(r.month);
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
    if (r.incomeFen !== null || r.category !== null) {
      const bases = (await repo.basesOf(ctx.db, [person.id])).get(person.id) ?? [];
      const inForce = baseFor(bases, r.month);
      const category = r.category ?? (inForce?.category as DuesCategory | undefined) ?? 'serving';
      const incomeFen =
        category === 'no_income'
          ? null
          : (r.incomeFen ??
            (inForce?.incomeCipher ? Number(ctx.secrets.decrypt(inForce.incomeCipher)) : null));
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
        (inForce.incomeCipher ? Number(ctx.secrets.decrypt(inForce.incomeCipher)) : null) === incomeFen;
      if (!same) {
        const columns = baseColumns(ctx, { category, incomeFen, fixedFen });
        if (inForce?.effectiveFrom === r.month)
          await ctx.db
            .updateTable('duesBase')
            .set({ ...columns, version: inForce.version + 1, updatedAt: new Date() })
            .where('unitId', '=', inForce.unitId)
            .where('id', '=', inForce.id)
            .execute();
        else
          await ctx.db
            .insertInto('duesBase')
            .values({
              unitId: person.unitId,
              memberId: person.id,
              effectiveFrom: repo.asMonthDate(r.month),
              ...columns,
              note: '工资表导入',
              createdByUserId: actor.userId,
            })
            .execute();
        counts.bases++;
      }
    }
    if (r.paidFen !== null) {
      const plan = await paymentPlan(ctx, person, [r.month], r.paidFen, 'paid');
      if (plan.issues.length > 0) {
        for (const i of plan.issues) fail(r, 'paid', String(r.paidFen / 100), i.message);
        continue;
      }
      const paidOn = r.paidOn ?? (r.month >= current ? today : lastDayOf(r.month));
      await repo.insertPayment(
        ctx.db,
        {
          unitId: person.unitId,
          memberId: person.id,
          paidOn,
          amountFen: r.paidFen,
          source: 'import',
          note: '工资表导入',
          recordedByUserId: actor.userId,
          recordedByName: actor.displayName,
        },
        plan.parts,
      );
      counts.payments++;
      counts.amountFen += r.paidFen;
    }
  }
  return { counts, issues };
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
