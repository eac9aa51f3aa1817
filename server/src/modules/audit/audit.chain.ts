import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so that a value read back from jsonb hashes the same as written. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Plain JSON data (dates as ISO strings), exactly as it will come back out of a jsonb column. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export type ChainedContent = {
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
};

export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, content: ChainedContent): string {
  // Only the content fields, named one by one: a row read back carries seq and hashes that must not enter the hash.
  const body = canonicalJson({
    at: content.at.toISOString(),
    actorUserId: content.actorUserId,
    actorUsername: content.actorUsername,
    ip: content.ip,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    before: content.before ?? null,
    after: content.after ?? null,
    details: content.details ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainRecord = ChainedContent & { seq: number; prevHash: string; hash: string };

/** Walks records in sequence order and names the first one whose link or content no longer matches. */
export function verifyChain(
  records: Iterable<ChainRecord>,
  start: { prevHash: string } = { prevHash: GENESIS_HASH },
): { ok: boolean; checked: number; firstBrokenSeq: number | null; reason: string | null; lastHash: string } {
  let prev = start.prevHash;
  let checked = 0;
  for (const r of records) {
    checked++;
    if (r.prevHash !== prev) {
      return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'link', lastHash: prev };
    }
    if (chainHash(r.prevHash, r) !== r.hash) {
      return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'content', lastHash: prev };
    }
    prev = r.hash;
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null, lastHash: prev };
}
