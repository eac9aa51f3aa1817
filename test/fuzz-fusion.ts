import fc from 'fast-check';
import type { z } from 'zod';
import {
  buildFusionBrandWorld,
  FUSION_BRAND_POOLS,
  fusionBrandHint,
  fusionBrandPoolOf,
  harvestFusionBrand,
} from './fuzz-fusion-brands.ts';
import { arbitraryOf, dateBetween, type Hint, Ref, refArb } from './fuzz-inputs.ts';
import type { Client, TestApp } from './helpers.ts';

// Fusion work (issue 11) in the fuzz test (test/fuzz.int.test.ts): where the references of its routes come from
// (partners, needs, resources, projects, milestones and KPIs harvested from every answer, with their versions, and
// the likelier targets where the rules let a request through: an open need, a resource with a free slot, a project
// at the stage a step starts from), values the schemas alone would rarely make meet the rules (dates not in the
// future, a step dated today, KPI figures people write), and the records the run starts from.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const today = () => new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
const YEAR = Number(today().slice(0, 4));

// Partner organisations are the org module's, kept here for the fusion routes that name them.
const FUSION_URL = /^\/api\/(fusion|me\/fusion|partner-orgs)\b/;
export const isFusionUrl = (url: string) => FUSION_URL.test(url);

export const FUSION_POOLS = [
  'partner',
  'activePartner',
  'need',
  /** Needs not closed: a project or a pair may take them up. */
  'openNeed',
  'resource',
  /** Active resources with a free slot. */
  'freeResource',
  /** Organisations that offer resources and lead projects, never closed or moved by the run. */
  'leadOrg',
  'project',
  /** Projects under way (论证, 立项, 推进): they can still be edited. */
  'openProject',
  /** Drafts with a goal, a milestone and a KPI: ready for 立项. */
  'readyProject',
  'approvedProject',
  /** Projects under way with every KPI measured: ready for 验收. */
  'measuredProject',
  /**
   * One project under way with a linked record, and that record: the two parameters of an unlink are drawn apart,
   * so only a pool of one pair makes them meet.
   */
  'linkedProject',
  'linkedRecord',
  /** Held records offered as a project's candidates or shown linked: records of the organisations of a project. */
  'candidateRecord',
  'milestone',
  'kpi',
  /** The member who owns the world's projects, and their projects under way (a team must keep its owner). */
  'owner',
  'ownedProject',
  ...FUSION_BRAND_POOLS,
] as const;

