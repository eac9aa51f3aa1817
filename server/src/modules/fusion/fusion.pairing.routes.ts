// Routes of pairings (结对共建, issue 11 point 4): the organ's pairings with partner organisations and with Party
// organisations of other organs, each with its history and the joint records held while it lasts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '#contracts/common';
import {
  CreatePairingBodySchema,
  EndPairingBodySchema,
  PairingDetailSchema,
  PairingListQuerySchema,
  PairingSchema,
  PatchPairingBodySchema,
} from '#contracts/fusion-brand';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { createPairing, endPairing, getPairing, listPairings, patchPairing } from './fusion.pairings.ts';

const tags = ['fusion'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;

export function fusionPairingRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);
    app.get(
      '/api/fusion/pairings',
      {
        config: can('fusion.read'),
        schema: {
          tags,
          summary: '结对共建关系',
          querystring: PairingListQuerySchema,
          response: { 200: z.array(PairingSchema) },
        },
      },
      async (request) => listPairings(ctx(request), request.query),
    );
    app.post(
      '/api/fusion/pairings',
      {
        config: can('fusion.project'),
        schema: {
          tags,
          summary: '建立结对共建关系',
          body: CreatePairingBodySchema,
          response: { 200: PairingDetailSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createPairing(tx, request.body)),
    );
    app.get(
      '/api/fusion/pairings/:id',
      {
        config: can('fusion.read'),
        schema: {
          tags,
          summary: '结对共建详情（历次变化和共建活动）',
          params: IdParamsSchema,
          response: { 200: PairingDetailSchema },
        },
      },
      async (request) => getPairing(ctx(request), request.params.id),
    );
    app.patch(
      '/api/fusion/pairings/:id',
      {
        config: can('fusion.project'),
        schema: {
          tags,
          summary: '修改或续签结对共建关系',
          params: IdParamsSchema,
          body: PatchPairingBodySchema,
          response: { 200: PairingDetailSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => patchPairing(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/fusion/pairings/:id/end',
      {
        config: can('fusion.project'),
        schema: {
          tags,
          summary: '解除结对共建关系（写明原因）',
          params: IdParamsSchema,
          body: EndPairingBodySchema,
          response: { 200: PairingDetailSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => endPairing(tx, request.params.id, request.body)),
    );
  };
}
