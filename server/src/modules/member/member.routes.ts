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
import {
  ImportConfirmBodySchema,
  ImportPreviewBodySchema,
  ImportPreviewSchema,
  MappedImportResultSchema,
} from '#contracts/transfer';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import { importProgressHook, importPublishHook } from '../../core/test-hooks.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { checkOverrides, keepUpload, oneImportAtATime, requireUpload } from '../transfer/index.ts';
import { exportMemberWorkbook, memberTemplate } from './member.export.ts';
import { importMemberWorkbook, previewMemberWorkbook } from './member.import.ts';
import { leaveMember, transferMember } from './member.moves.ts';
import { revealNumbers } from './member.numbers.ts';
import { todayIso } from './member.policy.ts';
import { ROSTER_FIELDS } from './member.roster.ts';
import { createMember, getMember, getMemberHistory, listMembers, updateMember } from './member.service.ts';

const tags = ['member'];
const read = { access: { kind: 'permission', permission: 'member.read' } } as const;
const write = { access: { kind: 'permission', permission: 'member.write' } } as const;
// Imports write members only through the write gate, which they take themselves when they publish (ADR 19).
const importing = { access: { kind: 'permission', permission: 'member.import' }, publishes: true } as const;
const exporting = { access: { kind: 'permission', permission: 'member.export' } } as const;
// The gate of the reveal route; which numbers come back depends on member.sensitive (see revealNumbers).
const revealing = { access: { kind: 'permission', permission: 'member.contact' } } as const;
const fieldKeys = new Set<string>(ROSTER_FIELDS.map((f) => f.key));
const isRosterField = (field: string) => fieldKeys.has(field);

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
        schema: {
          tags,
          summary: '导入党员名册（按表头自动匹配列；全部通过才写入）',
          querystring: z.strictObject({ acceptWarnings: z.enum(['true', 'false']).default('false') }),
          response: { 200: MappedImportResultSchema },
        },
      },
      async (request) => {
        if (!request.actor) throw unauthenticated();
        const { buffer } = await readUploadedFile(request);
        const ctx = ctxFromRequest(request, services);
        // The import opens its own short transactions: the file is read and checked outside any of them.
        return oneImportAtATime(ctx, request.actor.userId, () =>
          importMemberWorkbook(ctx, buffer, {
            acceptWarnings: request.query.acceptWarnings === 'true',
            onProgress: importProgressHook(),
            onPublished: importPublishHook(),
          }),
        );
      },
    );

    app.post(
      '/api/members/import/upload',
      {
        config: importing,
        schema: {
          tags,
          summary: '上传党员名册并预览列映射（不写入）',
          response: { 200: ImportPreviewSchema },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor) throw unauthenticated();
        const { buffer, filename } = await readUploadedFile(request);
        const ctx = ctxFromRequest(request, services);
        // Kept only once the import is this person's only one: a refused upload leaves nothing behind.
        return oneImportAtATime(ctx, actor.userId, async () =>
          previewMemberWorkbook(ctx, buffer, await keepUpload(ctx, actor.userId, buffer, filename)),
        );
      },
    );

    app.post(
      '/api/members/import/preview',
      {
        config: importing,
        schema: {
          tags,
          summary: '按所选列映射重新预览（不写入）',
          body: ImportPreviewBodySchema,
          response: { 200: ImportPreviewSchema },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor) throw unauthenticated();
        const overrides = checkOverrides(request.body.columns, isRosterField);
        const ctx = ctxFromRequest(request, services);
        const upload = await requireUpload(ctx, actor.userId, request.body.token);
        return oneImportAtATime(ctx, actor.userId, () =>
          previewMemberWorkbook(ctx, upload.buf, request.body.token, { overrides }),
        );
      },
    );

    app.post(
      '/api/members/import/confirm',
      {
        config: importing,
        schema: {
          tags,
          summary: '确认导入（全部通过才写入；保存本单位的列映射）',
          body: ImportConfirmBodySchema,
          response: { 200: MappedImportResultSchema },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor) throw unauthenticated();
        const overrides = checkOverrides(request.body.columns, isRosterField);
        const ctx = ctxFromRequest(request, services);
        const upload = await requireUpload(ctx, actor.userId, request.body.token);
        return oneImportAtATime(ctx, actor.userId, () =>
          importMemberWorkbook(ctx, upload.buf, {
            overrides,
            acceptWarnings: request.body.acceptWarnings,
            saveMapping: request.body.saveMapping,
          }),
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
