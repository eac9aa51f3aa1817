import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PartyStatisticsSchema, StatisticsQuerySchema } from '#contracts/statistics';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { attachment, XLSX_TYPE } from '../../core/upload.ts';
import { recordAudit } from '../audit/index.ts';
import { statisticsWorkbook } from './statistics.export.ts';
import { partyStatistics } from './statistics.service.ts';

const tags = ['statistics'];

export function statisticsRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/statistics',
      {
        config: { access: { kind: 'permission', permission: 'member.read' } },
        schema: {
          tags,
          summary: '党内统计（所选党组织及其下级）',
          querystring: StatisticsQuerySchema,
          response: { 200: PartyStatisticsSchema },
        },
      },
      async (request) => partyStatistics(ctxFromRequest(request, services), request.query),
    );

    app.get(
      '/api/statistics/export',
      {
        config: { access: { kind: 'permission', permission: 'member.export' } },
        schema: { tags, summary: '导出党内统计 (.xlsx)', querystring: StatisticsQuerySchema },
      },
      async (request, reply) => {
        const buffer = await inTransaction(ctxFromRequest(request, services), async (tx) => {
          const stats = await partyStatistics(tx, request.query);
          // The sheet lists probationary members by name: an export of personal data, so it is on the trail.
          await recordAudit(tx, {
            action: 'statistics.export',
            entityType: 'party_org',
            entityId: stats.partyOrgId,
            details: { asOf: stats.asOf, members: stats.totalMembers },
          });
          return statisticsWorkbook(stats);
        });
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`党内统计-${request.query.asOf ?? 'today'}.xlsx`))
          .send(buffer);
      },
    );
  };
}
