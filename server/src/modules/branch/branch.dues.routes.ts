// Routes of 党费: the ledger and the arrears for whoever reads the branch, a member's year, bases, payments, the
// payroll import and the ledger's export for whoever collects the dues, and one's own dues (/api/me/dues).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateDuesBaseBodySchema,
  DuesArrearsSchema,
  DuesBaseSchema,
  DuesImportQuerySchema,
  DuesImportResultSchema,
  DuesLedgerSchema,
  DuesPaymentSchema,
  LedgerQuerySchema,
  MemberDuesParamsSchema,
  MemberDuesSchema,
  PatchDuesBaseBodySchema,
  RecordPaymentBodySchema,
  VoidPaymentBodySchema,
  YearQuerySchema,
} from '#contracts/branch-dues';
import { IdParamsSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { oneImportAtATime } from '../transfer/index.ts';
import { actorOf } from './branch.dues.access.ts';
import { importPayroll } from './branch.dues.import.ts';
import { duesArrears, duesLedger, memberDues, myDues } from './branch.dues.ledger.ts';
import { createBase, patchBase, recordPayment, voidPayment } from './branch.dues.service.ts';
import { exportLedger, payrollTemplate } from './branch.dues.sheets.ts';

const tags = ['branch'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;
const read = can('branch.read');
const collect = can('dues.manage');
const signedIn = { access: { kind: 'signed_in' } } as const;

function send(reply: FastifyReply, file: { buffer: Buffer; filename: string }) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

export function duesRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/branch/dues',
      {
        config: read,
        schema: {
          tags,
          summary: '党费收缴台账（党员 × 月份；金额和基数仅收缴党费的人可见）',
          querystring: LedgerQuerySchema,
          response: { 200: DuesLedgerSchema },
        },
      },
      async (request) => duesLedger(ctx(request), request.query),
    );
    app.get(
      '/api/branch/dues/arrears',
      {
        config: read,
        schema: {
          tags,
          summary: '欠交党费情况（按支部、按党员）',
          querystring: LedgerQuerySchema,
          response: { 200: DuesArrearsSchema },
        },
      },
      async (request) => duesArrears(ctx(request), request.query),
    );
    app.get(
      '/api/branch/dues/export',
      {
        config: read,
        schema: { tags, summary: '导出党费收缴台账（Excel）', querystring: LedgerQuerySchema },
      },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => exportLedger(tx, request.query))),
    );
    app.get(
      '/api/branch/dues/members/:id',
      {
        config: collect,
        schema: {
          tags,
          summary: '一名党员全年的党费（基数、各月、交费记录）',
          params: MemberDuesParamsSchema,
          querystring: YearQuerySchema,
          response: { 200: MemberDuesSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => memberDues(tx, request.params.id, request.query.year)),
    );
    app.post(
      '/api/branch/dues/bases',
      {
        config: collect,
        schema: {
          tags,
          summary: '登记党员的党费基数（自某月起）',
          body: CreateDuesBaseBodySchema,
          response: { 200: DuesBaseSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createBase(tx, request.body)),
    );
    app.patch(
      '/api/branch/dues/bases/:id',
      {
        config: collect,
        schema: {
          tags,
          summary: '修改党费基数',
          params: IdParamsSchema,
          body: PatchDuesBaseBodySchema,
          response: { 200: DuesBaseSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => patchBase(tx, request.params.id, request.body)),
    );
    app.post(
      '/api/branch/dues/payments',
      {
        config: collect,
        schema: {
          tags,
          summary: '登记交纳党费',
          body: RecordPaymentBodySchema,
          response: { 200: DuesPaymentSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => recordPayment(tx, request.body)),
    );
    app.post(
      '/api/branch/dues/payments/:id/void',
      {
        config: collect,
        schema: {
          tags,
          summary: '作废误登记的交费记录',
          params: IdParamsSchema,
          body: VoidPaymentBodySchema,
          response: { 200: DuesPaymentSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => voidPayment(tx, request.params.id, request.body)),
    );
    app.get(
      '/api/branch/dues/template',
      { config: collect, schema: { tags, summary: '党费（工资表）导入模板' } },
      async (_request, reply) =>
        send(reply, { buffer: await payrollTemplate(), filename: '党费导入模板.xlsx' }),
    );
    app.post(
      '/api/branch/dues/import',
      {
        config: collect,
        schema: {
          tags,
          summary: '从工资表导入税后收入和实交党费（multipart 字段 file；有任何错误则全部不导入）',
          querystring: DuesImportQuerySchema,
          response: { 200: DuesImportResultSchema },
        },
      },
      async (request) => {
        const c = ctx(request);
        const actor = actorOf(c).actor;
        const { buffer } = await readUploadedFile(request);
        return oneImportAtATime(c, actor.userId, () => importPayroll(c, request.query.partyOrgId, buffer));
      },
    );
    app.get(
      '/api/me/dues',
      {
        config: signedIn,
        schema: {
          tags,
          summary: '我的党费（基数、各月交纳情况、交费记录）',
          querystring: z.strictObject({ year: YearQuerySchema.shape.year.optional() }),
          response: { 200: MemberDuesSchema },
        },
      },
      async (request) => myDues(ctx(request), request.query.year),
    );
  };
}
