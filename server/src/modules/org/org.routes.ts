import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '#contracts/common';
import {
  ClosePartyOrgBodySchema,
  CreateDepartmentBodySchema,
  CreatePartyOrgBodySchema,
  DepartmentSchema,
  MovePartyOrgBodySchema,
  PartyOrgEventSchema,
  PartyOrgSchema,
  PartyOrgTreeQuerySchema,
  ReopenPartyOrgBodySchema,
  UnitSchema,
  UpdateDepartmentBodySchema,
  UpdatePartyOrgBodySchema,
} from '#contracts/org';
import {
  ImportConfirmBodySchema,
  ImportPreviewBodySchema,
  ImportPreviewSchema,
  MappedImportResultSchema,
} from '#contracts/transfer';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import { attachment, readUploadedFile, XLSX_TYPE } from '../../core/upload.ts';
import { checkOverrides, keepUpload, oneImportAtATime, requireUpload } from '../transfer/index.ts';
import {
  createDepartment,
  DepartmentListQuerySchema,
  listDepartments,
  listUnits,
  updateDepartment,
} from './org.departments.ts';
import {
  EXPORT_FILENAME,
  exportOrganisations,
  organisationTemplate,
  TEMPLATE_FILENAME,
} from './org.export.ts';
import { ORG_IMPORT_SHEETS } from './org.import.mapping.ts';
import { closePartyOrg, movePartyOrg, reopenPartyOrg } from './org.lifecycle.ts';
import {
  createPartyOrg,
  getPartyOrg,
  listPartyOrgEvents,
  listPartyOrgs,
  updatePartyOrg,
} from './org.service.ts';
import { importOrganisationWorkbook, previewOrganisationWorkbook } from './org.workbook.ts';

const tags = ['org'];
const importing = { access: { kind: 'permission', permission: 'org.import' } } as const;
/** A field of the named sheet (党组织 when none is named). */
const isOrgField = (field: string, sheet: string | undefined) =>
  ORG_IMPORT_SHEETS.some((s) => s.name === (sheet ?? '党组织') && s.fields.some((f) => f.key === field));

function sendXlsx(reply: FastifyReply, buf: Buffer, filename: string) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', attachment(filename))
    .send(buf);
}

