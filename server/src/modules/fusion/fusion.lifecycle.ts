// The project lifecycle (issue 11 point 3): 论证 → 立项 → 推进 → 验收, or 终止 with a reason, each step taken by the
// one who answers for it (PROJECT_STEPS) and kept in the project's history. The need follows its projects: it closes
// when a project serving it is accepted, and opens again when the last one still under way is terminated.
import type { FieldIssue } from '#contracts/errors';
import {
  type AcceptProjectBody,
  OPEN_STAGES,
  PROJECT_STEPS,
  type Project,
  type ProjectStep,
  type StepBody,
  type TerminateProjectBody,
} from '#contracts/fusion-project';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorName, managedOrgan } from './fusion.access.ts';
import { projectChanged } from './fusion.project-changes.ts';
import { bump } from './fusion.projects.ts';
import {
  getProject,
  type ProjectRow,
  projectView,
  readableProject,
  runnableProject,
} from './fusion.projects-read.ts';

const STEP_NAMES: Record<ProjectStep, string> = {
  approve: '立项',
  start: '启动推进',
  accept: '验收',
  terminate: '终止',
};

/** The date of the step: given or today, never in the future, never before the step that came before it. */
async function stepDay(
  ctx: Ctx,
  row: ProjectRow,
  on: string | undefined,
  issues: FieldIssue[],
): Promise<string> {
  const today = todayOf(ctx);
  const day = on ?? today;
  if (day > today) issues.push({ field: 'body.on', message: '日期不能晚于今天' });
  const last = await ctx.db
    .selectFrom('fusionProjectEvent')
    .select((eb) => eb.fn.max('happenedOn').as('on'))
    .where('unitId', '=', row.unitId)
    .where('projectId', '=', row.id)
    .executeTakeFirst();
  const before = last?.on ?? null;
  if (before && day < before) issues.push({ field: 'body.on', message: `日期不能早于上一步（${before}）` });
  return day;
}

async function rowFor(ctx: Ctx, step: ProjectStep, id: string): Promise<ProjectRow> {
  if (PROJECT_STEPS[step].permission === 'fusion.project') return runnableProject(ctx, id);
  const row = await readableProject(ctx, id);
  await managedOrgan(ctx, row.unitId);
  return row;
}

async function take(
  ctx: Ctx,
  step: ProjectStep,
  id: string,
  body: StepBody,
  check: (row: ProjectRow, issues: FieldIssue[]) => Promise<void>,
  set: (day: string) => Record<string, unknown>,
): Promise<Project> {
  const row = await rowFor(ctx, step, id);
  const rule = PROJECT_STEPS[step];
  if (row.version !== body.version) throw staleVersion(await projectView(ctx, row));
  if (!(rule.from as readonly string[]).includes(row.stage))
    throw conflict('fusion.project_stage', `项目当前不在可${STEP_NAMES[step]}的阶段`, { stage: row.stage });
  const issues: FieldIssue[] = [];
  const day = await stepDay(ctx, row, body.on, issues);
  await check(row, issues);
  if (issues.length > 0) throw invalid('fusion.project_step', issues[0]?.message ?? '请按提示补充', issues);
  await bump(ctx, row, { stage: rule.to, ...set(day) });
  await ctx.db
    .insertInto('fusionProjectEvent')
    .values({
      unitId: row.unitId,
      projectId: row.id,
      fromStage: row.stage,
      toStage: rule.to,
      happenedOn: day,
      note: body.note ?? null,
      byUserId: ctx.actor?.userId ?? null,
      byName: actorName(ctx),
    })
    .execute();
  if (row.needId && (step === 'accept' || step === 'terminate')) await settleNeed(ctx, row, step, day);
  if (step === 'accept' || step === 'terminate') {
    // Accepted counts for the lead; a terminated project's milestones no longer count for anyone.
    const due = await ctx.db
      .selectFrom('fusionMilestone')
      .select('dueOn')
      .where('unitId', '=', row.unitId)
      .where('projectId', '=', row.id)
      .execute();
    await projectChanged(
      ctx,
      row,
      [day, ...due.map((m) => m.dueOn)],
      step === 'accept' ? ['fusion_project'] : ['fusion_milestone'],
    );
  }
  await recordAudit(ctx, {
    action: `fusion.project_${step}`,
    entityType: 'fusion_project',
    entityId: row.id,
    before: { stage: row.stage },
    after: { stage: rule.to, on: day },
  });
  return getProject(ctx, id);
}

