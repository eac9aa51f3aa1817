// 党费 in Excel: the payroll import's columns and template, and a branch's ledger of a year as .xlsx. The ledger
// shows what its reader may see on the page: amounts and bases for whoever collects the dues, paid / in arrears by
// month for everyone else.
import {
  DUES_CATEGORY_LABELS,
  DUES_MONTH_STATE_LABELS,
  type DuesLedger,
  type LedgerMember,
  yuan,
} from '#contracts/branch-dues';
import { type Ctx, todayOf } from '../../core/context.ts';
import { type ColumnSpec, writeTemplate, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { duesLedger } from './branch.dues.ledger.ts';

export const PAYROLL_SHEET = '党费';
/** A branch's payroll of a year is a few hundred rows; an organ's a few thousand. */
export const MAX_PAYROLL_ROWS = 5_000;

export type PayrollKey = 'name' | 'idNumber' | 'month' | 'category' | 'income' | 'paid' | 'paidOn';

export const CATEGORY_VALUES = ['在职', '离退休', '无固定收入'];

/** The columns of a payroll sheet, with the headers payroll systems commonly give them. */
export const PAYROLL_COLUMNS: readonly (ColumnSpec & { key: PayrollKey })[] = [
  {
    key: 'name',
    header: '姓名',
    required: true,
    width: 12,
    aliases: ['党员姓名', '职工姓名'],
    example: '张三',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    width: 22,
    aliases: ['公民身份号码', '身份证号码', '证件号码', '身份证后四位', '身份证后4位'],
    note: '18 位身份证号，或其后 4 位；本支部有同名党员时必须填写',
    example: '330203199001011234',
  },
  {
    key: 'month',
    header: '月份',
    required: true,
    width: 10,
    aliases: ['所属月份', '工资月份', '交纳月份', '缴纳月份', '年月'],
    note: '工资所属月份，按 YYYY-MM 填写，如 2026-03',
    example: '2026-03',
  },
  {
    key: 'category',
    header: '人员类别',
    width: 12,
    list: CATEGORY_VALUES,
    aliases: ['党员类别', '类别', '在职/离退休'],
    note: '在职、离退休或无固定收入；不填则沿用已登记的类别（未登记过按在职）',
    example: '在职',
  },
  {
    key: 'income',
    header: '税后月收入（元）',
    width: 16,
    aliases: [
      '税后月收入',
      '税后收入',
      '税后工资',
      '实发工资',
      '实发金额',
      '月工资收入（税后）',
      '离退休费',
      '养老金',
      '党费基数',
      '计算基数',
    ],
    note: '在职党员填每月工资收入（税后），离退休党员填离退休费；按规定的比例计算每月应交党费。与“实交党费”至少填一项',
    example: '6500.00',
  },
  {
    key: 'paid',
    header: '实交党费（元）',
    width: 14,
    aliases: ['实交党费', '实缴党费', '党费', '交纳金额', '缴纳金额', '代扣党费'],
    note: '该月实际交纳（或代扣）的党费，最多两位小数',
    example: '97.50',
  },
  {
    key: 'paidOn',
    header: '交费日期',
    width: 12,
    type: 'date',
    aliases: ['缴费日期', '交纳日期', '扣款日期'],
    note: '按 YYYY-MM-DD 填写；不填则为该月最后一天（当月为今天）',
    example: '2026-03-31',
  },
];

export function payrollTemplate(): Promise<Buffer> {
  return writeTemplate([
    {
      name: PAYROLL_SHEET,
      columns: PAYROLL_COLUMNS.map(({ aliases: _a, ...c }) => c),
      intro:
        '每行一名党员一个月；可直接使用工资系统导出的表格，列名相同即可。带 * 的列为必填项，任何一行有误则整个文件不导入。',
    },
  ]);
}

const stateText = (m: LedgerMember['months'][number], amounts: boolean) => {
  if (amounts && m.paidFen && (m.state === 'paid' || m.state === 'partial' || m.state === 'due'))
    return m.state === 'paid'
      ? yuan(m.paidFen)
      : `${yuan(m.paidFen)}（欠 ${yuan(Math.max(0, (m.dueFen ?? 0) - m.paidFen))}）`;
  return DUES_MONTH_STATE_LABELS[m.state].zh;
};

/** The ledger's lines, one per member: cells keyed like the export's columns. */
export function ledgerLines(ledger: DuesLedger): Record<string, string | number | null>[] {
  const amounts = ledger.showsAmounts;
  return ledger.members.map((m, i) => {
    const line: Record<string, string | number | null> = {
      seq: i + 1,
      name: m.name,
      org: m.partyOrgName,
      arrearsMonths: m.arrearsMonths,
    };
    if (amounts) {
      line.category = m.base ? DUES_CATEGORY_LABELS[m.base.category].zh : '未核定';
      line.income = m.base?.incomeFen != null ? yuan(m.base.incomeFen) : null;
      line.rate = m.base && m.base.rateBp > 0 ? `${m.base.rateBp / 100}%` : m.base ? '固定' : null;
      line.monthly = m.base ? yuan(m.base.monthlyFen) : null;
      line.due = yuan(m.dueFen ?? 0);
      line.paid = yuan(m.paidFen ?? 0);
      line.arrears = yuan(m.arrearsFen ?? 0);
    }
    m.months.forEach((month, k) => {
      line[`m${k + 1}`] = stateText(month, amounts);
    });
    return line;
  });
}

export function ledgerColumns(amounts: boolean): ColumnSpec[] {
  return [
    { key: 'seq', header: '序号', width: 6, type: 'integer' },
    { key: 'name', header: '姓名', width: 10 },
    { key: 'org', header: '所在党组织', width: 16 },
    ...(amounts
      ? [
          { key: 'category', header: '人员类别', width: 12 },
          { key: 'income', header: '月收入（元）', width: 12 },
          { key: 'rate', header: '比例', width: 7 },
          { key: 'monthly', header: '每月应交（元）', width: 12 },
        ]
      : []),
    ...Array.from({ length: 12 }, (_, k) => ({
      key: `m${k + 1}`,
      header: `${k + 1}月`,
      width: amounts ? 9 : 7,
    })),
    ...(amounts
      ? [
          { key: 'due', header: '应交合计（元）', width: 12 },
          { key: 'paid', header: '实交合计（元）', width: 12 },
          { key: 'arrears', header: '欠交金额（元）', width: 12 },
        ]
      : []),
    { key: 'arrearsMonths', header: '欠交月数', width: 9, type: 'integer' },
  ];
}

export async function exportLedger(
  ctx: Ctx,
  q: { partyOrgId: string; year: number },
): Promise<{ buffer: Buffer; filename: string }> {
  const ledger = await duesLedger(ctx, q);
  const title = `${ledger.partyOrgName}${ledger.year}年党费收缴台账`;
  const t = ledger.totals;
  const summary = ledger.showsAmounts
    ? `应交 ${yuan(t.dueFen ?? 0)} 元，实交 ${yuan(t.paidFen ?? 0)} 元，欠交 ${yuan(t.arrearsFen ?? 0)} 元`
    : `欠交 ${t.arrearsMembers} 人 ${t.arrearsMonths} 个月`;
  const buffer = await writeWorkbook([
    {
      name: '党费台账',
      intro: `${title}：党员 ${t.members} 名，${summary}（导出于 ${todayOf(ctx)}）`,
      columns: ledgerColumns(ledger.showsAmounts),
      rows: ledgerLines(ledger),
      print: {
        pageSetup: {
          paperSize: 9,
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '1:2',
        },
        headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
      },
    },
  ]);
  await recordAudit(ctx, {
    action: 'dues.export',
    entityType: 'party_org',
    entityId: ledger.partyOrgId,
    details: { year: ledger.year, members: t.members, amounts: ledger.showsAmounts },
  });
  return { buffer, filename: `${title.replace(/[\\/:*?"<>|\r\n\t]+/g, '').slice(0, 80)}.xlsx` };
}
