import fc from 'fast-check';
import { multipartUpload, PDF, phonePhoto, smallPhoto, testOwnerKind } from './attachment-fixtures.ts';
import { type Hint, Ref } from './fuzz-inputs.ts';
import type { Client, TestApp } from './helpers.ts';

// The attachment routes in the fuzz test (test/fuzz.int.test.ts). No module registers an owner kind yet, so the run
// registers its own, 'fuzz.record': two records the officer (who sends these routes) reads and changes, and one
// nobody reaches (its answers are 404s). Uploads are a file as a phone or an office sends it — a photo, a PDF, Word,
// plain text — named by a person, with the record's kind and id beside it; the broken "cell" of an upload is its
// name, its kind or its record.

export const ATTACHMENT_KIND = 'fuzz.record';
export const ATTACHMENT_POOLS = ['attachmentOwner', 'attachment', 'attachmentImage'] as const;

export const isAttachmentUrl = (url: string) => url.startsWith('/api/attachments');
export const isAttachmentUpload = (url: string) => url === '/api/attachments';

/** The pool of a reference of an attachment route; undefined when the route is not one of them. */
export function attachmentPoolOf(url: string, key: string): [string, string?] | undefined {
  if (!isAttachmentUrl(url)) return undefined;
  if (key === 'ownerId') return ['attachmentOwner'];
  if (key === 'id') return url.endsWith('/thumbnail') ? ['attachment', 'attachmentImage'] : ['attachment'];
  return undefined;
}

/** Mostly the run's own owner kind; now and then any text (a kind nobody registered). */
export function attachmentHint(url: string): Hint {
  return (key: string) => {
    if (!isAttachmentUrl(url) || key !== 'ownerKind') return undefined;
    return fc.oneof(
      { arbitrary: fc.constant(ATTACHMENT_KIND), weight: 5 },
      { arbitrary: fc.constant('nobody.here'), weight: 1 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
    );
  };
}

/** Takes attachments from any answer of the attachment routes into the run's pools. */
export function harvestAttachment(o: Record<string, unknown>, remember: (pool: string, id: string) => void) {
  if (typeof o.id !== 'string' || typeof o.mediaType !== 'string' || typeof o.ownerId !== 'string') return;
  remember('attachment', o.id);
  if (o.hasThumbnail === true) remember('attachmentImage', o.id);
}

const files: Record<string, Buffer> = {};
const upload = fc.record({
  kind: fc.constantFrom('jpg', 'pdf', 'txt', 'png', 'html', 'empty'),
  name: fc.oneof(
    { arbitrary: fc.constantFrom('主题党日合影', '支委会会议记录', 'IMG_2031', '学习心得'), weight: 3 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  ),
  ownerKind: fc.oneof(
    { arbitrary: fc.constant(ATTACHMENT_KIND), weight: 6 },
    { arbitrary: fc.constantFrom('nobody.here', '', 'Fuzz Record'), weight: 1 },
  ),
  owner: fc.oneof(
    { arbitrary: fc.nat().map((n) => new Ref('attachmentOwner', n)), weight: 6 },
    { arbitrary: fc.constantFrom('not-a-uuid', '00000000-0000-4000-8000-000000000000'), weight: 1 },
  ),
});
export type AttachmentUploadRow = { kind: string; name: string; ownerKind: string; owner: unknown };

/** Rows (one: the file) of the attachment upload; undefined for the other uploads. */
export function attachmentRowsArb(url: string): fc.Arbitrary<unknown[]> | undefined {
  return isAttachmentUpload(url) ? fc.tuple(upload) : undefined;
}

/** The file of an upload row, named as a person would. */
export function attachmentFile(row: unknown): { file: Buffer; filename: string } {
  const r = row as AttachmentUploadRow;
  const ext = r.kind === 'html' ? 'jpg' : r.kind === 'empty' ? 'pdf' : r.kind;
  return { file: files[r.kind] ?? Buffer.alloc(0), filename: `${r.name}.${ext}` };
}

/**
 * Registers the run's owner kind with its records, readable and changeable by `officer` (the one that is not is for
 * the 404s), and puts a PDF and a photo on the first record.
 */
export async function buildAttachmentWorld(w: {
  t: TestApp;
  officer: Client;
  unitId: string;
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
}): Promise<void> {
  files.jpg = await phonePhoto(640, 480);
  files.png = await smallPhoto();
  files.pdf = PDF;
  files.txt = Buffer.from('支部委员会会议纪要：\n一、学习传达上级精神。\n');
  files.html = Buffer.from('<html><body onload="alert(1)">照片</body></html>');
  files.empty = Buffer.alloc(0);
  const kind = testOwnerKind(ATTACHMENT_KIND);
  const mine = {
    unitId: w.unitId,
    readers: new Set([w.officer.userId]),
    writers: new Set([w.officer.userId]),
  };
  const owners = [
    kind.add(mine),
    kind.add(mine),
    kind.add({ ...mine, readers: new Set(), writers: new Set() }),
  ];
  w.setPool('attachmentOwner', owners);
  for (const [name, bytes] of [
    ['会议记录.pdf', PDF],
    ['合影.jpg', files.jpg],
  ] as const) {
    const res = await w.officer.request({
      method: 'POST',
      url: '/api/attachments',
      ...multipartUpload({ ownerKind: ATTACHMENT_KIND, ownerId: owners[0] as string }, { name, bytes }),
    });
    if (res.statusCode !== 200) throw new Error(`setup attachment: ${res.statusCode} ${res.body}`);
    w.harvest('/api/attachments', res.json());
  }
}
