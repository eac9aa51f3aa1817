import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_IMAGE_EDGE, ATTACHMENT_MAX_BYTES, ATTACHMENT_THUMB_EDGE } from '#contracts/attachment';
import {
  exifSegments,
  ifd0Tags,
  multipartUpload,
  PDF,
  phonePhoto,
  testOwnerKind,
  transparentPng,
} from '../../../../test/attachment-fixtures.ts';
import { unitOf } from '../../../../test/factories.ts';
import { buildTestApp, type Client, expectError, type TestApp, userWith } from '../../../../test/helpers.ts';
import type { Ctx } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import {
  attachmentsOf,
  deleteAttachmentsOf,
  prepareAttachment,
  saveAttachment,
  storeAttachment,
} from './index.ts';

// Attachments end to end (ADR 26): the type judged by content, the size limit, a phone photo shrunk, turned upright,
// stripped of its location and given a thumbnail, and every route answering only as the owner kind allows.

let t: TestApp;
let author: Client; // reads and writes the record
let reader: Client; // reads it only
let stranger: Client; // neither
let owners: ReturnType<typeof testOwnerKind>;
let record: string;
let unitId: string;

beforeAll(async () => {
  t = await buildTestApp();
  author = await userWith(t, 'att-author', []);
  reader = await userWith(t, 'att-reader', []);
  stranger = await userWith(t, 'att-stranger', []);
  unitId = await unitOf(t.database.db, null);
  owners = testOwnerKind('test.note', 4);
  record = owners.add({
    unitId,
    readers: new Set([author.userId, reader.userId]),
    writers: new Set([author.userId]),
  });
}, 120_000);
afterAll(async () => {
  owners?.remove();
  await t?.close();
});

/** A service context of the author's account (modules call the API from their own services). */
const asAuthor = (): Ctx => {
  const base = t.ctx();
  return { ...base, actor: base.actor && { ...base.actor, userId: author.userId, assignments: [] } };
};

const upload = (
  c: Client,
  file: { name: string; bytes: Buffer } | null,
  fields: Record<string, string> = { ownerKind: 'test.note', ownerId: record },
) => c.request({ method: 'POST', url: '/api/attachments', ...multipartUpload(fields, file) });

describe('type by content', () => {
  it('keeps a PDF, with the extension its content has', async () => {
    const res = await upload(author, { name: '支委会会议记录.jpg', bytes: PDF });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      fileName: '支委会会议记录.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      hasThumbnail: false,
      width: null,
    });
  });

  it('refuses a page, a program or an SVG named as a photo, and says what is accepted', async () => {
    const page = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
    const program = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0'), Buffer.alloc(400)]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const bytes of [page, program, svg]) {
      const res = await upload(author, { name: '活动照片.jpg', bytes });
      expectError(res, 400, 'attachment.type');
      expect(res.json().error.message).toContain('PDF');
      expect(res.json().error.issues[0].field).toBe('file');
    }
    // …and markup dressed as a text file.
    expectError(await upload(author, { name: 'note.txt', bytes: page }), 400, 'attachment.type');
  });

  it('refuses a JPEG whose pixels do not decode', async () => {
    const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    expectError(await upload(author, { name: 'x.jpg', bytes: head }), 400, 'attachment.image_broken');
  });

  it('keeps plain text written by a Chinese Windows (GB18030) as UTF-8', async () => {
    const gbk = Buffer.from([0xd6, 0xa7, 0xb2, 0xbf, 0xbb, 0xe1, 0xd2, 0xe9]); // 支部会议
    const res = await upload(author, { name: '纪要.txt', bytes: gbk });
    expect(res.statusCode, res.body).toBe(200);
    const down = await author.get(`/api/attachments/${res.json().id}`);
    expect(down.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(down.body).toBe('支部会议');
  });
});

it('refuses a file over the limit with a Chinese message that says what to do, also when a module stores it', async () => {
  const big = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PDF.length)]);
  const res = await upload(author, { name: 'scan.pdf', bytes: big });
  expectError(res, 413, 'attachment.too_large');
  expect(res.json().error.message).toMatch(/不能超过 20 MB，请压缩/);
  const input = { ownerKind: 'test.note', ownerId: record, fileName: 'scan.pdf', bytes: big };
  await expect(storeAttachment(asAuthor(), input)).rejects.toMatchObject({ code: 'attachment.too_large' });
});

