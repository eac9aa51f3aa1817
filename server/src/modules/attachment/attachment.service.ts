// Storing, listing, serving and removing attachments. Who may do what is the owner kind's answer alone: a record the
// caller may not read has no files as far as the caller can tell (404 on every route, never a hint that one exists);
// a record the caller reads but may not change refuses uploads and removals with a 403.
import type { Attachment } from '#contracts/attachment';
import { ATTACHMENT_DEFAULT_MAX_FILES } from '#contracts/attachment';
import type { ActorCtx, Ctx } from '../../core/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { type PreparedContent, prepareContent } from './attachment.content.ts';
import { type AttachmentOwnerKind, attachmentOwner } from './attachment.registry.ts';
import {
  type AttachmentRow,
  attachmentsOfOwners,
  countOfOwner,
  deleteOfOwners,
  deleteRow,
  findAttachment,
  findByClientKey,
  insertAttachment,
  moveOwner,
  readBytes,
} from './attachment.repository.ts';

const NOT_FOUND = '附件不存在，或您无权查看它所属的记录';
const OWNER_NOT_FOUND = '记录不存在或无权查看，无法上传或查看附件';

function requireActor(ctx: Ctx): ActorCtx {
  if (!ctx.actor) throw new AppError('unauthenticated', 'auth.required', '请先登录');
  return ctx as ActorCtx;
}

export function toAttachment(r: AttachmentRow): Attachment {
  return {
    id: r.id,
    ownerKind: r.ownerKind,
    ownerId: r.ownerId,
    fileName: r.fileName,
    mediaType: r.mediaType,
    size: r.byteSize,
    hasThumbnail: r.hasThumbnail,
    width: r.width,
    height: r.height,
    createdAt: r.createdAt.toISOString(),
  };
}

function kindOf(ownerKind: string): AttachmentOwnerKind {
  const owner = attachmentOwner(ownerKind);
  if (!owner)
    throw invalid('attachment.owner_kind', '这类记录不能添加附件', [
      { field: 'ownerKind', message: '附件归属类型不存在，请从记录页面上传附件' },
    ]);
  return owner;
}

/** The owner when the caller may read it (and, for `write`, change it); its organ. */
async function reachOwner(ctx: Ctx, owner: AttachmentOwnerKind, ownerId: string, write: boolean) {
  if (!(await owner.canRead(ctx, ownerId))) throw notFound('attachment.owner_not_found', OWNER_NOT_FOUND);
  if (write && !(await owner.canWrite(ctx, ownerId)))
    throw forbidden('attachment.forbidden', '您可以查看这条记录的附件，但无权添加或删除附件');
  const unitId = await owner.unitOf(ctx, ownerId);
  if (!unitId) throw notFound('attachment.owner_not_found', OWNER_NOT_FOUND);
  return unitId;
}

async function refuseWhenFull(ctx: Ctx, owner: AttachmentOwnerKind, unitId: string, ownerId: string) {
  const max = owner.maxFiles ?? ATTACHMENT_DEFAULT_MAX_FILES;
  if ((await countOfOwner(ctx, unitId, owner.kind, ownerId)) >= max)
    throw conflict('attachment.full', `每条记录最多 ${max} 个附件，请先删除不需要的附件再上传`);
}

const PREPARED: unique symbol = Symbol('prepared attachment');

/**
 * A file judged, shrunk and cleared for one owner, or the file an earlier upload with the same clientKey already
 * left (`kept`): made only by prepareAttachment.
 */
export type PreparedAttachment = {
  readonly [PREPARED]: true;
  readonly owner: AttachmentOwnerKind;
  readonly ownerId: string;
  readonly unitId: string;
  readonly clientKey: string | null;
} & ({ readonly file: PreparedContent; readonly kept?: never } | { readonly kept: AttachmentRow });

export type AttachmentInput = {
  ownerKind: string;
  ownerId: string;
  fileName: string;
  bytes: Buffer;
  clientKey?: string | undefined;
};

/**
 * The slow half of an upload, outside any transaction: the caller may add files to the owner, there is room, and the
 * file is of an accepted type (an image decoded, upright, shrunk, stripped of metadata, with a thumbnail). A file
 * sent again with its clientKey is the one already kept, even when the record is full by now.
 */
export async function prepareAttachment(ctx: Ctx, input: AttachmentInput): Promise<PreparedAttachment> {
  requireActor(ctx);
  const owner = kindOf(input.ownerKind);
  const unitId = await reachOwner(ctx, owner, input.ownerId, true);
  const base = {
    [PREPARED]: true,
    owner,
    ownerId: input.ownerId,
    unitId,
    clientKey: input.clientKey ?? null,
  } as const;
  const kept =
    base.clientKey && (await findByClientKey(ctx, unitId, owner.kind, input.ownerId, base.clientKey));
  if (kept) return { ...base, kept };
  await refuseWhenFull(ctx, owner, unitId, input.ownerId);
  return { ...base, file: await prepareContent(input.fileName, input.bytes) };
}

