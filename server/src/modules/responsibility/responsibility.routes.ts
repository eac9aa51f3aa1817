// Routes of the lists, duties, templates, work points and the coverage view. People (handover, liaison, 述职评议):
// responsibility.people.routes.ts; one's own duties: responsibility.me.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import {
  AdoptTemplateBodySchema,
  CreateItemBodySchema,
  CreateListBodySchema,
  DecideExemptionBodySchema,
  ExemptionBodySchema,
  ExemptionSchema,
  ItemDetailSchema,
  ItemSchema,
  ListDetailSchema,
  ListQuerySchema,
  ListSchema,
  PatchItemBodySchema,
  PatchListBodySchema,
  ProgressReportSchema,
  PublishTemplateBodySchema,
  RecordKindInfoSchema,
  ReportBodySchema,
  TemplateChangesSchema,
  TemplateSchema,
  TemplateSummarySchema,
  WorkPointBodySchema,
  WorkPointPatchSchema,
  WorkPointQuerySchema,
  WorkPointSchema,
} from '#contracts/responsibility';
import { CoverageQuerySchema, CoverageSchema } from '#contracts/responsibility-coverage';
import { TakeUpCandidatesSchema } from '#contracts/responsibility-me';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { coverage } from './responsibility.coverage.ts';
import { PLANNED_RECORD_KINDS } from './responsibility.default-template.ts';
import { decideExemption, requestExemption } from './responsibility.exemptions.ts';
import { createItem, getItemDetail, patchItem } from './responsibility.items.ts';
import {
  adoptTemplate,
  createList,
  getList,
  listLists,
  listTemplateChanges,
  patchList,
} from './responsibility.lists.ts';
import { allRecordKinds } from './responsibility.registry.ts';
import { reportProgress } from './responsibility.reports.ts';
import { takeUpCandidates } from './responsibility.takeup.ts';
import {
  createWorkPoint,
  getTemplate,
  listTemplates,
  listWorkPoints,
  publishTemplate,
  updateWorkPoint,
} from './responsibility.templates.ts';

