// The files of branch work (issue 10, points 7 and 10): the 支部工作记录 of a branch and a year as JSON for the
// printable page and as a Word document; any list of records as .xlsx; the 三会一课 entry template and the
// all-or-nothing import of historical records. Downloads are answered as attachments and audited.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  BranchLedgerQuerySchema,
  BranchLedgerSchema,
  RecordExportQuerySchema,
  RecordImportResultSchema,
} from '#contracts/branch-files';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { oneImportAtATime } from '../transfer/index.ts';
import { requireActor } from './branch.access.ts';
import { branchLedger } from './branch.ledger.ts';
import { ledgerDocument } from './branch.ledger-docx.ts';
import { DOCX_TYPE } from './branch.ledger-docx-kit.ts';
import { exportRecords } from './branch.records-export.ts';
import { recordsTemplate } from './branch.records-import-columns.ts';
import { importRecords } from './branch.records-import-run.ts';

const tags = ['branch'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;

function send(reply: FastifyReply, file: { buffer: Buffer; filename: string }, type: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', attachment(file.filename))
    .header('cache-control', 'no-store')
    .send(file.buffer);
}

export function branchFileRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/branch/ledger',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '支部工作记录（按年度由各项记录生成，供页面打印）',
          querystring: BranchLedgerQuerySchema,
          response: { 200: BranchLedgerSchema },
        },
      },
      async (request) => branchLedger(ctx(request), request.query),
    );
    app.get(
      '/api/branch/ledger/document',
      {
        config: can('branch.read'),
        schema: { tags, summary: '支部工作记录（Word）', querystring: BranchLedgerQuerySchema },
      },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => ledgerDocument(tx, request.query)), DOCX_TYPE),
    );
    app.get(
      '/api/branch/records/export',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '导出支部工作记录（Excel，筛选条件同列表；谈心谈话内容不导出）',
          querystring: RecordExportQuerySchema,
        },
      },
      async (request, reply) =>
        send(reply, await inTransaction(ctx(request), (tx) => exportRecords(tx, request.query)), XLSX_TYPE),
    );
    app.get(
      '/api/branch/records/template',
      { config: can('branch.record'), schema: { tags, summary: '三会一课导入模板' } },
      async (_request, reply) =>
        send(reply, { buffer: await recordsTemplate(), filename: '三会一课导入模板.xlsx' }, XLSX_TYPE),
    );
    app.post(
      '/api/branch/records/import',
      {
        config: can('branch.record'),
        schema: {
          tags,
          summary: '从 Excel 导入历史三会一课记录（multipart 字段 file；有任何错误则全部不导入）',
          response: { 200: RecordImportResultSchema },
        },
      },
      async (request) => {
        const c = ctx(request);
        const actor = requireActor(c).actor;
        const { buffer } = await readUploadedFile(request);
        return oneImportAtATime(c, actor.userId, () => importRecords(c, buffer));
      },
    );
  };
}
