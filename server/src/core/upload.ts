import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.ts';

/**
 * What a failure while reading the upload means for the client. Our own errors and the multipart plugin's limits
 * (which carry a 4xx status) pass through; anything else thrown while parsing the request body — a body cut off
 * mid-file, a missing or wrong boundary, garbage instead of parts — is the request's fault, not the server's.
 */
function uploadError(error: unknown): Error {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('too_large', 'common.file_too_large', '文件超过上传大小限制');
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return error as Error;
  return invalid('common.multipart_malformed', '上传的内容不完整或格式有误，请重新选择文件上传', [
    { field: 'file', message: '文件未能完整上传，请重新上传' },
  ]);
}

/** Reads the single uploaded file of a multipart request (field `file`) into memory, within the upload limit. */
export async function readUploadedFile(
  request: FastifyRequest,
): Promise<{ buffer: Buffer; filename: string }> {
  if (!request.isMultipart()) {
    throw new AppError(
      'unsupported_media',
      'common.multipart_required',
      '请以 multipart/form-data 上传文件（字段名 file）',
    );
  }
  let buffer: Buffer;
  let filename: string;
  try {
    const file = await request.file();
    if (!file) {
      throw invalid('common.file_missing', '请选择要上传的 Excel 文件', [
        { field: 'file', message: '请选择文件' },
      ]);
    }
    filename = file.filename;
    buffer = await file.toBuffer();
  } catch (error) {
    throw uploadError(error);
  }
  if (buffer.length === 0)
    throw invalid('common.file_empty', '上传的文件是空的', [{ field: 'file', message: '文件为空' }]);
  return { buffer, filename };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download with a Chinese file name (RFC 5987). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
