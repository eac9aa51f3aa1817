// 需求清单 (issue 11 point 1): the business pain points the departments raise, kept by the organ committee. A need is open until a project takes it up
// (in_project), and closed when that project is accepted — or by hand, with a reason.

import type { FieldIssue } from '#contracts/errors';
import type { CreateNeedBody, Need, NeedListQuery, PatchNeedBody } from '#contracts/fusion';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findDepartmentById } from '../org/index.ts';
import { managedOrgan, readableOrgan } from './fusion.access.ts';

const NEED_NOT_FOUND = '该需求不存在或不在您的管辖范围内';

// Needs ------------------------------------------------------------------------------------------------------------

function selectNeeds(ctx: Ctx) {
  return ctx.db
    .selectFrom('fusionNeed as n')
    .innerJoin('department as d', (j) =>
      j.onRef('d.unitId', '=', 'n.unitId').onRef('d.id', '=', 'n.departmentId'),
    )
    .selectAll('n')
    .select('d.name as departmentName');
}
type NeedRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectNeeds>['executeTakeFirst']>>>;

/** Needs as the API shows them, with the projects started from each (one query for all). */
export async function needViews(ctx: Ctx, rows: readonly NeedRow[]): Promise<Need[]> {
  const first = rows[0];
  const projects =
    first && rows.length > 0
      ? await ctx.db
          .selectFrom('fusionProject')
          .select(['id', 'title', 'stage', 'needId'])
          .where('unitId', '=', first.unitId)
          .where(
            'needId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('createdAt', 'desc')
          .execute()
      : [];
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    title: r.title,
    problem: r.problem,
    kpiName: r.kpiName,
    urgency: r.urgency as Need['urgency'],
    raisedBy: r.raisedBy,
    raisedOn: r.raisedOn,
    tags: r.tags,
    status: r.status as Need['status'],
    closedOn: r.closedOn,
    closedReason: r.closedReason,
    projects: projects
      .filter((p) => p.needId === r.id)
      .map((p) => ({ id: p.id, title: p.title, stage: p.stage })),
    version: r.version,
  }));
}

export async function listNeeds(ctx: Ctx, q: NeedListQuery): Promise<Need[]> {
  await readableOrgan(ctx, q.unitId);
  let query = selectNeeds(ctx).where('n.unitId', '=', q.unitId);
  if (q.status) query = query.where('n.status', '=', q.status);
  if (q.departmentId) query = query.where('n.departmentId', '=', q.departmentId);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('n.title', 'like', like), eb('n.problem', 'like', like), eb('d.name', 'like', like)]),
    );
  }
  const rows = await query
    .orderBy((eb) =>
      eb
        .case()
        .when('n.status', '=', 'open')
        .then(0)
        .when('n.status', '=', 'in_project')
        .then(1)
        .else(2)
        .end(),
    )
    .orderBy('n.raisedOn', 'desc')
    .orderBy('n.id')
    .execute();
  return needViews(ctx, rows);
}

export async function needRow(ctx: Ctx, id: string): Promise<NeedRow> {
  const row = await selectNeeds(ctx).where('n.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('fusion.need_not_found', NEED_NOT_FOUND);
  await readableOrgan(ctx, row.unitId).catch(() => {
    throw notFound('fusion.need_not_found', NEED_NOT_FOUND);
  });
  return row;
}

export async function getNeed(ctx: Ctx, id: string): Promise<Need> {
  return (await needViews(ctx, [await needRow(ctx, id)]))[0] as Need;
}

/** The department must be an active one of the same organ. */
async function checkDepartment(ctx: Ctx, unitId: string, departmentId: string, issues: FieldIssue[]) {
  const dept = await findDepartmentById(ctx.db, departmentId);
  if (!dept || dept.unitId !== unitId || dept.status !== 'active')
    issues.push({ field: 'body.departmentId', message: '请选择本单位在用的业务部门（处室/科室）' });
  return dept;
}

function checkDate(ctx: Ctx, raisedOn: string, issues: FieldIssue[]) {
  if (raisedOn > todayOf(ctx)) issues.push({ field: 'body.raisedOn', message: '提出日期不能晚于今天' });
}

function refuse(issues: FieldIssue[]): void {
  if (issues.length > 0) throw invalid('fusion.need_invalid', issues[0]?.message ?? '请按提示修改', issues);
}

export async function createNeed(ctx: Ctx, body: CreateNeedBody): Promise<Need> {
  const dept = await findDepartmentById(ctx.db, body.departmentId);
  if (!dept)
    throw invalid('fusion.need_invalid', '请选择业务部门', [
      { field: 'body.departmentId', message: '该业务部门不存在，请重新选择' },
    ]);
  await managedOrgan(ctx, dept.unitId);
  const issues: FieldIssue[] = [];
  await checkDepartment(ctx, dept.unitId, body.departmentId, issues);
  checkDate(ctx, body.raisedOn, issues);
  refuse(issues);
  const row = await ctx.db
    .insertInto('fusionNeed')
    .values({
      unitId: dept.unitId,
      departmentId: body.departmentId,
      title: body.title,
      problem: body.problem,
      kpiName: body.kpiName ?? null,
      urgency: body.urgency,
      raisedBy: body.raisedBy,
      raisedOn: body.raisedOn,
      tags: body.tags,
      createdByUserId: ctx.actor?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'fusion.need_create',
    entityType: 'fusion_need',
    entityId: row.id,
    after: { title: body.title, departmentId: body.departmentId, urgency: body.urgency },
  });
  return getNeed(ctx, row.id);
}

export async function patchNeed(ctx: Ctx, id: string, body: PatchNeedBody): Promise<Need> {
  const before = await needRow(ctx, id);
  await managedOrgan(ctx, before.unitId);
  if (before.version !== body.version) throw staleVersion((await needViews(ctx, [before]))[0]);
  const issues: FieldIssue[] = [];
  if (body.departmentId && body.departmentId !== before.departmentId)
    await checkDepartment(ctx, before.unitId, body.departmentId, issues);
  if (body.raisedOn) checkDate(ctx, body.raisedOn, issues);
  let status = before.status;
  let closedOn = before.closedOn;
  let closedReason = before.closedReason;
  if (body.status === 'closed' && before.status !== 'closed') {
    if (!body.closedReason)
      issues.push({ field: 'body.closedReason', message: '请写明销号的原因（例如：业务调整，不再需要）' });
    if (before.status === 'in_project')
      throw conflict(
        'fusion.need_in_project',
        '该需求正由项目推进，项目验收后自动销号；如需放弃，请先终止项目',
      );
    status = 'closed';
    closedOn = todayOf(ctx);
    closedReason = body.closedReason ?? null;
  } else if (body.status === 'open' && before.status === 'closed') {
    status = 'open';
    closedOn = null;
    closedReason = null;
  }
  refuse(issues);
  const { version: _v, status: _s, closedReason: _c, ...fields } = body;
  const row = await ctx.db
    .updateTable('fusionNeed')
    .set({ ...fields, status, closedOn, closedReason, version: before.version + 1, updatedAt: new Date() })
    .where('unitId', '=', before.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw staleVersion(await getNeed(ctx, id));
  await recordAudit(ctx, {
    action: 'fusion.need_update',
    entityType: 'fusion_need',
    entityId: id,
    before: { title: before.title, status: before.status, urgency: before.urgency },
    after: { title: body.title ?? before.title, status, urgency: body.urgency ?? before.urgency },
  });
  return getNeed(ctx, id);
}
