// Routes of results that are used (issue 12 points 5 and 7): the owner's grade scales (read by its readers, kept by
// whoever runs its cycles), calibrations of an open cycle's scores by that same officer, and the appraisal export.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalibrationParamsSchema,
  CalibrationSchema,
  GradeScaleQuerySchema,
  GradeScaleSchema,
  RemoveCalibrationQuerySchema,
  SaveGradeScaleBodySchema,
  SetCalibrationBodySchema,
} from '#contracts/assessment-outcome';
import { IdParamsSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, XLSX_TYPE } from '../../core/upload.ts';
import { listScales, removeCalibration, saveScale, setCalibration } from './assessment.outcome.ts';
import { appraisalXlsx } from './assessment.outcome-export.ts';

const tags = ['assessment'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;

export function assessmentOutcomeRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/assessment/grade-scales',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '考核等次设置（各考核层级的等次分数线和优秀比例；未设置时为默认等次）',
          querystring: GradeScaleQuerySchema,
          response: { 200: z.array(GradeScaleSchema) },
        },
      },
      async (request) => listScales(ctx(request), request.query.unitId),
    );
    app.put(
      '/api/assessment/grade-scales',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '保存考核等次设置（优秀比例以外的按排名顺延到下一等次）',
          body: SaveGradeScaleBodySchema,
          response: { 200: GradeScaleSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => saveScale(tx, request.body)),
    );
    app.put(
      '/api/assessment/cycles/:id/calibrations/:subjectId',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '校准一个考核对象的得分（须写明理由；考核结束后不能校准）',
          params: CalibrationParamsSchema,
          body: SetCalibrationBodySchema,
          response: { 200: CalibrationSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) =>
          setCalibration(tx, request.params.id, request.params.subjectId, request.body),
        ),
    );
    app.delete(
      '/api/assessment/cycles/:id/calibrations/:subjectId',
      {
        config: can('assessment.run'),
        schema: {
          tags,
          summary: '撤销校准（恢复计算得分）',
          params: CalibrationParamsSchema,
          querystring: RemoveCalibrationQuerySchema,
          response: { 200: z.object({ removed: z.literal(true) }) },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) =>
          removeCalibration(tx, request.params.id, request.params.subjectId, request.query.version),
        ),
    );
    app.get(
      '/api/assessment/cycles/:id/appraisal.xlsx',
      {
        config: can('assessment.read'),
        schema: {
          tags,
          summary: '导出年度考核结果（Excel：名次、得分、等次、校准及理由）',
          params: IdParamsSchema,
        },
      },
      async (request, reply) => {
        const file = await inTransaction(ctx(request), (tx) => appraisalXlsx(tx, request.params.id));
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(file.filename))
          .header('cache-control', 'no-store')
          .send(file.buffer);
      },
    );
  };
}
