import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppServices, ctxFromRequest } from '../../core/context.ts';
import { notFound, unauthenticated } from '../../core/errors.ts';
import { attachment, XLSX_TYPE } from '../../core/upload.ts';
import { takeReport } from './transfer.files.ts';

export function transferRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/import-reports/:token',
      {
        // Only the person who ran the import gets its report: the kept file is keyed by their account.
        config: { access: { kind: 'signed_in' } },
        schema: {
          tags: ['transfer'],
          summary: '下载导入错误报告 (.xlsx)',
          params: z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }),
        },
      },
      async (request, reply) => {
        if (!request.actor) throw unauthenticated();
        const report = await takeReport(
          ctxFromRequest(request, services),
          request.actor.userId,
          request.params.token,
        );
        if (!report)
          throw notFound('transfer.report_not_found', '错误报告不存在或已过期（保留 30 分钟），请重新导入');
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(report.filename))
          .send(report.buf);
      },
    );
  };
}
