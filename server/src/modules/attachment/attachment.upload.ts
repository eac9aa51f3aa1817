// Reads an attachment upload: one file (field `file`) and the record it belongs to (fields `ownerKind`, `ownerId`), in
// any order, within the attachment size limit. A body that is cut off or not multipart is the request's fault (4xx).
import type { FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, AttachmentUploadFieldsSchema } from '#contracts/attachment';
import { AppError, invalid } from '../../core/errors.ts';
import { tooLarge } from './attachment.content.ts';

export type AttachmentUpload = {
  ownerKind: string;
  ownerId: string;
  fileName: string;
  bytes: Buffer;
  clientKey?: string | undefined;
};

function uploadError(error: unknown): Error {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as { code?: string; statusCode?: number };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (e.code === 'FST_FILES_LIMIT')
    return invalid('attachment.one_file', '一次上传一个文件，请逐个上传', [
      { field: 'file', message: '一次只能上传一个文件' },
    ]);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return error as Error;
  return invalid('common.multipart_malformed', '上传的内容不完整或格式有误，请重新选择文件上传', [
    { field: 'file', message: '文件未能完整上传，请重新上传' },
  ]);
}

export async function readAttachmentUpload(request: FastifyRequest): Promise<AttachmentUpload> {
  if (!request.isMultipart())
    throw new AppError(
      'unsupported_media',
      'common.multipart_required',
      '请以 multipart/form-data 上传附件（字段 ownerKind、ownerId 和 file）',
    );
  const fields: Record<string, unknown> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  let strayFile = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') file = { name: part.filename, bytes };
        else strayFile = true;
      } else fields[part.fieldname] = part.value;
    }
  } catch (error) {
    throw uploadError(error);
  }
  // Not one part could be read: another boundary than declared, or no multipart inside at all.
  if (!file && !strayFile && Object.keys(fields).length === 0) throw uploadError(null);
  const parsed = AttachmentUploadFieldsSchema.safeParse(fields);
  if (!parsed.success)
    throw invalid(
      'common.invalid_input',
      '提交的内容有误，请按提示修改',
      parsed.error.issues.map((i) => ({
        field: String(i.path[0] ?? (i.code === 'unrecognized_keys' ? i.keys.join(',') : 'body')),
        message:
          i.code === 'unrecognized_keys'
            ? `不允许的字段: ${i.keys.join(', ')}`
            : i.code === 'invalid_type'
              ? '缺少此项，请从记录页面上传附件'
              : i.message,
      })),
    );
  if (!file || strayFile)
    throw invalid('common.file_missing', '请选择要上传的文件', [
      { field: 'file', message: '请选择文件（字段名 file）' },
    ]);
  if (file.bytes.length === 0)
    throw invalid('common.file_empty', '上传的文件是空的，请重新选择', [
      { field: 'file', message: '文件为空' },
    ]);
  return { ...parsed.data, fileName: file.name, bytes: file.bytes };
}
