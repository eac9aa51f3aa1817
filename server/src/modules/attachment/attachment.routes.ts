// Attachment routes: signed in, the owner kind decides the rest (ADR 26). Downloads are served as downloads
// (Content-Disposition: attachment) with nosniff, so that no stored file is ever rendered as a page of this site.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttachmentListQuerySchema, AttachmentSchema } from '#contracts/attachment';
import { IdParamsSchema, OkSchema } from '#contracts/common';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment } from '../../core/upload.ts';
import {
  type AttachmentDownload,
  deleteAttachment,
  listAttachments,
  prepareAttachment,
  readAttachment,
  saveAttachment,
} from './attachment.service.ts';
import { readAttachmentUpload } from './attachment.upload.ts';

const tags = ['attachment'];
const signedIn = { access: { kind: 'signed_in' } } as const;

function send(reply: FastifyReply, file: AttachmentDownload) {
  return reply
    .header('content-type', file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType)
    .header('content-disposition', attachment(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}

export function attachmentRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.post(
      '/api/attachments',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '上传附件（multipart：ownerKind、ownerId、file）；图片缩小、去除位置信息并生成缩略图',
          response: { 200: AttachmentSchema },
        },
      },
      async (request) => {
        const upload = await readAttachmentUpload(request);
        // Judged and shrunk before the transaction opens: an image's seconds never hold the database.
        const prepared = await prepareAttachment(ctx(request), upload);
        return inTransaction(ctx(request), (tx) => saveAttachment(tx, prepared));
      },
    );
    app.get(
      '/api/attachments',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '一条记录的附件',
          querystring: AttachmentListQuerySchema,
          response: { 200: z.array(AttachmentSchema) },
        },
      },
      async (request) => listAttachments(ctx(request), request.query.ownerKind, request.query.ownerId),
    );
    app.get(
      '/api/attachments/:id',
      { config: signedIn, schema: { tags, summary: '下载附件', params: IdParamsSchema } },
      async (request, reply) => send(reply, await readAttachment(ctx(request), request.params.id)),
    );
    app.get(
      '/api/attachments/:id/thumbnail',
      { config: signedIn, schema: { tags, summary: '图片附件的缩略图', params: IdParamsSchema } },
      async (request, reply) =>
        send(reply, await readAttachment(ctx(request), request.params.id, 'thumbnail')),
    );
    app.delete(
      '/api/attachments/:id',
      {
        config: signedIn,
        schema: { tags, summary: '删除附件', params: IdParamsSchema, response: { 200: OkSchema } },
      },
      async (request) => {
        await inTransaction(ctx(request), (tx) => deleteAttachment(tx, request.params.id));
        return { ok: true as const };
      },
    );
  };
}
