import type { AuditEntry, AuditQuery, AuditVerify } from '#contracts/audit';
import type { Page } from '#contracts/common';
import { type Ctx, inTransaction } from '../../core/context.ts';
import {
  type ChainBreak,
  CURRENT_SCHEME,
  chainChecker,
  GENESIS_HASH,
  headMac,
  keyedChainHash,
  toJsonValue,
} from './audit.chain.ts';
import { type Checkpoint, signCheckpoint } from './audit.checkpoint.ts';
import { idsIn } from './audit.render.ts';
import {
  appendRecordAndHead,
  chainState,
  findHead,
  findLastHash,
  listAuditRecords,
  listAuditRecordsForExport,
  lockChainAndReserve,
  namesOf,
  readChain,
} from './audit.repository.ts';

export type AuditEvent = {
  /** Namespaced verb, e.g. 'auth.login', 'member.update', 'role.assign'. */
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  /** For events with no signed-in actor yet (failed sign-in): who it was about. */
  username?: string | null;
};

/**
 * Appends one record to the hash chain inside the caller's transaction, so a write and its audit record commit or
 * roll back together.
 */
export async function recordAudit(ctx: Ctx, event: AuditEvent): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    // Linked to the head, not to whatever row is last: after the newest records were deleted, the next record points
    // at a hash that is no longer there, so the deletion stays visible instead of being healed by the next write.
    const { headHash, seq } = await lockChainAndReserve(tx.db);
    const prevHash = headHash ?? (await findLastHash(tx.db)) ?? GENESIS_HASH;
    const content = {
      at: new Date(),
      actorUserId: tx.actor?.userId ?? null,
      actorUsername: tx.actor?.username ?? event.username ?? null,
      ip: tx.ip || null,
      action: event.action,
      entityType: event.entityType ?? null,
      entityId: event.entityId ?? null,
      before: toJsonValue(event.before),
      after: toJsonValue(event.after),
      details: toJsonValue(event.details),
    };
    const hash = keyedChainHash(tx.secrets.auditMac, prevHash, content);
    await appendRecordAndHead(
      tx.db,
      { ...content, seq, prevHash, hash, hashScheme: CURRENT_SCHEME },
      headMac(tx.secrets.auditMac, seq, hash),
    );
  });
}

/**
 * Keys a chain written before the upgrade (ADR 12): when there are records but no head and no keyed record yet,
 * appends 'audit.chain_keyed', the first keyed record, which anchors every unkeyed record before it. Never runs
 * once a keyed record exists, so it cannot paper over a deleted head.
 */
export async function ensureAuditHead(ctx: Ctx): Promise<boolean> {
  if (await findHead(ctx.db)) return false;
  const state = await chainState(ctx.db);
  if (state.lastSeq === null || state.anyKeyed) return false;
  await recordAudit(ctx, {
    action: 'audit.chain_keyed',
    entityType: 'audit_log',
    username: 'system',
    details: { scheme: CURRENT_SCHEME, unkeyedUpToSeq: state.lastSeq },
  });
  return true;
}

type AuditRow = Awaited<ReturnType<typeof listAuditRecords>>['items'][number];

function toEntry(row: AuditRow, allNames: Map<string, string>): AuditEntry {
  const names: Record<string, string> = {};
  for (const id of idsIn([row])) {
    const name = allNames.get(id);
    if (name !== undefined) names[id] = name;
  }
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorUsername: row.actorUsername,
    actorName: row.actorUserId ? (allNames.get(row.actorUserId) ?? null) : null,
    ip: row.ip,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    entityName: row.entityId ? (allNames.get(row.entityId) ?? null) : null,
    names,
    before: row.before ?? null,
    after: row.after ?? null,
    details: row.details ?? null,
  };
}

/** Entries with the names of every id they mention, looked up once for the whole page. */
async function withNames(ctx: Ctx, rows: AuditRow[]): Promise<AuditEntry[]> {
  const names = await namesOf(ctx.db, idsIn(rows));
  return rows.map((r) => toEntry(r, names));
}

export async function listAudit(ctx: Ctx, query: AuditQuery): Promise<Page<AuditEntry>> {
  const { items, total } = await listAuditRecords(ctx.db, query);
  return { items: await withNames(ctx, items), total, page: query.page, pageSize: query.pageSize };
}

export const AUDIT_EXPORT_LIMIT = 100_000;

export async function listAuditForExport(ctx: Ctx, query: Omit<AuditQuery, 'page' | 'pageSize'>) {
  return withNames(ctx, await listAuditRecordsForExport(ctx.db, query, AUDIT_EXPORT_LIMIT));
}

