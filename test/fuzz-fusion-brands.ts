import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { z } from 'zod';
import { dateBetween, type Hint, refArb } from './fuzz-inputs.ts';
import type { Client, TestApp } from './helpers.ts';

// Brands, typical cases, pairings and the list imports of the fusion work (issue 11 points 1, 4–7) in the fuzz test,
// beside test/fuzz-fusion.ts: their pools (a brand with evidence, cases at each status a step starts from, pairings
// not yet ended, accepted projects a case is drafted from), values the schemas alone would rarely make meet the
// rules (a review's scores within the rubric, a satisfaction result's note, a pairing's dates), the rows of the two
// imported lists, and the records the run starts from.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

export const FUSION_BRAND_POOLS = [
  'brand',
  /** One brand with evidence, and that evidence: the two parameters of a removal are drawn apart. */
  'evidencedBrand',
  'evidence',
  'case',
  /** Drafts and returned cases: they can be edited and submitted. */
  'editableCase',
  'submittedCase',
  /**
   * Submitted cases of the world kept for the return route: publishing, which comes first, would otherwise take
   * every submitted case before it.
   */
  'returnableCase',
  'publishedCase',
  'pairing',
  'openPairing',
  'acceptedProject',
  /** F-A and its brand, which typical cases are mostly written from. */
  'caseOrg',
  'caseBrand',
] as const;

type Pools = Record<string, string[]>;
function mark(pools: Pools, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Pools a brand, a case or a pairing (with its version already kept); false when `o` is none of them. */
export function harvestFusionBrand(o: Record<string, unknown>, id: string, pools: Pools): boolean {
  if ('missing' in o && 'partyOrgId' in o) {
    mark(pools, 'brand', id, true);
    if (Array.isArray(o.evidence)) {
      const first = (o.evidence as { id: string }[])[0];
      if (first) {
        pools.evidencedBrand = [id];
        pools.evidence = [first.id];
      } else if (pools.evidencedBrand?.includes(id)) {
        pools.evidencedBrand = [];
        pools.evidence = [];
      }
    }
    return true;
  }
  if ('actions' in o && 'committeeSelected' in o) {
    // The return route's cases are drawn by it alone.
    mark(pools, 'case', id, !pools.returnableCase?.includes(id));
    mark(pools, 'editableCase', id, o.status === 'draft' || o.status === 'returned');
    mark(pools, 'submittedCase', id, o.status === 'submitted' && !pools.returnableCase?.includes(id));
    if (o.status !== 'submitted') mark(pools, 'returnableCase', id, false);
    mark(pools, 'publishedCase', id, o.status === 'published');
    return true;
  }
  if ('startsOn' in o && 'endsOn' in o && 'state' in o) {
    mark(pools, 'pairing', id, true);
    mark(pools, 'openPairing', id, o.endedOn === null);
    return true;
  }
  return false;
}

const CASE_STEP: Record<string, string> = {
  submit: 'editableCase',
  publish: 'submittedCase',
  return: 'returnableCase',
  select: 'publishedCase',
};

/** The pool of a reference of these routes; undefined when the route or the key is not one of theirs. */
export function fusionBrandPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!/^\/api\/fusion\/(brands|cases|showcase|pairings)\b/.test(url)) return undefined;
  if (key === 'id') {
    if (url === '/api/fusion/brands/:id/evidence/:evidenceId') return ['brand', 'evidencedBrand'];
    if (url.startsWith('/api/fusion/brands/')) return ['brand'];
    const step = /^\/api\/fusion\/cases\/:id\/(\w+)$/.exec(url)?.[1];
    if (step) return ['case', CASE_STEP[step]];
    if (url.startsWith('/api/fusion/cases/')) return ['case', 'editableCase'];
    if (url.startsWith('/api/fusion/pairings/')) return ['pairing', 'openPairing'];
    return null;
  }
  if (key === 'evidenceId') return ['evidence'];
  // Left out mostly (fusionBrandHint): a case is mostly written by hand, a pairing mostly with a partner.
  if (['projectId', 'brandId', 'refId', 'counterpartOrgId', 'markAttachmentId'].includes(key)) return null;
  return undefined;
}

const sometimes = (arb: fc.Arbitrary<unknown>, weight = 2) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });
const RUBRIC = { name: 10, mark: 10, concept: 15, standards: 20, measures: 20, effect: 25 };
const scoresArb = fc.record(
  Object.fromEntries(
    Object.entries(RUBRIC).map(([k, max]) => [
      k,
      fc.oneof(
        { arbitrary: fc.integer({ min: 0, max }), weight: 9 },
        { arbitrary: fc.constant(max + 1), weight: 1 },
      ),
    ]),
  ) as Record<keyof typeof RUBRIC, fc.Arbitrary<number>>,
);
const prose = fc.constantFrom(
  '群众办事多次往返',
  '党员先锋岗预审材料',
  '一次通过率提高到九成',
  '窗口排队时间缩短',
);

