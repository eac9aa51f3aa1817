// Reading fusion projects (issue 11 point 3): the list with its progress, set-based (one query per part for a whole
// page of projects, never one per project), and a project in full with what the caller may do to it.
import type { Kpi, Milestone, Project, ProjectListQuery, ProjectSummary } from '#contracts/fusion-project';
import { OPEN_STAGES } from '#contracts/fusion-project';
import { type Ctx, todayOf } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { recordRefs } from '../branch/index.ts';
import { isInScope } from '../identity/index.ts';
import { managesOrgan, reachesOrgan, readableOrgan } from './fusion.access.ts';
import { guestOrgsOf, guestProjectsUnder, guestReads } from './fusion.joint-guests.ts';

export const PROJECT_NOT_FOUND = '该项目不存在或不在您的管辖范围内';

export function selectProjects(ctx: Ctx) {
  return ctx.db
    .selectFrom('fusionProject as p')
    .innerJoin('partyOrg as o', (j) => j.onRef('o.unitId', '=', 'p.unitId').onRef('o.id', '=', 'p.leadOrgId'))
    .innerJoin('member as m', (j) =>
      j.onRef('m.unitId', '=', 'p.unitId').onRef('m.id', '=', 'p.ownerMemberId'),
    )
    .leftJoin('department as d', (j) =>
      j.onRef('d.unitId', '=', 'p.unitId').onRef('d.id', '=', 'p.departmentId'),
    )
    .selectAll('p')
    .select([
      'o.name as leadOrgName',
      'o.path as leadOrgPath',
      'm.name as ownerName',
      'd.name as departmentName',
    ]);
}
export type ProjectRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectProjects>['executeTakeFirst']>>
>;

/** met: the result reaches the target in the KPI's direction. */
export function kpiMet(k: { direction: string; target: number; result: number | null }): boolean | null {
  if (k.result === null) return null;
  return k.direction === 'increase' ? k.result >= k.target : k.result <= k.target;
}

/** Every Party organisation each project counts for: the lead, the team's branches, the joint holders. */
async function orgsOf(ctx: Ctx, unitId: string, rows: readonly ProjectRow[]) {
  const ids = rows.map((r) => r.id);
  const [team, joint, guests] = await Promise.all([
    ctx.db
      .selectFrom('fusionProjectMember as t')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 't.unitId').onRef('o.id', '=', 't.partyOrgId'),
      )
      .select(['t.projectId', 'o.id', 'o.name'])
      .where('t.unitId', '=', unitId)
      .where('t.projectId', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('fusionProjectParty as j')
      .innerJoin('partyOrg as o', (jn) =>
        jn.onRef('o.unitId', '=', 'j.unitId').onRef('o.id', '=', 'j.partyOrgId'),
      )
      .select(['j.projectId', 'o.id', 'o.name'])
      .where('j.unitId', '=', unitId)
      .where('j.projectId', 'in', ids)
      .execute(),
    guestOrgsOf(ctx, unitId, ids),
  ]);
  type Named = { name: string; organName?: string };
  const out = new Map<string, Map<string, Named>>();
  for (const r of rows) out.set(r.id, new Map([[r.leadOrgId, { name: r.leadOrgName }]]));
  for (const x of [...joint, ...team]) out.get(x.projectId)?.set(x.id, { name: x.name });
  for (const g of guests) out.get(g.projectId)?.set(g.id, { name: g.name, organName: g.organName });
  return { orgs: out, jointIds: joint };
}

