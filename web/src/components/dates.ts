import dayjs, { type Dayjs } from 'dayjs';

/** DatePicker value → the API's YYYY-MM-DD (null when cleared). */
export function toIsoDate(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

export function fromIsoDate(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value, 'YYYY-MM-DD');
  return parsed.isValid() ? parsed : null;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : value;
}

/**
 * Today as the server counts days: in China (UTC+8, no daylight saving), whatever the device's time zone, so that a
 * date a form offers is never refused as "in the future" or "before the step that came before it" — a device on UTC
 * is a day behind from 16:00 to midnight.
 */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The current China month, YYYY-MM. */
export function chinaMonth(now: Date = new Date()): string {
  return chinaToday(now).slice(0, 7);
}

/** The current China year. */
export function chinaYear(now: Date = new Date()): number {
  return Number(chinaToday(now).slice(0, 4));
}

/** Today (China) for date pickers: their default and the last day they offer. */
export function today(): Dayjs {
  return dayjs(chinaToday(), 'YYYY-MM-DD');
}
