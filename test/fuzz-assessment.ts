import fc from 'fast-check';
import type { z } from 'zod';
import type { IndicatorBody } from '#contracts/assessment';
import { arbitraryOf, fieldSchema, type Hint, refArb, shapeKeys } from './fuzz-inputs.ts';
import type { Client } from './helpers.ts';

// Assessment (issue 12) in the fuzz test (test/fuzz.int.test.ts): where the references of its routes come from
// (systems, cycles, subjects and indicator keys harvested from every answer, with their versions, and the likelier
// targets where the rules let a request through: a draft with no issues to publish, a published edition whose family
// has no draft to derive from, a published edition of the fuzz organ to assess with, a computed cycle to read), values
// the schemas alone would rarely make meet the rules (the default tree, a period key of the period's kind), and the
// records the run starts from.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const ASSESSMENT_URL = /^\/api\/assessment\//;
export const isAssessmentUrl = (url: string) => ASSESSMENT_URL.test(url);

export const ASSESSMENT_POOLS = [
  /** The fuzz organ's unit, which owns the world's systems and cycles. */
  'assessmentUnit',
  'system',
  'draftSystem',
  /** Drafts whose last full view showed no issues: ready for publication. */
  'publishableSystem',
  /** Published or retired editions whose family has no draft: a new edition may be derived from them. */
  'derivableSystem',
  /** Published or retired editions of the fuzz organ that assess organisations: a cycle may take them. */
  'cycleSystem',
  'cycle',
  'computedCycle',
  /** The branches a computed cycle scored. */
  'assessmentSubject',
  /** Leaf indicators of the cycles' trees, and those computed from records (whose basis lists records). */
  'indicatorKey',
  'computedKey',
] as const;

const byUrl: [RegExp, [string, string?]][] = [
  [/^\/api\/assessment\/systems\/:id\/publish$/, ['draftSystem', 'publishableSystem']],
  [/^\/api\/assessment\/systems\/:id\/derive$/, ['system', 'derivableSystem']],
  [/^\/api\/assessment\/systems\/:id$/, ['system', 'draftSystem']],
  [/^\/api\/assessment\/cycles\/:id\/compute$/, ['cycle']],
  [/^\/api\/assessment\/cycles\/:id$/, ['cycle', 'computedCycle']],
  [/^\/api\/assessment\/cycles\/:id\//, ['cycle', 'computedCycle']],
];

/** The pool of a reference of an assessment route; undefined when the route or the key is not one of theirs. */
export function assessmentPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isAssessmentUrl(url)) return undefined;
  if (key === 'id') return byUrl.find(([re]) => re.test(url))?.[1] ?? null;
  if (key === 'subjectId') return ['org', 'assessmentSubject'];
  if (key === 'key') return ['indicatorKey', 'computedKey'];
  // A derivation mostly stays with the edition's owner (assessmentHint).
  if (key === 'ownerUnitId' && url.endsWith('/derive')) return null;
  if (key === 'unitId' || key === 'ownerUnitId') return ['unit', 'assessmentUnit'];
  if (key === 'systemId') return ['system', 'cycleSystem'];
  return undefined;
}

const sometimes = (arb: fc.Arbitrary<unknown>, weight = 2) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary: arb, weight: 1 });
const mostly = <T>(usual: T, arb: fc.Arbitrary<unknown>, weight = 4) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight }, { arbitrary: arb, weight: 1 });

const pad = (n: number) => String(n).padStart(2, '0');
/** A period and a key of its kind in the last two years; now and then a key of another kind or none at all. */
const periodArb = fc.oneof(
  {
    arbitrary: fc
      .record({
        kind: fc.constantFrom('month', 'quarter', 'half', 'year'),
        year: fc.integer({ min: YEAR - 1, max: YEAR }),
        n: fc.integer({ min: 1, max: 12 }),
      })
      .map(({ kind, year, n }) => ({
        periodKind: kind,
        periodKey: {
          month: `${year}-${pad(n)}`,
          quarter: `${year}-Q${1 + (n % 4)}`,
          half: `${year}-H${1 + (n % 2)}`,
          year: `${year}`,
        }[kind],
      })),
    weight: 9,
  },
  {
    arbitrary: fc.record({
      periodKind: fc.constantFrom('month', 'quarter', 'half', 'year'),
      periodKey: fc.constantFrom(`${YEAR}-Q5`, `${YEAR}-13`, `${YEAR}-H1`, `${YEAR}`, '0999', `${YEAR}-00`),
    }),
    weight: 1,
  },
);