describe('a phone photo', () => {
  it('comes back upright, shrunk, without its location or any EXIF, with a thumbnail', async () => {
    const photo = await phonePhoto(2400, 1600);
    // The photo as sent does carry a location and the sideways orientation.
    const [sent] = exifSegments(photo);
    expect(sent && ifd0Tags(sent).get(0x8825), 'GPS block in the sent photo').toBeTruthy();
    expect(sent && ifd0Tags(sent).get(0x0112)).toBe(6);

    const res = await upload(author, { name: 'IMG_0001.JPG', bytes: photo });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    // Stored sideways as 2400 × 1600, shown upright: 1600 × 2400, shrunk to 1920 on the long side.
    expect(a).toMatchObject({ mediaType: 'image/jpeg', hasThumbnail: true, width: 1280, height: 1920 });
    expect(a.fileName).toBe('IMG_0001.JPG');

    const stored = (await author.get(`/api/attachments/${a.id}`)).rawPayload;
    expect(stored.length).toBe(a.size);
    expect(exifSegments(stored), 'no EXIF segment left').toEqual([]);
    expect(stored.includes(Buffer.from('RongheTestPhone'))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([1280, ATTACHMENT_IMAGE_EDGE, 1]);
    // Upright: red grew from left to right in the stored pixels; turned a quarter clockwise, it grows downwards.
    const { data } = await sharp(stored)
      .resize(4, 4, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const red = (x: number, y: number) => data[(y * 4 + x) * 3] ?? 0;
    expect(red(0, 3) - red(0, 0)).toBeGreaterThan(100);
    expect(Math.abs(red(3, 0) - red(0, 0))).toBeLessThan(20);

    const thumb = await author.get(`/api/attachments/${a.id}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const tm = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(tm.width ?? 0, tm.height ?? 0)).toBe(ATTACHMENT_THUMB_EDGE);
    expect(tm.exif).toBeUndefined();
  });

  it('keeps transparency as WebP, and a small image at its size', async () => {
    const res = await upload(author, { name: 'logo.png', bytes: await transparentPng() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      mediaType: 'image/webp',
      fileName: 'logo.webp',
      width: 64,
      height: 48,
    });
    await t.database.db.deleteFrom('attachment').where('id', '=', res.json().id).execute();
  });
});

describe('who reaches the files', () => {
  it('serves downloads as downloads, with nosniff', async () => {
    const list = (await reader.get(`/api/attachments?ownerKind=test.note&ownerId=${record}`)).json();
    const pdf = list.find((x: { mediaType: string }) => x.mediaType === 'application/pdf');
    const res = await reader.get(`/api/attachments/${pdf.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('支委会会议记录.pdf'));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PDF)).toBe(true);
  });

  it('answers 404 everywhere to a caller the owner does not let read, never telling that a file exists', async () => {
    const list = (await author.get(`/api/attachments?ownerKind=test.note&ownerId=${record}`)).json();
    const id = list[0].id;
    expectError(
      await stranger.get(`/api/attachments?ownerKind=test.note&ownerId=${record}`),
      404,
      'attachment.owner_not_found',
    );
    expectError(await stranger.get(`/api/attachments/${id}`), 404, 'attachment.not_found');
    expectError(await stranger.get(`/api/attachments/${id}/thumbnail`), 404, 'attachment.not_found');
    expectError(await stranger.del(`/api/attachments/${id}`), 404, 'attachment.not_found');
    expectError(await upload(stranger, { name: 'a.pdf', bytes: PDF }), 404, 'attachment.owner_not_found');
    // The same answer as for an id that exists nowhere.
    expectError(await stranger.get(`/api/attachments/${crypto.randomUUID()}`), 404, 'attachment.not_found');
  });

  it('lets a reader who may not change the record neither upload nor delete (403)', async () => {
    const list = (await reader.get(`/api/attachments?ownerKind=test.note&ownerId=${record}`)).json();
    expectError(await upload(reader, { name: 'a.pdf', bytes: PDF }), 403, 'attachment.forbidden');
    expectError(await reader.del(`/api/attachments/${list[0].id}`), 403, 'attachment.forbidden');
  });

  it('refuses an owner kind nobody registered, and a missing field, naming the field', async () => {
    const res = await upload(
      author,
      { name: 'a.pdf', bytes: PDF },
      { ownerKind: 'nobody.here', ownerId: record },
    );
    expectError(res, 400, 'attachment.owner_kind');
    const missing = await upload(author, { name: 'a.pdf', bytes: PDF }, { ownerKind: 'test.note' });
    expectError(missing, 400, 'common.invalid_input');
    expect(missing.json().error.issues[0].field).toBe('ownerId');
    expectError(await upload(author, null), 400, 'common.file_missing');
  });

  it('refuses a file beyond the owner kind’s count (409)', async () => {
    const before = (await author.get(`/api/attachments?ownerKind=test.note&ownerId=${record}`)).json();
    for (let i = before.length; i < 4; i++)
      expect((await upload(author, { name: `p${i}.pdf`, bytes: PDF })).statusCode).toBe(200);
    expectError(await upload(author, { name: 'p5.pdf', bytes: PDF }), 409, 'attachment.full');
  });
});

describe('an upload sent again', () => {
  it('with its clientKey is the file already kept: once, also when two race and when the record is full', async () => {
    const note = owners.add({ unitId, readers: new Set([author.userId]), writers: new Set([author.userId]) });
    const fields = (clientKey: string) => ({ ownerKind: 'test.note', ownerId: note, clientKey });
    const [k1, k2] = [crypto.randomUUID(), crypto.randomUUID()];
    const first = await upload(author, { name: '现场-1.pdf', bytes: PDF }, fields(k1));
    expect(first.statusCode, first.body).toBe(200);
    const again = await upload(author, { name: '现场-1.pdf', bytes: PDF }, fields(k1));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const racing = await Promise.all(
      [0, 1, 2].map(() => upload(author, { name: '现场-2.pdf', bytes: PDF }, fields(k2))),
    );
    expect(racing.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(racing.map((r) => r.json().id)).size).toBe(1);
    const listed = (await author.get(`/api/attachments?ownerKind=test.note&ownerId=${note}`)).json();
    expect(listed.map((a: { fileName: string }) => a.fileName)).toEqual(['现场-1.pdf', '现场-2.pdf']);
    const audited = await t.database.db
      .selectFrom('auditLog')
      .select('entityId')
      .where('action', '=', 'attachment.upload')
      .where(
        'entityId',
        'in',
        listed.map((a: { id: string }) => a.id),
      )
      .execute();
    expect(audited).toHaveLength(2);
    // Full at four: a new file is refused, the same one sent again is still answered.
    for (const name of ['3.pdf', '4.pdf'])
      expect((await upload(author, { name, bytes: PDF }, fields(crypto.randomUUID()))).statusCode).toBe(200);
    expectError(
      await upload(author, { name: '5.pdf', bytes: PDF }, fields(crypto.randomUUID())),
      409,
      'attachment.full',
    );
    expect((await upload(author, { name: '现场-1.pdf', bytes: PDF }, fields(k1))).json().id).toBe(
      first.json().id,
    );
    // A key is the uploader's name for a file on one record, not a way to reach another record's file.
    const other = owners.add({
      unitId,
      readers: new Set([author.userId]),
      writers: new Set([author.userId]),
    });
    const elsewhere = await upload(
      author,
      { name: '现场-1.pdf', bytes: PDF },
      { ...fields(k1), ownerId: other },
    );
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().id).not.toBe(first.json().id);
    expectError(
      await upload(author, { name: 'x.pdf', bytes: PDF }, fields('not-a-key')),
      400,
      'common.invalid_input',
    );
  });

  it('keeps one file when two sends with one key both got past the first look and save at once', async () => {
    const note = owners.add({ unitId, readers: new Set([author.userId]), writers: new Set([author.userId]) });
    const input = {
      ownerKind: 'test.note',
      ownerId: note,
      fileName: 'a.pdf',
      bytes: PDF,
      clientKey: crypto.randomUUID(),
    };
    const prepared = await Promise.all([
      prepareAttachment(asAuthor(), input),
      prepareAttachment(asAuthor(), input),
    ]);
    const saved = await Promise.all(
      prepared.map((p) => inTransaction(asAuthor(), (tx) => saveAttachment(tx, p))),
    );
    expect(saved[1]?.id).toBe(saved[0]?.id);
    expect((await attachmentsOf(asAuthor(), 'test.note', [note])).get(note)).toHaveLength(1);
  });
});

