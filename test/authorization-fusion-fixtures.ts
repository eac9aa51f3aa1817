import type { LightMyRequestResponse } from 'fastify';
import type { Brand, PairingDetail, ShowcaseCase } from '#contracts/fusion-brand';
import type { Kpi, Milestone, Project } from '#contracts/fusion-project';
import { type CaseCtx, fixtureCell, OLD_DATE } from './authorization-requests.ts';
import { today } from './authorization-responsibility-fixtures.ts';
import type { BranchCode, Target, World } from './authorization-world.ts';

// Fixtures of the fusion cases of the authorisation matrix (test/authorization-cases-fusion.ts). What every target
// branch holds — a partner organisation of its organ, a need of its organ's department, a resource of the branch,
// a project it leads with a milestone and a KPI — is made once through the API by the world's fixture account (the
// work committee's officer and organ B's officer, who keep both organs' fusion work); what a case uses up (a step
// of the lifecycle, an accepted or declined pair, a deletion) is made afresh for every request. Branch records,
// which the project links, are written straight into their table, as the branch cases do.

export type Standing = {
  partner: { id: string; name: string };
  need: { id: string; title: string };
  resource: { id: string; title: string };
  project: { id: string; title: string };
  milestone: string;
  /** An overdue milestone of the standing member that no case changes (their own, on /api/me/fusion). */
  overdue: string;
  kpi: string;
};

