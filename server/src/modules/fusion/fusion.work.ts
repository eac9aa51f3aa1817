// A project's work (issue 11 point 3): milestones with owners and dates, the business KPIs it moves with their
// measured results, and the branch records linked as its activity — entered once in the branch module and counted
// here too. All kept by the lead branch (fusion.project on it) while the project is under way.
import type { FieldIssue } from '#contracts/errors';
import {
  type CreateKpiBody,
  type CreateMilestoneBody,
  type Kpi,
  type LinkedRecord,
  type LinkRecordsBody,
  type Milestone,
  OPEN_STAGES,
  type PatchKpiBody,
  type PatchMilestoneBody,
  type Project,
} from '#contracts/fusion-project';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { recordRefs, recordsOfOrgs } from '../branch/index.ts';
import { memberRefs } from '../member/index.ts';
import { projectChanged, projectOrgIds, recordsRelinked } from './fusion.project-changes.ts';
import {
  getProject,
  kpiView,
  milestoneView,
  type ProjectRow,
  runnableProject,
} from './fusion.projects-read.ts';

const MILESTONE_NOT_FOUND = '该节点不存在或不在您的管辖范围内';
const KPI_NOT_FOUND = '该指标不存在或不在您的管辖范围内';

function refuse(code: string, issues: readonly FieldIssue[]): void {
  if (issues.length > 0) throw invalid(code, issues[0]?.message ?? '请按提示修改', [...issues]);
}

function underWay(row: ProjectRow): void {
  if (!(OPEN_STAGES as readonly string[]).includes(row.stage))
    throw conflict('fusion.project_closed', '项目已验收或终止，不能再修改');
}

async function ownerIssue(ctx: Ctx, unitId: string, memberId: string, issues: FieldIssue[]) {
  const m = (await memberRefs(ctx.db, [memberId])).get(memberId);
  if (!m || m.unitId !== unitId || m.status !== 'active')
    issues.push({ field: 'body.ownerMemberId', message: '节点负责人须是本单位在册党员' });
}

// Milestones -------------------------------------------------------------------------------------------------------

async function milestoneOf(ctx: Ctx, id: string) {
  const ms = await ctx.db.selectFrom('fusionMilestone').selectAll().where('id', '=', id).executeTakeFirst();
  if (!ms) throw notFound('fusion.milestone_not_found', MILESTONE_NOT_FOUND);
  const project = await runnableProject(ctx, ms.projectId).catch(() => {
    throw notFound('fusion.milestone_not_found', MILESTONE_NOT_FOUND);
  });
  return { ms, project };
}

async function milestoneViewOf(ctx: Ctx, unitId: string, id: string): Promise<Milestone> {
  const row = await ctx.db
    .selectFrom('fusionMilestone as ms')
    .innerJoin('member as m', (j) =>
      j.onRef('m.unitId', '=', 'ms.unitId').onRef('m.id', '=', 'ms.ownerMemberId'),
    )
    .selectAll('ms')
    .select('m.name as ownerName')
    .where('ms.unitId', '=', unitId)
    .where('ms.id', '=', id)
    .executeTakeFirstOrThrow();
  return milestoneView(row, todayOf(ctx));
}

export async function createMilestone(
  ctx: Ctx,
  projectId: string,
  body: CreateMilestoneBody,
): Promise<Milestone> {
  const project = await runnableProject(ctx, projectId);
  underWay(project);
  const issues: FieldIssue[] = [];
  await ownerIssue(ctx, project.unitId, body.ownerMemberId, issues);
  refuse('fusion.milestone_invalid', issues);
  const row = await ctx.db
    .insertInto('fusionMilestone')
    .values({
      unitId: project.unitId,
      projectId,
      title: body.title,
      ownerMemberId: body.ownerMemberId,
      dueOn: body.dueOn,
      note: body.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'fusion.milestone_create',
    entityType: 'fusion_project',
    entityId: projectId,
    after: { title: body.title, dueOn: body.dueOn, ownerMemberId: body.ownerMemberId },
  });
  await projectChanged(ctx, project, [body.dueOn], ['fusion_milestone']);
  return milestoneViewOf(ctx, project.unitId, row.id);
}

