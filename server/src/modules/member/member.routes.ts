import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, pageOf } from '#contracts/common';
import {
  CreateMemberBodySchema,
  MemberExportQuerySchema,
  MemberHistoryEntrySchema,
  MemberLeaveBodySchema,
  MemberListQuerySchema,
  MemberNumbersSchema,
  MemberSchema,
  TransferMemberBodySchema,
  UpdateMemberBodySchema,
} from '#contracts/member';
import { ImportResultSchema } from '#contracts/transfer';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { importProgressHook } from '../../core/test-hooks.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { exportMemberWorkbook, memberTemplate } from './member.export.ts';
import { importMemberWorkbook } from './member.import.ts';
import { revealNumbers } from './member.numbers.ts';
import { todayIso } from './member.policy.ts';
import {
  createMember,
  getMember,
  getMemberHistory,
  leaveMember,
  listMembers,
  transferMember,
  updateMember,
} from './member.service.ts';

const tags = ['member'];
const read = { access: { kind: 'permission', permission: 'member.read' } } as const;
const write = { access: { kind: 'permission', permission: 'member.write' } } as const;
const importing = { access: { kind: 'permission', permission: 'member.import' } } as const;
const exporting = { access: { kind: 'permission', permission: 'member.export' } } as const;
// The gate of the reveal route; which numbers come back depends on member.sensitive (see revealNumbers).
const revealing = { access: { kind: 'permission', permission: 'member.contact' } } as const;

export function memberRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/members',
      {
        config: read,
        schema: {
          tags,
          summary: '党员列表',
          querystring: MemberListQuerySchema,
          response: { 200: pageOf(MemberSchema) },
        },
      },
      // A transaction: a search by number is counted and audited.
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => listMembers(tx, request.query)),
    );

    app.get(
      '/api/members/template',
      { config: importing, schema: { tags, summary: '下载党员名册导入模板 (.xlsx)' } },
      async (_request, reply) =>
        reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment('党员名册导入模板.xlsx'))
          .send(await memberTemplate()),
    );

    app.get(
      '/api/members/export',
      {
        config: exporting,
        schema: {
          tags,
          summary: '导出党员名册 (.xlsx)；号码默认脱敏，full=1 导出完整号码（需查看敏感信息权限，记入审计）',
          querystring: MemberExportQuerySchema,
        },
      },
      async (request, reply) => {
        const { buffer } = await inTransaction(ctxFromRequest(request, services), (tx) =>
          exportMemberWorkbook(tx, request.query),
        );
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`党员名册-${todayIso()}.xlsx`))
          .send(buffer);
      },
    );

    app.post(
      '/api/members/import',
      {
        config: importing,
        schema: { tags, summary: '导入党员名册（全部通过才写入）', response: { 200: ImportResultSchema } },
      },
      async (request) => {
        const { buffer } = await readUploadedFile(request);
        return inTransaction(ctxFromRequest(request, services), (tx) =>
          importMemberWorkbook(tx, buffer, { onProgress: importProgressHook() }),
        );
      },
    );

    app.get(
      '/api/members/:id',
      {
        config: read,
        schema: { tags, summary: '党员详情', params: IdParamsSchema, response: { 200: MemberSchema } },
      },
      // A transaction: opening a record is audited as a read of personal data.
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => getMember(tx, request.params.id)),
    );

    app.post(
      '/api/members/:id/reveal',
      {
        config: revealing,
        schema: {
          tags,
          summary: '显示一名党员的完整号码（记入审计）',
          params: IdParamsSchema,
          response: { 200: MemberNumbersSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => revealNumbers(tx, request.params.id)),
    );

    app.get(
      '/api/members/:id/history',
      {
        config: read,
        schema: {
          tags,
          summary: '组织关系历史',
          params: IdParamsSchema,
          response: { 200: z.array(MemberHistoryEntrySchema) },
        },
      },
      async (request) => getMemberHistory(ctxFromRequest(request, services), request.params.id),
    );

    app.post(
      '/api/members',
      {
        config: write,
        schema: { tags, summary: '新增党员', body: CreateMemberBodySchema, response: { 200: MemberSchema } },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => createMember(tx, request.body)),
    );

    app.patch(
      '/api/members/:id',
      {
        config: write,
        schema: {
          tags,
          summary: '修改党员信息',
          params: IdParamsSchema,
          body: UpdateMemberBodySchema,
          response: { 200: MemberSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          updateMember(tx, request.params.id, request.body),
        ),
    );

    app.post(
      '/api/members/:id/transfer',
      {
        config: write,
        schema: {
          tags,
          summary: '转接组织关系',
          params: IdParamsSchema,
          body: TransferMemberBodySchema,
          response: { 200: MemberSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          transferMember(tx, request.params.id, request.body),
        ),
    );

    app.post(
      '/api/members/:id/leave',
      {
        config: write,
        schema: {
          tags,
          summary: '登记离开（出党、去世等）',
          params: IdParamsSchema,
          body: MemberLeaveBodySchema,
          response: { 200: MemberSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          leaveMember(tx, request.params.id, request.body),
        ),
    );
  };
}
