// Files kept for their owner for a short while: the workbook uploaded in the mapping step (kept between its upload,
// previews and confirmation) and an import's error report (downloaded afterwards). They live in the database
// (transfer_file), so that any app instance behind a load balancer serves the next step, and sealed with the key
// outside the database, since a roster holds full ID numbers. Expiry is lazy: each store removes what has expired,
// and a read never returns an expired file, so no timer runs. Each owner keeps a bounded number and size of files of
// each kind, the oldest going first and the newest always kept; an upload is never pushed out by reports.
// The content travels as base64 text (decode/encode in SQL): PGlite turns a bytea parameter or result into hex one
// byte at a time, which took seconds for a 20 MB upload and held the embedded database's only connection meanwhile.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';

export type KeptFile = { buf: Buffer; filename: string };
export type FileKind = 'upload' | 'report';
/** The database (a plain statement each: nothing waits inside a transaction) and the keys that seal the content. */
export type FileCtx = Pick<Ctx, 'db' | 'secrets'>;
export type FileLimits = { maxFiles: number; maxBytes: number };

export const FILE_TTL_MINUTES = 30;
/** Per owner and kind. An upload is at most UPLOAD_LIMIT_MB (20 MB by default, 200 MB at most). */
export const FILE_LIMITS: Readonly<Record<FileKind, FileLimits>> = {
  upload: { maxFiles: 5, maxBytes: 100 * 1024 * 1024 },
  report: { maxFiles: 20, maxBytes: 50 * 1024 * 1024 },
};

/** Keeps `buf` for `ownerId` and returns its token: 144 random bits, url-safe (24 characters). */
export async function keepFile(
  ctx: FileCtx,
  ownerId: string,
  kind: FileKind,
  buf: Buffer,
  filename: string,
  limits: FileLimits = FILE_LIMITS[kind],
): Promise<string> {
  const { db } = ctx;
  await db.deleteFrom('transferFile').where('expiresAt', '<=', sql<Date>`now()`).execute();
  const token = randomBytes(18).toString('base64url');
  const { seq } = await db
    .insertInto('transferFile')
    .values({
      token,
      ownerId,
      kind,
      filename,
      content: sql<Uint8Array>`decode(${ctx.secrets.sealBytes(buf).toString('base64')}, 'base64')`,
      size: buf.length,
      expiresAt: sql<Date>`now() + make_interval(mins => ${FILE_TTL_MINUTES})`,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  // The owner's older files of this kind beyond the count or the bytes (counted from the newest) go.
  await sql`
    delete from transfer_file where token in (
      select token from (
        select token, seq, row_number() over w as n, sum(size) over w as bytes
        from transfer_file where owner_id = ${ownerId} and kind = ${kind}
        window w as (order by seq desc)
      ) ranked
      where seq < ${seq} and (n > ${limits.maxFiles} or bytes > ${limits.maxBytes})
    )`.execute(db);
  return token;
}

/** The kept file, or null when the token is unknown, expired, of another kind or someone else's (indistinguishably). */
export async function takeFile(
  ctx: FileCtx,
  ownerId: string,
  kind: FileKind,
  token: string,
): Promise<KeptFile | null> {
  const row = await ctx.db
    .selectFrom('transferFile')
    .select(['filename', sql<string>`encode(content, 'base64')`.as('content')])
    .where('token', '=', token)
    .where('ownerId', '=', ownerId)
    .where('kind', '=', kind)
    .where('expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row
    ? { buf: ctx.secrets.openBytes(Buffer.from(row.content, 'base64')), filename: row.filename }
    : null;
}

/** Keeps an import's error report for the person who ran it; returns the download token. */
export function storeReport(ctx: FileCtx, ownerId: string, buf: Buffer, filename: string): Promise<string> {
  return keepFile(ctx, ownerId, 'report', buf, filename);
}

/**
 * The report, or null when the token is unknown, expired or belongs to someone else. A report stays available until
 * it expires, so that a retried or repeated download works.
 */
export function takeReport(ctx: FileCtx, ownerId: string, token: string): Promise<KeptFile | null> {
  return takeFile(ctx, ownerId, 'report', token);
}
