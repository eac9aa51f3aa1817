// Routes of the fusion lists (issue 11 points 1, 2 and 7): needs, resources, the matching board and the three
// lists as .xlsx (partner organisations are the org module's, /api/partner-orgs). Who may do what: contracts/identity.ts and fusion.access.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, OkSchema } from '#contracts/common';
import {
  BoardSchema,
  CreateNeedBodySchema,
  CreateResourceBodySchema,
  DeclinePairBodySchema,
  NeedListQuerySchema,
  NeedSchema,
  PatchNeedBodySchema,
  PatchResourceBodySchema,
  ResourceListQuerySchema,
  ResourceSchema,
  UnitQuerySchema,
} from '#contracts/fusion';
import { AcceptPairBodySchema, ProjectListQuerySchema, ProjectSchema } from '#contracts/fusion-project';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { oneImportAtATime } from '../transfer/index.ts';
import { actorOf, organOrgs } from './fusion.access.ts';
import { acceptPair, declinePair, getBoard } from './fusion.board.ts';
import { exportNeeds, exportProjects, exportResources } from './fusion.export.ts';
import { importNeeds, importResources } from './fusion.import.ts';
import { needsTemplate, resourcesTemplate } from './fusion.import-columns.ts';
import { createNeed, listNeeds, patchNeed } from './fusion.needs.ts';
import { createResource, listResources, patchResource } from './fusion.resources.ts';

const tags = ['fusion'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const read = can('fusion.read');
const manage = can('fusion.manage');
const run = can('fusion.project');

function send(reply: FastifyReply, file: { buffer: Buffer; filename: string }) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

export function fusionRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/fusion/orgs',
      {
        config: read,
        schema: {
          tags,
          summary:
            '本单位可牵头、联建或结对的党组织（党委、党总支、党支部），及结对共建的其他单位党组织，供联合开展和项目选择',
          querystring: UnitQuerySchema,
          response: {
            200: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                kind: z.string(),
                path: z.string(),
                unitId: z.string(),
                /** Of another organ paired with this one (结对共建). */
                organName: z.string().optional(),
              }),
            ),
          },
        },
      },
      async (request) => organOrgs(ctx(request), request.query.unitId),
    );
    app.get(
      '/api/fusion/needs',
      {
        config: read,
        schema: {
          tags,
          summary: '需求清单（各处室的业务难题）',
          querystring: NeedListQuerySchema,
          response: { 200: z.array(NeedSchema) },
        },
      },
      async (request) => listNeeds(ctx(request), request.query),
    );
    app.get(
      '/api/fusion/needs/export',
      { config: read, schema: { tags, summary: '导出需求清单（Excel）', querystring: NeedListQuerySchema } },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => exportNeeds(tx, request.query))),
    );
    app.post(
      '/api/fusion/needs',
      {
        config: manage,
        schema: { tags, summary: '登记需求', body: CreateNeedBodySchema, response: { 200: NeedSchema } },
      },
      async (request) => inTransaction(ctx(request), (tx) => createNeed(tx, request.body)),
    );
    app.patch(
      '/api/fusion/needs/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改需求，或销号（写明原因）、重新打开',
          params: IdParamsSchema,
          body: PatchNeedBodySchema,
          response: { 200: NeedSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => patchNeed(tx, request.params.id, request.body)),
    );

    app.get(
      '/api/fusion/resources',
      {
        config: read,
        schema: {
          tags,
          summary: '资源清单（党员专长、先锋岗、攻坚小组、共建资源）',
          querystring: ResourceListQuerySchema,
          response: { 200: z.array(ResourceSchema) },
        },
      },
      async (request) => listResources(ctx(request), request.query),
    );
    app.get(
      '/api/fusion/resources/export',
      {
        config: read,
        schema: { tags, summary: '导出资源清单（Excel）', querystring: ResourceListQuerySchema },
      },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => exportResources(tx, request.query))),
    );
    app.post(
      '/api/fusion/resources',
      {
        config: run,
        schema: {
          tags,
          summary: '登记资源',
          body: CreateResourceBodySchema,
          response: { 200: ResourceSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createResource(tx, request.body)),
    );
    app.patch(
      '/api/fusion/resources/:id',
      {
        config: run,
        schema: {
          tags,
          summary: '修改或停用资源',
          params: IdParamsSchema,
          body: PatchResourceBodySchema,
          response: { 200: ResourceSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchResource(tx, request.params.id, request.body)),
    );

    app.get(
      '/api/fusion/board',
      {
        config: read,
        schema: {
          tags,
          summary: '匹配看板：待认领需求、可用资源和推荐配对（附理由）',
          querystring: UnitQuerySchema,
          response: { 200: BoardSchema },
        },
      },
      async (request) => getBoard(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/fusion/board/accept',
      {
        config: manage,
        schema: {
          tags,
          summary: '认领配对：生成项目草案（论证阶段）',
          body: AcceptPairBodySchema,
          response: { 200: ProjectSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => acceptPair(tx, request.body)),
    );
    app.post(
      '/api/fusion/board/decline',
      {
        config: manage,
        schema: {
          tags,
          summary: '婉拒配对（情况有变化前不再推荐）',
          body: DeclinePairBodySchema,
          response: { 200: OkSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => declinePair(tx, request.body)),
    );

    const ImportResultSchema = z.object({ created: z.number().int(), updated: z.number().int() });
    const importRoute = (
      path: string,
      config: typeof manage | typeof run,
      summary: string,
      fn: (
        c: ReturnType<typeof ctx>,
        unitId: string,
        buf: Buffer,
      ) => Promise<{ created: number; updated: number }>,
    ) =>
      app.post(
        path,
        {
          config,
          schema: { tags, summary, querystring: UnitQuerySchema, response: { 200: ImportResultSchema } },
        },
        async (request) => {
          const c = ctx(request);
          const actor = actorOf(c).actor;
          const { buffer } = await readUploadedFile(request);
          return oneImportAtATime(c, actor.userId, () => fn(c, request.query.unitId, buffer));
        },
      );
    importRoute(
      '/api/fusion/needs/import',
      manage,
      '从 Excel 导入需求清单（有任何错误则全部不导入；同名需求更新）',
      importNeeds,
    );
    importRoute(
      '/api/fusion/resources/import',
      run,
      '从 Excel 导入资源清单（有任何错误则全部不导入；同名资源更新）',
      importResources,
    );
    app.get(
      '/api/fusion/needs/template',
      { config: read, schema: { tags, summary: '需求清单导入模板' } },
      async (_request, reply) =>
        send(reply, { buffer: await needsTemplate(), filename: '需求清单导入模板.xlsx' }),
    );
    app.get(
      '/api/fusion/resources/template',
      { config: read, schema: { tags, summary: '资源清单导入模板' } },
      async (_request, reply) =>
        send(reply, { buffer: await resourcesTemplate(), filename: '资源清单导入模板.xlsx' }),
    );
    app.get(
      '/api/fusion/projects/export',
      {
        config: read,
        schema: { tags, summary: '导出项目清单（Excel）', querystring: ProjectListQuerySchema },
      },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => exportProjects(tx, request.query))),
    );
  };
}
