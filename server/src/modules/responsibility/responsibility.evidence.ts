// Evidence files of progress reports: the type is judged by the content, never by the name or the browser's word;
// a size limit per file and a count per report. Kept in the database so every instance serves them (ADR 23).
import { extname } from 'node:path';
import { AppError, invalid } from '../../core/errors.ts';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;

const ZIP_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

const starts = (buffer: Buffer, bytes: readonly number[], at = 0) =>
  bytes.every((b, i) => buffer[at + i] === b);

/** The media type of an accepted evidence file, from its first bytes; anything else is refused with what to do. */
export function evidenceType(buffer: Buffer, fileName: string): string {
  if (buffer.length > EVIDENCE_MAX_BYTES)
    throw new AppError(
      'too_large',
      'responsibility.evidence_too_large',
      `佐证材料不能超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB，请压缩后再上传`,
    );
  if (starts(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(buffer, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(buffer, [0x52, 0x49, 0x46, 0x46]) && starts(buffer, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (starts(buffer, [0x50, 0x4b, 0x03, 0x04])) {
    const type = ZIP_TYPES[extname(fileName).toLowerCase()];
    if (type) return type;
  }
  throw invalid(
    'responsibility.evidence_type',
    '佐证材料只接受 PDF、图片（JPG、PNG、WebP）和 Word、Excel、PowerPoint 文档',
    [{ field: 'file', message: '文件类型不支持，请转换为 PDF 或图片后上传' }],
  );
}

/** A file name safe to keep and to send back: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return (clean || 'file').slice(-120);
}
