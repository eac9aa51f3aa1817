// Routes of business KPIs (issue 12 point 2): the catalogue, values by period, the import wizard (preview, apply,
// saved mappings, template), push tokens, and the push itself — the one route a business system calls, with its
// token instead of a session (access 'push_token': identity.plugin.ts refuses sessions and asks for a bearer; the
// token is checked here before the body is read).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatedPushTokenSchema,
  CreateKpiBodySchema,
  CreatePushTokenBodySchema,
  ImportPreviewSchema,
  ImportQuerySchema,
  ImportResultSchema,
  KpiMappingSchema,
  KpiSchema,
  KpiValueSchema,
  KpiValuesQuerySchema,
  PatchKpiBodySchema,
  PushBodySchema,
  PushResultSchema,
  PushTokenSchema,
  SaveMappingBodySchema,
} from '#contracts/assessment-kpi';
import { IdParamsSchema, IdSchema, OkSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { oneImportAtATime } from '../transfer/index.ts';
import { requireActor } from './assessment.access.ts';
import {
  createKpi,
  deleteMapping,
  listKpis,
  listKpiValues,
  listMappings,
  patchKpi,
  saveMapping,
} from './assessment.kpi-catalogue.ts';
import { kpiTemplate } from './assessment.kpi-cells.ts';
import { applyKpiImport, previewKpiImport } from './assessment.kpi-import.ts';
import {
  createPushToken,
  listPushTokens,
  type PushCaller,
  pushCaller,
  pushValues,
  revokePushToken,
} from './assessment.kpi-tokens.ts';

const tags = ['assessment'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const UnitQuerySchema = z.strictObject({ unitId: IdSchema });
const callers = new WeakMap<FastifyRequest, PushCaller>();

export function assessmentKpiRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/assessment/kpis',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '本单位的业务指标目录',
          querystring: UnitQuerySchema,
          response: { 200: z.array(KpiSchema) },
        },
      },
      async (request) => listKpis(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/assessment/kpis',
      {
        config: can('assessment.run'),
        schema: { tags, summary: '登记业务指标', body: CreateKpiBodySchema, response: { 200: KpiSchema } },
      },
      async (request) => inTransaction(ctx(request), (tx) => createKpi(tx, request.body)),
    );
    app.patch(
      '/api/assessment/kpis/:id',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '修改业务指标（名称、计量单位、汇总方式、停用）',
          params: IdParamsSchema,
          body: PatchKpiBodySchema,
          response: { 200: KpiSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => patchKpi(tx, request.params.id, request.body)),
    );
    app.get(
      '/api/assessment/kpi-values',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '业务指标数值（按期间、指标、部门筛选）',
          querystring: KpiValuesQuerySchema,
          response: { 200: z.array(KpiValueSchema) },
        },
      },
      async (request) => listKpiValues(ctx(request), request.query),
    );
    app.get(
      '/api/assessment/kpi-import/template',
      { config: can('assessment.read'), schema: { tags, summary: '业务指标导入模板' } },
      async (request, reply) => {
        requireActor(ctx(request));
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment('业务指标导入模板.xlsx'))
          .header('cache-control', 'no-store')
          .send(await kpiTemplate());
      },
    );
    app.post(
      '/api/assessment/kpi-import/preview',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '预览业务指标导入（识别列、套用映射、逐行检查；不写入）',
          querystring: ImportQuerySchema,
          response: { 200: ImportPreviewSchema },
        },
      },
      async (request) => {
        const c = ctx(request);
        requireActor(c);
        const { buffer } = await readUploadedFile(request);
        return previewKpiImport(c, request.query, buffer);
      },
    );
    app.post(
      '/api/assessment/kpi-import',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '导入业务指标（.xlsx 或 .csv；有任何错误则全部不导入；同一部门、指标和期间替换原数值）',
          querystring: ImportQuerySchema,
          response: { 200: ImportResultSchema },
        },
      },
      async (request) => {
        const c = ctx(request);
        requireActor(c);
        const { buffer } = await readUploadedFile(request);
        return oneImportAtATime(c, c.actor?.userId ?? '', () =>
          inTransaction(c, (tx) => applyKpiImport(tx, request.query, buffer)),
        );
      },
    );
    app.get(
      '/api/assessment/kpi-mappings',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '已保存的导入映射',
          querystring: UnitQuerySchema,
          response: { 200: z.array(KpiMappingSchema) },
        },
      },
      async (request) => listMappings(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/assessment/kpi-mappings',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '保存导入映射（同名替换）',
          body: SaveMappingBodySchema,
          response: { 200: KpiMappingSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => saveMapping(tx, request.body)),
    );
    app.delete(
      '/api/assessment/kpi-mappings/:id',
      {
        config: can('assessment.run'),
        schema: { tags, summary: '删除导入映射', params: IdParamsSchema, response: { 200: OkSchema } },
      },
      async (request) =>
        inTransaction(ctx(request), async (tx) => {
          await deleteMapping(tx, request.params.id);
          return { ok: true as const };
        }),
    );
    app.get(
      '/api/assessment/kpi-tokens',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '业务系统推送令牌（不含令牌本身）',
          querystring: UnitQuerySchema,
          response: { 200: z.array(PushTokenSchema) },
        },
      },
      async (request) => listPushTokens(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/assessment/kpi-tokens',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '为业务系统生成推送令牌（令牌只显示这一次）',
          body: CreatePushTokenBodySchema,
          response: { 200: CreatedPushTokenSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return inTransaction(ctx(request), (tx) => createPushToken(tx, request.body));
      },
    );
    app.post(
      '/api/assessment/kpi-tokens/:id/revoke',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '撤销推送令牌（立即失效）',
          params: IdParamsSchema,
          response: { 200: PushTokenSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => revokePushToken(tx, request.params.id)),
    );
    app.post(
      '/api/assessment/kpi-push',
      {
        config: { access: { kind: 'push_token' } },
        // The token is checked before the body is read: an unknown or revoked token costs no parsing.
        onRequest: async (request) => {
          const caller = await pushCaller(services.db, request.headers.authorization);
          if (!caller)
            throw unauthenticated(
              'auth.push_token_invalid',
              '推送令牌无效或已撤销，请向本单位机关党委申请新令牌',
            );
          callers.set(request, caller);
        },
        schema: {
          tags,
          summary: '业务系统推送业务指标数值（Authorization: Bearer 推送令牌；全部成功或全部不写入）',
          body: PushBodySchema,
          response: { 200: PushResultSchema },
        },
      },
      async (request) => {
        const caller = callers.get(request);
        if (!caller) throw unauthenticated('auth.push_token_invalid', '推送令牌无效或已撤销');
        return inTransaction(ctx(request), (tx) => pushValues(tx, caller, request.body));
      },
    );
  };
}