const byUrl: [RegExp, [string, string?]][] = [
  [/^\/api\/partner-orgs\//, ['partner']],
  [/^\/api\/fusion\/needs\//, ['need']],
  [/^\/api\/fusion\/resources\//, ['resource']],
  [/^\/api\/fusion\/projects\/:id\/approve$/, ['project', 'readyProject']],
  [/^\/api\/fusion\/projects\/:id\/start$/, ['project', 'approvedProject']],
  [/^\/api\/fusion\/projects\/:id\/accept$/, ['project', 'measuredProject']],
  // Terminating ends a project for the rest of the run: never one of the world's, which the other routes work on.
  [/^\/api\/fusion\/projects\/:id\/terminate$/, ['project', 'spareOpenProject']],
  [/^\/api\/fusion\/projects\/:id\/records\/:recordId$/, ['project', 'linkedProject']],
  [/^\/api\/fusion\/projects\/:id\/record-candidates$/, ['project', 'ownedProject']],
  // The world's projects, whose team is of the branch most candidates come from.
  [/^\/api\/fusion\/projects\/:id\/records$/, ['project', 'ownedProject']],
  [/^\/api\/fusion\/projects\/:id\/team$/, ['project', 'ownedProject']],
  [/^\/api\/fusion\/projects\/:id$/, ['project', 'openProject']],
  [/^\/api\/fusion\/projects\/:id\//, ['project', 'openProject']],
  [/^\/api\/fusion\/milestones\//, ['milestone']],
  [/^\/api\/fusion\/kpis\//, ['kpi']],
];

/** The pool of a reference of a fusion route; undefined when the route is not one of theirs. */
export function fusionPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isFusionUrl(url)) return undefined;
  const brand = fusionBrandPoolOf(url, key);
  if (brand !== undefined) return brand;
  if (key === 'id') return byUrl.find(([re]) => re.test(url))?.[1] ?? null;
  if (key === 'recordId') return ['branchRecord', 'linkedRecord'];
  if (key === 'recordIds') return ['branchRecord', 'candidateRecord'];
  // What a resource draws on: left out mostly (fusionHint), as most kinds need neither.
  if ((key === 'memberId' || key === 'partnerOrgId') && url.startsWith('/api/fusion/resources')) return null;
  if (key === 'needId') return ['need', 'openNeed'];
  if (key === 'resourceId') return ['resource', 'freeResource'];
  if (key === 'partnerOrgId') return ['partner', 'activePartner'];
  if (key === 'partyOrgId' || key === 'leadOrgId') return ['org', 'leadOrg'];
  // A project's sets and its team: left out mostly (fusionHint), since any one of them refuses the whole project.
  if (SETS[key] || key === 'team') return null;
  // Owners and team members who are sure to be members still (other routes make members leave).
  if (key === 'ownerMemberId' || key === 'memberId') return ['member', 'keptMember'];
  return undefined;
}

const SETS: Record<string, [string, string]> = {
  jointOrgIds: ['org', 'leadOrg'],
  partnerOrgIds: ['partner', 'activePartner'],
  resourceIds: ['resource', 'freeResource'],
};
const ROLES = ['leader', 'deputy', 'member', 'adviser'] as const;
/** One to three members of the organ with roles: a few now and then twice (which the schema refuses). */
const teamArb = (first: fc.Arbitrary<unknown>) =>
  fc
    .tuple(first, fc.array(refArb(['member', 'keptMember']), { maxLength: 2 }), fc.constantFrom(...ROLES))
    .map(([head, rest, role]) => [
      { memberId: head, role: 'leader' },
      ...rest.map((memberId) => ({ memberId, role })),
    ]);

const sometimes = (arb: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 });
/** A past day of last year: 提出日期, 完成日期 and 测量日期 may not be in the future. */
const past = () => dateBetween(YEAR - 1, YEAR - 1);
/** Figures as a business writes them, now and then at the ends of the range or with many decimals. */
const figure = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 500 }), weight: 4 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.constantFrom(-1e12, 1e12, 0.1 + 0.2, 1e-9), weight: 1 },
);

/** Values of the fusion routes the schema alone would rarely make meet the rules. */
export function fusionHint(url: string): Hint {
  const brand = fusionBrandHint(url);
  return (key: string, schema: z.ZodType) => {
    if (!isFusionUrl(url)) return undefined;
    const own = brand(key, schema);
    if (own) return own;
    // A step is dated today (left out, mostly), never before the step that came before it.
    if (key === 'on') return sometimes(fc.constant(today()));
    if (key === 'raisedOn') return past();
    if (key === 'doneOn' || key === 'measuredOn')
      return fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 2 },
        { arbitrary: past(), weight: 2 },
        { arbitrary: fc.constant(null), weight: 1 },
      );
    // A milestone's date is required; a project's dates and a milestone's new date mostly left as they are.
    if (key === 'dueOn' && url === '/api/fusion/projects/:id/milestones') return dateBetween(YEAR, YEAR + 1);
    if (key === 'startsOn' || key === 'dueOn') return sometimes(dateBetween(YEAR, YEAR + 1));
    if (key === 'memberId' && url.startsWith('/api/fusion/resources'))
      return sometimes(refArb(['member', 'keptMember']));
    if (key === 'partnerOrgId' && url.startsWith('/api/fusion/resources'))
      return sometimes(refArb(['partner', 'activePartner']));
    const set = SETS[key];
    if (set) return sometimes(fc.array(refArb(set), { maxLength: 2 }));
    // A new team keeps the project's owner (the world's projects are all of one owner); a draft's team is optional.
    if (key === 'team')
      return url === '/api/fusion/projects/:id/team'
        ? teamArb(fc.constant(new Ref('owner', 0)))
        : sometimes(teamArb(refArb(['member', 'keptMember'])));
    if (key === 'baseline' || key === 'target' || key === 'result') return figure;
    // A resource of a kind that needs no member or partner, mostly.
    if (key === 'kind' && url.startsWith('/api/fusion/resources'))
      return fc.oneof(
        { arbitrary: fc.constantFrom('task_force', 'pioneer_post'), weight: 3 },
        { arbitrary: fc.constantFrom('skill', 'certificate', 'partner'), weight: 1 },
      );
    if (key === 'capacity') return sometimes(fc.integer({ min: 1, max: 20 }));
    // Most edits leave the status as it is (closing a need asks for its reason), and most lists are not filtered by it.
    if (key === 'status') return sometimes(arbitraryOf(schema, () => undefined));
    return undefined;
  };
}