export async function summaries(ctx: Ctx, rows: readonly ProjectRow[]): Promise<ProjectSummary[]> {
  const first = rows[0];
  if (!first) return [];
  const unitId = first.unitId;
  const ids = rows.map((r) => r.id);
  const today = todayOf(ctx);
  const [{ orgs }, milestones, kpis] = await Promise.all([
    orgsOf(ctx, unitId, rows),
    ctx.db
      .selectFrom('fusionMilestone')
      .select(['projectId', 'dueOn', 'doneOn'])
      .where('unitId', '=', unitId)
      .where('projectId', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('fusionKpi')
      .select(['projectId', 'direction', 'target', 'result'])
      .where('unitId', '=', unitId)
      .where('projectId', 'in', ids)
      .execute(),
  ]);
  return rows.map((r) => {
    const ms = milestones.filter((m) => m.projectId === r.id);
    const ks = kpis.filter((k) => k.projectId === r.id);
    const open = (OPEN_STAGES as readonly string[]).includes(r.stage);
    return {
      id: r.id,
      unitId: r.unitId,
      title: r.title,
      stage: r.stage as ProjectSummary['stage'],
      teamKind: r.teamKind as ProjectSummary['teamKind'],
      needId: r.needId,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      leadOrgId: r.leadOrgId,
      leadOrgName: r.leadOrgName,
      partyOrgs: [...(orgs.get(r.id) ?? new Map())].map(([id, named]) => ({ id, ...named })),
      ownerMemberId: r.ownerMemberId,
      ownerName: r.ownerName,
      startsOn: r.startsOn,
      dueOn: r.dueOn,
      milestones: {
        total: ms.length,
        done: ms.filter((m) => m.doneOn !== null).length,
        overdue: open ? ms.filter((m) => m.doneOn === null && m.dueOn < today).length : 0,
      },
      kpis: {
        total: ks.length,
        measured: ks.filter((k) => k.result !== null).length,
        met: ks.filter((k) => kpiMet(k) === true).length,
      },
      version: r.version,
    };
  });
}

export async function listProjects(ctx: Ctx, q: ProjectListQuery): Promise<ProjectSummary[]> {
  await readableOrgan(ctx, q.unitId);
  let query = narrowed(selectProjects(ctx).where('p.unitId', '=', q.unitId), q);
  let path: string | null = null;
  if (q.departmentId) query = query.where('p.departmentId', '=', q.departmentId);
  if (q.partyOrgId) {
    const under =
      (await ctx.db.selectFrom('partyOrg').select('path').where('id', '=', q.partyOrgId).executeTakeFirst())
        ?.path ?? '/none/';
    path = under;
    // Counts for the organisation when it leads, joins, or sends team members (with its subtree).
    query = query.where((eb) =>
      eb.or([
        eb('o.path', 'like', `${under}%`),
        eb.exists(
          eb
            .selectFrom('fusionProjectParty as j')
            .innerJoin('partyOrg as jo', (jn) =>
              jn.onRef('jo.unitId', '=', 'j.unitId').onRef('jo.id', '=', 'j.partyOrgId'),
            )
            .select('j.projectId')
            .whereRef('j.unitId', '=', 'p.unitId')
            .whereRef('j.projectId', '=', 'p.id')
            .where('jo.path', 'like', `${under}%`),
        ),
        eb.exists(
          eb
            .selectFrom('fusionProjectMember as t')
            .innerJoin('partyOrg as to', (jn) =>
              jn.onRef('to.unitId', '=', 't.unitId').onRef('to.id', '=', 't.partyOrgId'),
            )
            .select('t.projectId')
            .whereRef('t.unitId', '=', 'p.unitId')
            .whereRef('t.projectId', '=', 'p.id')
            .where('to.path', 'like', `${under}%`),
        ),
      ]),
    );
  }
  const own = await summaries(ctx, await ordered(query).execute());
  if (!path || q.departmentId) return own;
  // Held jointly with another organ's project: listed after the organ's own, grouped by host organ.
  const guests: ProjectSummary[] = [];
  for (const [hostUnitId, ids] of await guestProjectsUnder(ctx, q.unitId, path))
    guests.push(
      ...(await summaries(
        ctx,
        await ordered(
          narrowed(selectProjects(ctx).where('p.unitId', '=', hostUnitId).where('p.id', 'in', ids), q),
        ).execute(),
      )),
    );
  return [...own, ...guests];
}

type ProjectQuery = ReturnType<typeof selectProjects>;

function narrowed(query: ProjectQuery, q: ProjectListQuery): ProjectQuery {
  let out = query;
  if (q.stage) out = out.where('p.stage', '=', q.stage);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where((eb) => eb.or([eb('p.title', 'like', like), eb('p.goal', 'like', like)]));
  }
  return out;
}

