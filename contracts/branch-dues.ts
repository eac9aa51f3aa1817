// 党费 (dues, issue 10 point 4): each member's monthly base by the standard brackets, the amount due, payments and
// arrears. Money travels and is stored in integer fen (分): 1 yuan = 100 fen, never a float. A member's income base
// is personal data: the answers carry it (and every amount) only for whoever collects the dues (dues.manage) and for
// the member themself; anyone else reading the branch sees paid / in arrears by month, with every amount null.
import { z } from 'zod';
import { IdSchema, IsoDateSchema, TextSchema, VersionSchema } from './common.ts';

export const DUES_CATEGORIES = ['serving', 'retired', 'no_income'] as const;
export const DuesCategorySchema = z.enum(DUES_CATEGORIES);
export type DuesCategory = z.infer<typeof DuesCategorySchema>;
export const DUES_CATEGORY_LABELS: Record<DuesCategory, { zh: string; en: string }> = {
  serving: { zh: '在职党员', en: 'Serving' },
  retired: { zh: '离退休党员', en: 'Retired' },
  no_income: { zh: '无固定收入党员', en: 'Without income' },
};

/** The state of one member's month in a branch's ledger. */
export const DUES_MONTH_STATES = [
  /** Not a member of this organisation that month. */
  'none',
  /** A member, but no base has been set for the month yet: the amount due is not known. */
  'unassessed',
  'paid',
  /** Something paid, less than due, and the month is over. */
  'partial',
  /** Nothing paid and the month is over. */
  'arrears',
  /** This month or a later one, not yet paid in full: due, not yet in arrears. */
  'due',
] as const;
export const DuesMonthStateSchema = z.enum(DUES_MONTH_STATES);
export type DuesMonthState = z.infer<typeof DuesMonthStateSchema>;
export const DUES_MONTH_STATE_LABELS: Record<DuesMonthState, { zh: string; en: string }> = {
  none: { zh: '—', en: '—' },
  unassessed: { zh: '未核定', en: 'No base' },
  paid: { zh: '已交', en: 'Paid' },
  partial: { zh: '未交足', en: 'Part paid' },
  arrears: { zh: '欠交', en: 'In arrears' },
  due: { zh: '待交', en: 'Due' },
};

export const MONTH_MESSAGE = '月份应为 YYYY-MM，如 2026-03（2000 年至 2099 年）';
/** A calendar month, YYYY-MM, 2000-01 to 2099-12. */
export const MonthSchema = TextSchema.regex(/^20\d{2}-(0[1-9]|1[0-2])$/, MONTH_MESSAGE);
export type Month = z.infer<typeof MonthSchema>;

/** 1,000,000 yuan: no monthly income, base or payment comes near it. */
export const MAX_FEN = 100_000_000;
export const FenSchema = z
  .number({ message: '金额应为以“分”计的整数' })
  .int('金额应为以“分”计的整数')
  .min(0, '金额不能为负数')
  .max(MAX_FEN, '金额不能超过 1,000,000 元');
/** The fixed monthly amount of a member without income, in fen: 0.20 to 1.00 yuan (see branch.dues.rules.ts). */
export const FixedFenSchema = z
  .number({ message: '金额应为以“分”计的整数' })
  .int('金额应为以“分”计的整数')
  .min(20, '无固定收入党员每月交纳 0.20 元至 1.00 元')
  .max(100, '无固定收入党员每月交纳 0.20 元至 1.00 元');

const NoteSchema = TextSchema.max(200, '备注不能超过 200 个字').nullable().optional();

/** A member's base from a month on; incomeFen only for the member and for dues.manage (null to others). */
export const DuesBaseSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  effectiveFrom: MonthSchema,
  category: DuesCategorySchema,
  /** After-tax monthly income (serving) or pension (retired), fen; null for a member without income. */
  incomeFen: z.number().int().nullable(),
  /** The rate in basis points of the income (50 = 0.5%); 0 for a member without income (a fixed amount). */
  rateBp: z.number().int(),
  monthlyFen: z.number().int(),
  note: z.string().nullable(),
  version: VersionSchema,
});
export type DuesBase = z.infer<typeof DuesBaseSchema>;

export const CreateDuesBaseBodySchema = z.strictObject({
  memberId: IdSchema,
  effectiveFrom: MonthSchema,
  category: DuesCategorySchema,
  /** Required for serving and retired members; left out (or null) for a member without income. */
  incomeFen: FenSchema.nullable().optional(),
  /** A member without income: 20 to 100 fen a month, 20 when left out. */
  fixedFen: FixedFenSchema.nullable().optional(),
  note: NoteSchema,
});
export type CreateDuesBaseBody = z.infer<typeof CreateDuesBaseBodySchema>;

export const PatchDuesBaseBodySchema = z.strictObject({
  category: DuesCategorySchema.optional(),
  incomeFen: FenSchema.nullable().optional(),
  fixedFen: FixedFenSchema.nullable().optional(),
  note: NoteSchema,
  version: VersionSchema,
});
export type PatchDuesBaseBody = z.infer<typeof PatchDuesBaseBodySchema>;

