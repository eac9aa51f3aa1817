// The attachment table: rows in and out, no rules. Content and thumbnails are read only where a download needs them.
import type { Ctx } from '../../core/context.ts';
import type { PreparedContent } from './attachment.content.ts';

const SUMMARY = [
  'id',
  'unitId',
  'ownerKind',
  'ownerId',
  'fileName',
  'mediaType',
  'byteSize',
  'width',
  'height',
  'createdAt',
] as const;

export type AttachmentRow = {
  id: string;
  unitId: string;
  ownerKind: string;
  ownerId: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  createdAt: Date;
  hasThumbnail: boolean;
};

/** bytea arrives as a Buffer from pg and as a Uint8Array from PGlite. */
export const asBuffer = (b: Uint8Array): Buffer =>
  Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function summaries(ctx: Ctx) {
  return ctx.db
    .selectFrom('attachment')
    .select(SUMMARY)
    .select((eb) => eb('thumbnail', 'is not', null).$castTo<boolean>().as('hasThumbnail'));
}

export async function findAttachment(ctx: Ctx, id: string): Promise<AttachmentRow | undefined> {
  return summaries(ctx).where('id', '=', id).executeTakeFirst();
}

/** The file an earlier upload to this owner left under the uploader's key. */
export async function findByClientKey(
  ctx: Ctx,
  unitId: string,
  ownerKind: string,
  ownerId: string,
  clientKey: string,
): Promise<AttachmentRow | undefined> {
  return summaries(ctx)
    .where('unitId', '=', unitId)
    .where('ownerKind', '=', ownerKind)
    .where('ownerId', '=', ownerId)
    .where('clientKey', '=', clientKey)
    .executeTakeFirst();
}

export async function attachmentsOfOwners(
  ctx: Ctx,
  ownerKind: string,
  ownerIds: readonly string[],
): Promise<AttachmentRow[]> {
  if (ownerIds.length === 0) return [];
  return summaries(ctx)
    .where('ownerKind', '=', ownerKind)
    .where('ownerId', 'in', [...ownerIds])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function countOfOwner(ctx: Ctx, unitId: string, ownerKind: string, ownerId: string) {
  const r = await ctx.db
    .selectFrom('attachment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unitId', '=', unitId)
    .where('ownerKind', '=', ownerKind)
    .where('ownerId', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function readBytes(
  ctx: Ctx,
  unitId: string,
  id: string,
  part: 'content' | 'thumbnail',
): Promise<Buffer | null> {
  const r = await ctx.db
    .selectFrom('attachment')
    .select(part === 'content' ? 'content as bytes' : 'thumbnail as bytes')
    .where('unitId', '=', unitId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.bytes ? asBuffer(r.bytes) : null;
}

export async function insertAttachment(
  ctx: Ctx,
  row: {
    unitId: string;
    ownerKind: string;
    ownerId: string;
    createdByUserId: string;
    clientKey: string | null;
  },
  file: PreparedContent,
): Promise<AttachmentRow | undefined> {
  return (
    ctx.db
      .insertInto('attachment')
      .values({
        ...row,
        fileName: file.fileName,
        mediaType: file.mediaType,
        byteSize: file.content.length,
        sha256: file.sha256,
        content: file.content,
        thumbnail: file.thumbnail,
        width: file.width,
        height: file.height,
      })
      // A resend racing the first upload with the same key: the row already there stands (the caller reads it).
      .onConflict((oc) =>
        oc
          .columns(['unitId', 'ownerKind', 'ownerId', 'clientKey'])
          .where('clientKey', 'is not', null)
          .doNothing(),
      )
      .returning(SUMMARY)
      .returning((eb) => eb('thumbnail', 'is not', null).$castTo<boolean>().as('hasThumbnail'))
      .executeTakeFirst()
  );
}

export async function deleteRow(ctx: Ctx, unitId: string, id: string): Promise<void> {
  await ctx.db.deleteFrom('attachment').where('unitId', '=', unitId).where('id', '=', id).execute();
}

export async function moveOwner(
  ctx: Ctx,
  unitId: string,
  ownerKind: string,
  fromId: string,
  toId: string,
): Promise<{ id: string; fileName: string }[]> {
  return ctx.db
    .updateTable('attachment')
    .set({ ownerId: toId })
    .where('unitId', '=', unitId)
    .where('ownerKind', '=', ownerKind)
    .where('ownerId', '=', fromId)
    .returning(['id', 'fileName'])
    .execute();
}

export async function deleteOfOwners(
  ctx: Ctx,
  ownerKind: string,
  ownerIds: readonly string[],
): Promise<{ id: string; ownerId: string; fileName: string }[]> {
  if (ownerIds.length === 0) return [];
  return ctx.db
    .deleteFrom('attachment')
    .where('ownerKind', '=', ownerKind)
    .where('ownerId', 'in', [...ownerIds])
    .returning(['id', 'ownerId', 'fileName'])
    .execute();
}