describe('deleting', () => {
  it('removes a file for whoever may change the record, and audits it', async () => {
    const list = (await author.get(`/api/attachments?ownerKind=test.note&ownerId=${record}`)).json();
    const res = await author.del(`/api/attachments/${list[0].id}`);
    expect(res.statusCode, res.body).toBe(200);
    expectError(await author.get(`/api/attachments/${list[0].id}`), 404, 'attachment.not_found');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('action', 'in', ['attachment.upload', 'attachment.delete'])
      .execute();
    expect(audit.filter((a) => a.action === 'attachment.delete').map((a) => a.entityId)).toEqual([
      list[0].id,
    ]);
    expect(audit.filter((a) => a.action === 'attachment.upload').length).toBeGreaterThanOrEqual(list.length);
  });

  it('removes every file of records being deleted, and lists many records’ files at once', async () => {
    const ctx = asAuthor();
    const other = owners.add({
      unitId,
      readers: new Set([author.userId]),
      writers: new Set([author.userId]),
    });
    await storeAttachment(ctx, { ownerKind: 'test.note', ownerId: other, fileName: 'b.pdf', bytes: PDF });
    const lonely = crypto.randomUUID();
    const before = await attachmentsOf(ctx, 'test.note', [record, other, lonely]);
    expect([...before.keys()]).toEqual([record, other, lonely]);
    expect(before.get(other)?.map((a) => a.fileName)).toEqual(['b.pdf']);
    expect(before.get(lonely)).toEqual([]);
    const n = (before.get(record)?.length ?? 0) + 1;
    expect(await deleteAttachmentsOf(ctx, 'test.note', [record, other])).toBe(n);
    const after = await attachmentsOf(ctx, 'test.note', [record, other]);
    expect([...after.values()].flat()).toEqual([]);
  });
});
