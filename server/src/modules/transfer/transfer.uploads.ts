// The uploaded file between the mapping step's requests (kept for its uploader, 30 minutes; transfer.files.ts), and
// the rule that one person runs one import at a time: a second one answers 409 instead of doubling the load. Both
// live in the database, so that they hold across app instances: the rule is a row of import_run per person, claimed
// with insert … on conflict and deleted when the import ends, under a lease that the running import renews, so that
// a process that died mid-import blocks its importer for at most the lease.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ColumnOverride } from '#contracts/transfer';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { type FileCtx, type KeptFile, keepFile, takeFile } from './transfer.files.ts';

/** Keeps an uploaded workbook for the next steps; the token works for `ownerId` only. */
export function keepUpload(ctx: FileCtx, ownerId: string, buf: Buffer, filename: string): Promise<string> {
  return keepFile(ctx, ownerId, 'upload', buf, filename);
}

/** The kept workbook, or null when the token is unknown, expired or someone else's (indistinguishably). */
export function takeUpload(ctx: FileCtx, ownerId: string, token: string): Promise<KeptFile | null> {
  return takeFile(ctx, ownerId, 'upload', token);
}

export const importRunning = () =>
  conflict(
    'transfer.import_running',
    '您有一项导入正在进行，请等它完成后再试（同一账号同时只能进行一项导入）',
  );

export type ImportLease = { seconds: number; renewEveryMs: number };
/** A running import renews its claim every 20 seconds for two minutes ahead. */
export const IMPORT_LEASE: ImportLease = { seconds: 120, renewEveryMs: 20_000 };

/**
 * Runs `work` as this person's only import; a second concurrent one (in this process or another) is refused with
 * 409. `ctx.db` must not be a transaction: the claim has to be visible to the other instances at once.
 */
export async function oneImportAtATime<T>(
  ctx: Pick<Ctx, 'db' | 'log'>,
  ownerId: string,
  work: () => Promise<T>,
  lease: ImportLease = IMPORT_LEASE,
): Promise<T> {
  const { db, log } = ctx;
  const runId = randomUUID();
  const until = sql<Date>`now() + make_interval(secs => ${lease.seconds})`;
  const claimed = await db
    .insertInto('importRun')
    .values({ ownerId, runId, expiresAt: until })
    .onConflict((oc) =>
      oc
        .column('ownerId')
        .doUpdateSet({
          runId: (eb) => eb.ref('excluded.runId'),
          startedAt: sql<Date>`now()`,
          expiresAt: (eb) => eb.ref('excluded.expiresAt'),
        })
        // Only a lease that was not renewed in time (its process is gone) is taken over.
        .where('importRun.expiresAt', '<=', sql<Date>`now()`),
    )
    .returning('runId')
    .executeTakeFirst();
  if (!claimed) throw importRunning();
  const renewal = setInterval(() => {
    db.updateTable('importRun')
      .set({ expiresAt: until })
      .where('ownerId', '=', ownerId)
      .where('runId', '=', runId)
      .execute()
      .catch((error: unknown) => log.warn({ err: error }, 'import lease not renewed'));
  }, lease.renewEveryMs);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    try {
      await db.deleteFrom('importRun').where('ownerId', '=', ownerId).where('runId', '=', runId).execute();
    } catch (error) {
      // The lease runs out by itself; the import's own outcome is what the caller must see.
      log.warn({ err: error }, 'import lease not released');
    }
  }
}

/** The kept workbook of the mapping step, or a 404 saying to upload it again. */
export async function requireUpload(ctx: FileCtx, ownerId: string, token: string): Promise<KeptFile> {
  const upload = await takeUpload(ctx, ownerId, token);
  if (!upload)
    throw notFound('transfer.upload_not_found', '上传的文件已过期（保留 30 分钟）或不存在，请重新上传');
  return upload;
}

/** Unknown field names in the mapping step are a 400 naming the column, never silently ignored. */
export function checkOverrides(
  columns: readonly ColumnOverride[],
  isField: (field: string, sheet: string | undefined) => boolean,
): readonly ColumnOverride[] {
  const issues = columns.flatMap((c, i) =>
    c.field === null || isField(c.field, c.sheet)
      ? []
      : [{ field: `body.columns.${i}.field`, message: `没有名为“${c.field}”的字段，请从列表中选择` }],
  );
  if (issues.length > 0) throw invalid('transfer.unknown_field', '映射中有无法识别的字段', issues);
  return columns;
}