export function orgRoutes(services: AppServices) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const read = { access: { kind: 'permission', permission: 'org.read' } } as const;
    const write = { access: { kind: 'permission', permission: 'org.write' } } as const;

    app.get(
      '/api/units',
      { config: read, schema: { tags, summary: '单位 Units', response: { 200: z.array(UnitSchema) } } },
      async (request) => listUnits(ctxFromRequest(request, services)),
    );

    app.get(
      '/api/party-orgs',
      {
        config: read,
        schema: {
          tags,
          summary: '党组织 Party organisations',
          querystring: PartyOrgTreeQuerySchema,
          response: { 200: z.array(PartyOrgSchema) },
        },
      },
      async (request) => listPartyOrgs(ctxFromRequest(request, services), request.query),
    );

    app.get(
      '/api/party-orgs/template',
      {
        config: { access: { kind: 'permission', permission: 'org.import' } },
        schema: { tags, summary: '导入模板 Import template' },
      },
      async (_request, reply) => sendXlsx(reply, await organisationTemplate(), TEMPLATE_FILENAME),
    );

    app.get(
      '/api/party-orgs/export',
      {
        config: { access: { kind: 'permission', permission: 'org.export' } },
        schema: { tags, summary: '导出 Export' },
      },
      async (request, reply) => {
        const buf = await inTransaction(ctxFromRequest(request, services), (tx) => exportOrganisations(tx));
        return sendXlsx(reply, buf, EXPORT_FILENAME);
      },
    );

    app.post(
      '/api/party-orgs/import',
      {
        config: importing,
        schema: {
          tags,
          summary: '导入 Import (multipart field "file")',
          response: { 200: MappedImportResultSchema },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor) throw unauthenticated();
        const { buffer } = await readUploadedFile(request);
        const ctx = ctxFromRequest(request, services);
        // The workbook is read before the (short) transaction opens; see org.workbook.ts.
        return oneImportAtATime(ctx, actor.userId, () => importOrganisationWorkbook(ctx, buffer));
      },
    );

    app.post(
      '/api/party-orgs/import/upload',
      {
        config: importing,
        schema: {
          tags,
          summary: '上传组织机构表并预览列映射（不写入）',
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
          previewOrganisationWorkbook(ctx, buffer, await keepUpload(ctx, actor.userId, buffer, filename)),
        );
      },
    );

    app.post(
      '/api/party-orgs/import/preview',
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
        const overrides = checkOverrides(request.body.columns, isOrgField);
        const ctx = ctxFromRequest(request, services);
        const upload = await requireUpload(ctx, actor.userId, request.body.token);
        return oneImportAtATime(ctx, actor.userId, () =>
          previewOrganisationWorkbook(ctx, upload.buf, request.body.token, { overrides }),
        );
      },
    );

    app.post(
      '/api/party-orgs/import/confirm',
      {
        config: importing,
        schema: {
          tags,
          summary: '确认导入组织机构（全部通过才写入；保存本单位的列映射）',
          body: ImportConfirmBodySchema,
          response: { 200: MappedImportResultSchema },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor) throw unauthenticated();
        const overrides = checkOverrides(request.body.columns, isOrgField);
        const ctx = ctxFromRequest(request, services);
        const upload = await requireUpload(ctx, actor.userId, request.body.token);
        return oneImportAtATime(ctx, actor.userId, () =>
          importOrganisationWorkbook(ctx, upload.buf, {
            overrides,
            saveMapping: request.body.saveMapping,
          }),
        );
      },
    );

    app.get(
      '/api/party-orgs/:id',
      { config: read, schema: { tags, params: IdParamsSchema, response: { 200: PartyOrgSchema } } },
      async (request) => getPartyOrg(ctxFromRequest(request, services), request.params.id),
    );

    app.get(
      '/api/party-orgs/:id/events',
      {
        config: read,
        schema: {
          tags,
          summary: '沿革 History',
          params: IdParamsSchema,
          response: { 200: z.array(PartyOrgEventSchema) },
        },
      },
      async (request) => listPartyOrgEvents(ctxFromRequest(request, services), request.params.id),
    );

    app.post(
      '/api/party-orgs',
      { config: write, schema: { tags, body: CreatePartyOrgBodySchema, response: { 200: PartyOrgSchema } } },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => createPartyOrg(tx, request.body)),
    );

    app.patch(
      '/api/party-orgs/:id',
      {
        config: write,
        schema: {
          tags,
          params: IdParamsSchema,
          body: UpdatePartyOrgBodySchema,
          response: { 200: PartyOrgSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          updatePartyOrg(tx, request.params.id, request.body),
        ),
    );

    app.post(
      '/api/party-orgs/:id/move',
      {
        config: write,
        schema: {
          tags,
          params: IdParamsSchema,
          body: MovePartyOrgBodySchema,
          response: { 200: PartyOrgSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          movePartyOrg(tx, request.params.id, request.body),
        ),
    );

    app.post(
      '/api/party-orgs/:id/close',
      {
        config: write,
        schema: {
          tags,
          params: IdParamsSchema,
          body: ClosePartyOrgBodySchema,
          response: { 200: PartyOrgSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          closePartyOrg(tx, request.params.id, request.body),
        ),
    );

    app.post(
      '/api/party-orgs/:id/reopen',
      {
        config: write,
        schema: {
          tags,
          params: IdParamsSchema,
          body: ReopenPartyOrgBodySchema,
          response: { 200: PartyOrgSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          reopenPartyOrg(tx, request.params.id, request.body),
        ),
    );

    app.get(
      '/api/departments',
      {
        config: read,
        schema: {
          tags,
          querystring: DepartmentListQuerySchema,
          response: { 200: z.array(DepartmentSchema) },
        },
      },
      async (request) => listDepartments(ctxFromRequest(request, services), request.query),
    );

    app.post(
      '/api/departments',
      {
        config: write,
        schema: { tags, body: CreateDepartmentBodySchema, response: { 200: DepartmentSchema } },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => createDepartment(tx, request.body)),
    );

    app.patch(
      '/api/departments/:id',
      {
        config: write,
        schema: {
          tags,
          params: IdParamsSchema,
          body: UpdateDepartmentBodySchema,
          response: { 200: DepartmentSchema },
        },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          updateDepartment(tx, request.params.id, request.body),
        ),
    );
  };
}