type Pools = Record<string, string[]>;
const OPEN = ['proposal', 'approved', 'in_progress'];

function mark(pools: Pools, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Takes the fusion records (and their versions) from any answer of a fusion route, however deeply nested. */
export function harvestFusion(value: unknown, pools: Pools, versions: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestFusion(v, pools, versions);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  // A need lists its projects and the board its suggestions without versions: only full records are pooled.
  for (const [k, v] of Object.entries(o))
    if (k !== 'error' && k !== 'projects' && k !== 'suggestions' && v && typeof v === 'object')
      harvestFusion(v, pools, versions);
  if (typeof o.id !== 'string') return;
  const id = o.id;
  if (typeof o.topic === 'string' && typeof o.date === 'string' && !('version' in o)) {
    mark(pools, 'branchRecord', id, true);
    mark(pools, 'candidateRecord', id, true);
    return;
  }
  if (typeof o.version !== 'number') return;
  versions.set(id, o.version);
  if (harvestFusionBrand(o, id, pools)) return;
  if ('leadOrgId' in o && 'stage' in o) {
    const stage = String(o.stage);
    const kpis = o.kpis as { total: number; measured: number } | undefined;
    mark(pools, 'project', id, true);
    mark(pools, 'openProject', id, OPEN.includes(stage));
    mark(pools, 'ownedProject', id, OPEN.includes(stage) && !!pools.owner?.includes(String(o.ownerMemberId)));
    mark(pools, 'approvedProject', id, stage === 'approved');
    mark(pools, 'acceptedProject', id, stage === 'accepted');
    mark(pools, 'measuredProject', id, stage === 'in_progress' && !!kpis && kpis.total === kpis.measured);
    if (Array.isArray(o.milestoneList)) {
      const ready = stage === 'proposal' && !!o.goal && o.milestoneList.length > 0 && (kpis?.total ?? 0) > 0;
      mark(pools, 'readyProject', id, ready);
      const first = (o.records as { id: string }[] | undefined)?.[0];
      if (first && OPEN.includes(stage)) {
        pools.linkedProject = [id];
        pools.linkedRecord = [first.id];
      } else if (pools.linkedProject?.includes(id)) {
        pools.linkedProject = [];
        pools.linkedRecord = [];
      }
    } else if (stage !== 'proposal') mark(pools, 'readyProject', id, false);
  } else if ('projectId' in o && 'ownerMemberId' in o) mark(pools, 'milestone', id, true);
  else if ('projectId' in o && 'baseline' in o) mark(pools, 'kpi', id, true);
  else if ('problem' in o && 'raisedOn' in o) {
    mark(pools, 'need', id, true);
    mark(pools, 'openNeed', id, o.status !== 'closed');
  } else if ('capacity' in o && 'inUse' in o) {
    mark(pools, 'resource', id, true);
    mark(pools, 'freeResource', id, o.status === 'active' && Number(o.inUse) < Number(o.capacity));
  } else if ('contact' in o && 'address' in o) {
    mark(pools, 'partner', id, true);
    mark(pools, 'activePartner', id, o.status === 'active');
  }
}

// The world ---------------------------------------------------------------------------------------------------------

export type FusionFuzzWorld = {
  t: TestApp;
  officer: Client;
  unitId: string;
  orgId: (code: string) => string;
  departmentId: (code: string) => string;
  members: readonly string[];
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
  /** Keeps a record from the routes that would take it from the rest of the run (spare… pools). */
  protect: (id: string) => void;
};

/**
 * Partners, needs and resources of the fuzz organ, and projects at every stage a step starts from — drafts ready for
 * 立项, approved ones, ones under way with their KPIs measured, one with a linked record — owned by the fuzz member.
 */
export async function buildFusionWorld(w: FusionFuzzWorld): Promise<void> {
  const send = async <T>(method: 'post' | 'patch', url: string, body: unknown): Promise<T> => {
    const res = await w.officer[method](url, body);
    if (res.statusCode !== 200) throw new Error(`fusion world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(url, json);
    return json;
  };
  w.setPool(
    'leadOrg',
    ['F-ROOT', 'F-GB', 'F-A', 'F-B'].map((code) => w.orgId(code)),
  );
  const partner = await send<{ id: string }>('post', '/api/partner-orgs', {
    unitId: w.unitId,
    name: '城东社区',
    kind: 'community',
  });
  await send('post', '/api/partner-orgs', { unitId: w.unitId, name: '兴业公司', kind: 'enterprise' });
  for (const [i, dept] of ['F-D1', 'F-D2', 'F-D1', 'F-D2'].entries())
    await send('post', '/api/fusion/needs', {
      departmentId: w.departmentId(dept),
      title: `业务难题${i + 1}`,
      problem: '办理周期长，群众反映多',
      urgency: (['normal', 'urgent', 'critical'] as const)[i % 3],
      raisedBy: '科室负责人',
      raisedOn: `${YEAR - 1}-05-0${i + 1}`,
      tags: ['审批', `难题${i}`],
    });
  const owner = w.members[0] as string;
  w.setPool('owner', [owner]);
  await send('post', '/api/fusion/resources', {
    partyOrgId: w.orgId('F-A'),
    kind: 'task_force',
    title: '审批攻坚小组',
    tags: ['审批'],
    capacity: 20,
  });
  await send('post', '/api/fusion/resources', {
    partyOrgId: w.orgId('F-B'),
    kind: 'partner',
    title: '社区志愿服务队',
    partnerOrgId: partner.id,
    capacity: 3,
  });
  await send('post', '/api/fusion/resources', {
    partyOrgId: w.orgId('F-A'),
    kind: 'skill',
    title: '数据分析',
    memberId: owner,
  });

  type P = { id: string; version: number; kpiList: { id: string; version: number }[] };
  const project = async (code: string, stage: 'proposal' | 'approved' | 'in_progress') => {
    let p = await send<P>('post', '/api/fusion/projects', {
      leadOrgId: w.orgId(code),
      title: `${code}融合项目`,
      goal: '办理周期缩短一半',
      teamKind: 'tackle_team',
      ownerMemberId: owner,
    });
    w.protect(p.id);
    await send('post', `/api/fusion/projects/${p.id}/milestones`, {
      title: '梳理积压事项',
      ownerMemberId: owner,
      dueOn: `${YEAR}-12-20`,
    });
    await send('post', `/api/fusion/projects/${p.id}/kpis`, {
      name: '平均办理天数',
      direction: 'decrease',
      baseline: 20,
      target: 10,
    });
    const step = async (name: string) => {
      const now = await send<P>('post', `/api/fusion/projects/${p.id}/${name}`, { version: p.version });
      p = now;
    };
    if (stage !== 'proposal') await step('approve');
    if (stage === 'in_progress') {
      await step('start');
      const kpi = p.kpiList[0] as { id: string; version: number };
      await send('patch', `/api/fusion/kpis/${kpi.id}`, { result: 9, version: kpi.version });
    }
    // The answer of the last write is the project as it stands: read once more so that its pools are up to date.
    const res = await w.officer.get(`/api/fusion/projects/${p.id}`);
    w.harvest('/api/fusion/projects/:id', res.json());
    return p;
  };
  for (const code of ['F-A', 'F-B', 'F-A']) await project(code, 'proposal');
  for (const code of ['F-A', 'F-B']) await project(code, 'approved');
  for (const code of ['F-A', 'F-B']) await project(code, 'in_progress');
  const linked = await project('F-A', 'proposal');
  // A held record of the branch (the branch world's), linked as the project's activity.
  const record = await w.t.database.db
    .selectFrom('branchRecord')
    .select('id')
    .where('partyOrgId', '=', w.orgId('F-A'))
    .where('status', '=', 'held')
    .executeTakeFirstOrThrow();
  await send('post', `/api/fusion/projects/${linked.id}/records`, { recordIds: [record.id] });
  await buildFusionBrandWorld({ ...w, owner, partnerId: partner.id });
}
