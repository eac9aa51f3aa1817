// Routes of handover and delegation, liaison points and officers, and 述职评议.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '#contracts/common';
import {
  AcknowledgeBodySchema,
  AppraisalQuerySchema,
  AppraisalSchema,
  CancelHandoverBodySchema,
  CreateAppraisalBodySchema,
  CreateHandoverBodySchema,
  EndLiaisonBodySchema,
  HandoverPreviewQuerySchema,
  HandoverPreviewSchema,
  HandoverSchema,
  LiaisonBodySchema,
  LiaisonQuerySchema,
  LiaisonSchema,
  PatchAppraisalBodySchema,
  RateBodySchema,
  RatersBodySchema,
  SubmitAppraisalBodySchema,
} from '#contracts/handover';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import {
  createAppraisal,
  getAppraisal,
  listAppraisals,
  patchAppraisal,
  rate,
  setRaters,
  submitAppraisal,
} from './responsibility.appraisal.ts';
import {
  acknowledgeEntries,
  cancelHandover,
  createHandover,
  getHandover,
  listHandovers,
  previewHandover,
} from './responsibility.handover.ts';
import { createLiaison, endLiaison, listLiaisons } from './responsibility.liaison.ts';

const tags = ['responsibility'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const handover = can('handover.manage');
const read = can('responsibility.read');
const manage = can('responsibility.manage');
const organise = can('responsibility.organise');
const signedIn = { access: { kind: 'signed_in' } } as const;

export function responsibilityPeopleRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    // Handover -------------------------------------------------------------------------------------------------------
    app.get(
      '/api/handovers',
      {
        config: handover,
        schema: { tags, summary: '五责交接和临时委托', response: { 200: z.array(HandoverSchema) } },
      },
      async (request) => listHandovers(ctx(request)),
    );
    app.get(
      '/api/handovers/preview',
      {
        config: handover,
        schema: {
          tags,
          summary: '移交人名下未办结的事项',
          querystring: HandoverPreviewQuerySchema,
          response: { 200: HandoverPreviewSchema },
        },
      },
      async (request) => previewHandover(ctx(request), request.query.fromMemberId),
    );
    app.post(
      '/api/handovers',
      {
        config: handover,
        schema: {
          tags,
          summary: '办理交接或临时委托',
          body: CreateHandoverBodySchema,
          response: { 200: HandoverSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createHandover(tx, request.body)),
    );
    app.get(
      '/api/handovers/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '交接详情（经办人和交接双方可见）',
          params: IdParamsSchema,
          response: { 200: HandoverSchema },
        },
      },
      async (request) => getHandover(ctx(request), request.params.id),
    );
    app.post(
      '/api/handovers/:id/acknowledge',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '接任人确认接收',
          params: IdParamsSchema,
          body: AcknowledgeBodySchema,
          response: { 200: HandoverSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => acknowledgeEntries(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/handovers/:id/cancel',
      {
        config: handover,
        schema: {
          tags,
          summary: '提前结束临时委托',
          params: IdParamsSchema,
          body: CancelHandoverBodySchema,
          response: { 200: HandoverSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => cancelHandover(tx, request.params.id, request.body.version)),
    );

    // Liaison --------------------------------------------------------------------------------------------------------
    app.get(
      '/api/liaisons',
      {
        config: read,
        schema: {
          tags,
          summary: '联系点和联络员（含联系活动）',
          querystring: LiaisonQuerySchema,
          response: { 200: z.array(LiaisonSchema) },
        },
      },
      async (request) => listLiaisons(ctx(request), request.query),
    );
    app.post(
      '/api/liaisons',
      {
        config: manage,
        schema: {
          tags,
          summary: '设置联系点或联络员',
          body: LiaisonBodySchema,
          response: { 200: LiaisonSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createLiaison(tx, request.body)),
    );
    app.post(
      '/api/liaisons/:id/end',
      {
        config: manage,
        schema: {
          tags,
          summary: '结束联系',
          params: IdParamsSchema,
          body: EndLiaisonBodySchema,
          response: { 200: LiaisonSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => endLiaison(tx, request.params.id, request.body)),
    );

    // 述职评议 ---------------------------------------------------------------------------------------------------------
    app.get(
      '/api/appraisals',
      {
        config: read,
        schema: {
          tags,
          summary: '述职评议',
          querystring: AppraisalQuerySchema,
          response: { 200: z.array(AppraisalSchema) },
        },
      },
      async (request) => listAppraisals(ctx(request), request.query.year),
    );
    app.post(
      '/api/appraisals',
      {
        config: organise,
        schema: {
          tags,
          summary: '由清单记录生成述职报告',
          body: CreateAppraisalBodySchema,
          response: { 200: AppraisalSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createAppraisal(tx, request.body.listId)),
    );
    app.get(
      '/api/appraisals/:id',
      {
        config: signedIn,
        schema: { tags, summary: '述职报告', params: IdParamsSchema, response: { 200: AppraisalSchema } },
      },
      async (request) => getAppraisal(ctx(request), request.params.id),
    );
    app.patch(
      '/api/appraisals/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '修改述职报告（报告人）',
          params: IdParamsSchema,
          body: PatchAppraisalBodySchema,
          response: { 200: AppraisalSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchAppraisal(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/appraisals/:id/submit',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '提交述职报告（报告人）',
          params: IdParamsSchema,
          body: SubmitAppraisalBodySchema,
          response: { 200: AppraisalSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => submitAppraisal(tx, request.params.id, request.body.version)),
    );
    app.put(
      '/api/appraisals/:id/raters',
      {
        config: organise,
        schema: {
          tags,
          summary: '指定评议人',
          params: IdParamsSchema,
          body: RatersBodySchema,
          response: { 200: AppraisalSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => setRaters(tx, request.params.id, request.body.memberIds)),
    );
    app.post(
      '/api/appraisals/:id/rate',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '评议（评议人）',
          params: IdParamsSchema,
          body: RateBodySchema,
          response: { 200: AppraisalSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => rate(tx, request.params.id, request.body)),
    );
  };
}
