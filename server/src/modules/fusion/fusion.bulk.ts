// A year of an organ's fusion work written at once (the demo's, issue 11 point 9): partners, needs, resources, the
// board's declined pairs, and projects at every stage with their team, milestones, KPIs, history and linked records.
// Multi-row inserts per table (a few statements per organ, never one per row) and one audit entry. The facts of a
// declined pair are computed here, as the board computes them, so the board keeps it away until they change.
import { randomUUID } from 'node:crypto';
import type { ResourceKind, Urgency } from '#contracts/fusion';
import type { ProjectStage, TeamKind, TeamRole } from '#contracts/fusion-project';
import type { PartnerKind } from '#contracts/partner';
import type { Ctx } from '../../core/context.ts';
import { recordAudit } from '../audit/index.ts';
import { departmentLinks } from './fusion.board.ts';
import { type BrandPlan, loadBrandPlan } from './fusion.bulk-brands.ts';
import { factsOf } from './fusion.match.ts';
import { selectResources, toResource } from './fusion.resources.ts';

export type PlanPartner = {
  key: string;
  name: string;
  kind: PartnerKind;
  contact: string | null;
  note: string | null;
};
export type PlanNeed = {
  key: string;
  departmentId: string;
  title: string;
  problem: string;
  kpiName: string | null;
  urgency: Urgency;
  raisedBy: string;
  raisedOn: string;
  tags: string[];
  /** 'closed' by hand (with closedOn and closedReason); in_project and closed-by-acceptance follow the projects. */
  closedByHand: { on: string; reason: string } | null;
};
export type PlanResource = {
  key: string;
  partyOrgId: string;
  kind: ResourceKind;
  title: string;
  description: string | null;
  memberId: string | null;
  partnerKey: string | null;
  tags: string[];
  capacity: number;
};
export type PlanProject = {
  key: string;
  needKey: string | null;
  title: string;
  goal: string;
  departmentId: string | null;
  leadOrgId: string;
  teamKind: TeamKind;
  stage: ProjectStage;
  ownerMemberId: string;
  startsOn: string | null;
  dueOn: string | null;
  /** One entry per step taken, in order, the first being the draft (论证). */
  steps: { to: ProjectStage; on: string; note: string | null; by: string }[];
  outcome: string | null;
  acceptanceNote: string | null;
  terminationReason: string | null;
  resourceKeys: string[];
  partnerKeys: string[];
  jointOrgIds: string[];
  team: { memberId: string; role: TeamRole; partyOrgId: string }[];
  milestones: { title: string; ownerMemberId: string; dueOn: string; doneOn: string | null }[];
  kpis: {
    name: string;
    measureUnit: string | null;
    direction: 'increase' | 'decrease';
    baseline: number;
    target: number;
    result: number | null;
    measuredOn: string | null;
  }[];
  recordIds: string[];
};
export type FusionPlan = {
  unitId: string;
  partners: PlanPartner[];
  needs: PlanNeed[];
  resources: PlanResource[];
  projects: PlanProject[];
  declined: { needKey: string; resourceKey: string; reason: string; on: string; by: string }[];
  /** Brands, typical cases, pairings and joint records (fusion.bulk-brands.ts). */
  brands: BrandPlan;
};
export type FusionLoadResult = {
  loaded: boolean;
  needs: number;
  resources: number;
  projects: number;
  statements: number;
};

const OPEN: readonly ProjectStage[] = ['proposal', 'approved', 'in_progress'];

export async function hasFusionWork(ctx: Ctx, unitId: string): Promise<boolean> {
  // Partners too: a small organ's plan may raise no need, yet its partners are written and must not be again.
  const kept = await ctx.db
    .selectFrom('fusionNeed')
    .select('id')
    .where('unitId', '=', unitId)
    .union(ctx.db.selectFrom('partnerOrg').select('id').where('unitId', '=', unitId))
    .limit(1)
    .executeTakeFirst();
  return !!kept;
}

function idsFor(keys: readonly string[]): Map<string, string> {
  return new Map(keys.map((k) => [k, randomUUID()]));
}
function must(map: Map<string, string>, key: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`fusion plan names an unknown key: ${key}`);
  return id;
}
const dateOf = (day: string) => new Date(`${day}T02:00:00Z`);

