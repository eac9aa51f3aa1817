import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, IdSchema, VersionSchema } from '#contracts/common';
import {
  AnswerWarningSchema,
  CreateExceptionSchema,
  ExceptionSchema,
  IndexFormulaSchema,
  IndexPartBasisSchema,
  IndexValueSchema,
  LevelChangeSchema,
  OverviewSchema,
  PutIndexFormulaSchema,
  PutWarningConfigSchema,
  WarningConfigSchema,
  WarningDetailSchema,
  WarningListQuerySchema,
  WarningSchema,
} from '#contracts/warning';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { isInScope, scopePaths } from '../identity/index.ts';
import { findOrgan, findPartyOrgById } from '../org/index.ts';
import {
  configView,
  draftFormula,
  listFormulas,
  publishFormula,
  putConfig,
  putFormula,
} from './warning.config.ts';
import { evaluateOrgan } from './warning.evaluate.ts';
import { indexPartBasis, indexValue, levelHistory, overview } from './warning.overview.ts';
import {
  answerWarning,
  createException,
  getWarning,
  listExceptions,
  listWarnings,
  revokeException,
} from './warning.service.ts';

const tags = ['warning'];
const read = { access: { kind: 'permission', permission: 'warning.read' } } as const;
const answer = { access: { kind: 'permission', permission: 'warning.answer' } } as const;
const manage = { access: { kind: 'permission', permission: 'warning.manage' } } as const;
const configure = { access: { kind: 'permission', permission: 'warning.configure' } } as const;

const PeriodQuerySchema = z.strictObject({
  periodKey: z
    .string()
    .regex(/^(19|20)\d{2}-Q[1-4]$/, '季度格式应为 2026-Q3')
    .optional(),
});
const OverviewQuerySchema = PeriodQuerySchema.extend({ unitId: IdSchema.optional() });
const OrgParamsSchema = z.strictObject({ orgId: IdSchema });
const PartParamsSchema = z.strictObject({
  orgId: IdSchema,
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '组成项标识不正确'),
});
const EvaluateBodySchema = z.strictObject({ unitId: IdSchema, periodKey: PeriodQuerySchema.shape.periodKey });
const EvaluationSchema = z.object({
  unitId: z.string(),
  periodKey: z.string(),
  organisations: z.number(),
  raised: z.number(),
  cleared: z.number(),
  climbed: z.number(),
  levelChanges: z.number(),
});

/** Whether the actor reads anything of the organ rooted at `rootPath` (a role held below the root touches it). */
function touches(ctx: { actor: Parameters<typeof scopePaths>[0] }, rootPath: string): boolean {
  const paths = scopePaths(ctx.actor, 'warning.read');
  return paths === 'all' || paths.some((p) => p.startsWith(rootPath));
}

