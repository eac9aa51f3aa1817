// Making and editing fusion projects (issue 11 point 3): a draft (论证) made by the lead branch or by the organ
// committee accepting a pair on the board; its team from one or several branches; the organisations holding it
// jointly. Every reference is checked to be the organ's own and in use, and refused at its field otherwise.

import { sql } from 'kysely';
import type { FieldIssue } from '#contracts/errors';
import {
  type CreateProjectBody,
  OPEN_STAGES,
  type PatchProjectBody,
  type Project,
  type PutTeamBody,
  type TeamRole,
} from '#contracts/fusion-project';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { mayHoldWithGuest } from '../branch/index.ts';
import { memberRefs } from '../member/index.ts';
import { findDepartmentById, type PartyOrgRef, partyOrgRefs } from '../org/index.ts';
import { actorName, orgInScope } from './fusion.access.ts';
import { writeJointOrgs } from './fusion.joint-guests.ts';
import { holdersOf, projectChanged, projectDays } from './fusion.project-changes.ts';
import { getProject, type ProjectRow, projectView, runnableProject } from './fusion.projects-read.ts';

/** Organisations that lead projects: branches and the committees above them, never a 党小组. */
export const LEADING_KINDS = ['branch', 'general_branch', 'organ_committee', 'sub_committee'];

function refuse(issues: readonly FieldIssue[]): void {
  if (issues.length > 0)
    throw invalid('fusion.project_invalid', issues[0]?.message ?? '请按提示修改项目信息', [...issues]);
}

export type TeamEntry = { memberId: string; role: TeamRole };

/** Checks the references of a project's fields against organ `unitId`, collecting issues. */
async function checkRefs(
  ctx: Ctx,
  unitId: string,
  leadOrgId: string,
  f: {
    ownerMemberId?: string | undefined;
    departmentId?: string | null | undefined;
    jointOrgIds?: readonly string[] | undefined;
    partnerOrgIds?: readonly string[] | undefined;
    resourceIds?: readonly string[] | undefined;
    team?: readonly TeamEntry[] | undefined;
    startsOn?: string | null | undefined;
    dueOn?: string | null | undefined;
  },
  issues: FieldIssue[],
  ownProject?: string,
): Promise<Map<string, string>> {
  const memberIds = [...(f.ownerMemberId ? [f.ownerMemberId] : []), ...(f.team ?? []).map((t) => t.memberId)];
  const members = await memberRefs(ctx.db, memberIds);
  const active = (id: string) => {
    const m = members.get(id);
    return !!m && m.unitId === unitId && m.status === 'active';
  };
  if (f.ownerMemberId && !active(f.ownerMemberId))
    issues.push({ field: 'body.ownerMemberId', message: '项目负责人须是本单位在册党员' });
  (f.team ?? []).forEach((t, i) => {
    if (!active(t.memberId))
      issues.push({ field: `body.team.${i}.memberId`, message: '团队成员须是本单位在册党员' });
  });
  if (f.departmentId) {
    const d = await findDepartmentById(ctx.db, f.departmentId);
    if (!d || d.unitId !== unitId || d.status !== 'active')
      issues.push({ field: 'body.departmentId', message: '请选择本单位在用的业务部门' });
  }
  if (f.jointOrgIds && f.jointOrgIds.length > 0) {
    const orgs = await partyOrgRefs(ctx.db, [...f.jointOrgIds, leadOrgId]);
    const lead = orgs.get(leadOrgId);
    for (const [i, id] of f.jointOrgIds.entries()) {
      const o = orgs.get(id);
      if (o?.status !== 'active' || o.kind === 'cell')
        issues.push({
          field: `body.jointOrgIds.${i}`,
          message: '联建的党组织须是在建的党组织（党小组除外）',
        });
      else if (id === leadOrgId)
        issues.push({ field: `body.jointOrgIds.${i}`, message: '牵头党组织不必再列为联建党组织' });
      else if (
        o.unitId !== unitId &&
        !(lead && (await mayHoldWithGuest(ctx, { host: lead, guest: o, on: todayOf(ctx) }, 'fusion.project')))
      )
        issues.push({
          field: `body.jointOrgIds.${i}`,
          message: `“${o.name}”属于其他单位：须与牵头党组织（或其上级党组织）有在期的结对共建关系，或由同时管辖两个单位的上级党组织填写`,
        });
    }
  }
  if (f.partnerOrgIds && f.partnerOrgIds.length > 0) {
    const found = await ctx.db
      .selectFrom('partnerOrg')
      .select('id')
      .where('unitId', '=', unitId)
      .where('status', '=', 'active')
      .where('id', 'in', [...f.partnerOrgIds])
      .execute();
    const ok = new Set(found.map((p) => p.id));
    f.partnerOrgIds.forEach((id, i) => {
      if (!ok.has(id))
        issues.push({ field: `body.partnerOrgIds.${i}`, message: '请选择本单位在册的共建单位' });
    });
  }
  if (f.resourceIds && f.resourceIds.length > 0) {
    const found = await ctx.db
      .selectFrom('fusionResource as r')
      .select(['r.id', 'r.status', 'r.capacity'])
      .select((eb) =>
        eb
          .selectFrom('fusionProjectResource as pr')
          .innerJoin('fusionProject as fp', (j) =>
            j.onRef('fp.unitId', '=', 'pr.unitId').onRef('fp.id', '=', 'pr.projectId'),
          )
          .whereRef('pr.unitId', '=', 'r.unitId')
          .whereRef('pr.resourceId', '=', 'r.id')
          .where('fp.stage', 'in', [...OPEN_STAGES])
          .where('fp.id', '<>', ownProject ?? '00000000-0000-0000-0000-000000000000')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('inUse'),
      )
      .where('r.unitId', '=', unitId)
      .where('r.id', 'in', [...f.resourceIds])
      .execute();
    const byId = new Map(found.map((r) => [r.id, r]));
    f.resourceIds.forEach((id, i) => {
      const r = byId.get(id);
      if (r?.status !== 'active')
        issues.push({ field: `body.resourceIds.${i}`, message: '请选择本单位资源清单中在用的资源' });
      else if (Number(r.inUse ?? 0) >= r.capacity)
        issues.push({
          field: `body.resourceIds.${i}`,
          message: `该资源同时最多承担 ${r.capacity} 个项目，已满负荷`,
        });
    });
  }
  if (f.startsOn && f.dueOn && f.dueOn < f.startsOn)
    issues.push({ field: 'body.dueOn', message: '计划完成日期不能早于开始日期' });
  return new Map([...members].map(([id, m]) => [id, m.partyOrgId]));
}