/** The quick half, in the caller's transaction: the row and its audit entry (none for a file already kept). */
export async function saveAttachment(ctx: Ctx, p: PreparedAttachment): Promise<Attachment> {
  const { actor } = requireActor(ctx);
  if (p.kept) return toAttachment(p.kept);
  const again = async () =>
    p.clientKey ? findByClientKey(ctx, p.unitId, p.owner.kind, p.ownerId, p.clientKey) : undefined;
  // The same file may have landed meanwhile from a resend racing this one.
  const landed = await again();
  if (landed) return toAttachment(landed);
  // Counted again: another upload to the same record may have landed meanwhile.
  await refuseWhenFull(ctx, p.owner, p.unitId, p.ownerId);
  const row = await insertAttachment(
    ctx,
    {
      unitId: p.unitId,
      ownerKind: p.owner.kind,
      ownerId: p.ownerId,
      createdByUserId: actor.userId,
      clientKey: p.clientKey,
    },
    p.file,
  );
  // Nothing inserted: a racing resend with the same key committed first; its file is this one.
  if (!row) {
    const won = await again();
    if (!won) throw conflict('attachment.resend', '附件正在上传，请稍后刷新查看');
    return toAttachment(won);
  }
  await recordAudit(ctx, {
    action: 'attachment.upload',
    entityType: 'attachment',
    entityId: row.id,
    details: {
      ownerKind: p.owner.kind,
      ownerId: p.ownerId,
      fileName: row.fileName,
      mediaType: row.mediaType,
      size: row.byteSize,
      sha256: p.file.sha256,
    },
  });
  return toAttachment(row);
}

/** Stores one file for a record, checking as the upload route does (within the caller's transaction). */
export async function storeAttachment(ctx: Ctx, input: AttachmentInput): Promise<Attachment> {
  return saveAttachment(ctx, await prepareAttachment(ctx, input));
}

/**
 * The files of many records of one kind at once, for a list or a detail page, grouped by record (every id asked for
 * is in the map). Set-based and unchecked: the caller passes only records it has already found the caller may read.
 */
export async function attachmentsOf(
  ctx: Ctx,
  ownerKind: string,
  ownerIds: readonly string[],
): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>(ownerIds.map((id) => [id, []]));
  for (const r of await attachmentsOfOwners(ctx, ownerKind, [...new Set(ownerIds)]))
    out.get(r.ownerId)?.push(toAttachment(r));
  return out;
}

/** The files of one record, for a caller who may read it. */
export async function listAttachments(ctx: Ctx, ownerKind: string, ownerId: string): Promise<Attachment[]> {
  requireActor(ctx);
  const owner = kindOf(ownerKind);
  await reachOwner(ctx, owner, ownerId, false);
  return (await attachmentsOf(ctx, owner.kind, [ownerId])).get(ownerId) ?? [];
}

/** The row behind an id, when its owner kind still exists and the caller may read the record. */
async function reachable(ctx: Ctx, id: string) {
  requireActor(ctx);
  const row = await findAttachment(ctx, id);
  const owner = row ? attachmentOwner(row.ownerKind) : undefined;
  if (!row || !owner || !(await owner.canRead(ctx, row.ownerId)))
    throw notFound('attachment.not_found', NOT_FOUND);
  return { row, owner };
}

export type AttachmentDownload = { fileName: string; mediaType: string; bytes: Buffer };

/** A file, or its thumbnail, for a caller who may read its record. */
export async function readAttachment(
  ctx: Ctx,
  id: string,
  part: 'content' | 'thumbnail' = 'content',
): Promise<AttachmentDownload> {
  const { row } = await reachable(ctx, id);
  const bytes = await readBytes(ctx, row.unitId, row.id, part);
  if (!bytes) throw notFound('attachment.no_thumbnail', '这个附件不是图片，没有缩略图');
  return part === 'content'
    ? { fileName: row.fileName, mediaType: row.mediaType, bytes }
    : { fileName: row.fileName.replace(/(\.[^.]*)?$/, '-缩略图.jpg'), mediaType: 'image/jpeg', bytes };
}

/** Removes one file, for a caller who may change its record. */
export async function deleteAttachment(ctx: Ctx, id: string): Promise<void> {
  const { row, owner } = await reachable(ctx, id);
  if (!(await owner.canWrite(ctx, row.ownerId)))
    throw forbidden('attachment.forbidden', '您可以查看这条记录的附件，但无权添加或删除附件');
  await deleteRow(ctx, row.unitId, row.id);
  await recordAudit(ctx, {
    action: 'attachment.delete',
    entityType: 'attachment',
    entityId: row.id,
    details: { ownerKind: row.ownerKind, ownerId: row.ownerId, fileName: row.fileName, size: row.byteSize },
  });
}

/**
 * Hands the files of one record to another of the same kind and organ, in the owner's transaction (the owner has
 * checked its own rules): a plan taken over by the record of the meeting held keeps its files on that record. One
 * audit entry names what moved; returns how many files.
 */
export async function moveAttachments(
  ctx: Ctx,
  q: { unitId: string; ownerKind: string; fromId: string; toId: string },
): Promise<number> {
  const moved = await moveOwner(ctx, q.unitId, q.ownerKind, q.fromId, q.toId);
  if (moved.length > 0)
    await recordAudit(ctx, {
      action: 'attachment.move',
      entityType: 'attachment',
      details: {
        ownerKind: q.ownerKind,
        fromId: q.fromId,
        toId: q.toId,
        files: moved.map((m) => m.fileName),
      },
    });
  return moved.length;
}

/**
 * Removes every file of records being deleted, in the owner's transaction (the owner has checked its own rules).
 * One audit entry names what went; returns how many files.
 */
export async function deleteAttachmentsOf(
  ctx: Ctx,
  ownerKind: string,
  ownerIds: readonly string[],
): Promise<number> {
  const gone = await deleteOfOwners(ctx, ownerKind, [...new Set(ownerIds)]);
  if (gone.length > 0)
    await recordAudit(ctx, {
      action: 'attachment.delete_with_owner',
      entityType: 'attachment',
      details: {
        ownerKind,
        ownerIds: [...new Set(gone.map((g) => g.ownerId))],
        files: gone.map((g) => g.fileName),
      },
    });
  return gone.length;
}
