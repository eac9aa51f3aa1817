// The pure arithmetic of deliveries: when a failed one is tried again, when quiet hours end, how 钉钉 signs a
// robot's URL, and what of a webhook may be shown. Kept apart so the unit tests check it without a database.
import { createHmac } from 'node:crypto';

/** A delivery still failing after this many attempts is given up (status failed, its last error kept). */
export const MAX_ATTEMPTS = 10;
/** The longest wait between two attempts: a channel down for a day is tried hourly, not once a week. */
export const MAX_BACKOFF_MINUTES = 60;

/**
 * Minutes to wait after the `attempt`-th failure (1-based): 1, 2, 4, 8 … doubling, capped at an hour, so that a
 * short outage costs a minute and a long one is not hammered.
 */
export function backoffMinutes(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be ≥ 1, not ${attempt}`);
  return Math.min(2 ** (attempt - 1), MAX_BACKOFF_MINUTES);
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MINUTES = 24 * 60;

/** 'HH:MM' → minutes after midnight. */
export function clockToMinutes(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new RangeError(`time must be HH:MM, not ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function minutesToClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * When the quiet hours [from, until) (minutes after midnight, China time) that hold `now` end; null when `now` is
 * outside them. A window whose end is before its start runs across midnight (22:00–07:30). China keeps no daylight
 * saving, so a fixed offset is exact.
 */
export function quietHoursEnd(now: Date, from: number, until: number): Date | null {
  if (from === until) return null;
  const local = now.getTime() + CHINA_OFFSET_MS;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  const minute = Math.floor((local - dayStart) / 60_000);
  const inside = from < until ? minute >= from && minute < until : minute >= from || minute < until;
  if (!inside) return null;
  // The end falls today when it lies ahead of the current minute, otherwise tomorrow (past midnight).
  const endMinute = until > minute ? until : until + DAY_MINUTES;
  return new Date(dayStart + endMinute * 60_000 - CHINA_OFFSET_MS);
}

/**
 * 钉钉's 加签: the URL gains `timestamp` (milliseconds) and `sign`, base64 of HMAC-SHA256 keyed by the secret over
 * "timestamp\nsecret", URL-encoded. The robot refuses a timestamp more than an hour off.
 */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function signedDingtalkUrl(webhook: string, secret: string | null, timestamp: number): string {
  if (!secret) return webhook;
  const separator = webhook.includes('?') ? '&' : '?';
  return `${webhook}${separator}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(secret, timestamp))}`;
}

/** What of a webhook may be shown: its host. The path and query carry the robot's key or token. */
export function webhookHost(url: string): string {
  return new URL(url).host;
}
