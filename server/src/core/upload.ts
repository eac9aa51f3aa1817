import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.ts';

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
  const file = await request.file();
  if (!file) {
    throw invalid('common.file_missing', '请选择要上传的 Excel 文件', [
      { field: 'file', message: '请选择文件' },
    ]);
  }
  let buffer: Buffer;
  try {
    buffer = await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('too_large', 'common.file_too_large', '文件超过上传大小限制');
    }
    throw error;
  }
  if (buffer.length === 0)
    throw invalid('common.file_empty', '上传的文件是空的', [{ field: 'file', message: '文件为空' }]);
  return { buffer, filename: file.filename };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download with a Chinese file name (RFC 5987). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
