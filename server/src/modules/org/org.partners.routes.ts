// Routes of partner organisations (共建单位): read with the organ's organisations, kept at the organ's root.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, IdSchema } from '#contracts/common';
import { CreatePartnerBodySchema, PartnerOrgSchema, PatchPartnerBodySchema } from '#contracts/partner';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { createPartner, listPartners, patchPartner } from './org.partners.ts';

const tags = ['org'];
const read = { access: { kind: 'permission', permission: 'org.read' } } as const;
const write = { access: { kind: 'permission', permission: 'org.write' } } as const;

export function partnerRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);
    app.get(
      '/api/partner-orgs',
      {
        config: read,
        schema: {
          tags,
          summary: '共建单位（社区、村、企业等）',
          querystring: z.strictObject({ unitId: IdSchema }),
          response: { 200: z.array(PartnerOrgSchema) },
        },
      },
      async (request) => listPartners(ctx(request), request.query.unitId),
    );
    app.post(
      '/api/partner-orgs',
      {
        config: write,
        schema: {
          tags,
          summary: '登记共建单位',
          body: CreatePartnerBodySchema,
          response: { 200: PartnerOrgSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createPartner(tx, request.body)),
    );
    app.patch(
      '/api/partner-orgs/:id',
      {
        config: write,
        schema: {
          tags,
          summary: '修改或停用共建单位',
          params: IdParamsSchema,
          body: PatchPartnerBodySchema,
          response: { 200: PartnerOrgSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchPartner(tx, request.params.id, request.body)),
    );
  };
}
