// Routes of members' results (issue 12 points 4 and 7): any signed-in account linked to a member reads its own rows of
// member cycles and the explanation of each, nothing else; the organ's readers at its top export one member's record
// for cadre selection.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MyResultSchema, ResultDetailSchema } from '#contracts/assessment';
import { IdParamsSchema } from '#contracts/common';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, XLSX_TYPE } from '../../core/upload.ts';
import { myResult, myResults } from './assessment.member-own.ts';
import { memberRecordXlsx } from './assessment.member-record.ts';

const tags = ['assessment'];
const self = { access: { kind: 'signed_in' } } as const;
const read = { access: { kind: 'permission', permission: 'assessment.read' } } as const;

export function assessmentMemberRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/me/assessments',
      {
        config: self,
        schema: {
          tags,
          summary: '我的考核结果（党员履职述评，支部内排名）',
          response: { 200: z.array(MyResultSchema) },
        },
      },
      async (request) => myResults(ctx(request)),
    );
    app.get(
      '/api/me/assessments/:id',
      {
        config: self,
        schema: {
          tags,
          summary: '我在一次考核中的得分说明',
          params: IdParamsSchema,
          response: { 200: ResultDetailSchema },
        },
      },
      async (request) => myResult(ctx(request), request.params.id),
    );
    // For cadre selection: one member's record, for whoever reads the organ's assessments as a whole.
    app.get(
      '/api/assessment/members/:id/record.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary:
            '导出党员考核记录（Excel：历次履职述评得分、支部内名次、等次，签字的述评；供干部选任参考）',
          params: IdParamsSchema,
        },
      },
      async (request, reply) => {
        const file = await inTransaction(ctx(request), (tx) => memberRecordXlsx(tx, request.params.id));
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(file.filename))
          .header('cache-control', 'no-store')
          .send(file.buffer);
      },
    );
  };
}
