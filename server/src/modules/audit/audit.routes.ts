import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntrySchema, AuditQuerySchema, AuditVerifySchema } from '#contracts/audit';
import { pageOf } from '#contracts/common';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, XLSX_TYPE } from '../../core/upload.ts';
import { writeAuditWorkbook } from './audit.export.ts';
import { listAudit, listAuditForExport, recordAudit, verifyAudit } from './audit.service.ts';

const tags = ['audit'];
const access = { access: { kind: 'permission', permission: 'audit.read' } } as const;
const ExportQuerySchema = AuditQuerySchema.omit({ page: true, pageSize: true });

export function auditRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/audit',
      {
        config: access,
        schema: {
          tags,
          summary: '审计日志',
          querystring: AuditQuerySchema,
          response: { 200: pageOf(AuditEntrySchema) },
        },
      },
      async (request) => listAudit(ctxFromRequest(request, services), request.query),
    );

    app.get(
      '/api/audit/verify',
      { config: access, schema: { tags, summary: '校验审计链完整性', response: { 200: AuditVerifySchema } } },
      async (request) => verifyAudit(ctxFromRequest(request, services)),
    );

    app.get(
      '/api/audit/export',
      { config: access, schema: { tags, summary: '导出审计日志 (.xlsx)', querystring: ExportQuerySchema } },
      async (request, reply) => {
        const ctx = ctxFromRequest(request, services);
        const entries = await listAuditForExport(ctx, request.query);
        const buf = await writeAuditWorkbook(entries);
        await inTransaction(ctx, (tx) =>
          recordAudit(tx, {
            action: 'audit.export',
            entityType: 'audit_log',
            details: { filter: request.query, rows: entries.length },
          }),
        );
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment('审计日志.xlsx'))
          .send(buf);
      },
    );
  };
}
