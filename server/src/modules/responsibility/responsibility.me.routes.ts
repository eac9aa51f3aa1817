// One's own duties, reports and files: reached by anyone signed in (a member on a phone holds no permission), for
// their own records only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '#contracts/common';
import { AppraisalSchema, HandoverSchema } from '#contracts/handover';
import { EvidenceFileSchema, ProgressReportSchema, ReportBodySchema } from '#contracts/responsibility';
import { MyDutiesSchema } from '#contracts/responsibility-me';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, readUploadedFile } from '../../core/upload.ts';
import { myAppraisals } from './responsibility.appraisal.ts';
import { myDuties } from './responsibility.duties.ts';
import { myHandovers } from './responsibility.handover.ts';
import { attachEvidence, readEvidence, reportProgress } from './responsibility.reports.ts';

const tags = ['responsibility'];
const signedIn = { access: { kind: 'signed_in' } } as const;

export function responsibilityMeRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/me/duties',
      { config: signedIn, schema: { tags, summary: '我的职责', response: { 200: MyDutiesSchema } } },
      async (request) => myDuties(ctx(request)),
    );
    app.post(
      '/api/me/duties/:id/reports',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '报告我的职责进度（id 为周期）',
          params: IdParamsSchema,
          body: ReportBodySchema,
          response: { 200: ProgressReportSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => reportProgress(tx, request.params.id, request.body, 'own')),
    );
    app.post(
      '/api/responsibility/reports/:id/files',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '为本人提交的进度报告上传佐证材料（multipart 字段 file）',
          params: IdParamsSchema,
          response: { 200: EvidenceFileSchema },
        },
      },
      async (request) => {
        const file = await readUploadedFile(request);
        return inTransaction(ctx(request), (tx) => attachEvidence(tx, request.params.id, file));
      },
    );
    app.get(
      '/api/responsibility/files/:id',
      { config: signedIn, schema: { tags, summary: '下载佐证材料', params: IdParamsSchema } },
      async (request, reply) => {
        const file = await readEvidence(ctx(request), request.params.id);
        return reply
          .header('content-type', file.mediaType)
          .header('content-disposition', attachment(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .send(file.content);
      },
    );
    app.get(
      '/api/me/handovers',
      {
        config: signedIn,
        schema: { tags, summary: '交给我的交接事项', response: { 200: z.array(HandoverSchema) } },
      },
      async (request) => myHandovers(ctx(request)),
    );
    app.get(
      '/api/me/appraisals',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '我的述职报告和待我评议的报告',
          response: { 200: z.array(AppraisalSchema) },
        },
      },
      async (request) => myAppraisals(ctx(request)),
    );
  };
}
