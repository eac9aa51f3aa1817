// Routes of assessment (issue 12): the catalogue of measures, indicator systems (designer, publish, derive), cycles
// (create, compute) and their results down to the records.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateCycleBodySchema,
  CreateSystemBodySchema,
  CycleSchema,
  IndicatorBasisSchema,
  IndicatorKeySchema,
  MeasureSchema,
  ResultDetailSchema,
  ResultRowSchema,
  SaveSystemBodySchema,
  SystemSchema,
  SystemSummarySchema,
  VersionBodySchema,
} from '#contracts/assessment';
import { IdParamsSchema, IdSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { requireActor } from './assessment.access.ts';
import { allMeasures, measureView } from './assessment.catalogue.ts';
import { createCycle, listCycles, runCompute } from './assessment.cycles.ts';
import { getCycle, getResult, indicatorBasis, listResults } from './assessment.results.ts';
import {
  createSystem,
  deriveSystem,
  getSystem,
  listSystems,
  publishSystem,
  saveSystem,
} from './assessment.systems.ts';

const tags = ['assessment'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const UnitQuerySchema = z.strictObject({ unitId: IdSchema });
const ResultParamsSchema = z.strictObject({ id: IdSchema, subjectId: IdSchema });
const BasisParamsSchema = ResultParamsSchema.extend({ key: IndicatorKeySchema });

export function assessmentRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/assessment/measures',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '可自动计算的度量（各模块登记；不含登录、在线时长、点击和打卡）',
          response: { 200: z.array(MeasureSchema) },
        },
      },
      async (request) => {
        requireActor(ctx(request));
        return allMeasures().map(measureView);
      },
    );
    app.get(
      '/api/assessment/systems',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '本单位和机关工委的指标体系（各版本）',
          querystring: UnitQuerySchema,
          response: { 200: z.array(SystemSummarySchema) },
        },
      },
      async (request) => listSystems(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/assessment/systems',
      {
        config: can('assessment.design'),
        schema: {
          tags,
          summary: '新建指标体系（草稿）',
          body: CreateSystemBodySchema,
          response: { 200: SystemSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createSystem(tx, request.body)),
    );
    app.get(
      '/api/assessment/systems/:id',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '指标体系（指标树、检查结果、党建与业务权重）',
          params: IdParamsSchema,
          response: { 200: SystemSchema },
        },
      },
      async (request) => getSystem(ctx(request), request.params.id),
    );
    app.patch(
      '/api/assessment/systems/:id',
      {
        config: can('assessment.design'),
        schema: {
          tags,
          summary: '保存指标体系草稿',
          params: IdParamsSchema,
          body: SaveSystemBodySchema,
          response: { 200: SystemSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => saveSystem(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/assessment/systems/:id/publish',
      {
        config: can('assessment.design'),
        schema: {
          tags,
          summary: '发布指标体系（发布后不再修改）',
          params: IdParamsSchema,
          body: VersionBodySchema,
          response: { 200: SystemSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => publishSystem(tx, request.params.id, request.body.version)),
    );
    app.post(
      '/api/assessment/systems/:id/derive',
      {
        config: can('assessment.design'),
        schema: {
          tags,
          summary: '以已发布的版本为基础生成新版本（或本单位采用机关工委的体系）',
          params: IdParamsSchema,
          body: z.strictObject({ ownerUnitId: IdSchema.optional() }),
          response: { 200: SystemSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => deriveSystem(tx, request.params.id, request.body.ownerUnitId)),
    );
    app.get(
      '/api/assessment/cycles',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '考核（本单位组织的，和机关工委对各单位的）',
          querystring: UnitQuerySchema,
          response: { 200: z.array(CycleSchema) },
        },
      },
      async (request) => listCycles(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/assessment/cycles',
      {
        config: can('assessment.run'),
        schema: { tags, summary: '建立考核', body: CreateCycleBodySchema, response: { 200: CycleSchema } },
      },
      async (request) => inTransaction(ctx(request), (tx) => createCycle(tx, request.body)),
    );
    app.get(
      '/api/assessment/cycles/:id',
      {
        config: can('assessment.read'),
        schema: { tags, summary: '一项考核', params: IdParamsSchema, response: { 200: CycleSchema } },
      },
      async (request) => getCycle(ctx(request), request.params.id),
    );
    app.post(
      '/api/assessment/cycles/:id/compute',
      {
        config: can('assessment.run'),
        schema: { tags, summary: '计算考核结果', params: IdParamsSchema, response: { 200: CycleSchema } },
      },
      async (request) => inTransaction(ctx(request), (tx) => runCompute(tx, request.params.id)),
    );
    app.get(
      '/api/assessment/cycles/:id/results',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '考核结果和排名',
          params: IdParamsSchema,
          response: { 200: z.array(ResultRowSchema) },
        },
      },
      async (request) => listResults(ctx(request), request.params.id),
    );
    app.get(
      '/api/assessment/cycles/:id/results/:subjectId',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '一个考核对象的得分（逐项说明）',
          params: ResultParamsSchema,
          response: { 200: ResultDetailSchema },
        },
      },
      async (request) => getResult(ctx(request), request.params.id, request.params.subjectId),
    );
    app.get(
      '/api/assessment/cycles/:id/results/:subjectId/indicators/:key',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '一项指标背后的记录',
          params: BasisParamsSchema,
          response: { 200: IndicatorBasisSchema },
        },
      },
      async (request) =>
        indicatorBasis(ctx(request), request.params.id, request.params.subjectId, request.params.key),
    );
  };
}
