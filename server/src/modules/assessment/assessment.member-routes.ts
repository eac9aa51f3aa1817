// Routes of a member's own results (issue 12 point 4): any signed-in account linked to a member reads its own rows of
// member cycles, and the explanation of each; nothing else.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MyResultSchema, ResultDetailSchema } from '#contracts/assessment';
import { IdParamsSchema } from '#contracts/common';
import { type AppServices, ctxFromRequest } from '../../core/context.ts';
import { myResult, myResults } from './assessment.member-own.ts';

const tags = ['assessment'];
const self = { access: { kind: 'signed_in' } } as const;

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
  };
}
