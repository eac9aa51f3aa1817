// Routes of fusion projects (issue 11 point 3): the list and a project in full, its edits, its team, the steps of
// its lifecycle (each with the permission of the one who takes it), milestones, KPIs and linked branch records; and
// a member's own projects and milestones (signed in, for oneself).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, IdSchema, OkSchema } from '#contracts/common';
import {
  AcceptProjectBodySchema,
  CreateKpiBodySchema,
  CreateMilestoneBodySchema,
  CreateProjectBodySchema,
  KpiSchema,
  LinkedRecordSchema,
  LinkRecordsBodySchema,
  MilestoneSchema,
  MyFusionSchema,
  PatchKpiBodySchema,
  PatchMilestoneBodySchema,
  PatchProjectBodySchema,
  ProjectListQuerySchema,
  ProjectSchema,
  ProjectSummarySchema,
  PutTeamBodySchema,
  RecordCandidatesQuerySchema,
  StepBodySchema,
  TerminateProjectBodySchema,
} from '#contracts/fusion-project';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { acceptProject, approveProject, startProject, terminateProject } from './fusion.lifecycle.ts';
import { myFusion } from './fusion.me.ts';
import { createProject, patchProject, putTeam } from './fusion.projects.ts';
import { getProject, listProjects } from './fusion.projects-read.ts';
import {
  createKpi,
  createMilestone,
  deleteKpi,
  deleteMilestone,
  linkRecords,
  patchKpi,
  patchMilestone,
  recordCandidates,
  unlinkRecord,
} from './fusion.work.ts';

const tags = ['fusion'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const read = can('fusion.read');
const manage = can('fusion.manage');
const run = can('fusion.project');
const ProjectParams = IdParamsSchema;
const RecordParams = z.strictObject({ id: IdSchema, recordId: IdSchema });

export function fusionProjectRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/fusion/projects',
      {
        config: read,
        schema: {
          tags,
          summary: '项目清单',
          querystring: ProjectListQuerySchema,
          response: { 200: z.array(ProjectSummarySchema) },
        },
      },
      async (request) => listProjects(ctx(request), request.query),
    );
    app.post(
      '/api/fusion/projects',
      {
        config: run,
        schema: {
          tags,
          summary: '新建项目（论证阶段）',
          body: CreateProjectBodySchema,
          response: { 200: ProjectSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createProject(tx, request.body)),
    );
    app.get(
      '/api/fusion/projects/:id',
      {
        config: read,
        schema: { tags, summary: '项目详情', params: ProjectParams, response: { 200: ProjectSchema } },
      },
      async (request) => getProject(ctx(request), request.params.id),
    );
    app.patch(
      '/api/fusion/projects/:id',
      {
        config: run,
        schema: {
          tags,
          summary: '修改项目',
          params: ProjectParams,
          body: PatchProjectBodySchema,
          response: { 200: ProjectSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchProject(tx, request.params.id, request.body)),
    );
    app.put(
      '/api/fusion/projects/:id/team',
      {
        config: run,
        schema: {
          tags,
          summary: '调整项目团队（可跨支部）',
          params: ProjectParams,
          body: PutTeamBodySchema,
          response: { 200: ProjectSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => putTeam(tx, request.params.id, request.body)),
    );

    const step = (
      path: string,
      permission: typeof manage | typeof run,
      summary: string,
      body: typeof StepBodySchema | typeof AcceptProjectBodySchema | typeof TerminateProjectBodySchema,
      fn: (tx: ReturnType<typeof ctx>, id: string, body: never) => Promise<unknown>,
    ) =>
      app.post(
        `/api/fusion/projects/:id/${path}`,
        {
          config: permission,
          schema: { tags, summary, params: ProjectParams, body, response: { 200: ProjectSchema } },
        },
        async (request) =>
          inTransaction(ctx(request), (tx) => fn(tx, request.params.id, request.body as never)) as never,
      );
    step('approve', manage, '立项（机关党委）', StepBodySchema, approveProject);
    step('start', run, '启动推进（牵头支部）', StepBodySchema, startProject);
    step('accept', manage, '验收（机关党委；各项指标须有实测值）', AcceptProjectBodySchema, acceptProject);
    step('terminate', manage, '终止项目（写明原因）', TerminateProjectBodySchema, terminateProject);

    app.post(
      '/api/fusion/projects/:id/milestones',
      {
        config: run,
        schema: {
          tags,
          summary: '增加项目节点',
          params: ProjectParams,
          body: CreateMilestoneBodySchema,
          response: { 200: MilestoneSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => createMilestone(tx, request.params.id, request.body)),
    );
    app.patch(
      '/api/fusion/milestones/:id',
      {
        config: run,
        schema: {
          tags,
          summary: '修改节点或标记完成',
          params: IdParamsSchema,
          body: PatchMilestoneBodySchema,
          response: { 200: MilestoneSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchMilestone(tx, request.params.id, request.body)),
    );
    app.delete(
      '/api/fusion/milestones/:id',
      {
        config: run,
        schema: { tags, summary: '删除节点', params: IdParamsSchema, response: { 200: OkSchema } },
      },
      async (request) => inTransaction(ctx(request), (tx) => deleteMilestone(tx, request.params.id)),
    );
    app.post(
      '/api/fusion/projects/:id/kpis',
      {
        config: run,
        schema: {
          tags,
          summary: '增加业务指标（基线和目标）',
          params: ProjectParams,
          body: CreateKpiBodySchema,
          response: { 200: KpiSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createKpi(tx, request.params.id, request.body)),
    );
    app.patch(
      '/api/fusion/kpis/:id',
      {
        config: run,
        schema: {
          tags,
          summary: '修改指标或填写实测值',
          params: IdParamsSchema,
          body: PatchKpiBodySchema,
          response: { 200: KpiSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => patchKpi(tx, request.params.id, request.body)),
    );
    app.delete(
      '/api/fusion/kpis/:id',
      {
        config: run,
        schema: { tags, summary: '删除指标', params: IdParamsSchema, response: { 200: OkSchema } },
      },
      async (request) => inTransaction(ctx(request), (tx) => deleteKpi(tx, request.params.id)),
    );
    app.get(
      '/api/fusion/projects/:id/record-candidates',
      {
        config: run,
        schema: {
          tags,
          summary: '可关联的支部工作记录（牵头、联建和团队成员所在党组织的记录）',
          params: ProjectParams,
          querystring: RecordCandidatesQuerySchema,
          response: { 200: z.array(LinkedRecordSchema) },
        },
      },
      async (request) => recordCandidates(ctx(request), request.params.id, request.query.q),
    );
    app.post(
      '/api/fusion/projects/:id/records',
      {
        config: run,
        schema: {
          tags,
          summary: '关联支部工作记录（一次录入，多处计算）',
          params: ProjectParams,
          body: LinkRecordsBodySchema,
          response: { 200: ProjectSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => linkRecords(tx, request.params.id, request.body)),
    );
    app.delete(
      '/api/fusion/projects/:id/records/:recordId',
      {
        config: run,
        schema: { tags, summary: '取消关联', params: RecordParams, response: { 200: ProjectSchema } },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => unlinkRecord(tx, request.params.id, request.params.recordId)),
    );

    app.get(
      '/api/me/fusion',
      {
        config: { access: { kind: 'signed_in' } },
        schema: { tags, summary: '我的融合项目和临近的项目节点', response: { 200: MyFusionSchema } },
      },
      async (request) => myFusion(ctx(request)),
    );
  };
}