export async function made<T>(what: string, p: Promise<LightMyRequestResponse>): Promise<T> {
  const r = await p;
  if (r.statusCode !== 200)
    throw new Error(`fusion fixture (${what}): ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r.json() as T;
}

export async function newPartner(w: World, t: Target): Promise<{ id: string; name: string }> {
  return made(
    'partner',
    w.fixture.post('/api/partner-orgs', {
      unitId: t.unit.id,
      name: `${t.code}共建社区${w.seq()}`,
      kind: 'community',
      contact: '社区党委 王书记',
    }),
  );
}

export async function newNeed(w: World, t: Target): Promise<{ id: string; title: string; version: number }> {
  return made(
    'need',
    w.fixture.post('/api/fusion/needs', {
      departmentId: t.dept.id,
      title: `${t.code}矩阵需求${w.seq()}：审批材料反复退回`,
      problem: '企业申报材料一次通过率低，群众多次往返',
      kpiName: '一次通过率',
      urgency: 'urgent',
      raisedBy: '科室负责人',
      raisedOn: '2024-06-01',
      tags: ['审批', '矩阵'],
    }),
  );
}

export async function newResource(
  w: World,
  t: Target,
  capacity = 20,
): Promise<{ id: string; title: string; version: number }> {
  return made(
    'resource',
    w.fixture.post('/api/fusion/resources', {
      partyOrgId: t.org.id,
      kind: 'task_force',
      title: `${t.code}矩阵攻坚小组${w.seq()}`,
      tags: ['审批', '矩阵'],
      capacity,
    }),
  );
}

/** A draft led by the target branch, owned by its standing member; with a goal, a milestone and a KPI when asked. */
export async function newProject(
  w: World,
  t: Target,
  o: { complete?: boolean; needId?: string } = {},
): Promise<Project & { milestone: string | null; kpi: string | null }> {
  const p = await made<Project>(
    'project',
    w.fixture.post('/api/fusion/projects', {
      leadOrgId: t.org.id,
      title: `${t.code}矩阵项目${w.seq()}`,
      teamKind: 'tackle_team',
      ownerMemberId: t.member.id,
      goal: '材料一次通过率提高到九成',
      ...(o.needId ? { needId: o.needId } : {}),
    }),
  );
  if (!o.complete) return { ...p, milestone: null, kpi: null };
  const milestone = await newMilestone(w, t, p.id);
  const kpi = await newKpi(w, p.id);
  return { ...p, milestone, kpi };
}

export async function newMilestone(w: World, t: Target, projectId: string, dueOn = today()): Promise<string> {
  const ms = await made<Milestone>(
    'milestone',
    w.fixture.post(`/api/fusion/projects/${projectId}/milestones`, {
      title: `梳理退回原因${w.seq()}`,
      ownerMemberId: t.member.id,
      dueOn,
    }),
  );
  return ms.id;
}

export async function newKpi(w: World, projectId: string): Promise<string> {
  const kpi = await made<Kpi>(
    'kpi',
    w.fixture.post(`/api/fusion/projects/${projectId}/kpis`, {
      name: `一次通过率${w.seq()}`,
      measureUnit: '%',
      direction: 'increase',
      baseline: 60,
      target: 90,
    }),
  );
  return kpi.id;
}

/** A project of the target branch taken by the fixture account to `stage` (its KPI measured once under way). */
export async function projectAt(
  w: World,
  t: Target,
  stage: 'proposal' | 'approved' | 'in_progress',
): Promise<{ id: string; version: number }> {
  const p = await newProject(w, t, { complete: true });
  if (stage === 'proposal') return { id: p.id, version: p.version };
  const step = (name: string, body: object = {}) =>
    made<Project>(name, w.fixture.post(`/api/fusion/projects/${p.id}/${name}`, body));
  let now = await step('approve', { version: p.version });
  if (stage === 'approved') return { id: now.id, version: now.version };
  now = await step('start', { version: now.version });
  const kpi = now.kpiList[0];
  if (!kpi) throw new Error('fusion fixture: a project without its KPI');
  await made(
    'kpi result',
    w.fixture.patch(`/api/fusion/kpis/${kpi.id}`, { result: 95, version: kpi.version }),
  );
  return { id: now.id, version: await versionOf(w, 'fusionProject', now.id) };
}

/** A held committee meeting of the target branch (a record the branch's projects may link). */
export async function newRecord(w: World, t: Target): Promise<{ id: string; topic: string }> {
  const topic = `矩阵融合支委会${w.seq()}`;
  const row = await w.t.database.db
    .insertInto('branchRecord')
    .values({
      unitId: t.unit.id,
      partyOrgId: t.org.id,
      kind: 'committee_meeting',
      status: 'held',
      heldOn: '2024-06-28',
      topic,
      counts: JSON.stringify({ typed: 1, prefilled: 0, reused: 0, imported: 0 }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, topic };
}

const caches = new WeakMap<World, Map<BranchCode, Promise<Standing>>>();

/** What the target branch holds for the reading and editing cases, made once per branch. */
export function standing(w: World, t: Target): Promise<Standing> {
  let byBranch = caches.get(w);
  if (!byBranch) {
    byBranch = new Map();
    caches.set(w, byBranch);
  }
  let s = byBranch.get(t.code);
  if (!s) {
    s = (async () => {
      const partner = await newPartner(w, t);
      const need = await newNeed(w, t);
      const resource = await newResource(w, t);
      const project = await newProject(w, t, { complete: true });
      return {
        partner: { id: partner.id, name: partner.name },
        need: { id: need.id, title: need.title },
        resource: { id: resource.id, title: resource.title },
        project: { id: project.id, title: project.title },
        milestone: project.milestone as string,
        overdue: await newMilestone(w, t, project.id, '2024-01-15'),
        kpi: project.kpi as string,
      };
    })();
    byBranch.set(t.code, s);
  }
  return s;
}

/** The current version of a fusion record, as the next edit must send it. */
export async function versionOf(
  w: World,
  table:
    | 'partnerOrg'
    | 'fusionNeed'
    | 'fusionResource'
    | 'fusionProject'
    | 'fusionMilestone'
    | 'fusionKpi'
    | 'brand'
    | 'showcaseCase'
    | 'pairing',
  id: string,
): Promise<number> {
  const row = await w.t.database.db
    .selectFrom(table)
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** What a request made, for its check: ids of the records it acts on. */
const acted = new WeakMap<CaseCtx, Record<string, string>>();
export const note = (c: CaseCtx, v: Record<string, string>) => acted.set(c, v);
export const got = (c: CaseCtx, key: string) => acted.get(c)?.[key] as string;

export async function needStatus(c: CaseCtx, id: string): Promise<string> {
  const row = await c.w.t.database.db
    .selectFrom('fusionNeed')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.status;
}

// Fixtures of the brand, case and pairing cases (test/authorization-cases-fusion-brands.ts). Every target branch holds
// a brand, a pairing with its organ's standing partner, an accepted project, a draft and a published case, made once
// by the fixture account. Organ B's published case is also marked selected by the work committee, straight in its
// table: the world's work committee stands over organ A only, so no account could select it through the API, and
// the matrix needs one selected case outside the callers' organ to show it is readable from every organ.

export type BrandStanding = {
  brand: { id: string; name: string };
  pairing: { id: string; title: string };
  accepted: { id: string; title: string };
  draft: { id: string; title: string };
  published: { id: string; title: string };
};

/** A branch of its own under the target, for a brand (one per branch) the request may create or use up. */
export async function spareBranch(w: World, t: Target): Promise<string> {
  const cell = await fixtureCell(w, t);
  // The party-org routes let a branch hold only Party groups; the brand rules need a branch, so it becomes one.
  await w.t.database.db.updateTable('partyOrg').set({ kind: 'branch' }).where('id', '=', cell.id).execute();
  return cell.id;
}

export function newBrand(w: World, partyOrgId: string, code: string): Promise<Brand> {
  return made(
    'brand',
    w.fixture.post('/api/fusion/brands', {
      partyOrgId,
      name: `${code}先锋品牌${w.seq()}`,
      concept: '把支部建在窗口上',
      serviceStandards: '首问负责、一次告知',
      creationMeasures: '党员先锋岗轮值',
      effect: '群众满意度明显提高',
    }),
  );
}

export async function newEvidence(w: World, brandId: string): Promise<string> {
  const b = await made<Brand>(
    'evidence',
    w.fixture.post(`/api/fusion/brands/${brandId}/evidence`, {
      element: 'effect',
      kind: 'satisfaction',
      note: `服务对象满意度测评 97.${w.seq() % 10}%`,
    }),
  );
  const last = b.evidence.at(-1);
  if (!last) throw new Error('fusion fixture: evidence not kept');
  return last.id;
}

export function newPairing(w: World, t: Target, partnerOrgId: string): Promise<PairingDetail> {
  return made(
    'pairing',
    w.fixture.post('/api/fusion/pairings', {
      partyOrgId: t.org.id,
      partnerOrgId,
      title: `${t.code}结对共建${w.seq()}`,
      agreement: '每季度联合开展一次主题党日',
      startsOn: OLD_DATE,
      endsOn: '2030-12-31',
    }),
  );
}

/** A case of the target branch, written from its brand (a case starts from a brand or an accepted project), taken by the fixture account to `status`. */
export async function newCase(
  w: World,
  t: Target,
  status: 'draft' | 'submitted' | 'published',
  brandId: string,
): Promise<ShowcaseCase> {
  let c = await made<ShowcaseCase>(
    'case',
    w.fixture.post('/api/fusion/cases', {
      partyOrgId: t.org.id,
      brandId,
      title: `${t.code}典型案例${w.seq()}`,
      problem: '审批材料反复退回，群众多次往返',
      actions: '党员先锋岗预审材料，一次告知',
      result: '材料一次通过率提高到九成五',
    }),
  );
  for (const step of ['submit', 'publish'] as const) {
    if (c.status === status) break;
    c = await made(step, w.fixture.post(`/api/fusion/cases/${c.id}/${step}`, { version: c.version }));
  }
  return c;
}

const brandCaches = new WeakMap<World, Map<BranchCode, Promise<BrandStanding>>>();

export function brandStanding(w: World, t: Target): Promise<BrandStanding> {
  let byBranch = brandCaches.get(w);
  if (!byBranch) {
    byBranch = new Map();
    brandCaches.set(w, byBranch);
  }
  let s = byBranch.get(t.code);
  if (!s) {
    s = (async () => {
      const { partner } = await standing(w, t);
      const brand = await newBrand(w, t.org.id, t.code);
      const pairing = await newPairing(w, t, partner.id);
      const p = await projectAt(w, t, 'in_progress');
      const accepted = await made<{ id: string; title: string }>(
        'accepted project',
        w.fixture.post(`/api/fusion/projects/${p.id}/accept`, {
          version: p.version,
          outcome: '材料一次通过率由六成提高到九成五',
        }),
      );
      const draft = await newCase(w, t, 'draft', brand.id);
      const published = await newCase(w, t, 'published', brand.id);
      if (t.code === 'MXB-1')
        await w.t.database.db
          .updateTable('showcaseCase')
          .set({ committeeSelected: true, selectedOn: OLD_DATE })
          .where('id', '=', published.id)
          .execute();
      const ref = (x: { id: string; title: string }) => ({ id: x.id, title: x.title });
      return {
        brand: { id: brand.id, name: brand.name },
        pairing: ref(pairing),
        accepted: ref(accepted),
        draft: ref(draft),
        published: ref(published),
      };
    })();
    byBranch.set(t.code, s);
  }
  return s;
}
