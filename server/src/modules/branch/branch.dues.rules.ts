// The arithmetic of 党费, pure: the standard brackets, how a payment spreads over months, which organisation a month
// is due to, and what a month's state is. The standard is 《关于中国共产党党费收缴、使用和管理的规定》 (中组部,
// 2008). Money is integer fen throughout.
import type { DuesCategory, DuesMonthState } from '#contracts/branch-dues';

/** A member without income (students, the unemployed, those living on relief) pays 0.20 yuan a month by default. */
export const NO_INCOME_DEFAULT_FEN = 20;

/**
 * The rate, in basis points (1/100 of a percent), on the whole monthly income — the standard applies one rate to
 * the whole base, not a rate per slice. Our reading of the brackets, as the standard words them: "3000元以下（含
 * 3000元）者，交纳月工资收入的0.5%；3000元以上至5000元（含5000元）者，交纳1%；5000元以上至10000元（含10000元）者，
 * 交纳1.5%；10000元以上者，交纳2%" — each upper bound belongs to its own bracket: exactly 3,000.00 is 0.5%,
 * 3,000.01 is 1%; exactly 5,000.00 is 1%; exactly 10,000.00 is 1.5%. Retired members (the pension is the base): up
 * to 5,000 inclusive 0.5%, above 1%. The base is 按月工资收入（税后）: after-tax monthly income, in fen.
 */
export function rateBp(category: Exclude<DuesCategory, 'no_income'>, incomeFen: number): number {
  if (category === 'retired') return incomeFen <= 500_000 ? 50 : 100;
  if (incomeFen <= 300_000) return 50;
  if (incomeFen <= 500_000) return 100;
  if (incomeFen <= 1_000_000) return 150;
  return 200;
}

/** Half a fen and up rounds up: 3,333.33 yuan × 1% = 33.3333 → 33.33; 1,234.50 × 0.5% = 6.1725 → 6.17. */
export function percentOf(incomeFen: number, bp: number): number {
  return Math.floor((incomeFen * bp + 5_000) / 10_000);
}

export type MonthlyDue = { rateBp: number; monthlyFen: number };

/** The monthly amount due of a base. */
export function monthlyDue(
  category: DuesCategory,
  incomeFen: number | null,
  fixedFen: number | null = null,
): MonthlyDue {
  if (category === 'no_income') return { rateBp: 0, monthlyFen: fixedFen ?? NO_INCOME_DEFAULT_FEN };
  const income = incomeFen ?? 0;
  const bp = rateBp(category, income);
  return { rateBp: bp, monthlyFen: percentOf(income, bp) };
}

// Months --------------------------------------------------------------------------------------------------------

export const monthOf = (date: string) => date.slice(0, 7);
export const firstDayOf = (month: string) => `${month}-01`;
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
export const monthsOfYear = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

// Which organisation a month is due to ----------------------------------------------------------------------------

export type HistorySpan = { partyOrgId: string; fromOn: string; toOn: string | null };

/**
 * The organisation each month of `months` is due to, from a member's organisation history. A span covers the days
 * from `fromOn` up to, not including, `toOn` (the day of a transfer or of leaving belongs to what comes next). A month
 * is due to the span covering its first day — on a transfer in the middle of a month, the branch the member leaves
 * collects that month ("交纳至转出当月") — and, for a member who joins in the middle of a month, to the span that
 * starts in it. Months no span covers are absent: the person was not a member then.
 */
export function monthOwners(spans: readonly HistorySpan[], months: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const ordered = [...spans]
    .filter((s) => s.toOn === null || s.toOn > s.fromOn)
    .sort((a, b) => a.fromOn.localeCompare(b.fromOn));
  for (const month of months) {
    const first = firstDayOf(month);
    const last = lastDayOf(month);
    const owner = ordered.find((s) => s.fromOn <= last && (s.toOn === null || s.toOn > first));
    if (owner) out.set(month, owner.partyOrgId);
  }
  return out;
}

// Bases in force ------------------------------------------------------------------------------------------------

export type BaseSpan = { effectiveFrom: string; monthlyFen: number };

/** The base in force in `month`: the latest one taking effect in it or before. Bases sorted or not. */
export function baseFor<B extends BaseSpan>(bases: readonly B[], month: string): B | null {
  let found: B | null = null;
  for (const b of bases)
    if (b.effectiveFrom <= month && (!found || b.effectiveFrom > found.effectiveFrom)) found = b;
  return found;
}

// Payments ------------------------------------------------------------------------------------------------------

export type MonthDue = { month: string; dueFen: number | null; paidFen: number };

/**
 * How a payment of `amountFen` spreads over its months: in month order, each month with a known amount gets what it
 * still lacks; what remains goes in equal parts to the months whose amount is not known yet (no base), or, when all
 * are known, to the last month (a member may pay more than due, 自愿多交). The parts always add up to the amount.
 */
export function allocate(
  amountFen: number,
  months: readonly MonthDue[],
): { month: string; amountFen: number }[] {
  const ordered = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const parts = new Map(ordered.map((m) => [m.month, 0]));
  let remaining = amountFen;
  for (const m of ordered) {
    if (m.dueFen === null) continue;
    const give = Math.min(remaining, Math.max(0, m.dueFen - m.paidFen));
    parts.set(m.month, give);
    remaining -= give;
  }
  if (remaining > 0 && ordered.length > 0) {
    const unknown = ordered.filter((m) => m.dueFen === null);
    const targets = unknown.length > 0 ? unknown : [ordered[ordered.length - 1] as MonthDue];
    const each = Math.floor(remaining / targets.length);
    targets.forEach((m, i) => {
      const extra = i === targets.length - 1 ? remaining - each * targets.length : 0;
      parts.set(m.month, (parts.get(m.month) ?? 0) + each + extra);
    });
  }
  return ordered.map((m) => ({ month: m.month, amountFen: parts.get(m.month) ?? 0 }));
}

/**
 * A month's state as of `currentMonth`: not owed here, no base yet, paid in full, or — once the month is over —
 * part paid or in arrears; the current month and later ones not yet paid in full are simply due.
 */
export function monthState(
  owned: boolean,
  dueFen: number | null,
  paidFen: number,
  month: string,
  currentMonth: string,
): DuesMonthState {
  if (!owned) return 'none';
  if (dueFen === null) return paidFen > 0 ? 'paid' : 'unassessed';
  if (paidFen >= dueFen) return 'paid';
  if (month >= currentMonth) return 'due';
  return paidFen > 0 ? 'partial' : 'arrears';
}

export const inArrears = (state: DuesMonthState) => state === 'partial' || state === 'arrears';

/** Yuan as people type them in a payroll sheet (15, 15.5, "3,000.00") → fen; null when not a sum of money. */
export function fenOfYuan(value: number | string): number | null {
  const text = typeof value === 'number' ? String(value) : value.replace(/[,，\s¥￥元]/g, '');
  if (!/^\d+(\.\d+)?$/.test(text) && !(typeof value === 'number' && Number.isFinite(value))) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) return null;
  const fen = Math.round(n * 100);
  // More than two decimals is not a sum of money: refused rather than silently rounded.
  if (Math.abs(n * 100 - fen) > 1e-6) return null;
  return fen;
}
