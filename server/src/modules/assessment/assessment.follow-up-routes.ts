// Routes of follow-ups below a cycle's rule (issue 12 point 7): the preview of who falls below, the rule, opening on
// demand, and closing the cycle (which opens them too). All are the work of whoever runs the cycle's assessments.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CycleSchema } from '#contracts/assessment';
import {
  CloseCycleBodySchema,
  CycleFollowUpsSchema,
  FollowUpRuleBodySchema,
  OpenFollowUpsResultSchema,
} from '#contracts/assessment-follow-up';
import { IdParamsSchema } from '#contracts/common';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { closeCycle, cycleFollowUps, openFollowUps, setFollowUpRule } from './assessment.follow-up.ts';

const tags = ['assessment'];
const run = { access: { kind: 'permission', permission: 'assessment.run' } } as const;

export function assessmentFollowUpRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/assessment/cycles/:id/follow-ups',
      {
        config: run,
        schema: {
          tags,
          summary: '整改线与整改项：谁低于整改线（预览）、已开具的整改项及其进展',
          params: IdParamsSchema,
          response: { 200: CycleFollowUpsSchema },
        },
      },
      async (request) => cycleFollowUps(ctx(request), request.params.id),
    );
    app.put(
      '/api/assessment/cycles/:id/follow-up-rule',
      {
        config: run,
        schema: {
          tags,
          summary: '设置整改线（低于多少分）和整改期限（天数）',
          params: IdParamsSchema,
          body: FollowUpRuleBodySchema,
          response: { 200: CycleFollowUpsSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => setFollowUpRule(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/assessment/cycles/:id/follow-ups',
      {
        config: run,
        schema: {
          tags,
          summary: '为低于整改线的考核对象开具整改项（已开具的不再重复）',
          params: IdParamsSchema,
          body: z.strictObject({}),
          response: { 200: OpenFollowUpsResultSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => openFollowUps(tx, request.params.id)),
    );
    app.post(
      '/api/assessment/cycles/:id/close',
      {
        config: run,
        schema: {
          tags,
          summary: '结束考核（结果不再重算；已设整改线的，同时开具整改项）',
          params: IdParamsSchema,
          body: CloseCycleBodySchema,
          response: { 200: CycleSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => closeCycle(tx, request.params.id, request.body.version)),
    );
  };
}
