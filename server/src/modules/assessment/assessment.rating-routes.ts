// Routes of rated indicators (issue 12 points 2 and 10): the organiser's round (set-up, raters by group, open,
// close, progress, reminders) on a cycle it runs, and the rater's own forms under /api/me (any signed-in account,
// its own invitations only).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VersionBodySchema } from '#contracts/assessment';
import {
  AddRatersBodySchema,
  CandidateQuerySchema,
  CreateRoundBodySchema,
  CycleRatingSchema,
  EditRoundBodySchema,
  MyRatingSchema,
  RaterCandidateSchema,
  RatingFormSchema,
  RatingProgressSchema,
  RatingRoundSchema,
  RemindResultSchema,
  SaveAnswersBodySchema,
} from '#contracts/assessment-rating';
import { IdParamsSchema } from '#contracts/common';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { myRatings, ratingForm, saveDraft, submitRating } from './assessment.rating-forms.ts';
import { addRaters, raterCandidates, ratingProgress, remindRaters } from './assessment.rating-raters.ts';
import { createRound, editRound, getCycleRating, moveRound } from './assessment.rating-rounds.ts';

const tags = ['assessment'];
const run = { access: { kind: 'permission', permission: 'assessment.run' } } as const;
const self = { access: { kind: 'signed_in' } } as const;

export function assessmentRatingRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/assessment/cycles/:id/rating',
      {
        config: run,
        schema: {
          tags,
          summary: '考核的评价活动（未建立时为空，并列出可评价的指标）',
          params: IdParamsSchema,
          response: { 200: CycleRatingSchema },
        },
      },
      async (request) => getCycleRating(ctx(request), request.params.id),
    );
    app.post(
      '/api/assessment/cycles/:id/rating',
      {
        config: run,
        schema: {
          tags,
          summary: '为考核建立评价活动（评价指标、各组权重、最少人数、是否匿名、起止日期）',
          params: IdParamsSchema,
          body: CreateRoundBodySchema,
          response: { 200: RatingRoundSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => createRound(tx, request.params.id, request.body)),
    );
    app.patch(
      '/api/assessment/rating-rounds/:id',
      {
        config: run,
        schema: {
          tags,
          summary: '修改评价活动（已有作答后不能取消匿名）',
          params: IdParamsSchema,
          body: EditRoundBodySchema,
          response: { 200: RatingRoundSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => editRound(tx, request.params.id, request.body)),
    );
    for (const [to, summary] of [
      ['open', '开始评价'],
      ['close', '截止评价'],
    ] as const)
      app.post(
        `/api/assessment/rating-rounds/:id/${to}`,
        {
          config: run,
          schema: {
            tags,
            summary,
            params: IdParamsSchema,
            body: VersionBodySchema,
            response: { 200: RatingRoundSchema },
          },
        },
        async (request) =>
          inTransaction(ctx(request), (tx) =>
            moveRound(tx, request.params.id, request.body.version, to === 'open' ? 'open' : 'closed'),
          ),
      );
    app.get(
      '/api/assessment/rating-rounds/:id/candidates',
      {
        config: run,
        schema: {
          tags,
          summary: '可选的评价人（考核所涉单位的党员和工作人员账号）',
          params: IdParamsSchema,
          querystring: CandidateQuerySchema,
          response: { 200: z.array(RaterCandidateSchema) },
        },
      },
      async (request) => raterCandidates(ctx(request), request.params.id, request.query.q),
    );
    app.post(
      '/api/assessment/rating-rounds/:id/raters',
      {
        config: run,
        schema: {
          tags,
          summary: '按组添加评价人（默认评价除本人所在组织外的全部对象）',
          params: IdParamsSchema,
          body: AddRatersBodySchema,
          response: { 200: RatingProgressSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => addRaters(tx, request.params.id, request.body)),
    );
    app.get(
      '/api/assessment/rating-rounds/:id/progress',
      {
        config: run,
        schema: {
          tags,
          summary: '评价进度：各组人数、谁尚未提交（不显示任何人的评分）',
          params: IdParamsSchema,
          response: { 200: RatingProgressSchema },
        },
      },
      async (request) => ratingProgress(ctx(request), request.params.id),
    );
    app.post(
      '/api/assessment/rating-rounds/:id/remind',
      {
        config: run,
        schema: {
          tags,
          summary: '提醒尚未提交的评价人（通知中心）',
          params: IdParamsSchema,
          response: { 200: RemindResultSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => remindRaters(tx, request.params.id)),
    );

    app.get(
      '/api/me/ratings',
      {
        config: self,
        schema: { tags, summary: '我的待评价', response: { 200: z.array(MyRatingSchema) } },
      },
      async (request) => myRatings(ctx(request)),
    );
    app.get(
      '/api/me/ratings/:id',
      {
        config: self,
        schema: {
          tags,
          summary: '我的评价表（评价对象、指标、已保存的评分）',
          params: IdParamsSchema,
          response: { 200: RatingFormSchema },
        },
      },
      async (request) => ratingForm(ctx(request), request.params.id),
    );
    app.put(
      '/api/me/ratings/:id',
      {
        config: self,
        schema: {
          tags,
          summary: '保存评价草稿',
          params: IdParamsSchema,
          body: SaveAnswersBodySchema,
          response: { 200: RatingFormSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => saveDraft(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/me/ratings/:id/submit',
      {
        config: self,
        schema: {
          tags,
          summary: '提交评价（评完全部对象和指标）',
          params: IdParamsSchema,
          body: SaveAnswersBodySchema,
          response: { 200: RatingFormSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => submitRating(tx, request.params.id, request.body)),
    );
  };
}
