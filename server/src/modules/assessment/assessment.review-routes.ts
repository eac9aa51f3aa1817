// Routes of the member's 述评 dossier (issue 12 point 4): a branch's half-year read by whoever reads the branch's
// assessment, assembled, completed and signed by whoever keeps its members' records (see assessment.reviews.ts);
// the member's own, signed in without a permission.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VersionBodySchema } from '#contracts/assessment';
import {
  BranchHalfYearSchema,
  BranchReviewsSchema,
  MyReviewSchema,
  PatchReviewBodySchema,
  ReviewSchema,
  StatementBodySchema,
} from '#contracts/assessment-review';
import { IdParamsSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { DOCX_TYPE } from '../../core/docx.ts';
import { attachment, XLSX_TYPE } from '../../core/upload.ts';
import { branchReviewsXlsx, reviewDocx } from './assessment.review-export.ts';
import { getMyReview, listMyReviews, setMyStatement } from './assessment.review-own.ts';
import {
  assembleBranchReviews,
  getReview,
  listBranchReviews,
  patchReview,
  showReview,
  signReview,
  submitReview,
} from './assessment.reviews.ts';

const tags = ['assessment'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const self = { access: { kind: 'signed_in' } } as const;

function send(reply: FastifyReply, type: string, file: { buffer: Buffer; filename: string }) {
  return reply
    .header('content-type', type)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

export function assessmentReviewRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/assessment/reviews',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '支部某半年度的党员述评（状态、等次，尚未生成的党员）',
          querystring: BranchHalfYearSchema,
          response: { 200: BranchReviewsSchema },
        },
      },
      async (request) => listBranchReviews(ctx(request), request.query),
    );
    app.post(
      '/api/assessment/reviews/assemble',
      {
        config: can('member.write'),
        schema: {
          tags,
          summary: '汇总生成支部党员述评（未签字的按最新记录刷新，已签字的不变）',
          body: BranchHalfYearSchema,
          response: { 200: BranchReviewsSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => assembleBranchReviews(tx, request.body)),
    );
    // Before /:id, so that 'xlsx' is never read as an id.
    app.get(
      '/api/assessment/reviews/xlsx',
      {
        config: can('assessment.read'),
        schema: { tags, summary: '下载支部半年度述评汇总（Excel）', querystring: BranchHalfYearSchema },
      },
      async (request, reply) =>
        send(
          reply,
          XLSX_TYPE,
          await inTransaction(ctx(request), (tx) => branchReviewsXlsx(tx, request.query)),
        ),
    );
    app.get(
      '/api/assessment/reviews/:id',
      {
        config: can('assessment.read'),
        schema: { tags, summary: '一份党员述评', params: IdParamsSchema, response: { 200: ReviewSchema } },
      },
      async (request) => getReview(ctx(request), request.params.id),
    );
    app.patch(
      '/api/assessment/reviews/:id',
      {
        config: can('member.write'),
        schema: {
          tags,
          summary: '填写支部评语和等次',
          params: IdParamsSchema,
          body: PatchReviewBodySchema,
          response: { 200: ReviewSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchReview(tx, request.params.id, request.body)),
    );
    for (const [step, summary, fn] of [
      ['submit', '提交支部（本人补充说明截止）', submitReview],
      ['sign', '签字确认（内容从此固定）', signReview],
      ['show', '告知本人', showReview],
    ] as const)
      app.post(
        `/api/assessment/reviews/:id/${step}`,
        {
          config: can('member.write'),
          schema: {
            tags,
            summary,
            params: IdParamsSchema,
            body: VersionBodySchema,
            response: { 200: ReviewSchema },
          },
        },
        async (request) =>
          inTransaction(ctx(request), (tx) => fn(tx, request.params.id, request.body.version)),
      );
    app.get(
      '/api/assessment/reviews/:id/docx',
      {
        config: can('assessment.read'),
        schema: { tags, summary: '下载党员述评表（Word）', params: IdParamsSchema },
      },
      async (request, reply) =>
        send(reply, DOCX_TYPE, await inTransaction(ctx(request), (tx) => reviewDocx(tx, request.params.id))),
    );

    app.get(
      '/api/me/reviews',
      {
        config: self,
        schema: { tags, summary: '我的半年度述评', response: { 200: z.array(MyReviewSchema) } },
      },
      async (request) => listMyReviews(ctx(request)),
    );
    app.get(
      '/api/me/reviews/:id',
      {
        config: self,
        schema: {
          tags,
          summary: '我的述评（支部签字确认后）',
          params: IdParamsSchema,
          response: { 200: ReviewSchema },
        },
      },
      async (request) => getMyReview(ctx(request), request.params.id),
    );
    app.put(
      '/api/me/reviews/:id/statement',
      {
        config: self,
        schema: {
          tags,
          summary: '填写个人补充说明（可选，500 字以内，提交支部前）',
          params: IdParamsSchema,
          body: StatementBodySchema,
          response: { 200: MyReviewSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => setMyStatement(tx, request.params.id, request.body)),
    );
  };
}
