import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Ctx } from '../server/src/core/context.ts';
import {
  type AttachmentOwnerKind,
  registerAttachmentOwners,
  unregisterAttachmentOwner,
} from '../server/src/modules/attachment/index.ts';

// Test-only helpers of the attachment module (ADR 26), shared by its own test, the authorisation matrix and the fuzz
// test: an owner kind of the test's own (no module registers one yet), photos as a phone takes them — location and
// orientation in their EXIF —, a reader of a JPEG's EXIF, and multipart bodies.

export type TestOwner = {
  unitId: string;
  /** Accounts that may read the record; the function form decides from the caller. */
  readers: ReadonlySet<string> | ((ctx: Ctx) => boolean);
  writers: ReadonlySet<string> | ((ctx: Ctx) => boolean);
};

const allows = (rule: TestOwner['readers'], ctx: Ctx) =>
  typeof rule === 'function' ? rule(ctx) : !!ctx.actor && rule.has(ctx.actor.userId);

/** Registers an owner kind whose records are kept in a map; `add` makes one, `remove` ends the registration. */
export function testOwnerKind(kind: string, maxFiles?: number) {
  const records = new Map<string, TestOwner>();
  const owner: AttachmentOwnerKind = {
    kind,
    label: { zh: '测试记录', en: 'Test record' },
    unitOf: async (_ctx, id) => records.get(id)?.unitId ?? null,
    canRead: async (ctx, id) => {
      const r = records.get(id);
      return !!r && allows(r.readers, ctx);
    },
    canWrite: async (ctx, id) => {
      const r = records.get(id);
      return !!r && allows(r.writers, ctx);
    },
    ...(maxFiles === undefined ? {} : { maxFiles }),
  };
  registerAttachmentOwners([owner]);
  return {
    kind,
    add(record: TestOwner, id: string = randomUUID()): string {
      records.set(id, record);
      return id;
    },
    forget(id: string) {
      records.delete(id);
    },
    remove: () => unregisterAttachmentOwner(kind),
  };
}

// Images ---------------------------------------------------------------------------------------------------------

export const GPS = {
  latitudeRef: 'N',
  latitude: '39/1 54/1 2700/100',
  longitudeRef: 'E',
  longitude: '116/1 23/1 1700/100',
};

/**
 * A JPEG as a phone writes it: `width` × `height` pixels stored sideways with EXIF orientation 6 (turn 90° clockwise to
 * view), the camera's make and the place it was taken (GPS) in its EXIF.
 */
export async function phonePhoto(width = 2400, height = 1600): Promise<Buffer> {
  // A gradient, not a flat colour: the encoder has something to keep, and a turn shows in the pixels.
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = 128;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'RongheTestPhone', Model: 'T1' },
      IFD3: {
        GPSLatitudeRef: GPS.latitudeRef,
        GPSLatitude: GPS.latitude,
        GPSLongitudeRef: GPS.longitudeRef,
        GPSLongitude: GPS.longitude,
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

let small: Promise<Buffer> | null = null;
/** A small JPEG, made once. */
export function smallPhoto(): Promise<Buffer> {
  small ??= sharp({ create: { width: 64, height: 48, channels: 3, background: '#b22222' } })
    .jpeg()
    .toBuffer();
  return small;
}

/** A small PNG with transparency (a screenshot or a logo). */
export function transparentPng(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

export const PDF = Buffer.from('%PDF-1.4\n%测试\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** The payloads of a JPEG's APP1 segments that carry EXIF ('Exif\0\0' and a TIFF header). */
export function exifSegments(jpeg: Buffer): Buffer[] {
  const out: Buffer[] = [];
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break; // start of scan: no metadata after it
    const length = jpeg.readUInt16BE(at + 2);
    const body = jpeg.subarray(at + 4, at + 2 + length);
    if (marker === 0xe1 && body.subarray(0, 6).toString('latin1') === 'Exif\0\0') out.push(body.subarray(6));
    at += 2 + length;
  }
  return out;
}

/** The tags of IFD0 of a TIFF (EXIF) block: orientation is 0x0112, the GPS block's pointer 0x8825. */
export function ifd0Tags(tiff: Buffer): Map<number, number> {
  const le = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  const tags = new Map<number, number>();
  for (let i = 0; i < u16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    tags.set(u16(e), u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8));
  }
  return tags;
}

// Requests -------------------------------------------------------------------------------------------------------

/** A multipart body with text fields and, unless `file` is null, one file (field `file`). */
export function multipartUpload(
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer; type?: string } | null,
) {
  const boundary = `----ronghe${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