/** The default tree as the world's first answer showed it (set when the world is built, read when hints are). */
const known: { tree: IndicatorBody[] } = { tree: [] };
/** The default tree with its first weight off by ten: saved as a draft with an issue, which publication refuses. */
const offWeight = () => {
  const tree = structuredClone(known.tree);
  if (tree[0]) tree[0].weight += 10;
  return tree;
};

/**
 * The default tree's leaves side by side at the top (at most twelve): its measure keys and KPI codes then sit where a
 * one-field mutation reaches them (it goes one level into the tree, no deeper).
 */
const flat = () => {
  const leaves: IndicatorBody[] = [];
  const visit = (nodes: IndicatorBody[]) => {
    for (const n of nodes) {
      if (n.source === 'group') visit(n.children);
      else leaves.push(n);
    }
  };
  visit(structuredClone(known.tree));
  return leaves.slice(0, 12);
};

/** Values of the assessment routes the schemas alone would rarely make meet the rules. */
export function assessmentHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (!isAssessmentUrl(url)) return undefined;
    // A cycle's period kind and key are drawn together (one of each drawn apart would mostly not match).
    if (key === '' && url === '/api/assessment/cycles' && shapeKeys(schema).includes('periodKey'))
      return fc
        .tuple(
          fc.record(
            {
              ownerUnitId: refArb(['unit', 'assessmentUnit']),
              systemId: refArb(['system', 'cycleSystem']),
              // The fuzz world has no work committee unit: organs are assessed by it alone, so 'organ' is refused.
              level: mostly('branch', fc.constant('organ'), 9),
              name: sometimes(arbitraryOf(fieldSchema(schema, 'name') as z.ZodType, () => undefined)),
            },
            { requiredKeys: ['ownerUnitId', 'systemId', 'level'] },
          ),
          periodArb,
        )
        .map(([body, period]) => ({ ...body, ...period }));
    if (key === 'ownerUnitId' && url.endsWith('/derive'))
      return sometimes(refArb(['unit', 'assessmentUnit']), 3);
    if (url === '/api/assessment/systems') {
      // Mostly the default tree, which is ready to publish; an empty one has an issue until it is designed.
      if (key === 'fromDefault') return sometimes(mostly(true, fc.constant(false)));
      // A system of members has no measures of members in the default tree: mostly organisations.
      if (key === 'subject') return sometimes(mostly('org', fc.constant('member')));
      if (key === 'partyWeight') return sometimes(fc.constantFrom(50, null, 60));
      if (key === 'normalise') return sometimes(fc.boolean());
    }
    if (url === '/api/assessment/systems/:id') {
      // Mostly the tree left as it is, else the default tree, now and then with its weights off.
      if (key === 'tree')
        return fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 4 },
          { arbitrary: fc.constant(known.tree), weight: 2 },
          { arbitrary: fc.constant(undefined).map(offWeight), weight: 1 },
          { arbitrary: fc.constant(undefined).map(flat), weight: 1 },
        );
      if (key === 'partyWeight') return sometimes(fc.constantFrom(50, null, 70), 4);
      if (key === 'normalise' || key === 'name' || key === 'note')
        return sometimes(
          arbitraryOf(schema, () => undefined),
          3,
        );
    }
    return undefined;
  };
}

type Pools = Record<string, string[]>;