/** Values of these routes the schemas alone would rarely make meet the rules. */
export function fusionBrandHint(url: string): Hint {
  return (key: string, _schema: z.ZodType) => {
    if (url === '/api/fusion/brands/:id/reviews') {
      if (key === 'year') return fc.integer({ min: YEAR - 2, max: YEAR });
      if (key === 'scores') return scoresArb;
      // 培育 and 整改 need no complete six haves; 整改 a deadline after today.
      if (key === 'status')
        return fc.oneof(
          { arbitrary: fc.constant('cultivating'), weight: 3 },
          { arbitrary: fc.constantFrom('rectifying', 'qualified', 'exemplary'), weight: 1 },
        );
      if (key === 'rectifyBy') return sometimes(dateBetween(YEAR + 1, YEAR + 1));
    }
    if (url === '/api/fusion/brands/:id/evidence') {
      if (key === 'kind')
        return fc.oneof(
          { arbitrary: fc.constant('satisfaction'), weight: 3 },
          { arbitrary: fc.constantFrom('record', 'project', 'document'), weight: 1 },
        );
      if (key === 'refId') return sometimes(refArb(['branchRecord', 'candidateRecord']), 3);
      if (key === 'note')
        return sometimes(fc.constantFrom('2025年服务对象满意度 97.2%', '群众测评满意率 98%'), 1);
    }
    if (url === '/api/fusion/cases') {
      // Mostly F-A writing from its own brand, with its own words (the brand has no text to draft from): a source
      // and an organisation drawn apart would almost never belong together.
      if (key === 'partyOrgId') return refArb(['caseOrg']);
      if (key === 'projectId') return sometimes(refArb(['project', 'acceptedProject']), 6);
      if (key === 'brandId')
        return fc.oneof(
          { arbitrary: refArb(['caseBrand']), weight: 3 },
          { arbitrary: refArb(['brand']), weight: 1 },
        );
      if (key === 'problem' || key === 'actions' || key === 'result')
        return fc.oneof({ arbitrary: prose, weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 });
    }
    if (url === '/api/fusion/pairings') {
      if (key === 'counterpartOrgId') return sometimes(refArb(['org']), 5);
      if (key === 'startsOn') return dateBetween(YEAR - 1, YEAR);
      if (key === 'endsOn') return dateBetween(YEAR + 1, YEAR + 2);
    }
    if (url === '/api/fusion/pairings/:id' && key === 'endsOn')
      return sometimes(dateBetween(YEAR + 1, YEAR + 3));
    if (key === 'markAttachmentId') return fc.constant(undefined);
    return undefined;
  };
}

// Imports ---------------------------------------------------------------------------------------------------------

const NEED_HEAD = [
  '提出部门',
  '需求（业务难题）',
  '问题描述',
  '影响的业务指标',
  '紧急程度',
  '提出人',
  '提出日期',
  '关键词',
];
const RESOURCE_HEAD = ['党组织', '类别', '资源', '党员', '共建单位', '说明', '关键词', '可同时承担项目数'];
const known: { unitId: string; t: TestApp | null; orgs: Record<string, string> } = {
  unitId: '',
  t: null,
  orgs: {},
};
const isFusionImport = (url: string) => /^\/api\/fusion\/(needs|resources)\/import$/.test(url);

/** Rows of a needs or resources list, mostly valid; undefined for any other upload. */
export function fusionRowsArb(url: string): fc.Arbitrary<unknown[]> | undefined {
  if (!isFusionImport(url)) return undefined;
  const title = fc.integer({ min: 1, max: 10_000 }).map((n) => `模糊难题${n}`);
  const row: fc.Arbitrary<unknown[]> = url.includes('/needs/')
    ? fc.tuple(
        fc.constantFrom('F-D1', 'F-D2', 'F-D9'),
        title,
        prose,
        fc.constantFrom(null, '一次通过率'),
        fc.constantFrom('一般', '较急', '紧急'),
        fc.constant('科室负责人'),
        dateBetween(YEAR - 1, YEAR - 1),
        fc.constantFrom(null, '审批、窗口'),
      )
    : fc.tuple(
        fc.constantFrom('F-A', 'F-B', 'F-GB'),
        // 党员专长 needs a member the rows do not name: refused at its row, now and then.
        fc.oneof(
          { arbitrary: fc.constantFrom('党员先锋岗', '攻坚小组'), weight: 9 },
          { arbitrary: fc.constant('党员专长'), weight: 1 },
        ),
        title.map((t) => t.replace('难题', '资源')),
        fc.constant(null),
        fc.constant(null),
        fc.constantFrom(null, '每周二下午'),
        fc.constantFrom(null, '审批'),
        fc.constantFrom(null, 1, 3),
      );
  return fc.array(row, { minLength: 1, maxLength: 3 });
}