const BREAK_REASONS: Record<ChainBreak['reason'], string> = {
  link: '与前一条记录的链接不符（前面的记录被删除、插入或改动）',
  content: '记录内容与其哈希不符（该记录被改动）',
  scheme: '在已启用密钥的记录之后出现未加密钥的记录（该记录被伪造或插入）',
};

type Walk = { result: AuditVerify; last: { seq: number; hash: string } | null };

async function walkAudit(
  ctx: Pick<Ctx, 'db' | 'secrets'>,
  options: { onProgress?: (checked: number) => void; checkpoint?: Checkpoint },
): Promise<Walk> {
  const broken = (checked: number, seq: number | null, reason: string): Walk => ({
    result: { ok: false, checked, firstBrokenSeq: seq, reason },
    last: null,
  });
  const mac = ctx.secrets.auditMac;
  const checker = chainChecker(mac);
  const cp = options.checkpoint;
  let checked = 0;
  let last: { seq: number; hash: string } | null = null;
  let checkpointSeen = !cp || cp.seq === 0;
  for await (const row of readChain(ctx.db)) {
    const seq = Number(row.seq);
    checked++;
    const bad = checker.check({ ...row, seq });
    if (bad) return broken(checked, bad.seq, BREAK_REASONS[bad.reason]);
    if (cp && seq === cp.seq) {
      if (row.hash !== cp.hash) {
        return broken(
          checked,
          seq,
          `该记录与检查点（${cp.createdAt}）所记的哈希不符（该记录或之前的记录被改写）`,
        );
      }
      checkpointSeen = true;
    }
    last = { seq, hash: row.hash };
    if (options.onProgress && checked % 1000 === 0) options.onProgress(checked);
  }
  options.onProgress?.(checked);

  // The newest records: the head (kept outside the chain, keyed) must name the last record there is.
  const head = await findHead(ctx.db);
  if (!head && last) return broken(checked, null, '链头记录缺失（链头或最新的记录被删除）');
  if (head && headMac(mac, head.seq, head.hash) !== head.mac) {
    return broken(checked, head.seq, '链头记录与其密钥校验值不符（链头被改动）');
  }
  if (head && (!last || head.seq !== last.seq || head.hash !== last.hash)) {
    return broken(
      checked,
      head.seq,
      last && last.seq > head.seq
        ? `链头记录（序号 ${head.seq}）之后还有记录（至序号 ${last.seq}），这些记录不是由本系统写入的`
        : `最新的记录被删除：链头显示记录应到序号 ${head.seq}，现${last ? `只到序号 ${last.seq}` : '一条也没有'}`,
    );
  }
  if (cp && !checkpointSeen) {
    return broken(
      checked,
      cp.seq,
      `检查点（${cp.createdAt}）所记的第 ${cp.seq} 条记录已不存在（记录被删除）`,
    );
  }
  return { result: { ok: true, checked, firstBrokenSeq: null, reason: null }, last };
}

/**
 * Re-computes every link of the chain and checks its head; names the first record that was altered, removed or
 * inserted, and detects the newest records deleted (against the head, and against a checkpoint when given).
 */
export async function verifyAudit(
  ctx: Pick<Ctx, 'db' | 'secrets'>,
  options: { onProgress?: (checked: number) => void; checkpoint?: Checkpoint } = {},
): Promise<AuditVerify> {
  return (await walkAudit(ctx, options)).result;
}

/**
 * A signed checkpoint of a verified chain (refused when it does not verify: a checkpoint vouches for the trail). The
 * checkpoint itself is audited; that record comes after the one the checkpoint names.
 */
export async function createAuditCheckpoint(
  ctx: Ctx,
): Promise<{ ok: true; checkpoint: Checkpoint } | { ok: false; verify: AuditVerify }> {
  const walk = await walkAudit(ctx, {});
  if (!walk.result.ok) return { ok: false, verify: walk.result };
  const checkpoint = signCheckpoint(ctx.secrets.auditMac, {
    createdAt: new Date().toISOString(),
    seq: walk.last?.seq ?? 0,
    hash: walk.last?.hash ?? GENESIS_HASH,
    records: walk.result.checked,
  });
  await recordAudit(ctx, {
    action: 'audit.checkpoint',
    entityType: 'audit_log',
    details: { seq: checkpoint.seq, hash: checkpoint.hash, records: checkpoint.records },
  });
  return { ok: true, checkpoint };
}