export async function patchMilestone(ctx: Ctx, id: string, body: PatchMilestoneBody): Promise<Milestone> {
  const { ms, project } = await milestoneOf(ctx, id);
  underWay(project);
  if (ms.version !== body.version) throw staleVersion(await milestoneViewOf(ctx, project.unitId, id));
  const issues: FieldIssue[] = [];
  if (body.ownerMemberId) await ownerIssue(ctx, project.unitId, body.ownerMemberId, issues);
  if (body.doneOn && body.doneOn > todayOf(ctx))
    issues.push({ field: 'body.doneOn', message: '完成日期不能晚于今天' });
  refuse('fusion.milestone_invalid', issues);
  const { version: _v, ...fields } = body;
  const done = await ctx.db
    .updateTable('fusionMilestone')
    .set({ ...fields, version: ms.version + 1, updatedAt: new Date() })
    .where('unitId', '=', ms.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows)) throw staleVersion(await milestoneViewOf(ctx, project.unitId, id));
  await recordAudit(ctx, {
    action: 'fusion.milestone_update',
    entityType: 'fusion_project',
    entityId: ms.projectId,
    before: { title: ms.title, dueOn: ms.dueOn, doneOn: ms.doneOn },
    after: {
      title: body.title ?? ms.title,
      dueOn: body.dueOn ?? ms.dueOn,
      doneOn: body.doneOn !== undefined ? body.doneOn : ms.doneOn,
    },
  });
  await projectChanged(ctx, project, [ms.dueOn, body.dueOn], ['fusion_milestone']);
  return milestoneViewOf(ctx, project.unitId, id);
}

export async function deleteMilestone(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const { ms, project } = await milestoneOf(ctx, id);
  underWay(project);
  await ctx.db.deleteFrom('fusionMilestone').where('unitId', '=', ms.unitId).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'fusion.milestone_delete',
    entityType: 'fusion_project',
    entityId: ms.projectId,
    before: { title: ms.title, dueOn: ms.dueOn },
  });
  await projectChanged(ctx, project, [ms.dueOn], ['fusion_milestone']);
  return { ok: true };
}

// KPIs -------------------------------------------------------------------------------------------------------------

function directionIssues(direction: string, baseline: number, target: number, issues: FieldIssue[]) {
  if (direction === 'increase' && !(target > baseline))
    issues.push({ field: 'body.target', message: '指标要提高的，目标值应高于基线值' });
  if (direction === 'decrease' && !(target < baseline))
    issues.push({ field: 'body.target', message: '指标要降低的，目标值应低于基线值' });
}

async function kpiOf(ctx: Ctx, id: string) {
  const kpi = await ctx.db.selectFrom('fusionKpi').selectAll().where('id', '=', id).executeTakeFirst();
  if (!kpi) throw notFound('fusion.kpi_not_found', KPI_NOT_FOUND);
  const project = await runnableProject(ctx, kpi.projectId).catch(() => {
    throw notFound('fusion.kpi_not_found', KPI_NOT_FOUND);
  });
  return { kpi, project };
}

export async function createKpi(ctx: Ctx, projectId: string, body: CreateKpiBody): Promise<Kpi> {
  const project = await runnableProject(ctx, projectId);
  underWay(project);
  const issues: FieldIssue[] = [];
  directionIssues(body.direction, body.baseline, body.target, issues);
  refuse('fusion.kpi_invalid', issues);
  const row = await ctx.db
    .insertInto('fusionKpi')
    .values({
      unitId: project.unitId,
      projectId,
      name: body.name,
      measureUnit: body.measureUnit ?? null,
      direction: body.direction,
      baseline: body.baseline,
      target: body.target,
      note: body.note ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'fusion.kpi_create',
    entityType: 'fusion_project',
    entityId: projectId,
    after: { name: body.name, baseline: body.baseline, target: body.target },
  });
  return kpiView(row);
}

/** An edit, or the measured result: a result without a date is measured today; null clears both. */
export async function patchKpi(ctx: Ctx, id: string, body: PatchKpiBody): Promise<Kpi> {
  const { kpi, project } = await kpiOf(ctx, id);
  underWay(project);
  if (kpi.version !== body.version) throw staleVersion(kpiView(kpi));
  const issues: FieldIssue[] = [];
  const direction = body.direction ?? kpi.direction;
  const baseline = body.baseline ?? kpi.baseline;
  const target = body.target ?? kpi.target;
  directionIssues(direction, baseline, target, issues);
  let result = kpi.result;
  let measuredOn = kpi.measuredOn;
  if (body.result !== undefined) {
    result = body.result;
    measuredOn = body.result === null ? null : (body.measuredOn ?? kpi.measuredOn ?? todayOf(ctx));
  } else if (body.measuredOn !== undefined) {
    if (kpi.result === null && body.measuredOn !== null)
      issues.push({ field: 'body.result', message: '请先填写实测值，再填写测量日期' });
    measuredOn = body.measuredOn;
    if (body.measuredOn === null) result = null;
  }
  if (measuredOn && measuredOn > todayOf(ctx))
    issues.push({ field: 'body.measuredOn', message: '测量日期不能晚于今天' });
  refuse('fusion.kpi_invalid', issues);
  const { version: _v, result: _r, measuredOn: _m, ...fields } = body;
  const row = await ctx.db
    .updateTable('fusionKpi')
    .set({ ...fields, result, measuredOn, version: kpi.version + 1, updatedAt: new Date() })
    .where('unitId', '=', kpi.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const now = await ctx.db
      .selectFrom('fusionKpi')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    throw staleVersion(kpiView(now));
  }
  await recordAudit(ctx, {
    action: 'fusion.kpi_update',
    entityType: 'fusion_project',
    entityId: kpi.projectId,
    before: { name: kpi.name, target: kpi.target, result: kpi.result },
    after: { name: row.name, target: row.target, result: row.result },
  });
  await projectChanged(ctx, project, [kpi.measuredOn, row.measuredOn], ['fusion_kpi']);
  return kpiView(row);
}