const SETS = {
  partners: { table: 'fusionProjectPartner', column: 'partnerOrgId' },
  resources: { table: 'fusionProjectResource', column: 'resourceId' },
} as const;

/** Replaces one of a project's sets (partners, resources) with `ids`. */
async function replaceSet(
  ctx: Ctx,
  which: keyof typeof SETS,
  unitId: string,
  projectId: string,
  ids: readonly string[],
): Promise<void> {
  const { table, column } = SETS[which];
  await sql`delete from ${sql.table(snake(table))} where unit_id = ${unitId} and project_id = ${projectId}`.execute(
    ctx.db,
  );
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  await sql`insert into ${sql.table(snake(table))} (unit_id, project_id, ${sql.ref(snake(column))})
    select ${unitId}::uuid, ${projectId}::uuid, x from unnest(${unique}::uuid[]) as x`.execute(ctx.db);
}
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function writeTeam(
  ctx: Ctx,
  unitId: string,
  projectId: string,
  team: readonly TeamEntry[],
  branchOf: Map<string, string>,
): Promise<void> {
  await ctx.db
    .deleteFrom('fusionProjectMember')
    .where('unitId', '=', unitId)
    .where('projectId', '=', projectId)
    .execute();
  if (team.length === 0) return;
  await ctx.db
    .insertInto('fusionProjectMember')
    .values(
      team.map((t) => ({
        unitId,
        projectId,
        memberId: t.memberId,
        role: t.role,
        partyOrgId: branchOf.get(t.memberId) as string,
      })),
    )
    .execute();
}

