// Routes of branch brands and typical cases (issue 11 points 5–7): brands with their evidence and reviews, cases from
// draft to the showcase, and the two Word documents (a brand's profile, a project's acceptance report).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, IdSchema } from '#contracts/common';
import { UnitQuerySchema } from '#contracts/fusion';
import {
  AddEvidenceBodySchema,
  BrandListQuerySchema,
  BrandSchema,
  BrandSummarySchema,
  CaseListQuerySchema,
  CaseStepBodySchema,
  CreateBrandBodySchema,
  CreateCaseBodySchema,
  PatchBrandBodySchema,
  PatchCaseBodySchema,
  ReturnCaseBodySchema,
  ReviewBodySchema,
  SelectCaseBodySchema,
  ShowcaseCaseSchema,
} from '#contracts/fusion-brand';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { DOCX_TYPE } from '../../core/docx.ts';
import { attachment } from '../../core/upload.ts';
import { reviewBrand } from './fusion.brand-review.ts';
import {
  addEvidence,
  createBrand,
  getBrand,
  listBrands,
  patchBrand,
  removeEvidence,
} from './fusion.brands.ts';
import {
  createCase,
  getCase,
  listCases,
  patchCase,
  publishCase,
  returnCase,
  selectCase,
  showcase,
  submitCase,
} from './fusion.cases.ts';
import { brandDocument, projectDocument } from './fusion.docx.ts';

