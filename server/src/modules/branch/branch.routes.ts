// Routes of branch work records: the list and a record for whoever reads the branch; the prefill and the writes for
// whoever records its work; the organ's theme day.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BranchSettingBodySchema,
  BranchSettingSchema,
  CreateRecordBodySchema,
  PrefillQuerySchema,
  PrefillSchema,
  RecordListQuerySchema,
  RecordPageSchema,
  RecordSchema,
  TemporaryMemberSchema,
  TemporaryMembersBodySchema,
  UpdateRecordBodySchema,
} from '#contracts/branch';
import {
  BurdenMeterSchema,
  ObligationRollupSchema,
  RollupQuerySchema,
  StudyHoursSchema,
} from '#contracts/branch-rollup';
import { IdParamsSchema, IdSchema, OkSchema, VersionSchema } from '#contracts/common';
import type { Permission } from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { getPrefill } from './branch.prefill.ts';
import { createRecord, deleteRecord, updateRecord } from './branch.records.ts';
import { getRecord, listRecords } from './branch.records-read.ts';
import { burdenMeter, obligationRollup, studyHours } from './branch.rollup.ts';
import { getSettings, saveSettings } from './branch.settings.ts';
import { setTemporaryMembers, temporaryMembers } from './branch.temporary.ts';

const tags = ['branch'];
const can = (permission: Permission) => ({ access: { kind: 'permission', permission } }) as const;

export function branchRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: Parameters<typeof ctxFromRequest>[0]) => ctxFromRequest(request, services);

    app.get(
      '/api/branch/records',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '支部工作记录列表',
          querystring: RecordListQuerySchema,
          response: { 200: RecordPageSchema },
        },
      },
      async (request) => listRecords(ctx(request), request.query),
    );
    app.get(
      '/api/branch/records/prefill',
      {
        config: can('branch.record'),
        schema: {
          tags,
          summary: '新记录的预填内容（当天在册党员、主持人、主题党日日期等）',
          querystring: PrefillQuerySchema,
          response: { 200: PrefillSchema },
        },
      },
      async (request) => getPrefill(ctx(request), request.query),
    );
    app.post(
      '/api/branch/records',
      {
        config: can('branch.record'),
        schema: {
          tags,
          summary: '记录一次支部活动',
          body: CreateRecordBodySchema,
          response: { 200: RecordSchema },
        },
      },
      async (request) => inTransaction(ctx(request), (tx) => createRecord(tx, request.body)),
    );
    app.get(
      '/api/branch/records/:id',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '一条支部工作记录',
          params: IdParamsSchema,
          response: { 200: RecordSchema },
        },
      },
      async (request) => getRecord(ctx(request), request.params.id),
    );
    app.patch(
      '/api/branch/records/:id',
      {
        config: can('branch.record'),
        schema: {
          tags,
          summary: '修改支部工作记录',
          params: IdParamsSchema,
          body: UpdateRecordBodySchema,
          response: { 200: RecordSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => updateRecord(tx, request.params.id, request.body)),
    );
    app.delete(
      '/api/branch/records/:id',
      {
        config: can('branch.record'),
        schema: {
          tags,
          summary: '删除支部工作记录',
          params: IdParamsSchema,
          querystring: z.strictObject({ version: z.coerce.number().pipe(VersionSchema) }),
          response: { 200: OkSchema },
        },
      },
      async (request) => {
        await inTransaction(ctx(request), (tx) => deleteRecord(tx, request.params.id, request.query.version));
        return { ok: true as const };
      },
    );
    app.get(
      '/api/branch/settings',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '本机关支部工作设置（主题党日日期）',
          querystring: z.strictObject({ partyOrgId: IdSchema }),
          response: { 200: BranchSettingSchema },
        },
      },
      async (request) => getSettings(ctx(request), request.query.partyOrgId),
    );
    app.put(
      '/api/branch/settings',
      {
        config: can('branch.record'),
        schema: {
          tags,
          summary: '设置本机关主题党日日期（机关党委）',
          querystring: z.strictObject({ partyOrgId: IdSchema }),
          body: BranchSettingBodySchema,
          response: { 200: BranchSettingSchema },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) => saveSettings(tx, request.query.partyOrgId, request.body)),
    );
    app.get(
      '/api/branch/obligations',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '各支部组织生活落实情况（按月、季：已开展 / 待开展 / 已豁免 / 缺项）',
          querystring: RollupQuerySchema,
          response: { 200: ObligationRollupSchema },
        },
      },
      async (request) => obligationRollup(ctx(request), request.query),
    );
    app.get(
      '/api/branch/burden',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '减负计量：各支部录入字段中手工填写与自动带出的比例',
          querystring: RollupQuerySchema,
          response: { 200: BurdenMeterSchema },
        },
      },
      async (request) => burdenMeter(ctx(request), request.query),
    );
    app.get(
      '/api/branch/study-hours',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '党员学习时长（由参加的党课、学用融、主题党日记录自动统计）',
          querystring: RollupQuerySchema,
          response: { 200: StudyHoursSchema },
        },
      },
      async (request) => studyHours(ctx(request), request.query),
    );
    app.get(
      '/api/branch/temporary-orgs/:id/members',
      {
        config: can('branch.read'),
        schema: {
          tags,
          summary: '临时党组织的抽调党员',
          params: IdParamsSchema,
          response: { 200: z.array(TemporaryMemberSchema) },
        },
      },
      async (request) => temporaryMembers(ctx(request), request.params.id),
    );
    app.put(
      '/api/branch/temporary-orgs/:id/members',
      {
        config: can('org.write'),
        schema: {
          tags,
          summary: '设置临时党组织的抽调党员（保留原支部组织关系）',
          params: IdParamsSchema,
          body: TemporaryMembersBodySchema,
          response: { 200: z.array(TemporaryMemberSchema) },
        },
      },
      async (request) =>
        inTransaction(ctx(request), (tx) =>
          setTemporaryMembers(tx, request.params.id, request.body.memberIds),
        ),
    );
  };
}
