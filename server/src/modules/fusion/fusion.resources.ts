// 资源清单 (issue 11 point 1): what a branch can bring — a member's skill or certificate, a 先锋岗, a standing task
// force, a partner organisation's resource — with how many projects it can carry at once. Kept by the branch
// (fusion.project on it); read organ-wide, so the board can offer it to any department's need.

import type { FieldIssue } from '#contracts/errors';
import type { CreateResourceBody, PatchResourceBody, Resource, ResourceListQuery } from '#contracts/fusion';
import { OPEN_STAGES } from '#contracts/fusion-project';
import type { Ctx } from '../../core/context.ts';
import { invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { orgInScope, readableOrgan } from './fusion.access.ts';

const RESOURCE_NOT_FOUND = '该资源不存在或不在您的管辖范围内';
/** Organisations that offer resources: branches and the committees above them, never a 党小组. */
const OFFERING_KINDS = ['branch', 'general_branch', 'organ_committee', 'sub_committee'];

export function selectResources(ctx: Ctx) {
  return ctx.db
    .selectFrom('fusionResource as r')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'r.unitId').onRef('o.id', '=', 'r.partyOrgId'),
    )
    .leftJoin('member as m', (j) => j.onRef('m.unitId', '=', 'r.unitId').onRef('m.id', '=', 'r.memberId'))
    .leftJoin('partnerOrg as p', (j) =>
      j.onRef('p.unitId', '=', 'r.unitId').onRef('p.id', '=', 'r.partnerOrgId'),
    )
    .selectAll('r')
    .select([
      'o.name as partyOrgName',
      'o.path as orgPath',
      'm.name as memberName',
      'p.name as partnerOrgName',
    ])
    .select((eb) =>
      eb
        .selectFrom('fusionProjectResource as pr')
        .innerJoin('fusionProject as fp', (j) =>
          j.onRef('fp.unitId', '=', 'pr.unitId').onRef('fp.id', '=', 'pr.projectId'),
        )
        .whereRef('pr.unitId', '=', 'r.unitId')
        .whereRef('pr.resourceId', '=', 'r.id')
        .where('fp.stage', 'in', [...OPEN_STAGES])
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('inUse'),
    );
}
export type ResourceRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectResources>['executeTakeFirst']>>
>;

export function toResource(r: ResourceRow): Resource {
  return {
    id: r.id,
    unitId: r.unitId,
    partyOrgId: r.partyOrgId,
    partyOrgName: r.partyOrgName,
    kind: r.kind as Resource['kind'],
    title: r.title,
    description: r.description,
    memberId: r.memberId,
    memberName: r.memberName,
    partnerOrgId: r.partnerOrgId,
    partnerOrgName: r.partnerOrgName,
    tags: r.tags,
    capacity: r.capacity,
    inUse: Number(r.inUse ?? 0),
    status: r.status as Resource['status'],
    version: r.version,
  };
}

export async function listResources(ctx: Ctx, q: ResourceListQuery): Promise<Resource[]> {
  await readableOrgan(ctx, q.unitId);
  let query = selectResources(ctx).where('r.unitId', '=', q.unitId);
  if (q.partyOrgId) {
    const org = (
      await ctx.db.selectFrom('partyOrg').select('path').where('id', '=', q.partyOrgId).executeTakeFirst()
    )?.path;
    query = query.where('o.path', 'like', `${org ?? '/none/'}%`);
  }
  if (q.kind) query = query.where('r.kind', '=', q.kind);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('r.title', 'like', like), eb('r.description', 'like', like), eb('m.name', 'like', like)]),
    );
  }
  const rows = await query.orderBy('r.status').orderBy('o.path').orderBy('r.title').orderBy('r.id').execute();
  return rows.map(toResource);
}

async function resourceRow(ctx: Ctx, id: string): Promise<ResourceRow> {
  const row = await selectResources(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'fusion.project', row.orgPath))
    throw notFound('fusion.resource_not_found', RESOURCE_NOT_FOUND);
  return row;
}

