// The matching board (issue 11 point 2): the organ's open needs, its active resources, and the pairs worth trying,
// each explained (fusion.match.ts). The organ committee accepts a pair — it becomes a project draft (论证) led by the
// resource's branch — or declines it; a declined pair stays away until its facts change.

import { sql } from 'kysely';
import type { Board, DeclinePairBody } from '#contracts/fusion';
import type { AcceptPairBody, Project, TeamKind } from '#contracts/fusion-project';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { postHoldersOf } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { actorName, managedOrgan, readableOrgan } from './fusion.access.ts';
import {
  type Decision,
  factsOf,
  type MatchFacts,
  type MatchNeed,
  type MatchResource,
  parseFacts,
  suggest,
} from './fusion.match.ts';
import { needRow, needViews } from './fusion.needs.ts';
import { insertProject, type TeamEntry } from './fusion.projects.ts';
import { getProject } from './fusion.projects-read.ts';
import { selectResources, toResource } from './fusion.resources.ts';

/**
 * (resource org, department) pairs where the resource's organisation — or a branch under it — serves the department
 * (支部建在科上). Read-only from the org module's link table, one query for the organ.
 */
export async function departmentLinks(ctx: Ctx, unitId: string): Promise<Set<string>> {
  const rows = await ctx.db
    .selectFrom('fusionResource as r')
    .innerJoin('partyOrg as ro', (j) =>
      j.onRef('ro.unitId', '=', 'r.unitId').onRef('ro.id', '=', 'r.partyOrgId'),
    )
    .innerJoin('partyOrg as lo', (j) =>
      j.onRef('lo.unitId', '=', 'r.unitId').on('lo.path', 'like', sql<string>`ro.path || '%'`),
    )
    .innerJoin('branchDepartment as bd', (j) =>
      j.onRef('bd.unitId', '=', 'lo.unitId').onRef('bd.partyOrgId', '=', 'lo.id'),
    )
    .select(['r.partyOrgId', 'bd.departmentId'])
    .distinct()
    .where('r.unitId', '=', unitId)
    .where('r.status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => `${r.partyOrgId}|${r.departmentId}`));
}

async function decisionsOf(ctx: Ctx, unitId: string): Promise<Map<string, Decision>> {
  const rows = await ctx.db
    .selectFrom('fusionMatchDecision')
    .select(['needId', 'resourceId', 'decision', 'facts', 'decidedAt'])
    .where('unitId', '=', unitId)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.needId}|${r.resourceId}`,
      {
        decision: r.decision as Decision['decision'],
        facts: parseFacts(r.facts),
        decidedOn: todayOf({ now: () => r.decidedAt }),
      },
    ]),
  );
}

const asMatchNeed = (n: Board['needs'][number]): MatchNeed => ({
  id: n.id,
  departmentId: n.departmentId,
  departmentName: n.departmentName,
  urgency: n.urgency,
  tags: n.tags,
  raisedOn: n.raisedOn,
});
const asMatchResource = (r: Board['resources'][number]): MatchResource => ({
  id: r.id,
  partyOrgId: r.partyOrgId,
  partyOrgName: r.partyOrgName,
  tags: r.tags,
  capacity: r.capacity,
  inUse: r.inUse,
});

async function openNeeds(ctx: Ctx, unitId: string) {
  const rows = await ctx.db
    .selectFrom('fusionNeed as n')
    .innerJoin('department as d', (j) =>
      j.onRef('d.unitId', '=', 'n.unitId').onRef('d.id', '=', 'n.departmentId'),
    )
    .selectAll('n')
    .select('d.name as departmentName')
    .where('n.unitId', '=', unitId)
    .where('n.status', '=', 'open')
    .orderBy('n.raisedOn', 'desc')
    .orderBy('n.id')
    .execute();
  return needViews(ctx, rows);
}

export async function getBoard(ctx: Ctx, unitId: string): Promise<Board> {
  await readableOrgan(ctx, unitId);
  const [needs, resourceRows, links, decisions] = await Promise.all([
    openNeeds(ctx, unitId),
    selectResources(ctx)
      .where('r.unitId', '=', unitId)
      .where('r.status', '=', 'active')
      .orderBy('o.path')
      .orderBy('r.title')
      .orderBy('r.id')
      .execute(),
    departmentLinks(ctx, unitId),
    decisionsOf(ctx, unitId),
  ]);
  const resources = resourceRows.map(toResource);
  const suggestions = suggest(needs.map(asMatchNeed), resources.map(asMatchResource), links, decisions);
  return { needs, resources, suggestions };
}

/** The need and the resource of a pair, both of one organ the caller keeps, with the pair's facts today. */
async function pair(ctx: Ctx, needId: string, resourceId: string) {
  const need = await needRow(ctx, needId);
  await managedOrgan(ctx, need.unitId);
  const row = await selectResources(ctx).where('r.id', '=', resourceId).executeTakeFirst();
  if (!row || row.unitId !== need.unitId)
    throw invalid('fusion.pair_invalid', '请选择本单位资源清单中的资源', [
      { field: 'body.resourceId', message: '该资源不在本单位的资源清单中' },
    ]);
  const resource = toResource(row);
  const [view] = await needViews(ctx, [need]);
  if (!view) throw notFound('fusion.need_not_found');
  const links = await departmentLinks(ctx, need.unitId);
  const facts = factsOf(
    asMatchNeed(view),
    asMatchResource(resource),
    links.has(`${resource.partyOrgId}|${need.departmentId}`),
  );
  return { need, view, resource, facts };
}

async function decide(
  ctx: Ctx,
  unitId: string,
  needId: string,
  resourceId: string,
  decision: 'declined' | 'accepted',
  facts: MatchFacts,
  reason: string | null,
): Promise<void> {
  const values = {
    decision,
    facts: JSON.stringify(facts),
    reason,
    decidedByUserId: ctx.actor?.userId ?? null,
    decidedByName: actorName(ctx),
    decidedAt: ctx.now?.() ?? new Date(),
  };
  await ctx.db
    .insertInto('fusionMatchDecision')
    .values({ unitId, needId, resourceId, ...values })
    .onConflict((oc) => oc.columns(['unitId', 'needId', 'resourceId']).doUpdateSet(values))
    .execute();
}

export async function declinePair(ctx: Ctx, body: DeclinePairBody): Promise<{ ok: true }> {
  const { need, resource, facts } = await pair(ctx, body.needId, body.resourceId);
  await decide(ctx, need.unitId, need.id, resource.id, 'declined', facts, body.reason ?? null);
  await recordAudit(ctx, {
    action: 'fusion.pair_decline',
    entityType: 'fusion_need',
    entityId: need.id,
    details: { resourceId: resource.id, reason: body.reason ?? null },
  });
  return { ok: true };
}

const TEAM_OF: Record<string, TeamKind> = { pioneer_post: 'pioneer_post', task_force: 'shock_team' };

export async function acceptPair(ctx: Ctx, body: AcceptPairBody): Promise<Project> {
  const { need, view, resource, facts } = await pair(ctx, body.needId, body.resourceId);
  if (need.status === 'closed') throw conflict('fusion.need_closed', '该需求已销号，如仍需解决请先重新打开');
  if (resource.status !== 'active') throw conflict('fusion.resource_retired', '该资源已停用，请换一个资源');
  if (facts.free <= 0)
    throw conflict('fusion.resource_full', `该资源同时最多承担 ${resource.capacity} 个项目，已满负荷`);
  const org = (await partyOrgRefs(ctx.db, [resource.partyOrgId])).get(resource.partyOrgId);
  if (org?.status !== 'active') throw conflict('fusion.org_closed', '提供该资源的党组织已撤销');
  const secretary = (await postHoldersOf(ctx.db, need.unitId, [org.id], 'secretary')).get(org.id)?.[0];
  const ownerMemberId = body.ownerMemberId ?? resource.memberId ?? secretary?.id;
  if (!ownerMemberId)
    throw invalid('fusion.pair_invalid', '请指定项目负责人', [
      { field: 'body.ownerMemberId', message: `${org.name}暂无书记，请指定一名党员负责该项目` },
    ]);
  const team: TeamEntry[] = [{ memberId: ownerMemberId, role: 'leader' }];
  if (resource.memberId && resource.memberId !== ownerMemberId)
    team.push({ memberId: resource.memberId, role: 'member' });
  const id = await insertProject(
    ctx,
    org,
    {
      leadOrgId: org.id,
      needId: need.id,
      title: body.title ?? view.title,
      goal: null,
      departmentId: view.departmentId,
      teamKind: body.teamKind ?? TEAM_OF[resource.kind] ?? 'tackle_team',
      ownerMemberId,
      startsOn: null,
      dueOn: null,
      resourceIds: [resource.id],
      partnerOrgIds: resource.partnerOrgId ? [resource.partnerOrgId] : [],
      team,
    },
    'board',
  );
  await decide(ctx, need.unitId, need.id, resource.id, 'accepted', facts, null);
  await recordAudit(ctx, {
    action: 'fusion.pair_accept',
    entityType: 'fusion_need',
    entityId: need.id,
    details: { resourceId: resource.id, projectId: id, on: todayOf(ctx) },
  });
  return getProject(ctx, id);
}