function ordered(query: ProjectQuery) {
  return query
    .orderBy((eb) =>
      eb
        .case()
        .when('p.stage', '=', 'in_progress')
        .then(0)
        .when('p.stage', '=', 'approved')
        .then(1)
        .when('p.stage', '=', 'proposal')
        .then(2)
        .when('p.stage', '=', 'accepted')
        .then(3)
        .else(4)
        .end(),
    )
    .orderBy('p.createdAt', 'desc')
    .orderBy('p.id');
}

/** The project row when the caller reads the organ's fusion work; 404 otherwise. */
export async function readableProject(ctx: Ctx, id: string): Promise<ProjectRow> {
  const row = await selectProjects(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('fusion.project_not_found', PROJECT_NOT_FOUND);
  // A guest organisation's readers (another organ holding it jointly) read it too.
  if (!(await reachesOrgan(ctx, row.unitId, 'fusion.read')) && !(await guestReads(ctx, row.unitId, row.id)))
    throw notFound('fusion.project_not_found', PROJECT_NOT_FOUND);
  return row;
}

/** The project row when the caller runs the lead branch's projects (fusion.project on it); 404 otherwise. */
export async function runnableProject(ctx: Ctx, id: string): Promise<ProjectRow> {
  const row = await selectProjects(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'fusion.project', row.leadOrgPath))
    throw notFound('fusion.project_not_found', PROJECT_NOT_FOUND);
  return row;
}

export function milestoneView(
  m: {
    id: string;
    projectId: string;
    title: string;
    ownerMemberId: string;
    ownerName: string;
    dueOn: string;
    doneOn: string | null;
    note: string | null;
    version: number;
  },
  today: string,
): Milestone {
  return { ...m, overdue: m.doneOn === null && m.dueOn < today };
}

export function kpiView(k: {
  id: string;
  projectId: string;
  name: string;
  measureUnit: string | null;
  direction: string;
  baseline: number;
  target: number;
  result: number | null;
  measuredOn: string | null;
  note: string | null;
  version: number;
}): Kpi {
  return { ...k, direction: k.direction as Kpi['direction'], met: kpiMet(k) };
}

