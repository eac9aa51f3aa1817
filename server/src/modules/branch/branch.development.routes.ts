// Routes of the development register (发展党员): read by whoever reads the branch, kept by development.manage.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateDevelopmentBodySchema,
  DevelopmentListQuerySchema,
  DevelopmentPersonSchema,
  PatchDevelopmentBodySchema,
} from '#contracts/branch-development';
import { IdParamsSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import {
  createDevelopment,
  getDevelopment,
  listDevelopment,
  patchDevelopment,
} from './branch.development.service.ts';

const tags = ['branch'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const read = can('branch.read');
const keep = can('development.manage');

export function developmentRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/branch/development',
      {
        config: read,
        schema: {
          tags,
          summary: '发展党员名册（入党申请人、积极分子、发展对象、预备党员）',
          querystring: DevelopmentListQuerySchema,
          response: { 200: z.array(DevelopmentPersonSchema) },
        },
      },
      async (request) => listDevelopment(ctx(request), request.query),
    );
    app.get(
      '/api/branch/development/:id',
      {
        config: read,
        schema: {
          tags,
          summary: '发展对象详情',
          params: IdParamsSchema,
          response: { 200: DevelopmentPersonSchema },
        },
      },
      async (request) => getDevelopment(ctx(request), request.params.id),
    );
    app.post(
      '/api/branch/development',
      {
        config: keep,
        schema: {
          tags,
          summary: '登记入党申请人',
          body: CreateDevelopmentBodySchema,
          response: { 200: DevelopmentPersonSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createDevelopment(tx, request.body)),
    );
    app.patch(
      '/api/branch/development/:id',
      {
        config: keep,
        schema: {
          tags,
          summary: '修改发展对象信息或进入下一阶段（按发展党员的程序和时间要求校验）',
          params: IdParamsSchema,
          body: PatchDevelopmentBodySchema,
          response: { 200: DevelopmentPersonSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchDevelopment(tx, request.params.id, request.body)),
    );
  };
}
