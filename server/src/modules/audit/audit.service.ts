import type { AuditEntry, AuditQuery, AuditVerify } from '#contracts/audit';
import type { Page } from '#contracts/common';
import { type Ctx, inTransaction } from '../../core/context.ts';
import { chainHash, GENESIS_HASH, toJsonValue, verifyChain } from './audit.chain.ts';
import { idsIn } from './audit.render.ts';
import {
  findLastHash,
  insertAuditRecord,
  listAuditRecords,
  listAuditRecordsForExport,
  lockChain,
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
    await lockChain(tx.db);
    const prevHash = (await findLastHash(tx.db)) ?? GENESIS_HASH;
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
    await insertAuditRecord(tx.db, { ...content, prevHash, hash: chainHash(prevHash, content) });
  });
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

/** Re-computes every link of the chain; names the first record that was altered, removed or inserted. */
export async function verifyAudit(
  ctx: Pick<Ctx, 'db'>,
  onProgress?: (checked: number) => void,
): Promise<AuditVerify> {
  let checked = 0;
  let prev = GENESIS_HASH;
  for await (const row of readChain(ctx.db)) {
    const result = verifyChain([{ ...row, seq: Number(row.seq) }], { prevHash: prev });
    checked++;
    if (!result.ok) {
      return {
        ok: false,
        checked,
        firstBrokenSeq: result.firstBrokenSeq,
        reason:
          result.reason === 'link'
            ? '与前一条记录的链接不符（前面的记录被删除、插入或改动）'
            : '记录内容与其哈希不符（该记录被改动）',
      };
    }
    prev = row.hash;
    if (onProgress && checked % 1000 === 0) onProgress(checked);
  }
  onProgress?.(checked);
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}