/** A member must be an active member of the organ; a partner an active partner of the organ; each kind needs its own. */
async function checkLinks(
  ctx: Ctx,
  unitId: string,
  kind: Resource['kind'],
  memberId: string | null,
  partnerOrgId: string | null,
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (memberId) {
    const m = (await memberRefs(ctx.db, [memberId])).get(memberId);
    if (!m || m.unitId !== unitId || m.status !== 'active')
      issues.push({ field: 'body.memberId', message: '请选择本单位在册的党员' });
  } else if (kind === 'skill' || kind === 'certificate') {
    issues.push({ field: 'body.memberId', message: '党员专长和职业资格要写明是哪位党员' });
  }
  if (partnerOrgId) {
    const p = await ctx.db
      .selectFrom('partnerOrg')
      .select(['unitId', 'status'])
      .where('id', '=', partnerOrgId)
      .executeTakeFirst();
    if (!p || p.unitId !== unitId || p.status !== 'active')
      issues.push({ field: 'body.partnerOrgId', message: '请选择本单位在册的共建单位' });
  } else if (kind === 'partner') {
    issues.push({ field: 'body.partnerOrgId', message: '共建单位资源要写明是哪个共建单位' });
  }
  if (issues.length > 0)
    throw invalid('fusion.resource_invalid', issues[0]?.message ?? '请按提示修改', issues);
}

export async function getResource(ctx: Ctx, id: string): Promise<Resource> {
  const row = await selectResources(ctx).where('r.id', '=', id).executeTakeFirstOrThrow();
  return toResource(row);
}

export async function createResource(ctx: Ctx, body: CreateResourceBody): Promise<Resource> {
  const org = await orgInScope(ctx, body.partyOrgId, 'fusion.project');
  if (!OFFERING_KINDS.includes(org.kind) || org.status !== 'active')
    throw invalid('fusion.resource_invalid', '资源由党支部（党总支、机关党委）登记', [
      { field: 'body.partyOrgId', message: '请选择在建的党支部、党总支或机关党委' },
    ]);
  const memberId = body.memberId ?? null;
  const partnerOrgId = body.partnerOrgId ?? null;
  await checkLinks(ctx, org.unitId, body.kind, memberId, partnerOrgId);
  const row = await ctx.db
    .insertInto('fusionResource')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: body.kind,
      title: body.title,
      description: body.description ?? null,
      memberId,
      partnerOrgId,
      tags: body.tags,
      capacity: body.capacity,
      createdByUserId: ctx.actor?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'fusion.resource_create',
    entityType: 'fusion_resource',
    entityId: row.id,
    after: { title: body.title, kind: body.kind, partyOrgId: org.id },
  });
  return getResource(ctx, row.id);
}

export async function patchResource(ctx: Ctx, id: string, body: PatchResourceBody): Promise<Resource> {
  const before = await resourceRow(ctx, id);
  if (before.version !== body.version) throw staleVersion(toResource(before));
  const kind = body.kind ?? (before.kind as Resource['kind']);
  const memberId = body.memberId !== undefined ? body.memberId : before.memberId;
  const partnerOrgId = body.partnerOrgId !== undefined ? body.partnerOrgId : before.partnerOrgId;
  await checkLinks(ctx, before.unitId, kind, memberId, partnerOrgId);
  const { version: _v, ...fields } = body;
  const row = await ctx.db
    .updateTable('fusionResource')
    .set({ ...fields, memberId, partnerOrgId, version: before.version + 1, updatedAt: new Date() })
    .where('unitId', '=', before.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw staleVersion(await getResource(ctx, id));
  await recordAudit(ctx, {
    action: 'fusion.resource_update',
    entityType: 'fusion_resource',
    entityId: id,
    before: { title: before.title, status: before.status, capacity: before.capacity },
    after: {
      title: body.title ?? before.title,
      status: body.status ?? before.status,
      capacity: body.capacity ?? before.capacity,
    },
  });
  return getResource(ctx, id);
}