/** The workbook of a fusion list import and its URL (the organ named in the query). */
export async function fusionUpload(url: string, rows: unknown[]): Promise<{ file: Buffer; url: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(url.includes('/needs/') ? '需求清单' : '资源清单');
  ws.addRow(url.includes('/needs/') ? NEED_HEAD : RESOURCE_HEAD);
  // 提出部门 by the codes of the organ's departments in use now (the department routes rename and close them).
  const codes = known.t
    ? (
        await known.t.database.db
          .selectFrom('department')
          .select('code')
          .where('unitId', '=', known.unitId)
          .where('status', '=', 'active')
          .orderBy('createdAt')
          .execute()
      ).map((d) => d.code)
    : [];
  const dept = (v: unknown) => (v === 'F-D1' ? codes[0] : v === 'F-D2' ? codes[1] : v) ?? v;
  // 党组织 by the organisations' codes now (the organisation routes may change a code).
  const orgCodes = new Map<unknown, string>();
  if (known.t)
    for (const [code, id] of Object.entries(known.orgs)) {
      const row = await known.t.database.db
        .selectFrom('partyOrg')
        .select('code')
        .where('id', '=', id)
        .executeTakeFirst();
      if (row) orgCodes.set(code, row.code);
    }
  const org = (v: unknown) => orgCodes.get(v) ?? v;
  for (const r of rows as unknown[][])
    ws.addRow(url.includes('/needs/') ? [dept(r[0]), ...r.slice(1)] : [org(r[0]), ...r.slice(1)]);
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), url: `${url}?unitId=${known.unitId}` };
}
export { isFusionImport };

// The world ---------------------------------------------------------------------------------------------------------

/**
 * A brand of F-A with evidence (F-GB and F-B are left without one, for the creation route), a pairing with the
 * organ's first partner, an accepted project of F-B, and cases of F-A as a draft, submitted and published.
 */
export async function buildFusionBrandWorld(w: {
  officer: Client;
  unitId: string;
  orgId: (code: string) => string;
  owner: string;
  partnerId: string;
  t: TestApp;
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
}): Promise<void> {
  known.unitId = w.unitId;
  known.t = w.t;
  known.orgs = { 'F-A': w.orgId('F-A'), 'F-B': w.orgId('F-B'), 'F-GB': w.orgId('F-GB') };
  const send = async <T>(url: string, body: unknown, method: 'post' | 'patch' = 'post'): Promise<T> => {
    const res = await w.officer[method](url, body);
    if (res.statusCode !== 200) throw new Error(`fusion brand world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(url, json);
    return json;
  };
  type V = { id: string; version: number };
  const brand = await send<V>('/api/fusion/brands', { partyOrgId: w.orgId('F-A'), name: '窗口先锋' });
  w.setPool('caseOrg', [w.orgId('F-A')]);
  w.setPool('caseBrand', [brand.id]);
  await send(`/api/fusion/brands/${brand.id}/evidence`, {
    element: 'effect',
    kind: 'satisfaction',
    note: `${YEAR - 1}年服务对象满意度 97.2%`,
  });
  await send('/api/fusion/pairings', {
    partyOrgId: w.orgId('F-A'),
    partnerOrgId: w.partnerId,
    title: '支部与城东社区结对共建',
    startsOn: `${YEAR - 1}-01-01`,
    endsOn: `${YEAR + 1}-12-31`,
  });
  let p = await send<V & { kpiList: V[] }>('/api/fusion/projects', {
    leadOrgId: w.orgId('F-B'),
    title: '已验收的融合项目',
    goal: '办理周期缩短一半',
    teamKind: 'tackle_team',
    ownerMemberId: w.owner,
  });
  await send(`/api/fusion/projects/${p.id}/milestones`, {
    title: '梳理',
    ownerMemberId: w.owner,
    dueOn: `${YEAR}-12-20`,
  });
  await send(`/api/fusion/projects/${p.id}/kpis`, {
    name: '办理天数',
    direction: 'decrease',
    baseline: 20,
    target: 10,
  });
  for (const step of ['approve', 'start'])
    p = await send(`/api/fusion/projects/${p.id}/${step}`, { version: p.version });
  const kpi = p.kpiList[0] as V;
  await send(`/api/fusion/kpis/${kpi.id}`, { result: 9, version: kpi.version }, 'patch');
  const now = await w.officer.get(`/api/fusion/projects/${p.id}`);
  await send(`/api/fusion/projects/${p.id}/accept`, {
    version: (now.json() as V).version,
    outcome: '办理周期由二十天缩短到九天',
  });
  const made: V[] = [];
  for (const steps of [[], ['submit'], ['submit', 'publish'], ['submit'], ['submit'], ['submit']]) {
    let c = await send<V>('/api/fusion/cases', {
      partyOrgId: w.orgId('F-A'),
      brandId: brand.id,
      title: '窗口先锋岗',
      problem: '群众办事多次往返',
      actions: '党员先锋岗预审材料',
      result: '一次通过率提高到九成',
    });
    for (const step of steps) c = await send(`/api/fusion/cases/${c.id}/${step}`, { version: c.version });
    made.push(c);
  }
  // The last three submitted cases are the return route's.
  const returnable = made.slice(3).map((c) => c.id);
  w.setPool('returnableCase', returnable);
  for (const c of made.slice(3)) w.harvest('/api/fusion/cases/:id', c);
}