export const PAYMENT_SOURCES = ['entry', 'import'] as const;
export const DuesPaymentSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  memberName: z.string(),
  paidOn: IsoDateSchema,
  amountFen: z.number().int(),
  months: z.array(z.object({ month: MonthSchema, amountFen: z.number().int() })),
  source: z.enum(PAYMENT_SOURCES),
  status: z.enum(['valid', 'voided']),
  note: z.string().nullable(),
  voidReason: z.string().nullable(),
  recordedByName: z.string(),
  version: VersionSchema,
});
export type DuesPayment = z.infer<typeof DuesPaymentSchema>;

export const RecordPaymentBodySchema = z.strictObject({
  memberId: IdSchema,
  /** The months this payment covers, each at most once; the amount is spread over them in month order. */
  months: z
    .array(MonthSchema)
    .min(1, '请选择交纳的月份')
    .max(24, '一次最多登记 24 个月')
    .refine((m) => new Set(m).size === m.length, '月份不能重复'),
  amountFen: FenSchema.min(1, '交纳金额应大于 0'),
  paidOn: IsoDateSchema,
  note: NoteSchema,
});
export type RecordPaymentBody = z.infer<typeof RecordPaymentBodySchema>;

export const VoidPaymentBodySchema = z.strictObject({
  reason: TextSchema.min(1, '请说明作废原因').max(200, '原因不能超过 200 个字'),
  version: VersionSchema,
});

/** One month of a member: its state for everyone, the amounts only where the reader may see them. */
export const DuesMonthSchema = z.object({
  month: MonthSchema,
  state: DuesMonthStateSchema,
  dueFen: z.number().int().nullable(),
  paidFen: z.number().int().nullable(),
});
export type DuesMonth = z.infer<typeof DuesMonthSchema>;

export const LedgerQuerySchema = z.strictObject({
  partyOrgId: IdSchema,
  year: z.coerce
    .number({ message: '年度应为 2000–2099 之间的整数' })
    .int('年度应为整数')
    .min(2000, '年度应在 2000–2099 之间')
    .max(2099, '年度应在 2000–2099 之间'),
});
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;
export const YearQuerySchema = LedgerQuerySchema.pick({ year: true });

export const LedgerMemberSchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  months: z.array(DuesMonthSchema),
  arrearsMonths: z.number().int(),
  unassessedMonths: z.number().int(),
  /** The base of the year's last month the member was here, for dues.manage; null to others or when unset. */
  base: DuesBaseSchema.nullable(),
  dueFen: z.number().int().nullable(),
  paidFen: z.number().int().nullable(),
  arrearsFen: z.number().int().nullable(),
});
export type LedgerMember = z.infer<typeof LedgerMemberSchema>;

export const DuesLedgerSchema = z.object({
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  year: z.number().int(),
  /** The current month (China time): months before it that are not paid in full are in arrears. */
  currentMonth: MonthSchema,
  /** Whether the reader collects this organisation's dues (sees bases and amounts). */
  showsAmounts: z.boolean(),
  members: z.array(LedgerMemberSchema),
  totals: z.object({
    members: z.number().int(),
    arrearsMembers: z.number().int(),
    arrearsMonths: z.number().int(),
    unassessedMembers: z.number().int(),
    dueFen: z.number().int().nullable(),
    paidFen: z.number().int().nullable(),
    arrearsFen: z.number().int().nullable(),
  }),
});
export type DuesLedger = z.infer<typeof DuesLedgerSchema>;

/** Arrears of a year per branch (every organisation holding members in the subtree) and per member. */
export const DuesArrearsSchema = z.object({
  partyOrgId: IdSchema,
  year: z.number().int(),
  currentMonth: MonthSchema,
  showsAmounts: z.boolean(),
  branches: z.array(
    z.object({
      partyOrgId: IdSchema,
      partyOrgName: z.string(),
      members: z.number().int(),
      arrearsMembers: z.number().int(),
      arrearsMonths: z.number().int(),
      unassessedMembers: z.number().int(),
      arrearsFen: z.number().int().nullable(),
    }),
  ),
  members: z.array(
    z.object({
      memberId: IdSchema,
      name: z.string(),
      partyOrgId: IdSchema,
      partyOrgName: z.string(),
      months: z.array(MonthSchema),
      arrearsFen: z.number().int().nullable(),
    }),
  ),
});
export type DuesArrears = z.infer<typeof DuesArrearsSchema>;

/** One member's dues for a year: what the collector opens, and what the member sees of their own (/api/me/dues). */
export const MemberDuesSchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  partyOrgName: z.string(),
  year: z.number().int(),
  currentMonth: MonthSchema,
  /** The base in force this month (or the latest one), null when none was ever set. */
  currentBase: DuesBaseSchema.nullable(),
  bases: z.array(DuesBaseSchema),
  months: z.array(DuesMonthSchema),
  payments: z.array(DuesPaymentSchema),
  arrearsMonths: z.number().int(),
  arrearsFen: z.number().int(),
});
export type MemberDues = z.infer<typeof MemberDuesSchema>;

export const MemberDuesParamsSchema = z.strictObject({ id: IdSchema });

/** What a payroll import wrote: nothing unless every row was right. */
export const DuesImportResultSchema = z.object({
  rows: z.number().int(),
  bases: z.number().int(),
  payments: z.number().int(),
  amountFen: z.number().int(),
});
export type DuesImportResult = z.infer<typeof DuesImportResultSchema>;
export const DuesImportQuerySchema = z.strictObject({ partyOrgId: IdSchema });

/** Yuan with two decimals, for display: 1500 → '15.00'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