export function warningRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctxOf = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/warnings/overview',
      {
        config: read,
        schema: {
          tags,
          summary: '一张图：各组织预警等级、融合度与预警',
          querystring: OverviewQuerySchema,
          response: { 200: OverviewSchema },
        },
      },
      async (request) => overview(ctxOf(request), request.query),
    );
    app.get(
      '/api/warnings',
      {
        config: read,
        schema: {
          tags,
          summary: '预警列表',
          querystring: WarningListQuerySchema,
          response: { 200: WarningSchema.array() },
        },
      },
      async (request) => listWarnings(ctxOf(request), request.query),
    );
    app.get(
      '/api/warnings/config',
      { config: read, schema: { tags, summary: '预警规则与升级链', response: { 200: WarningConfigSchema } } },
      async (request) => configView(ctxOf(request)),
    );
    app.put(
      '/api/warnings/config',
      {
        config: configure,
        schema: {
          tags,
          summary: '设置预警规则与升级链',
          body: PutWarningConfigSchema,
          response: { 200: WarningConfigSchema },
        },
      },
      async (request) => inTransaction(ctxOf(request), (tx) => putConfig(tx, request.body)),
    );
    app.post(
      '/api/warnings/evaluate',
      {
        config: manage,
        schema: {
          tags,
          summary: '立即评估一个机关的融合度与预警',
          body: EvaluateBodySchema,
          response: { 200: EvaluationSchema },
        },
      },
      async (request) => {
        const ctx = ctxOf(request);
        const organ = await findOrgan(ctx.db, request.body.unitId);
        const root = organ?.rootPartyOrgId ? await findPartyOrgById(ctx.db, organ.rootPartyOrgId) : null;
        // Another organ is not found; one's own organ, held below its root, is refused.
        if (!root || (!isInScope(ctx.actor, 'warning.read', root.path) && !touches(ctx, root.path)))
          throw notFound('warning.organ_not_found', '该机关不存在或不在您的管辖范围内');
        if (!isInScope(ctx.actor, 'warning.manage', root.path))
          throw forbidden('warning.evaluate_forbidden', '只有本机关党委或工委的工作人员可以发起评估');
        return evaluateOrgan(ctx, request.body.unitId, request.body.periodKey);
      },
    );
    app.get(
      '/api/warnings/exceptions',
      {
        config: read,
        schema: {
          tags,
          summary: '预警例外',
          querystring: z.strictObject({ unitId: IdSchema.optional() }),
          response: { 200: ExceptionSchema.array() },
        },
      },
      async (request) => listExceptions(ctxOf(request), request.query.unitId),
    );
    app.post(
      '/api/warnings/exceptions',
      {
        config: manage,
        schema: {
          tags,
          summary: '批准预警例外',
          body: CreateExceptionSchema,
          response: { 200: ExceptionSchema },
        },
      },
      async (request) => inTransaction(ctxOf(request), (tx) => createException(tx, request.body)),
    );
    app.post(
      '/api/warnings/exceptions/:id/revoke',
      {
        config: manage,
        schema: { tags, summary: '撤销预警例外', params: IdParamsSchema, response: { 200: ExceptionSchema } },
      },
      async (request) => inTransaction(ctxOf(request), (tx) => revokeException(tx, request.params.id)),
    );
    app.get(
      '/api/warnings/levels/:orgId',
      {
        config: read,
        schema: {
          tags,
          summary: '组织预警等级变化记录',
          params: OrgParamsSchema,
          response: { 200: LevelChangeSchema.array() },
        },
      },
      async (request) => levelHistory(ctxOf(request), request.params.orgId),
    );
    app.get(
      '/api/warnings/:id',
      {
        config: read,
        schema: {
          tags,
          summary: '预警详情：规则、数据、期限、如何恢复绿色、处理经过',
          params: IdParamsSchema,
          response: { 200: WarningDetailSchema },
        },
      },
      async (request) => getWarning(ctxOf(request), request.params.id),
    );
    app.post(
      '/api/warnings/:id/answer',
      {
        config: answer,
        schema: {
          tags,
          summary: '答复预警（说明、整改计划或整改事项）',
          params: IdParamsSchema,
          body: AnswerWarningSchema,
          response: { 200: WarningDetailSchema },
        },
      },
      async (request) =>
        inTransaction(ctxOf(request), (tx) => answerWarning(tx, request.params.id, request.body)),
    );

    app.get(
      '/api/fusion-index/formulas',
      {
        config: read,
        schema: { tags, summary: '融合度公式（各版本）', response: { 200: IndexFormulaSchema.array() } },
      },
      async (request) => inTransaction(ctxOf(request), (tx) => listFormulas(tx)),
    );
    app.post(
      '/api/fusion-index/formulas/draft',
      {
        config: configure,
        schema: { tags, summary: '起草融合度公式新版本', response: { 200: IndexFormulaSchema } },
      },
      async (request) => inTransaction(ctxOf(request), (tx) => draftFormula(tx)),
    );
    app.put(
      '/api/fusion-index/formulas/:id',
      {
        config: configure,
        schema: {
          tags,
          summary: '修改融合度公式草稿',
          params: IdParamsSchema,
          body: PutIndexFormulaSchema,
          response: { 200: IndexFormulaSchema },
        },
      },
      async (request) =>
        inTransaction(ctxOf(request), (tx) => putFormula(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/fusion-index/formulas/:id/publish',
      {
        config: configure,
        schema: {
          tags,
          summary: '发布融合度公式',
          params: IdParamsSchema,
          body: z.strictObject({ version: VersionSchema }),
          response: { 200: IndexFormulaSchema },
        },
      },
      async (request) =>
        inTransaction(ctxOf(request), (tx) => publishFormula(tx, request.params.id, request.body.version)),
    );
    app.get(
      '/api/fusion-index/:orgId',
      {
        config: read,
        schema: {
          tags,
          summary: '组织的融合度及其组成',
          params: OrgParamsSchema,
          querystring: PeriodQuerySchema,
          response: { 200: IndexValueSchema },
        },
      },
      async (request) => indexValue(ctxOf(request), request.params.orgId, request.query.periodKey),
    );
    app.get(
      '/api/fusion-index/:orgId/parts/:key',
      {
        config: read,
        schema: {
          tags,
          summary: '融合度组成项的依据记录',
          params: PartParamsSchema,
          querystring: PeriodQuerySchema,
          response: { 200: IndexPartBasisSchema },
        },
      },
      async (request) => {
        const ctx = ctxOf(request);
        const key = request.query.periodKey ?? (await indexValue(ctx, request.params.orgId)).periodKey;
        return indexPartBasis(ctx, request.params.orgId, key, request.params.key);
      },
    );
  };
}
