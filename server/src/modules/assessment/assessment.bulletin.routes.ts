// Routes of quarterly bulletins (issue 12 point 6): drafted, edited and published by whoever runs the organ's
// assessments; read and exported by its readers; read through a share key by any account of the organ.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VersionBodySchema } from '#contracts/assessment';
import {
  BulletinListQuerySchema,
  BulletinSchema,
  BulletinSummarySchema,
  CreateBulletinBodySchema,
  PatchBulletinBodySchema,
  SharedBulletinSchema,
  ShareKeyParamsSchema,
  ShareSchema,
} from '#contracts/assessment-bulletin';
import { IdParamsSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { DOCX_TYPE } from '../../core/docx.ts';
import { attachment, XLSX_TYPE } from '../../core/upload.ts';
import { bulletinDocx, bulletinXlsx } from './assessment.bulletin-export.ts';
import {
  createBulletin,
  getBulletin,
  listBulletins,
  patchBulletin,
  publishBulletin,
  setShareKey,
  sharedBulletin,
} from './assessment.bulletins.ts';

const tags = ['assessment'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;

function send(reply: FastifyReply, type: string, file: { buffer: Buffer; filename: string }) {
  return reply
    .header('content-type', type)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

export function assessmentBulletinRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/assessment/bulletins',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '考核通报（已发布的；组织考核的还看到草稿）',
          querystring: BulletinListQuerySchema,
          response: { 200: z.array(BulletinSummarySchema) },
        },
      },
      async (request) => listBulletins(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/assessment/bulletins',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '由已计算的考核生成通报草稿',
          body: CreateBulletinBodySchema,
          response: { 200: BulletinSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createBulletin(tx, request.body)),
    );
    // Before /:id, so that 'shared' is never read as an id.
    app.get(
      '/api/assessment/bulletins/shared/:key',
      {
        config: { access: { kind: 'signed_in' } },
        schema: {
          tags,
          summary: '通过分享链接阅读已发布的通报（本单位账号）',
          params: ShareKeyParamsSchema,
          response: { 200: SharedBulletinSchema },
        },
      },
      async (request) => sharedBulletin(ctx(request), request.params.key),
    );
    app.get(
      '/api/assessment/bulletins/:id',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '一期通报（草稿按当前结果预览；已发布的为发布时固定的内容）',
          params: IdParamsSchema,
          response: { 200: BulletinSchema },
        },
      },
      async (request) => getBulletin(ctx(request), request.params.id),
    );
    app.patch(
      '/api/assessment/bulletins/:id',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '编辑通报草稿（标题、总体情况、排名靠后的整改说明）',
          params: IdParamsSchema,
          body: PatchBulletinBodySchema,
          response: { 200: BulletinSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchBulletin(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/assessment/bulletins/:id/publish',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '发布通报（发布后内容固定，不再随结果变化）',
          params: IdParamsSchema,
          body: VersionBodySchema,
          response: { 200: BulletinSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => publishBulletin(tx, request.params.id, request.body.version)),
    );
    app.post(
      '/api/assessment/bulletins/:id/share',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '生成新的分享链接（原链接失效）',
          params: IdParamsSchema,
          response: { 200: ShareSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => setShareKey(tx, request.params.id, true)),
    );
    app.delete(
      '/api/assessment/bulletins/:id/share',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '停用分享链接',
          params: IdParamsSchema,
          response: { 200: ShareSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => setShareKey(tx, request.params.id, false)),
    );
    app.get(
      '/api/assessment/bulletins/:id/docx',
      {
        config: can('assessment.read'),
        schema: { tags, summary: '下载通报（Word）', params: IdParamsSchema },
      },
      async (request, reply) =>
        send(
          reply,
          DOCX_TYPE,
          await inTransaction(ctx(request), (tx) => bulletinDocx(tx, request.params.id)),
        ),
    );
    app.get(
      '/api/assessment/bulletins/:id/xlsx',
      {
        config: can('assessment.read'),
        schema: { tags, summary: '下载通报排名和与上期比较（Excel）', params: IdParamsSchema },
      },
      async (request, reply) =>
        send(
          reply,
          XLSX_TYPE,
          await inTransaction(ctx(request), (tx) => bulletinXlsx(tx, request.params.id)),
        ),
    );
  };
}
