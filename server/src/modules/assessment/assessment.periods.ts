// Assessment periods (pure): month, quarter, half-year and year, keyed '2026-03', '2026-Q1', '2026-H2' and '2026' like
// the duty periods, with their first and last day and their Chinese names. Years are four digits (1000–9999): the
// keys sort as text only then, and nothing in Party records reaches further.

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year'];

/** Months per period. */
const SPAN: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const PATTERN: Record<PeriodKind, RegExp> = {
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q(\d)$/,
  half: /^(\d{4})-H(\d)$/,
  year: /^(\d{4})$/,
};
const QUARTER_NAMES = ['一', '二', '三', '四'];
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

const pad = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function lastDay(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A period as year and 0-based index within the year, e.g. '2026-Q3' → { year: 2026, index: 2 }. */
type Period = { year: number; index: number };

function parse(kind: PeriodKind, key: string): Period | null {
  const m = PATTERN[kind].exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const index = kind === 'year' ? 0 : Number(m[2]) - 1;
  if (year < MIN_YEAR || year > MAX_YEAR || index < 0 || index >= 12 / SPAN[kind]) return null;
  return { year, index };
}

function format(kind: PeriodKind, { year, index }: Period): string {
  switch (kind) {
    case 'month':
      return `${year}-${pad(index + 1)}`;
    case 'quarter':
      return `${year}-Q${index + 1}`;
    case 'half':
      return `${year}-H${index + 1}`;
    case 'year':
      return `${year}`;
  }
}

function label(kind: PeriodKind, { year, index }: Period): string {
  switch (kind) {
    case 'month':
      return `${year}年${index + 1}月`;
    case 'quarter':
      return `${year}年第${QUARTER_NAMES[index]}季度`;
    case 'half':
      return `${year}年${index === 0 ? '上' : '下'}半年`;
    case 'year':
      return `${year}年度`;
  }
}

/** The period's first and last day (inclusive, YYYY-MM-DD) and its name; null for a key that is not of this kind. */
export function periodWindow(
  kind: PeriodKind,
  key: string,
): { from: string; to: string; label: string } | null {
  const p = parse(kind, key);
  if (!p) return null;
  const first = p.index * SPAN[kind] + 1;
  const last = first + SPAN[kind] - 1;
  return {
    from: `${p.year}-${pad(first)}-01`,
    to: `${p.year}-${pad(last)}-${pad(lastDay(p.year, last))}`,
    label: label(kind, p),
  };
}

/** The key of the period holding a day. Throws on a day that is not a real YYYY-MM-DD date. */
export function periodKeyOf(kind: PeriodKind, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const date = Number(m?.[3]);
  if (!m || year < MIN_YEAR || month < 1 || month > 12 || date < 1 || date > lastDay(year, month))
    throw new RangeError(`不是有效的日期：${day}`);
  return format(kind, { year, index: Math.floor((month - 1) / SPAN[kind]) });
}

/** The keys of a year's periods of a kind, in order. */
export function periodsOf(kind: PeriodKind, year: number): string[] {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return [];
  return Array.from({ length: 12 / SPAN[kind] }, (_, index) => format(kind, { year, index }));
}

/** The period before, across the year's turn ('2026-Q1' → '2025-Q4'). Throws on a key that is not of this kind. */
export function previousPeriod(kind: PeriodKind, key: string): string {
  const p = parse(kind, key);
  if (!p) throw new RangeError(`不是有效的考核期：${key}`);
  const prev =
    p.index > 0 ? { year: p.year, index: p.index - 1 } : { year: p.year - 1, index: 12 / SPAN[kind] - 1 };
  if (prev.year < MIN_YEAR) throw new RangeError(`${key} 之前没有考核期`);
  return format(kind, prev);
}

/**
 * The periods of a finer kind inside a period: the months of a quarter, the quarters of a year, … The same kind gives
 * the period itself; a coarser kind gives nothing (a quarter holds no half-year), as does an invalid key.
 */
export function periodsWithin(outer: { kind: PeriodKind; key: string }, inner: PeriodKind): string[] {
  const p = parse(outer.kind, outer.key);
  if (!p || SPAN[inner] > SPAN[outer.kind]) return [];
  const per = SPAN[outer.kind] / SPAN[inner];
  return Array.from({ length: per }, (_, i) => format(inner, { year: p.year, index: p.index * per + i }));
}
