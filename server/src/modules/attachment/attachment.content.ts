// What a file is and what is kept of it (ADR 26). The type is judged from the content (file-type reads the magic
// bytes, and for Word, Excel and PowerPoint the zip's own parts), never from the name or the browser's word; only an
// allow-list is kept. Images are decoded and written anew by sharp: turned upright by their EXIF orientation, shrunk
// to ATTACHMENT_IMAGE_EDGE, re-encoded — which leaves every piece of metadata behind, the GPS location a phone writes
// into a photo included — and given a thumbnail. No database here: the slow part runs outside any transaction.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import {
  ATTACHMENT_IMAGE_EDGE,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_PIXELS,
  ATTACHMENT_THUMB_EDGE,
} from '#contracts/attachment';
import { AppError, invalid } from '../../core/errors.ts';

// Requests come and go: libvips' cache of decoded images would only hold memory between them.
sharp.cache(false);

export type PreparedContent = {
  fileName: string;
  mediaType: string;
  content: Buffer;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
  sha256: string;
};

const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;
export const TOO_LARGE_MESSAGE = `附件不能超过 ${MB} MB，请压缩或拆分后再上传（照片可先在手机上缩小，扫描件可降低分辨率）`;

const IMAGES: Record<string, { format: string; ext: string }> = {
  'image/jpeg': { format: 'jpeg', ext: '.jpg' },
  'image/png': { format: 'png', ext: '.png' },
  'image/webp': { format: 'webp', ext: '.webp' },
  'image/gif': { format: 'gif', ext: '.gif' },
};
const DOCUMENTS: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
};
// The old Office formats are one container (OLE compound file) whatever the program: its name tells them apart.
const COMPOUND_BY_EXT: Record<string, string> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
};

export function tooLarge(): AppError {
  return new AppError('too_large', 'attachment.too_large', TOO_LARGE_MESSAGE);
}

function refusedType(): AppError {
  return invalid(
    'attachment.type',
    '只能上传图片（JPG、PNG、WebP、GIF）、PDF、Word、Excel、PowerPoint 文档或纯文本（.txt）文件',
    [{ field: 'file', message: '文件类型不支持，请另存为 PDF 或 JPG 图片后再上传' }],
  );
}

function brokenImage(): AppError {
  return invalid('attachment.image_broken', '图片无法识别，可能已损坏，请重新拍摄或另存为 JPG 后再上传', [
    { field: 'file', message: '图片无法识别，请重新选择' },
  ]);
}

const extOf = (name: string) => {
  const m = /\.[^.]{1,8}$/.exec(name);
  return m ? m[0].toLowerCase() : '';
};

/** A file name safe to keep and to send back: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code >= 0x20 && !(code >= 0x7f && code <= 0x9f) && !(code >= 0xd800 && code <= 0xdfff);
    })
    .join('')
    .trim();
  return [...(clean || '附件')].slice(-120).join('');
}

/** The name with the extension the content has: a PDF named .jpg downloads as .pdf. */
function withExtension(name: string, ext: string): string {
  const current = extOf(name);
  if (current === ext || (ext === '.jpg' && current === '.jpeg')) return name;
  const base = current ? name.slice(0, -current.length) : name;
  return `${base || '附件'}${ext}`;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Plain text in UTF-8 or GB18030 (what Notepad on a Chinese Windows writes), kept as UTF-8; never markup. */
function plainText(bytes: Buffer): Buffer | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  // A page or an SVG dressed as text would be one click from running in a browser that ignores nosniff.
  if (/^\s*</.test(text.replace(/^\uFEFF/, ''))) return null;
  return Buffer.from(text, 'utf8');
}

async function image(bytes: Buffer, format: string) {
  const options = { failOn: 'error', limitInputPixels: ATTACHMENT_MAX_PIXELS } as const;
  let meta: Metadata;
  try {
    meta = await sharp(bytes, options).metadata();
  } catch {
    throw brokenImage();
  }
  if (meta.format !== format) throw brokenImage();
  if ((meta.width ?? 0) * (meta.height ?? 0) > ATTACHMENT_MAX_PIXELS)
    throw new AppError(
      'too_large',
      'attachment.too_many_pixels',
      `图片像素过大（超过 ${ATTACHMENT_MAX_PIXELS / 100_000_000} 亿像素），请缩小后再上传`,
    );
  // Transparency survives as WebP; everything else is a photo and becomes a JPEG.
  const alpha = meta.hasAlpha === true;
  const within = (edge: number) =>
    ({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true }) as const;
  try {
    const shrunk = sharp(bytes, options).rotate().resize(within(ATTACHMENT_IMAGE_EDGE));
    const main = await (alpha ? shrunk.webp({ quality: 82 }) : shrunk.jpeg({ quality: 82 })).toBuffer({
      resolveWithObject: true,
    });
    const thumbnail = await sharp(bytes, options)
      .rotate()
      .resize(within(ATTACHMENT_THUMB_EDGE))
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 75 })
      .toBuffer();
    return {
      content: main.data,
      thumbnail,
      width: main.info.width,
      height: main.info.height,
      mediaType: alpha ? 'image/webp' : 'image/jpeg',
      ext: alpha ? '.webp' : '.jpg',
    };
  } catch {
    throw brokenImage();
  }
}

/**
 * Judges and prepares one uploaded file: refused when too large, empty, of a type not on the list, or an image that
 * does not decode; an image comes back shrunk, upright, without metadata, with a thumbnail.
 */
export async function prepareContent(fileName: string, bytes: Buffer): Promise<PreparedContent> {
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw tooLarge();
  if (bytes.length === 0)
    throw invalid('attachment.empty', '文件是空的，请重新选择', [{ field: 'file', message: '文件为空' }]);
  const name = cleanFileName(fileName);
  const found = await fileTypeFromBuffer(bytes);
  const mime = found?.mime;
  const img = mime ? IMAGES[mime] : undefined;
  if (img) {
    const out = await image(bytes, img.format);
    return {
      fileName: withExtension(name, out.ext),
      mediaType: out.mediaType,
      content: out.content,
      thumbnail: out.thumbnail,
      width: out.width,
      height: out.height,
      sha256: sha256(out.content),
    };
  }
  const documentExt = mime ? DOCUMENTS[mime] : undefined;
  const compound = found?.ext === 'cfb' ? COMPOUND_BY_EXT[extOf(name)] : undefined;
  const text = !found && extOf(name) === '.txt' ? plainText(bytes) : null;
  const [mediaType, ext, content] =
    mime && documentExt
      ? [mime, documentExt, bytes]
      : compound
        ? [compound, extOf(name), bytes]
        : text
          ? ['text/plain', '.txt', text]
          : [null, '', bytes];
  if (!mediaType) throw refusedType();
  return {
    fileName: withExtension(name, ext),
    mediaType,
    content,
    thumbnail: null,
    width: null,
    height: null,
    sha256: sha256(content),
  };
}
