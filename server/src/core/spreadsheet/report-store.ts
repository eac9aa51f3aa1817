/**
 * Keeps import error reports in memory for a short while so that the user who ran an import can download its
 * report. Expiry is lazy (checked on every call), so no timer keeps the process alive. The store is bounded by
 * entry count and by total bytes, evicting the oldest first. Reports are lost on restart, which is fine for a
 * download offered right after the import.
 */
import { randomBytes } from 'node:crypto';

export type StoredReport = { buf: Buffer; filename: string };

export type ReportStoreOptions = {
  ttlMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
};

export type ReportStore = {
  /** Returns a random url-safe token for the download link. */
  store(ownerId: string, buf: Buffer, filename: string): string;
  /**
   * The report, or null when the token is unknown, expired or belongs to someone else (indistinguishably). A report
   * stays available until it expires, so that a retried or repeated download works.
   */
  take(ownerId: string, token: string): StoredReport | null;
  size(): number;
};

type Entry = StoredReport & { ownerId: string; expiresAt: number };

export const REPORT_TTL_MS = 30 * 60 * 1000;

export function createReportStore(options: ReportStoreOptions = {}): ReportStore {
  const ttlMs = options.ttlMs ?? REPORT_TTL_MS;
  const maxEntries = options.maxEntries ?? 200;
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, which is also expiry order since every entry lives equally long.
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const remove = (token: string, entry: Entry) => {
    entries.delete(token);
    bytes -= entry.buf.length;
  };
  const purgeExpired = () => {
    const t = now();
    for (const [token, entry] of entries) {
      if (entry.expiresAt > t) break;
      remove(token, entry);
    }
  };

  return {
    store(ownerId, buf, filename) {
      purgeExpired();
      const token = randomBytes(18).toString('base64url');
      entries.set(token, { ownerId, buf, filename, expiresAt: now() + ttlMs });
      bytes += buf.length;
      for (const [oldest, entry] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        if (oldest === token) break; // the newest report is always kept
        remove(oldest, entry);
      }
      return token;
    },
    take(ownerId, token) {
      purgeExpired();
      const entry = entries.get(token);
      if (!entry || entry.ownerId !== ownerId) return null;
      return { buf: entry.buf, filename: entry.filename };
    },
    size() {
      purgeExpired();
      return entries.size;
    },
  };
}

const shared = createReportStore();

export function storeReport(ownerId: string, buf: Buffer, filename: string): string {
  return shared.store(ownerId, buf, filename);
}

export function takeReport(ownerId: string, token: string): StoredReport | null {
  return shared.take(ownerId, token);
}