export async function deleteKpi(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const { kpi, project } = await kpiOf(ctx, id);
  underWay(project);
  await ctx.db.deleteFrom('fusionKpi').where('unitId', '=', kpi.unitId).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'fusion.kpi_delete',
    entityType: 'fusion_project',
    entityId: kpi.projectId,
    before: { name: kpi.name, baseline: kpi.baseline, target: kpi.target },
  });
  await projectChanged(ctx, project, [kpi.measuredOn], ['fusion_kpi']);
  return { ok: true };
}

// Linked branch records ----------------------------------------------------------------------------------------------

export async function recordCandidates(
  ctx: Ctx,
  projectId: string,
  q: string | undefined,
): Promise<LinkedRecord[]> {
  const project = await runnableProject(ctx, projectId);
  const orgIds = await projectOrgIds(ctx, project);
  const linked = new Set(
    (
      await ctx.db
        .selectFrom('fusionProjectRecord')
        .select('recordId')
        .where('unitId', '=', project.unitId)
        .where('projectId', '=', projectId)
        .execute()
    ).map((r) => r.recordId),
  );
  const refs = await recordsOfOrgs(ctx, { unitId: project.unitId, orgIds, q, limit: 100 });
  return refs.filter((r) => !linked.has(r.id)).slice(0, 50);
}

export async function linkRecords(ctx: Ctx, projectId: string, body: LinkRecordsBody): Promise<Project> {
  const project = await runnableProject(ctx, projectId);
  underWay(project);
  const orgIds = new Set(await projectOrgIds(ctx, project));
  const refs = new Map((await recordRefs(ctx, project.unitId, body.recordIds)).map((r) => [r.id, r]));
  const issues: FieldIssue[] = [];
  body.recordIds.forEach((id, i) => {
    const r = refs.get(id);
    if (!r)
      issues.push({
        field: `body.recordIds.${i}`,
        message: '请选择本单位已召开的支部工作记录（谈心谈话不作关联）',
      });
    else if (!r.heldBy.some((o) => orgIds.has(o)))
      issues.push({
        field: `body.recordIds.${i}`,
        message: `“${r.partyOrgName}”不是本项目的牵头、联建或团队成员所在党组织，其记录不能关联`,
      });
  });
  refuse('fusion.record_invalid', issues);
  await ctx.db
    .insertInto('fusionProjectRecord')
    .values(
      [...new Set(body.recordIds)].map((recordId) => ({
        unitId: project.unitId,
        projectId,
        recordId,
        linkedByUserId: ctx.actor?.userId ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['unitId', 'projectId', 'recordId']).doNothing())
    .execute();
  await recordAudit(ctx, {
    action: 'fusion.record_link',
    entityType: 'fusion_project',
    entityId: projectId,
    details: { recordIds: body.recordIds },
  });
  await recordsRelinked(ctx, project.unitId, [...refs.values()]);
  return getProject(ctx, projectId);
}

export async function unlinkRecord(ctx: Ctx, projectId: string, recordId: string): Promise<Project> {
  const project = await runnableProject(ctx, projectId);
  underWay(project);
  const gone = await ctx.db
    .deleteFrom('fusionProjectRecord')
    .where('unitId', '=', project.unitId)
    .where('projectId', '=', projectId)
    .where('recordId', '=', recordId)
    .executeTakeFirst();
  if (!Number(gone.numDeletedRows)) throw notFound('fusion.record_not_linked', '该记录未关联到本项目');
  await recordAudit(ctx, {
    action: 'fusion.record_unlink',
    entityType: 'fusion_project',
    entityId: projectId,
    details: { recordId },
  });
  await recordsRelinked(ctx, project.unitId, await recordRefs(ctx, project.unitId, [recordId]));
  return getProject(ctx, projectId);
}
