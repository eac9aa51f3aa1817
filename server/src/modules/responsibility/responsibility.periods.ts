// Periods of a duty (pure): which occurrences a recurring duty has in its year, from the period its effective date
// falls in; when each is due; and how a period reads today. A late entry keeps its own period: a duty entered in
// May that took effect in February has its February, March and April periods too.
import type { PeriodState, Recurrence } from '#contracts/responsibility';

export type PeriodSpan = { key: string; startsOn: string; dueOn: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthEnd = (year: number, month: number) => `${year}-${pad(month)}-${pad(lastDay(year, month))}`;

/** Months per period of each recurrence. */
const SPAN: Record<Exclude<Recurrence, 'none'>, number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
};

function keyOf(recurrence: Exclude<Recurrence, 'none'>, year: number, index: number): string {
  switch (recurrence) {
    case 'monthly':
      return `${year}-${pad(index + 1)}`;
    case 'quarterly':
      return `${year}-Q${index + 1}`;
    case 'half_yearly':
      return `${year}-H${index + 1}`;
    case 'yearly':
      return `${year}`;
  }
}

/**
 * The periods of a duty in `year` that have begun by `asOf`, from the one holding `effectiveFrom`. A one-off duty
 * has one period, 'once', from its effective date to its deadline.
 */
export function periodsOf(
  duty: { recurrence: Recurrence; effectiveFrom: string; deadline: string | null },
  year: number,
  asOf: string,
): PeriodSpan[] {
  if (duty.recurrence === 'none') {
    if (!duty.deadline) return [];
    const startsOn = earliestDate(duty.effectiveFrom, duty.deadline);
    return [{ key: 'once', startsOn, dueOn: duty.deadline }];
  }
  const months = SPAN[duty.recurrence];
  const out: PeriodSpan[] = [];
  for (let index = 0; index * months < 12; index++) {
    const firstMonth = index * months + 1;
    const lastMonth = firstMonth + months - 1;
    const startsOn = `${year}-${pad(firstMonth)}-01`;
    const dueOn = monthEnd(year, lastMonth);
    if (dueOn < duty.effectiveFrom) continue;
    if (startsOn > asOf) break;
    out.push({ key: keyOf(duty.recurrence, year, index), startsOn, dueOn });
  }
  return out;
}

/** The earlier / later of two YYYY-MM-DD dates (they compare as text). */
export const earliestDate = (a: string, b: string): string => [a, b].sort()[0] as string;
export const latestDate = (a: string, b: string): string => [a, b].sort()[1] as string;

/** Days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How many days ahead a due date counts as "due soon". */
export const DUE_SOON_DAYS = 7;

/** A period's state as shown today. */
export function periodState(
  p: { status: string; dueOn: string; doneOn: string | null },
  today: string,
): PeriodState {
  if (p.status === 'exempt') return 'exempt';
  if (p.status === 'done') return p.doneOn && p.doneOn > p.dueOn ? 'late' : 'done';
  if (p.dueOn < today) return 'overdue';
  return daysBetween(today, p.dueOn) <= DUE_SOON_DAYS ? 'due_soon' : 'open';
}

/** Completion of a period for roll-ups: done or exempt count in full, otherwise the reported progress. */
export function periodProgress(p: { status: string; progress: number }): number {
  return p.status === 'done' || p.status === 'exempt' ? 100 : p.progress;
}
