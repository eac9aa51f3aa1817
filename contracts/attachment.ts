// Attachments and photos (issue 10, ADR 26): files any module's records carry — the photos of a 主题党日, the signed
// minutes of a 支委会 as a PDF, a Word or Excel file. A record's module registers an owner kind ('branch.record'), and
// that kind alone decides who may see and add files; the attachment module stores them, checks their type by
// content, limits their size, shrinks photos and drops their location.
import { z } from 'zod';
import { IdSchema, TextSchema } from './common.ts';

/** Per file, whatever its kind: a scanned PDF of minutes fits, a phone photo fits many times over. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Pixels of an image before it is shrunk: the guard against a small file that unpacks into gigabytes. */
export const ATTACHMENT_MAX_PIXELS = 100_000_000;
/** The longest side of a stored image, and of its thumbnail. */
export const ATTACHMENT_IMAGE_EDGE = 1920;
export const ATTACHMENT_THUMB_EDGE = 320;
/** Files per record unless the owner kind says otherwise. */
export const ATTACHMENT_DEFAULT_MAX_FILES = 20;

/**
 * What the file picker offers: images (a phone offers its camera), PDF, Word, Excel and PowerPoint (also the old
 * .doc/.xls/.ppt that WPS still writes), plain text. The server judges the content, not this list.
 */
export const ATTACHMENT_ACCEPT =
  'image/*,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,' +
  'application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,' +
  'application/vnd.openxmlformats-officedocument.presentationml.presentation,text/plain';

/** An owner kind's key: namespaced by the module that registers it, e.g. 'branch.record'. */
export const OwnerKindSchema = TextSchema.regex(
  /^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/,
  '不是有效的附件归属类型',
).max(60, '不是有效的附件归属类型');

export const AttachmentSchema = z.object({
  id: IdSchema,
  ownerKind: z.string(),
  ownerId: IdSchema,
  fileName: z.string(),
  mediaType: z.string(),
  /** Bytes as stored (an image after it was shrunk). */
  size: z.number().int(),
  hasThumbnail: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const AttachmentListQuerySchema = z.strictObject({ ownerKind: OwnerKindSchema, ownerId: IdSchema });
export type AttachmentListQuery = z.infer<typeof AttachmentListQuerySchema>;

/**
 * The text fields of the upload's multipart body (beside the file itself, field `file`). `clientKey`, a UUID the
 * uploader gives the file, makes the upload safe to send again: the same key on the same record returns the file
 * already kept instead of a second copy.
 */
export const AttachmentUploadFieldsSchema = z.strictObject({
  ownerKind: OwnerKindSchema,
  ownerId: IdSchema,
  clientKey: IdSchema.optional(),
});
