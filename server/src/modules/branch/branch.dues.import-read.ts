// Reading a payroll sheet for the 党费 import: each cell as the row means it — the member by name (and ID number or its
// last four characters), the month, the category, the income and the dues paid — or a problem naming its row and
// column in Chinese. Nothing here touches the database; branch.dues.import.ts resolves the rows and writes.
import type { DuesCategory } from '#contracts/branch-dues';
import { textProblem } from '#contracts/common';
import { ID_NUMBER_MESSAGES, idNumberProblem } from '#contracts/id-number';
import { AppError } from '../../core/errors.ts';
import { normalizeText, parseDateCell } from '../../core/spreadsheet/cells.ts';
import { readSheetRows } from '../../core/spreadsheet/read.ts';
import type { Issue } from '../../core/spreadsheet/report.ts';
import { fenOfYuan } from './branch.dues.rules.ts';
import { MAX_PAYROLL_ROWS, PAYROLL_COLUMNS, PAYROLL_SHEET, type PayrollKey } from './branch.dues.sheets.ts';

export const HEADERS = new Map(PAYROLL_COLUMNS.map((c) => [c.key, c.header]));
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
  // Every row counts toward the limit, a wrong one too: a sheet of bad rows must not pile up problems unbounded.
  let count = 0;
  for await (const data of stream.rows) {
    if (++count > MAX_PAYROLL_ROWS) {
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
      category = Object.hasOwn(CATEGORY_WORDS, categoryText)
        ? (CATEGORY_WORDS[categoryText] as DuesCategory)
        : fail('category', '人员类别应为 在职、离退休 或 无固定收入');
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
