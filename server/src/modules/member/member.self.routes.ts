import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '#contracts/common';
import {
  CorrectionListQuerySchema,
  CorrectionSchema,
  CreateCorrectionBodySchema,
  ResolveCorrectionBodySchema,
} from '#contracts/correction';
import { MemberHistoryEntrySchema, MemberSchema } from '#contracts/member';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import {
  getOwnHistory,
  getOwnMember,
  listCorrectionTasks,
  listOwnCorrections,
  requestCorrection,
  resolveCorrection,
} from './member.self.ts';

const tags = ['member'];
/** Anyone signed in reaches their own record (404 without one); no business permission is needed for that. */
const self = { access: { kind: 'signed_in' } } as const;
const settle = { access: { kind: 'permission', permission: 'member.write' } } as const;

export function memberSelfRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/me/member',
      { config: self, schema: { tags, summary: '我的党员信息', response: { 200: MemberSchema } } },
      async (request) => getOwnMember(ctxFromRequest(request, services)),
    );
    app.get(
      '/api/me/member/history',
      {
        config: self,
        schema: { tags, summary: '我的组织关系历史', response: { 200: z.array(MemberHistoryEntrySchema) } },
      },
      async (request) => getOwnHistory(ctxFromRequest(request, services)),
    );
    app.get(
      '/api/me/corrections',
      {
        config: self,
        schema: { tags, summary: '我提交的更正申请', response: { 200: z.array(CorrectionSchema) } },
      },
      async (request) => listOwnCorrections(ctxFromRequest(request, services)),
    );
    app.post(
      '/api/me/corrections',
      {
        config: self,
        schema: {
          tags,
          summary: '申请更正我的党员信息',
          body: CreateCorrectionBodySchema,
          response: { 200: CorrectionSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => requestCorrection(tx, request.body)),
    );
    app.get(
      '/api/corrections',
      {
        config: settle,
        schema: {
          tags,
          summary: '待处理的党员信息更正申请',
          querystring: CorrectionListQuerySchema,
          response: { 200: z.array(CorrectionSchema) },
        },
      },
      async (request) => listCorrectionTasks(ctxFromRequest(request, services), request.query.status),
    );
    app.post(
      '/api/corrections/:id/resolve',
      {
        config: settle,
        schema: {
          tags,
          summary: '处理更正申请（已更正/未采纳）',
          params: IdParamsSchema,
          body: ResolveCorrectionBodySchema,
          response: { 200: CorrectionSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          resolveCorrection(tx, request.params.id, request.body),
        ),
    );
  };
}