export async function leadOrg(ctx: Ctx, id: string): Promise<PartyOrgRef> {
  const org = await orgInScope(ctx, id, 'fusion.project');
  if (!LEADING_KINDS.includes(org.kind) || org.status !== 'active')
    throw invalid('fusion.project_invalid', '项目由党支部（党总支、机关党委）牵头', [
      { field: 'body.leadOrgId', message: '请选择在建的党支部、党总支或机关党委牵头' },
    ]);
  return org;
}

/** Writes a draft; the caller has checked who may (the lead branch, or the organ committee from the board). */
export async function insertProject(
  ctx: Ctx,
  org: PartyOrgRef,
  body: CreateProjectBody,
  via: 'form' | 'board',
): Promise<string> {
  const issues: FieldIssue[] = [];
  const team: TeamEntry[] =
    body.team && body.team.length > 0 ? [...body.team] : [{ memberId: body.ownerMemberId, role: 'leader' }];
  if (!team.some((t) => t.memberId === body.ownerMemberId))
    team.unshift({ memberId: body.ownerMemberId, role: 'leader' });
  let departmentId = body.departmentId ?? null;
  if (body.needId) {
    const need = await ctx.db
      .selectFrom('fusionNeed')
      .select(['unitId', 'status', 'departmentId'])
      .where('id', '=', body.needId)
      .executeTakeFirst();
    if (!need || need.unitId !== org.unitId)
      issues.push({ field: 'body.needId', message: '请选择本单位需求清单中的需求' });
    else if (need.status === 'closed')
      issues.push({ field: 'body.needId', message: '该需求已销号，如仍需解决请先重新打开' });
    else departmentId ??= need.departmentId;
  }
  const branchOf = await checkRefs(ctx, org.unitId, org.id, { ...body, departmentId, team }, issues);
  refuse(issues);
  const row = await ctx.db
    .insertInto('fusionProject')
    .values({
      unitId: org.unitId,
      needId: body.needId ?? null,
      title: body.title,
      goal: body.goal ?? null,
      departmentId,
      leadOrgId: org.id,
      teamKind: body.teamKind,
      ownerMemberId: body.ownerMemberId,
      startsOn: body.startsOn ?? null,
      dueOn: body.dueOn ?? null,
      createdByUserId: ctx.actor?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeTeam(ctx, org.unitId, row.id, team, branchOf);
  await writeJointOrgs(ctx, org.unitId, row.id, body.jointOrgIds ?? []);
  await replaceSet(ctx, 'partners', org.unitId, row.id, body.partnerOrgIds ?? []);
  await replaceSet(ctx, 'resources', org.unitId, row.id, body.resourceIds ?? []);
  await ctx.db
    .insertInto('fusionProjectEvent')
    .values({
      unitId: org.unitId,
      projectId: row.id,
      fromStage: null,
      toStage: 'proposal',
      happenedOn: todayOf(ctx),
      note: via === 'board' ? '由匹配看板认领生成' : null,
      byUserId: ctx.actor?.userId ?? null,
      byName: actorName(ctx),
    })
    .execute();
  if (body.needId)
    await ctx.db
      .updateTable('fusionNeed')
      .set((eb) => ({ status: 'in_project', version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('unitId', '=', org.unitId)
      .where('id', '=', body.needId)
      .where('status', '=', 'open')
      .execute();
  await recordAudit(ctx, {
    action: 'fusion.project_create',
    entityType: 'fusion_project',
    entityId: row.id,
    after: { title: body.title, leadOrgId: org.id, needId: body.needId ?? null, via },
  });
  return row.id;
}

export async function createProject(ctx: Ctx, body: CreateProjectBody): Promise<Project> {
  const org = await leadOrg(ctx, body.leadOrgId);
  return getProject(ctx, await insertProject(ctx, org, body, 'form'));
}

/** A project still under way, at the version the caller saw; 409 otherwise. */
export async function openAt(ctx: Ctx, row: ProjectRow, version: number): Promise<void> {
  if (row.version !== version) throw staleVersion(await projectView(ctx, row));
  if (!(OPEN_STAGES as readonly string[]).includes(row.stage))
    throw conflict('fusion.project_closed', '项目已验收或终止，不能再修改');
}

async function bump(ctx: Ctx, row: ProjectRow, set: Record<string, unknown> = {}): Promise<void> {
  const done = await ctx.db
    .updateTable('fusionProject')
    .set({ ...set, version: row.version + 1, updatedAt: new Date() })
    .where('unitId', '=', row.unitId)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows)) throw staleVersion(await getProject(ctx, row.id));
}

export async function patchProject(ctx: Ctx, id: string, body: PatchProjectBody): Promise<Project> {
  const row = await runnableProject(ctx, id);
  await openAt(ctx, row, body.version);
  const issues: FieldIssue[] = [];
  await checkRefs(
    ctx,
    row.unitId,
    row.leadOrgId,
    {
      ...body,
      startsOn: body.startsOn !== undefined ? body.startsOn : row.startsOn,
      dueOn: body.dueOn !== undefined ? body.dueOn : row.dueOn,
    },
    issues,
    row.id,
  );
  refuse(issues);
  const { version: _v, jointOrgIds, partnerOrgIds, resourceIds, ...fields } = body;
  await bump(ctx, row, fields);
  const formerly = jointOrgIds ? await holdersOf(ctx, row) : [];
  if (jointOrgIds) await writeJointOrgs(ctx, row.unitId, id, jointOrgIds);
  if (partnerOrgIds) await replaceSet(ctx, 'partners', row.unitId, id, partnerOrgIds);
  if (resourceIds) await replaceSet(ctx, 'resources', row.unitId, id, resourceIds);
  if (body.ownerMemberId && body.ownerMemberId !== row.ownerMemberId) {
    // The new owner leads the team; the old one stays on it as a member unless the team is changed.
    await ctx.db
      .updateTable('fusionProjectMember')
      .set({ role: 'member' })
      .where('unitId', '=', row.unitId)
      .where('projectId', '=', id)
      .where('memberId', '=', row.ownerMemberId)
      .where('role', '=', 'leader')
      .execute();
    const m = (await memberRefs(ctx.db, [body.ownerMemberId])).get(body.ownerMemberId);
    if (m)
      await ctx.db
        .insertInto('fusionProjectMember')
        .values({
          unitId: row.unitId,
          projectId: id,
          memberId: m.id,
          role: 'leader',
          partyOrgId: m.partyOrgId,
        })
        .onConflict((oc) => oc.columns(['unitId', 'projectId', 'memberId']).doUpdateSet({ role: 'leader' }))
        .execute();
  }
  await recordAudit(ctx, {
    action: 'fusion.project_update',
    entityType: 'fusion_project',
    entityId: id,
    before: { title: row.title, ownerMemberId: row.ownerMemberId, dueOn: row.dueOn },
    after: {
      title: body.title ?? row.title,
      ownerMemberId: body.ownerMemberId ?? row.ownerMemberId,
      dueOn: body.dueOn !== undefined ? body.dueOn : row.dueOn,
    },
  });
  // Other holders (or a new owner's branch): who counts the project's milestones and KPIs changed.
  if (jointOrgIds || (body.ownerMemberId && body.ownerMemberId !== row.ownerMemberId))
    await projectChanged(ctx, row, await projectDays(ctx, row), PROJECT_WORK, formerly);
  return getProject(ctx, id);
}

export async function putTeam(ctx: Ctx, id: string, body: PutTeamBody): Promise<Project> {
  const row = await runnableProject(ctx, id);
  await openAt(ctx, row, body.version);
  const issues: FieldIssue[] = [];
  const branchOf = await checkRefs(ctx, row.unitId, row.leadOrgId, { team: body.team }, issues);
  if (!body.team.some((t) => t.memberId === row.ownerMemberId))
    issues.push({ field: 'body.team', message: '项目负责人须在团队中；如要换人，请先修改项目负责人' });
  refuse(issues);
  await bump(ctx, row);
  const formerly = await holdersOf(ctx, row);
  await writeTeam(ctx, row.unitId, id, body.team, branchOf);
  await recordAudit(ctx, {
    action: 'fusion.project_team',
    entityType: 'fusion_project',
    entityId: id,
    details: { team: body.team },
  });
  await projectChanged(ctx, row, await projectDays(ctx, row), PROJECT_WORK, formerly);
  return getProject(ctx, id);
}

/** What a project's holders count of it: its milestones, its KPI results, and the project itself. */
const PROJECT_WORK = ['fusion_project', 'fusion_milestone', 'fusion_kpi'] as const;

export { bump };
