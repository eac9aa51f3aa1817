import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '#contracts/common';
import {
  CountSchema,
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationSchema,
} from '#contracts/notification';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { countOwnUnread, listOwnNotifications, markAllOwnRead, markOwnRead } from './notification.service.ts';

const tags = ['notification'];
/** Every account has its own notifications, whatever its roles; nobody reads another's. */
const self = { access: { kind: 'signed_in' } } as const;

export function notificationRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/me/notifications',
      {
        config: self,
        schema: {
          tags,
          summary: '我的通知（未读在前）',
          querystring: NotificationListQuerySchema,
          response: { 200: NotificationPageSchema },
        },
      },
      async (request) => listOwnNotifications(ctxFromRequest(request, services), request.query),
    );
    app.get(
      '/api/me/notifications/unread-count',
      { config: self, schema: { tags, summary: '我的未读通知数', response: { 200: CountSchema } } },
      async (request) => countOwnUnread(ctxFromRequest(request, services)),
    );
    app.post(
      '/api/me/notifications/:id/read',
      {
        config: self,
        schema: {
          tags,
          summary: '标为已读',
          params: IdParamsSchema,
          response: { 200: NotificationSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => markOwnRead(tx, request.params.id)),
    );
    app.post(
      '/api/me/notifications/read-all',
      {
        config: self,
        schema: { tags, summary: '全部标为已读', response: { 200: CountSchema } },
      },
      async (request) => inTransaction(ctxFromRequest(request, services), (tx) => markAllOwnRead(tx)),
    );
  };
}
