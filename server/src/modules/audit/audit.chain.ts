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

/**
 * 'sha256': records written before the chain was keyed (plain SHA-256, anyone could recompute them);
 * 'hmac-sha256': every record since, keyed with the audit key kept outside the database (ADR 12).
 */
export type HashScheme = 'sha256' | 'hmac-sha256';
export const CURRENT_SCHEME: HashScheme = 'hmac-sha256';

/** HMAC-SHA256 (hex) with the audit key (Secrets.auditMac). */
export type Mac = (data: string) => string;

function chainInput(prevHash: string, content: ChainedContent): string {
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
  return `${prevHash}\n${body}`;
}

/** The legacy, unkeyed hash: still how records written before the switch-over are verified. */
export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256').update(chainInput(prevHash, content)).digest('hex');
}

export function keyedChainHash(mac: Mac, prevHash: string, content: ChainedContent): string {
  return mac(`ronghe audit chain v2\n${chainInput(prevHash, content)}`);
}

export function hashFor(scheme: HashScheme, mac: Mac, prevHash: string, content: ChainedContent): string {
  return scheme === 'sha256' ? chainHash(prevHash, content) : keyedChainHash(mac, prevHash, content);
}

/** The MAC of the chain's head (newest seq and hash), stored outside the chain in audit_head. */
export function headMac(mac: Mac, seq: number, hash: string): string {
  return mac(`ronghe audit head v1\n${seq}\n${hash}`);
}

export type ChainRecord = ChainedContent & {
  seq: number;
  prevHash: string;
  hash: string;
  hashScheme: HashScheme;
};
export type ChainBreak = { seq: number; reason: 'link' | 'content' | 'scheme' };

/**
 * Checks records one at a time in sequence order. A record must link to the one before and match its own hash; an
 * unkeyed record after a keyed one is refused, since anyone could have computed it (the switch-over happens once).
 * Editing an unkeyed record changes its hash, which breaks the link of the next record, and the first keyed record
 * anchors all unkeyed ones before it.
 */
export function chainChecker(mac: Mac, start: string = GENESIS_HASH) {
  let prev = start;
  let keyed = false;
  return {
    check(r: ChainRecord): ChainBreak | null {
      if (r.prevHash !== prev) return { seq: r.seq, reason: 'link' };
      if (r.hashScheme === 'sha256' && keyed) return { seq: r.seq, reason: 'scheme' };
      if (r.hashScheme !== 'sha256' && r.hashScheme !== 'hmac-sha256')
        return { seq: r.seq, reason: 'scheme' };
      if (hashFor(r.hashScheme, mac, r.prevHash, r) !== r.hash) return { seq: r.seq, reason: 'content' };
      keyed ||= r.hashScheme === 'hmac-sha256';
      prev = r.hash;
      return null;
    },
    get lastHash() {
      return prev;
    },
  };
}

/** Walks records in sequence order and names the first one whose link, scheme or content no longer matches. */
export function verifyChain(
  records: Iterable<ChainRecord>,
  mac: Mac,
  start: string = GENESIS_HASH,
): { ok: boolean; checked: number; firstBrokenSeq: number | null; reason: string | null; lastHash: string } {
  const checker = chainChecker(mac, start);
  let checked = 0;
  for (const r of records) {
    checked++;
    const broken = checker.check(r);
    if (broken) {
      return {
        ok: false,
        checked,
        firstBrokenSeq: broken.seq,
        reason: broken.reason,
        lastHash: checker.lastHash,
      };
    }
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null, lastHash: checker.lastHash };
}