/** Accepted: the need is met (closed). Terminated: the need is open again unless another project still serves it. */
async function settleNeed(
  ctx: Ctx,
  row: ProjectRow,
  step: 'accept' | 'terminate',
  day: string,
): Promise<void> {
  const needId = row.needId as string;
  if (step === 'accept') {
    await ctx.db
      .updateTable('fusionNeed')
      .set((eb) => ({
        status: 'closed',
        closedOn: day,
        closedReason: `项目“${row.title}”已验收`,
        version: eb('version', '+', 1),
        updatedAt: new Date(),
      }))
      .where('unitId', '=', row.unitId)
      .where('id', '=', needId)
      .where('status', '<>', 'closed')
      .execute();
    return;
  }
  const other = await ctx.db
    .selectFrom('fusionProject')
    .select('id')
    .where('unitId', '=', row.unitId)
    .where('needId', '=', needId)
    .where('id', '<>', row.id)
    .where('stage', 'in', [...OPEN_STAGES])
    .executeTakeFirst();
  if (!other)
    await ctx.db
      .updateTable('fusionNeed')
      .set((eb) => ({ status: 'open', version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('unitId', '=', row.unitId)
      .where('id', '=', needId)
      .where('status', '=', 'in_project')
      .execute();
}

async function counts(ctx: Ctx, row: ProjectRow) {
  const [ms, ks] = await Promise.all([
    ctx.db
      .selectFrom('fusionMilestone')
      .select(['id', 'doneOn'])
      .where('unitId', '=', row.unitId)
      .where('projectId', '=', row.id)
      .execute(),
    ctx.db
      .selectFrom('fusionKpi')
      .select(['id', 'name', 'result'])
      .where('unitId', '=', row.unitId)
      .where('projectId', '=', row.id)
      .execute(),
  ]);
  return { ms, ks };
}

/** 立项: the proposal says what it aims at, how it will get there (milestones) and how success is measured (KPIs). */
export function approveProject(ctx: Ctx, id: string, body: StepBody): Promise<Project> {
  return take(
    ctx,
    'approve',
    id,
    body,
    async (row, issues) => {
      const { ms, ks } = await counts(ctx, row);
      if (!row.goal) issues.push({ field: 'goal', message: '立项前请写明项目目标' });
      if (ms.length === 0)
        issues.push({ field: 'milestones', message: '立项前请至少安排一个节点（里程碑）' });
      if (ks.length === 0)
        issues.push({ field: 'kpis', message: '立项前请至少设定一项业务指标（基线和目标）' });
    },
    (day) => ({ approvedOn: day }),
  );
}

export function startProject(ctx: Ctx, id: string, body: StepBody): Promise<Project> {
  return take(
    ctx,
    'start',
    id,
    body,
    async () => {},
    (day) => ({ startedOn: day }),
  );
}

/** 验收: every KPI has its measured result, and the outcome is written. */
export function acceptProject(ctx: Ctx, id: string, body: AcceptProjectBody): Promise<Project> {
  return take(
    ctx,
    'accept',
    id,
    body,
    async (row, issues) => {
      const { ks } = await counts(ctx, row);
      for (const k of ks.filter((x) => x.result === null))
        issues.push({ field: `kpis.${k.id}`, message: `请先填写指标“${k.name}”的验收实测值` });
    },
    (day) => ({ acceptedOn: day, outcome: body.outcome, acceptanceNote: body.note ?? null }),
  );
}

export function terminateProject(ctx: Ctx, id: string, body: TerminateProjectBody): Promise<Project> {
  return take(
    ctx,
    'terminate',
    id,
    body,
    async () => {},
    (day) => ({ terminatedOn: day, terminationReason: body.reason }),
  );
}
