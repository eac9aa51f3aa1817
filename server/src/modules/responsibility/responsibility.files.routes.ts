// Excel and Word of the responsibility system (ADR 25): a list and the coverage view out as .xlsx, a list and a
// year-end report as .docx, and the import of a list's duties and of the work committee's work points with their
// templates. Downloads are answered as attachments; every download and import leaves an audit entry.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { CoverageQuerySchema } from '#contracts/responsibility-coverage';
import { FileImportResultSchema, WorkPointImportQuerySchema } from '#contracts/responsibility-files';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { oneImportAtATime } from '../transfer/index.ts';
import { requireActor } from './responsibility.access.ts';
import { appraisalDocument, listDocument } from './responsibility.documents.ts';
import { DOCX_TYPE } from './responsibility.docx.ts';
import { exportCoverage, exportList } from './responsibility.export.ts';
import { importListItems, importWorkPoints } from './responsibility.import-run.ts';
import { itemTemplate, workPointTemplate } from './responsibility.sheets.ts';

const tags = ['responsibility'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const signedIn = { access: { kind: 'signed_in' } } as const;

function send(reply: FastifyReply, file: { buffer: Buffer; filename: string }, type: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

export function responsibilityFileRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/responsibility/lists/:id/export',
      {
        config: can('responsibility.read'),
        schema: { tags, summary: '导出责任清单（Excel）', params: IdParamsSchema },
      },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => exportList(tx, request.params.id)), XLSX_TYPE),
    );
    app.get(
      '/api/responsibility/lists/:id/document',
      {
        config: can('responsibility.read'),
        schema: { tags, summary: '责任清单文书（Word，供打印签字）', params: IdParamsSchema },
      },
      async (request, reply) =>
        send(
          reply,
          await inTransaction(ctx(request), (tx) => listDocument(tx, request.params.id)),
          DOCX_TYPE,
        ),
    );
    app.get(
      '/api/responsibility/coverage/export',
      {
        config: can('responsibility.read'),
        schema: { tags, summary: '导出工作要点覆盖情况（Excel）', querystring: CoverageQuerySchema },
      },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => exportCoverage(tx, request.query)), XLSX_TYPE),
    );
    app.get(
      '/api/appraisals/:id/document',
      {
        config: signedIn,
        schema: { tags, summary: '述职报告（Word）', params: IdParamsSchema },
      },
      async (request, reply) =>
        send(
          reply,
          await inTransaction(ctx(request), (tx) => appraisalDocument(tx, request.params.id)),
          DOCX_TYPE,
        ),
    );

    app.get(
      '/api/responsibility/items/template',
      { config: can('responsibility.manage'), schema: { tags, summary: '责任清单导入模板' } },
      async (_request, reply) =>
        send(reply, { buffer: await itemTemplate(), filename: '责任清单导入模板.xlsx' }, XLSX_TYPE),
    );
    app.post(
      '/api/responsibility/lists/:id/import',
      {
        config: can('responsibility.manage'),
        schema: {
          tags,
          summary: '从 Excel 导入清单职责（multipart 字段 file；有任何错误则全部不导入）',
          params: IdParamsSchema,
          response: { 200: FileImportResultSchema },
        },
      },
      async (request) => {
        const c = ctx(request);
        const actor = requireActor(c).actor;
        const { buffer } = await readUploadedFile(request);
        return oneImportAtATime(c, actor.userId, () => importListItems(c, request.params.id, buffer));
      },
    );
    app.get(
      '/api/responsibility/work-points/template',
      { config: can('responsibility.template'), schema: { tags, summary: '工作要点导入模板' } },
      async (_request, reply) =>
        send(reply, { buffer: await workPointTemplate(), filename: '工作要点导入模板.xlsx' }, XLSX_TYPE),
    );
    app.post(
      '/api/responsibility/work-points/import',
      {
        config: can('responsibility.template'),
        schema: {
          tags,
          summary: '从 Excel 导入年度工作要点（multipart 字段 file；有任何错误则全部不导入）',
          querystring: WorkPointImportQuerySchema,
          response: { 200: FileImportResultSchema },
        },
      },
      async (request) => {
        const c = ctx(request);
        const actor = requireActor(c).actor;
        const { buffer } = await readUploadedFile(request);
        return oneImportAtATime(c, actor.userId, () => importWorkPoints(c, request.query.year, buffer));
      },
    );
  };
}