function mark(pools: Pools, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Each family's editions and their status, as the last answer showed them: a family with a draft derives no more. */
const families = new Map<string, Map<string, string>>();

function harvestSystem(o: Record<string, unknown>, id: string, pools: Pools): void {
  const status = String(o.status);
  const familyId = String(o.familyId);
  const family = families.get(familyId) ?? new Map<string, string>();
  family.set(id, status);
  families.set(familyId, family);
  mark(pools, 'system', id, true);
  mark(pools, 'draftSystem', id, status === 'draft');
  // Only a full view says whether a draft has issues; a summary leaves the draft where it was.
  if (Array.isArray(o.issues))
    mark(pools, 'publishableSystem', id, status === 'draft' && o.issues.length === 0);
  else if (status !== 'draft') mark(pools, 'publishableSystem', id, false);
  mark(
    pools,
    'cycleSystem',
    id,
    status !== 'draft' && o.subject === 'org' && !!pools.assessmentUnit?.includes(String(o.ownerUnitId)),
  );
  const hasDraft = [...family.values()].includes('draft');
  for (const [edition, s] of family) mark(pools, 'derivableSystem', edition, s !== 'draft' && !hasDraft);
}

/** Leaf keys of a scored tree (a result's explanation). */
function harvestKeys(nodes: unknown, pools: Pools): void {
  if (!Array.isArray(nodes)) return;
  for (const n of nodes as { key?: unknown; source?: unknown; children?: unknown }[]) {
    if (typeof n?.key !== 'string') continue;
    if (n.source !== 'group') {
      mark(pools, 'indicatorKey', n.key, true);
      if (n.source === 'computed') mark(pools, 'computedKey', n.key, true);
    }
    harvestKeys(n.children, pools);
  }
}

/** Takes systems, cycles, subjects and indicator keys (and versions) from any answer of an assessment route. */
export function harvestAssessment(value: unknown, pools: Pools, versions: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestAssessment(v, pools, versions);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  // A result's explanation holds its cycle and its scored tree; a result row names its subject.
  if (typeof o.subjectId === 'string' && Array.isArray(o.tiedWith)) {
    mark(pools, 'assessmentSubject', o.subjectId, true);
    if (o.cycle) harvestAssessment(o.cycle, pools, versions);
    harvestKeys(o.tree, pools);
    return;
  }
  if (typeof o.id !== 'string' || typeof o.version !== 'number') return;
  versions.set(o.id, o.version);
  if (typeof o.familyId === 'string' && typeof o.edition === 'number') harvestSystem(o, o.id, pools);
  else if (typeof o.periodKey === 'string' && typeof o.systemId === 'string') {
    mark(pools, 'cycle', o.id, true);
    mark(pools, 'computedCycle', o.id, o.computedAt !== null && o.computedAt !== undefined);
  }
}

// The world ---------------------------------------------------------------------------------------------------------

export type AssessmentFuzzWorld = {
  officer: Client;
  /** The fuzz organs' units: each gets a published system and a computed cycle. */
  unitIds: readonly string[];
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
};

/**
 * For each fuzz organ, through the API as the fuzz's officer: an edition from the default tree, published and
 * assessed by a computed cycle of this year, and a draft derived from it (ready to publish, and keeping its family
 * from deriving another); and a second published edition whose family has no draft, for the derive route.
 */
export async function buildAssessmentWorld(w: AssessmentFuzzWorld): Promise<void> {
  const send = async <T>(url: string, body?: unknown): Promise<T> => {
    const res = await w.officer.post(url, body);
    if (res.statusCode !== 200) throw new Error(`assessment world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(url, json);
    return json;
  };
  w.setPool('assessmentUnit', [...w.unitIds]);
  type S = { id: string; version: number; tree: IndicatorBody[] };
  for (const unitId of w.unitIds) {
    const published: S[] = [];
    for (const name of ['党支部党建和业务工作考核体系', '党支部年度考核体系']) {
      const s = await send<S>('/api/assessment/systems', { ownerUnitId: unitId, name, fromDefault: true });
      if (!known.tree.length) known.tree = s.tree;
      published.push(await send<S>(`/api/assessment/systems/${s.id}/publish`, { version: s.version }));
    }
    const main = published[0] as S;
    const cycle = await send<{ id: string }>('/api/assessment/cycles', {
      ownerUnitId: unitId,
      systemId: main.id,
      level: 'branch',
      periodKind: 'year',
      periodKey: String(YEAR),
    });
    await send(`/api/assessment/cycles/${cycle.id}/compute`);
    await send(`/api/assessment/systems/${main.id}/derive`, {});
    // The results and one explanation, for the subjects and indicator keys of the result routes.
    const rows = await w.officer.get(`/api/assessment/cycles/${cycle.id}/results`);
    w.harvest('/api/assessment/cycles/:id/results', rows.json());
    const first = (rows.json() as { subjectId: string }[])[0];
    if (!first) throw new Error('assessment world: the cycle scored no branch');
    const detail = await w.officer.get(`/api/assessment/cycles/${cycle.id}/results/${first.subjectId}`);
    w.harvest('/api/assessment/cycles/:id/results/:subjectId', detail.json());
  }
}