export async function loadFusionPlan(ctx: Ctx, plan: FusionPlan): Promise<FusionLoadResult> {
  const u = plan.unitId;
  if (await hasFusionWork(ctx, u))
    return { loaded: false, needs: 0, resources: 0, projects: 0, statements: 1 };
  let statements = 1;
  const run = async (q: { execute(): Promise<unknown> } | null) => {
    if (!q) return;
    statements++;
    await q.execute();
  };
  const partner = idsFor(plan.partners.map((p) => p.key));
  const need = idsFor(plan.needs.map((n) => n.key));
  const resource = idsFor(plan.resources.map((r) => r.key));
  const project = idsFor(plan.projects.map((p) => p.key));
  const accepted = new Set(plan.projects.filter((p) => p.stage === 'accepted').map((p) => p.needKey));
  const served = new Set(plan.projects.filter((p) => OPEN.includes(p.stage)).map((p) => p.needKey));
  const acceptedOn = new Map(
    plan.projects.filter((p) => p.stage === 'accepted').map((p) => [p.needKey, p.steps.at(-1)?.on ?? null]),
  );
  const titleOf = new Map(
    plan.projects.filter((p) => p.stage === 'accepted').map((p) => [p.needKey, p.title]),
  );

  const some = <T>(rows: T[]) => (rows.length > 0 ? rows : null);
  const partners = some(
    plan.partners.map((p) => ({
      unitId: u,
      id: must(partner, p.key),
      name: p.name,
      kind: p.kind,
      contact: p.contact,
      note: p.note,
    })),
  );
  await run(partners && ctx.db.insertInto('partnerOrg').values(partners));
  const needs = some(
    plan.needs.map((n) => {
      const done = accepted.has(n.key);
      const status = done || n.closedByHand ? 'closed' : served.has(n.key) ? 'in_project' : 'open';
      return {
        unitId: u,
        id: must(need, n.key),
        departmentId: n.departmentId,
        title: n.title,
        problem: n.problem,
        kpiName: n.kpiName,
        urgency: n.urgency,
        raisedBy: n.raisedBy,
        raisedOn: n.raisedOn,
        tags: n.tags,
        status,
        closedOn: done ? (acceptedOn.get(n.key) ?? null) : (n.closedByHand?.on ?? null),
        closedReason: done ? `项目“${titleOf.get(n.key)}”已验收` : (n.closedByHand?.reason ?? null),
        createdAt: dateOf(n.raisedOn),
      };
    }),
  );
  await run(needs && ctx.db.insertInto('fusionNeed').values(needs));
  const resources = some(
    plan.resources.map((r) => ({
      unitId: u,
      id: must(resource, r.key),
      partyOrgId: r.partyOrgId,
      kind: r.kind,
      title: r.title,
      description: r.description,
      memberId: r.memberId,
      partnerOrgId: r.partnerKey ? must(partner, r.partnerKey) : null,
      tags: r.tags,
      capacity: r.capacity,
    })),
  );
  await run(resources && ctx.db.insertInto('fusionResource').values(resources));

  const stepOn = (p: PlanProject, to: ProjectStage) => p.steps.find((s) => s.to === to)?.on ?? null;
  const projects = some(
    plan.projects.map((p) => ({
      unitId: u,
      id: must(project, p.key),
      needId: p.needKey ? must(need, p.needKey) : null,
      title: p.title,
      goal: p.goal,
      departmentId: p.departmentId,
      leadOrgId: p.leadOrgId,
      teamKind: p.teamKind,
      stage: p.stage,
      ownerMemberId: p.ownerMemberId,
      startsOn: p.startsOn,
      dueOn: p.dueOn,
      approvedOn: stepOn(p, 'approved'),
      startedOn: stepOn(p, 'in_progress'),
      acceptedOn: stepOn(p, 'accepted'),
      outcome: p.outcome,
      acceptanceNote: p.acceptanceNote,
      terminatedOn: stepOn(p, 'terminated'),
      terminationReason: p.terminationReason,
      version: p.steps.length,
      createdAt: dateOf(p.steps[0]?.on ?? p.startsOn ?? '2000-01-01'),
    })),
  );
  await run(projects && ctx.db.insertInto('fusionProject').values(projects));
  const events = some(
    plan.projects.flatMap((p) =>
      p.steps.map((s, i) => ({
        unitId: u,
        projectId: must(project, p.key),
        fromStage: i === 0 ? null : (p.steps[i - 1]?.to ?? null),
        toStage: s.to,
        happenedOn: s.on,
        note: s.note,
        byName: s.by,
        createdAt: new Date(dateOf(s.on).getTime() + i),
      })),
    ),
  );
  await run(events && ctx.db.insertInto('fusionProjectEvent').values(events));
  const pid = (p: PlanProject) => must(project, p.key);
  const links = <T>(rows: T[]) => some(rows);
  const pr = links(
    plan.projects.flatMap((p) =>
      p.resourceKeys.map((k) => ({ unitId: u, projectId: pid(p), resourceId: must(resource, k) })),
    ),
  );
  await run(pr && ctx.db.insertInto('fusionProjectResource').values(pr));
  const pp = links(
    plan.projects.flatMap((p) =>
      p.partnerKeys.map((k) => ({ unitId: u, projectId: pid(p), partnerOrgId: must(partner, k) })),
    ),
  );
  await run(pp && ctx.db.insertInto('fusionProjectPartner').values(pp));
  const pj = links(
    plan.projects.flatMap((p) =>
      p.jointOrgIds.map((partyOrgId) => ({ unitId: u, projectId: pid(p), partyOrgId })),
    ),
  );
  await run(pj && ctx.db.insertInto('fusionProjectParty').values(pj));
  const team = links(
    plan.projects.flatMap((p) => p.team.map((t) => ({ unitId: u, projectId: pid(p), ...t }))),
  );
  await run(team && ctx.db.insertInto('fusionProjectMember').values(team));
  const ms = links(
    plan.projects.flatMap((p) => p.milestones.map((m) => ({ unitId: u, projectId: pid(p), ...m }))),
  );
  await run(ms && ctx.db.insertInto('fusionMilestone').values(ms));
  const kpis = links(
    plan.projects.flatMap((p) => p.kpis.map((k) => ({ unitId: u, projectId: pid(p), ...k }))),
  );
  await run(kpis && ctx.db.insertInto('fusionKpi').values(kpis));
  const recs = links(
    plan.projects.flatMap((p) =>
      [...new Set(p.recordIds)].map((recordId) => ({ unitId: u, projectId: pid(p), recordId })),
    ),
  );
  await run(recs && ctx.db.insertInto('fusionProjectRecord').values(recs));

  if (plan.declined.length > 0) {
    // The facts as the board sees them now, so that the pairs stay away until they change.
    const [linkSet, rows] = await Promise.all([
      departmentLinks(ctx, u),
      selectResources(ctx).where('r.unitId', '=', u).execute(),
    ]);
    statements += 2;
    const byId = new Map(rows.map((r) => [r.id, toResource(r)]));
    const needByKey = new Map(plan.needs.map((n) => [n.key, n]));
    const decisions = plan.declined.map((d) => {
      const n = needByKey.get(d.needKey);
      const r = byId.get(must(resource, d.resourceKey));
      if (!n || !r) throw new Error('a declined pair of the fusion plan names an unknown need or resource');
      const facts = factsOf(
        {
          id: '',
          departmentId: n.departmentId,
          departmentName: '',
          urgency: n.urgency,
          tags: n.tags,
          raisedOn: n.raisedOn,
        },
        {
          id: r.id,
          partyOrgId: r.partyOrgId,
          partyOrgName: '',
          tags: r.tags,
          capacity: r.capacity,
          inUse: r.inUse,
        },
        linkSet.has(`${r.partyOrgId}|${n.departmentId}`),
      );
      return {
        unitId: u,
        needId: must(need, d.needKey),
        resourceId: r.id,
        decision: 'declined',
        facts: JSON.stringify(facts),
        reason: d.reason,
        decidedByName: d.by,
        decidedAt: dateOf(d.on),
      };
    });
    await run(ctx.db.insertInto('fusionMatchDecision').values(decisions));
  }
  statements += await loadBrandPlan(ctx, u, plan.brands, {
    partner: (k) => must(partner, k),
    project: (k) => must(project, k),
  });
  await recordAudit(ctx, {
    action: 'fusion.bulk_load',
    entityType: 'unit',
    entityId: u,
    details: {
      needs: plan.needs.length,
      resources: plan.resources.length,
      projects: plan.projects.length,
      brands: plan.brands.brands.length,
      cases: plan.brands.cases.length,
      pairings: plan.brands.pairings.length,
    },
  });
  return {
    loaded: true,
    needs: plan.needs.length,
    resources: plan.resources.length,
    projects: plan.projects.length,
    statements: statements + 1,
  };
}