const tags = ['responsibility'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const read = can('responsibility.read');
const manage = can('responsibility.manage');
const template = can('responsibility.template');
const signedIn = { access: { kind: 'signed_in' } } as const;

export function responsibilityRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    // Templates and work points of the work committee --------------------------------------------------------------
    app.get(
      '/api/responsibility/templates',
      {
        config: read,
        schema: {
          tags,
          summary: '责任清单模板（各版本）',
          response: { 200: z.array(TemplateSummarySchema) },
        },
      },
      async (request) => listTemplates(ctx(request)),
    );
    app.get(
      '/api/responsibility/templates/:id',
      {
        config: read,
        schema: {
          tags,
          summary: '模板内容及与上一版的差异',
          params: IdParamsSchema,
          response: { 200: TemplateSchema },
        },
      },
      async (request) => getTemplate(ctx(request), request.params.id),
    );
    app.post(
      '/api/responsibility/templates',
      {
        config: template,
        schema: {
          tags,
          summary: '发布新版模板',
          body: PublishTemplateBodySchema,
          response: { 200: TemplateSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => publishTemplate(tx, request.body)),
    );
    app.get(
      '/api/responsibility/work-points',
      {
        config: read,
        schema: {
          tags,
          summary: '工委年度工作要点',
          querystring: WorkPointQuerySchema,
          response: { 200: z.array(WorkPointSchema) },
        },
      },
      async (request) => listWorkPoints(ctx(request), request.query.year),
    );
    app.post(
      '/api/responsibility/work-points',
      {
        config: template,
        schema: {
          tags,
          summary: '新增工作要点',
          body: WorkPointBodySchema,
          response: { 200: WorkPointSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createWorkPoint(tx, request.body)),
    );
    app.patch(
      '/api/responsibility/work-points/:id',
      {
        config: template,
        schema: {
          tags,
          summary: '修改工作要点',
          params: IdParamsSchema,
          body: WorkPointPatchSchema,
          response: { 200: WorkPointSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => updateWorkPoint(tx, request.params.id, request.body)),
    );
    app.get(
      '/api/responsibility/record-kinds',
      {
        config: read,
        schema: {
          tags,
          summary: '可自动计入职责的记录类型',
          response: { 200: z.array(RecordKindInfoSchema) },
        },
      },
      async () => {
        const registered = allRecordKinds().map((k) => ({
          key: k.key,
          label: k.label.zh,
          labelEn: k.label.en,
        }));
        const planned = Object.entries(PLANNED_RECORD_KINDS)
          .filter(([key]) => !registered.some((r) => r.key === key))
          .map(([key, label]) => ({ key, label: label.zh, labelEn: label.en }));
        return [...registered, ...planned];
      },
    );

    // Lists ----------------------------------------------------------------------------------------------------------
    app.get(
      '/api/responsibility/lists',
      {
        config: read,
        schema: {
          tags,
          summary: '责任清单',
          querystring: ListQuerySchema,
          response: { 200: z.array(ListSchema) },
        },
      },
      async (request) => listLists(ctx(request), request.query),
    );
    app.post(
      '/api/responsibility/lists',
      {
        config: manage,
        schema: {
          tags,
          summary: '建立责任清单（可采用模板）',
          body: CreateListBodySchema,
          response: { 200: ListDetailSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createList(tx, request.body)),
    );
    app.get(
      '/api/responsibility/lists/:id',
      {
        config: read,
        schema: {
          tags,
          summary: '责任清单及其职责',
          params: IdParamsSchema,
          response: { 200: ListDetailSchema },
        },
      },
      async (request) => getList(ctx(request), request.params.id),
    );
    app.patch(
      '/api/responsibility/lists/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改或发布责任清单',
          params: IdParamsSchema,
          body: PatchListBodySchema,
          response: { 200: ListDetailSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => patchList(tx, request.params.id, request.body)),
    );
    app.get(
      '/api/responsibility/lists/:id/template-changes',
      {
        config: read,
        schema: {
          tags,
          summary: '新版模板的变化',
          params: IdParamsSchema,
          response: { 200: TemplateChangesSchema },
        },
      },
      async (request) => listTemplateChanges(ctx(request), request.params.id),
    );
    app.post(
      '/api/responsibility/lists/:id/adopt-template',
      {
        config: manage,
        schema: {
          tags,
          summary: '采用新版模板',
          params: IdParamsSchema,
          body: AdoptTemplateBodySchema,
          response: { 200: ListDetailSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => adoptTemplate(tx, request.params.id, request.body)),
    );

    app.get(
      '/api/responsibility/lists/:id/candidates',
      {
        config: read,
        schema: {
          tags,
          summary: '可承接的上级要点',
          params: IdParamsSchema,
          response: { 200: TakeUpCandidatesSchema },
        },
      },
      async (request) => takeUpCandidates(ctx(request), request.params.id),
    );

    // Items ----------------------------------------------------------------------------------------------------------
    app.post(
      '/api/responsibility/lists/:id/items',
      {
        config: manage,
        schema: {
          tags,
          summary: '新增职责（或承接上级要点）',
          params: IdParamsSchema,
          body: CreateItemBodySchema,
          response: { 200: ItemSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createItem(tx, request.params.id, request.body)),
    );
    app.get(
      '/api/responsibility/items/:id',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '职责详情（周期、进度、佐证、豁免、承接情况）',
          params: IdParamsSchema,
          response: { 200: ItemDetailSchema },
        },
      },
      async (request) => getItemDetail(ctx(request), request.params.id),
    );
    app.patch(
      '/api/responsibility/items/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改职责',
          params: IdParamsSchema,
          body: PatchItemBodySchema,
          response: { 200: ItemSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => patchItem(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/responsibility/items/:id/exemptions',
      {
        config: manage,
        schema: {
          tags,
          summary: '申请豁免',
          params: IdParamsSchema,
          body: ExemptionBodySchema,
          response: { 200: ExemptionSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => requestExemption(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/responsibility/exemptions/:id/decide',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '审批豁免申请（指定审批人）',
          params: IdParamsSchema,
          body: DecideExemptionBodySchema,
          response: { 200: ExemptionSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => decideExemption(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/responsibility/periods/:id/reports',
      {
        config: can('responsibility.report'),
        schema: {
          tags,
          summary: '报告进度（管辖范围内的职责）',
          params: IdParamsSchema,
          body: ReportBodySchema,
          response: { 200: ProgressReportSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => reportProgress(tx, request.params.id, request.body, 'scoped')),
    );
    app.get(
      '/api/responsibility/coverage',
      {
        config: read,
        schema: {
          tags,
          summary: '工作要点覆盖情况',
          querystring: CoverageQuerySchema,
          response: { 200: CoverageSchema },
        },
      },
      async (request) => coverage(ctx(request), request.query),
    );
  };
}