export async function projectView(ctx: Ctx, row: ProjectRow): Promise<Project> {
  const [summary] = await summaries(ctx, [row]);
  if (!summary) throw new Error('a project without its summary');
  const u = row.unitId;
  const today = todayOf(ctx);
  const [need, resources, partners, joint, team, milestones, kpis, events, links] = await Promise.all([
    row.needId
      ? ctx.db
          .selectFrom('fusionNeed')
          .select(['id', 'title', 'urgency', 'kpiName'])
          .where('unitId', '=', u)
          .where('id', '=', row.needId)
          .executeTakeFirst()
      : undefined,
    ctx.db
      .selectFrom('fusionProjectResource as pr')
      .innerJoin('fusionResource as r', (j) =>
        j.onRef('r.unitId', '=', 'pr.unitId').onRef('r.id', '=', 'pr.resourceId'),
      )
      .select(['r.id', 'r.title', 'r.kind'])
      .where('pr.unitId', '=', u)
      .where('pr.projectId', '=', row.id)
      .orderBy('r.title')
      .execute(),
    ctx.db
      .selectFrom('fusionProjectPartner as pp')
      .innerJoin('partnerOrg as po', (j) =>
        j.onRef('po.unitId', '=', 'pp.unitId').onRef('po.id', '=', 'pp.partnerOrgId'),
      )
      .select(['po.id', 'po.name'])
      .where('pp.unitId', '=', u)
      .where('pp.projectId', '=', row.id)
      .orderBy('po.name')
      .execute(),
    ctx.db
      .selectFrom('fusionProjectParty')
      .select('partyOrgId')
      .where('unitId', '=', u)
      .where('projectId', '=', row.id)
      .execute(),
    ctx.db
      .selectFrom('fusionProjectMember as t')
      .innerJoin('member as m', (j) => j.onRef('m.unitId', '=', 't.unitId').onRef('m.id', '=', 't.memberId'))
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 't.unitId').onRef('o.id', '=', 't.partyOrgId'),
      )
      .select(['t.memberId', 'm.name', 't.role', 't.partyOrgId', 'o.name as partyOrgName'])
      .where('t.unitId', '=', u)
      .where('t.projectId', '=', row.id)
      .orderBy((eb) =>
        eb
          .case()
          .when('t.role', '=', 'leader')
          .then(0)
          .when('t.role', '=', 'deputy')
          .then(1)
          .when('t.role', '=', 'member')
          .then(2)
          .else(3)
          .end(),
      )
      .orderBy('m.name')
      .execute(),
    ctx.db
      .selectFrom('fusionMilestone as ms')
      .innerJoin('member as m', (j) =>
        j.onRef('m.unitId', '=', 'ms.unitId').onRef('m.id', '=', 'ms.ownerMemberId'),
      )
      .selectAll('ms')
      .select('m.name as ownerName')
      .where('ms.unitId', '=', u)
      .where('ms.projectId', '=', row.id)
      .orderBy('ms.dueOn')
      .orderBy('ms.id')
      .execute(),
    ctx.db
      .selectFrom('fusionKpi')
      .selectAll()
      .where('unitId', '=', u)
      .where('projectId', '=', row.id)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('fusionProjectEvent')
      .select(['fromStage', 'toStage', 'happenedOn', 'note', 'byName'])
      .where('unitId', '=', u)
      .where('projectId', '=', row.id)
      .orderBy('createdAt')
      .execute(),
    ctx.db
      .selectFrom('fusionProjectRecord')
      .select('recordId')
      .where('unitId', '=', u)
      .where('projectId', '=', row.id)
      .execute(),
  ]);
  const open = (OPEN_STAGES as readonly string[]).includes(row.stage);
  const runs = isInScope(ctx.actor, 'fusion.project', row.leadOrgPath);
  const manages = await managesOrgan(ctx, u);
  const records = await recordRefs(
    ctx,
    u,
    links.map((l) => l.recordId),
  );
  return {
    ...summary,
    goal: row.goal,
    need: need ? { ...need, urgency: need.urgency as 'normal' | 'urgent' | 'critical' } : null,
    approvedOn: row.approvedOn,
    startedOn: row.startedOn,
    acceptedOn: row.acceptedOn,
    outcome: row.outcome,
    acceptanceNote: row.acceptanceNote,
    terminatedOn: row.terminatedOn,
    terminationReason: row.terminationReason,
    resources,
    partners,
    jointOrgIds: [
      ...joint.map((j) => j.partyOrgId),
      ...(await guestOrgsOf(ctx, u, [row.id])).map((g) => g.id),
    ],
    team: team.map((t) => ({ ...t, role: t.role as Project['team'][number]['role'] })),
    milestoneList: milestones.map((m) => milestoneView(m, today)),
    kpiList: kpis.map(kpiView),
    events: events.map((e) => ({
      ...e,
      fromStage: e.fromStage as Project['events'][number]['fromStage'],
      toStage: e.toStage as Project['events'][number]['toStage'],
    })),
    records,
    can: {
      edit: open && runs,
      approve: row.stage === 'proposal' && manages,
      start: row.stage === 'approved' && runs,
      accept: row.stage === 'in_progress' && manages,
      terminate: open && manages,
    },
  };
}

export async function getProject(ctx: Ctx, id: string): Promise<Project> {
  return projectView(ctx, await readableProject(ctx, id));
}
