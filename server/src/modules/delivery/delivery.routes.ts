import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema, OkSchema } from '#contracts/common';
import {
  CreateRobotChannelSchema,
  DeliveryLogPageSchema,
  DeliveryLogQuerySchema,
  DeliveryPreferencesSchema,
  PatchRobotChannelSchema,
  PutDeliveryPreferencesSchema,
  RobotChannelListQuerySchema,
  RobotChannelSchema,
  TestSendResultSchema,
} from '#contracts/delivery';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { listLog, retryDelivery } from './delivery.log.ts';
import { ownPreferences, saveOwnPreferences } from './delivery.preferences.ts';
import { createChannel, deleteChannel, listChannels, patchChannel, testChannel } from './delivery.robots.ts';

const tags = ['delivery'];
/** A person's own choices, whatever their roles. */
const self = { access: { kind: 'signed_in' } } as const;
/** The robots of the Party organisations in the holder's subtree, and their log. */
const manage = { access: { kind: 'permission', permission: 'delivery.manage' } } as const;

/** `emailAvailable`: whether the installation has a mail server (SMTP_URL), told to the person choosing mail. */
export function deliveryRoutes(services: AppServices, emailAvailable: boolean) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/me/delivery-preferences',
      {
        config: self,
        schema: { tags, summary: '我的消息接收设置', response: { 200: DeliveryPreferencesSchema } },
      },
      async (request) => ownPreferences(ctxFromRequest(request, services), emailAvailable),
    );
    app.put(
      '/api/me/delivery-preferences',
      {
        config: self,
        schema: {
          tags,
          summary: '保存我的消息接收设置',
          body: PutDeliveryPreferencesSchema,
          response: { 200: DeliveryPreferencesSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          saveOwnPreferences(tx, request.body, emailAvailable),
        ),
    );

    app.get(
      '/api/delivery/channels',
      {
        config: manage,
        schema: {
          tags,
          summary: '消息推送渠道（群机器人）',
          querystring: RobotChannelListQuerySchema,
          response: { 200: RobotChannelSchema.array() },
        },
      },
      async (request) => listChannels(ctxFromRequest(request, services), request.query.unitId),
    );
    app.post(
      '/api/delivery/channels',
      {
        config: manage,
        schema: {
          tags,
          summary: '添加群机器人',
          body: CreateRobotChannelSchema,
          response: { 200: RobotChannelSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => createChannel(tx, request.body)),
    );
    app.patch(
      '/api/delivery/channels/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改群机器人',
          params: IdParamsSchema,
          body: PatchRobotChannelSchema,
          response: { 200: RobotChannelSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          patchChannel(tx, request.params.id, request.body),
        ),
    );
    app.delete(
      '/api/delivery/channels/:id',
      {
        config: manage,
        schema: { tags, summary: '删除群机器人', params: IdParamsSchema, response: { 200: OkSchema } },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => deleteChannel(tx, request.params.id)),
    );
    // No transaction around the post: the test message must not hold the database while the robot answers.
    app.post(
      '/api/delivery/channels/:id/test',
      {
        config: manage,
        schema: {
          tags,
          summary: '发送测试消息',
          params: IdParamsSchema,
          response: { 200: TestSendResultSchema },
        },
      },
      async (request) => testChannel(ctxFromRequest(request, services), request.params.id),
    );

    app.get(
      '/api/delivery/log',
      {
        config: manage,
        schema: {
          tags,
          summary: '推送记录',
          querystring: DeliveryLogQuerySchema,
          response: { 200: DeliveryLogPageSchema },
        },
      },
      async (request) => listLog(ctxFromRequest(request, services), request.query),
    );
    app.post(
      '/api/delivery/log/:id/retry',
      {
        config: manage,
        schema: { tags, summary: '重新发送', params: IdParamsSchema, response: { 200: OkSchema } },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => retryDelivery(tx, request.params.id)),
    );
  };
}