const tags = ['fusion'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const read = can('fusion.read');
const manage = can('fusion.manage');
const run = can('fusion.project');
const EvidenceParams = z.strictObject({ id: IdSchema, evidenceId: IdSchema });

function sendDocx(reply: FastifyReply, file: { buffer: Buffer; filename: string }) {
  return reply
    .header('content-type', DOCX_TYPE)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

export function fusionBrandRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);
    const tx = <T>(
      request: Parameters<typeof ctxFromRequest>[0],
      fn: (c: ReturnType<typeof ctx>) => Promise<T>,
    ) => inTransaction(ctx(request), fn);

    app.get(
      '/api/fusion/brands',
      {
        config: read,
        schema: {
          tags,
          summary: '支部品牌（含“六有”齐全情况和评审结论）',
          querystring: BrandListQuerySchema,
          response: { 200: z.array(BrandSummarySchema) },
        },
      },
      async (request) => listBrands(ctx(request), request.query),
    );
    app.post(
      '/api/fusion/brands',
      {
        config: run,
        schema: {
          tags,
          summary: '创建支部品牌',
          body: CreateBrandBodySchema,
          response: { 200: BrandSchema },
        },
      },
      async (request) => tx(request, (c) => createBrand(c, request.body)),
    );
    app.get(
      '/api/fusion/brands/:id',
      {
        config: read,
        schema: { tags, summary: '品牌详情', params: IdParamsSchema, response: { 200: BrandSchema } },
      },
      async (request) => getBrand(ctx(request), request.params.id),
    );
    app.patch(
      '/api/fusion/brands/:id',
      {
        config: run,
        schema: {
          tags,
          summary: '完善品牌“六有”',
          params: IdParamsSchema,
          body: PatchBrandBodySchema,
          response: { 200: BrandSchema },
        },
      },
      async (request) => tx(request, (c) => patchBrand(c, request.params.id, request.body)),
    );
    app.post(
      '/api/fusion/brands/:id/evidence',
      {
        config: run,
        schema: {
          tags,
          summary: '为“六有”添加佐证',
          params: IdParamsSchema,
          body: AddEvidenceBodySchema,
          response: { 200: BrandSchema },
        },
      },
      async (request) => tx(request, (c) => addEvidence(c, request.params.id, request.body)),
    );
    app.delete(
      '/api/fusion/brands/:id/evidence/:evidenceId',
      {
        config: run,
        schema: { tags, summary: '移除佐证', params: EvidenceParams, response: { 200: BrandSchema } },
      },
      async (request) => tx(request, (c) => removeEvidence(c, request.params.id, request.params.evidenceId)),
    );
    app.post(
      '/api/fusion/brands/:id/reviews',
      {
        config: manage,
        schema: {
          tags,
          summary: '年度评审（机关党委）',
          params: IdParamsSchema,
          body: ReviewBodySchema,
          response: { 200: BrandSchema },
        },
      },
      async (request) => tx(request, (c) => reviewBrand(c, request.params.id, request.body)),
    );
    app.get(
      '/api/fusion/brands/:id/document',
      { config: read, schema: { tags, summary: '品牌简介（Word）', params: IdParamsSchema } },
      async (request, reply) =>
        sendDocx(reply, await tx(request, (c) => brandDocument(c, request.params.id))),
    );
    app.get(
      '/api/fusion/projects/:id/document',
      {
        config: read,
        schema: { tags, summary: '项目验收报告（Word；未验收的为情况报告）', params: IdParamsSchema },
      },
      async (request, reply) =>
        sendDocx(reply, await tx(request, (c) => projectDocument(c, request.params.id))),
    );

    app.get(
      '/api/fusion/cases',
      {
        config: read,
        schema: {
          tags,
          summary: '典型案例（本单位，各状态）',
          querystring: CaseListQuerySchema,
          response: { 200: z.array(ShowcaseCaseSchema) },
        },
      },
      async (request) => listCases(ctx(request), request.query),
    );
    app.get(
      '/api/fusion/showcase',
      {
        config: read,
        schema: {
          tags,
          summary: '典型案例展示（本单位已发布的和工委推选的）',
          querystring: UnitQuerySchema,
          response: { 200: z.array(ShowcaseCaseSchema) },
        },
      },
      async (request) => showcase(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/fusion/cases',
      {
        config: run,
        schema: {
          tags,
          summary: '撰写典型案例（从项目或品牌生成初稿）',
          body: CreateCaseBodySchema,
          response: { 200: ShowcaseCaseSchema },
        },
      },
      async (request) => tx(request, (c) => createCase(c, request.body)),
    );
    app.get(
      '/api/fusion/cases/:id',
      {
        config: read,
        schema: { tags, summary: '案例详情', params: IdParamsSchema, response: { 200: ShowcaseCaseSchema } },
      },
      async (request) => getCase(ctx(request), request.params.id),
    );
    app.patch(
      '/api/fusion/cases/:id',
      {
        config: run,
        schema: {
          tags,
          summary: '修改案例',
          params: IdParamsSchema,
          body: PatchCaseBodySchema,
          response: { 200: ShowcaseCaseSchema },
        },
      },
      async (request) => tx(request, (c) => patchCase(c, request.params.id, request.body)),
    );
    app.post(
      '/api/fusion/cases/:id/submit',
      {
        config: run,
        schema: {
          tags,
          summary: '提交审核',
          params: IdParamsSchema,
          body: CaseStepBodySchema,
          response: { 200: ShowcaseCaseSchema },
        },
      },
      async (request) => tx(request, (c) => submitCase(c, request.params.id, request.body.version)),
    );
    app.post(
      '/api/fusion/cases/:id/publish',
      {
        config: manage,
        schema: {
          tags,
          summary: '发布到本单位展示',
          params: IdParamsSchema,
          body: CaseStepBodySchema,
          response: { 200: ShowcaseCaseSchema },
        },
      },
      async (request) => tx(request, (c) => publishCase(c, request.params.id, request.body.version)),
    );
    app.post(
      '/api/fusion/cases/:id/return',
      {
        config: manage,
        schema: {
          tags,
          summary: '退回修改（写明意见）',
          params: IdParamsSchema,
          body: ReturnCaseBodySchema,
          response: { 200: ShowcaseCaseSchema },
        },
      },
      async (request) =>
        tx(request, (c) => returnCase(c, request.params.id, request.body.version, request.body.note)),
    );
    app.post(
      '/api/fusion/cases/:id/select',
      {
        config: can('fusion.select'),
        schema: {
          tags,
          summary: '工委推选（在所属各机关展示）或取消推选',
          params: IdParamsSchema,
          body: SelectCaseBodySchema,
          response: { 200: ShowcaseCaseSchema },
        },
      },
      async (request) =>
        tx(request, (c) => selectCase(c, request.params.id, request.body.version, request.body.selected)),
    );
  };
}
