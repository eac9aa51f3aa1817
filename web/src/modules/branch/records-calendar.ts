// The branch calendar and the month's figures: pure date arithmetic on 'YYYY-MM-DD' strings (calendar days, no time
// zone), shared by the calendar view and the workbench cards.
import type { RecordSummary } from '#contracts/branch';

export type CalendarDay = { date: string; day: number; inMonth: boolean };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parse = (date: string) => new Date(`${date}T00:00:00Z`);

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

export function addDays(date: string, n: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** First and last day of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: addDays(`${addMonths(month, 1)}-01`, -1) };
}

/** The organ's fixed theme day in a month (1–28, so that it exists in every month). */
export function themeDayIn(month: string, dayOfMonth: number): string {
  return `${month}-${pad(Math.min(Math.max(1, Math.trunc(dayOfMonth)), 28))}`;
}

/** The weeks of a month, Monday first as Chinese calendars are, padded with the neighbouring months' days. */
export function monthGrid(month: string): CalendarDay[][] {
  const { from, to } = monthRange(month);
  const mondayOffset = (parse(from).getUTCDay() + 6) % 7;
  let cursor = addDays(from, -mondayOffset);
  const weeks: CalendarDay[][] = [];
  while (cursor <= to) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ date: cursor, day: parse(cursor).getUTCDate(), inMonth: monthOf(cursor) === month });
      cursor = addDays(cursor, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

type Dated = Pick<RecordSummary, 'status' | 'heldOn' | 'plannedOn'>;

/** The day a record stands on in the calendar: held, else planned. */
export function recordDay(record: Dated): string | null {
  return record.status === 'held' ? (record.heldOn ?? record.plannedOn) : (record.plannedOn ?? record.heldOn);
}

export function recordsByDay<R extends Dated>(records: readonly R[]): Map<string, R[]> {
  const byDay = new Map<string, R[]>();
  for (const record of records) {
    const day = recordDay(record);
    if (!day) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), record]);
  }
  return byDay;
}

export type ThemeDayState = 'held' | 'planned' | 'upcoming' | 'missing';

/**
 * How the month's 主题党日 stands: held (a theme day record held this month), planned, not yet due, or missing once
 * the fixed day has passed without one.
 */
export function themeDayState(
  records: readonly Pick<RecordSummary, 'kind' | 'status' | 'heldOn' | 'plannedOn'>[],
  themeDayOn: string,
  today: string,
): ThemeDayState {
  const month = monthOf(themeDayOn);
  const ofMonth = records.filter((r) => r.kind === 'theme_day' && monthOf(recordDay(r) ?? '') === month);
  if (ofMonth.some((r) => r.status === 'held')) return 'held';
  if (ofMonth.some((r) => r.status === 'planned')) return 'planned';
  return today <= themeDayOn ? 'upcoming' : 'missing';
}

/** The earliest planned record on or after today. */
export function nextPlanned<R extends Dated>(records: readonly R[], today: string): R | null {
  let best: R | null = null;
  for (const record of records) {
    const day = record.status === 'planned' ? record.plannedOn : null;
    if (!day || day < today) continue;
    if (!best || day < (best.plannedOn ?? '')) best = record;
  }
  return best;
}
