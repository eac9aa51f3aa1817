import fc from 'fast-check';
import type { z } from 'zod';
import type { Bulletin } from '#contracts/assessment-bulletin';
import { arbitraryOf, type Hint } from './fuzz-inputs.ts';
import type { Client } from './helpers.ts';

// Quarterly bulletins (issue 12 point 6) in the fuzz test (test/fuzz.int.test.ts), beside the other assessment routes
// (test/fuzz-assessment.ts): where the references of their routes come from (bulletins, their share keys and the
// cycles they are drafted from, harvested from every answer with their versions, and the likelier targets where the
// rules let a request through: a computed cycle with no bulletin yet to draft from, a draft to edit, a draft whose
// summary and notes are written to publish, a published bulletin to share, a key still live to read), the summary and
// notes publication asks for, and the bulletins the run starts from.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const BULLETIN_URL = /^\/api\/assessment\/bulletins(\/|$)/;
export const isBulletinUrl = (url: string) => BULLETIN_URL.test(url);

export const BULLETIN_POOLS = [
  'bulletin',
  'draftBulletin',
  /** Drafts whose last full view had a summary and a note on each of the lowest: ready for publication. */
  'publishableBulletin',
  'publishedBulletin',
  /** Computed cycles no bulletin was seen drafted from: a bulletin may be drafted from them. */
  'bulletinCycle',
  /** Every share key seen, and those no later answer showed replaced or revoked. */
  'shareKey',
  'liveShareKey',
] as const;

const byUrl: [RegExp, [string, string?]][] = [
  [/^\/api\/assessment\/bulletins\/:id\/publish$/, ['bulletin', 'publishableBulletin']],
  [/^\/api\/assessment\/bulletins\/:id\/share$/, ['bulletin', 'publishedBulletin']],
  [/^\/api\/assessment\/bulletins\/:id$/, ['bulletin', 'draftBulletin']],
  [/^\/api\/assessment\/bulletins\/:id\//, ['bulletin', 'publishedBulletin']],
];

/**
 * The pool of a reference of a bulletin route; undefined when the route or the key is not one of theirs (the unit of
 * the list is the assessment routes' own). Asked before assessmentPoolOf: its `key` is an indicator's, here a share
 * key.
 */
export function bulletinPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isBulletinUrl(url)) return undefined;
  if (key === 'id') return byUrl.find(([re]) => re.test(url))?.[1] ?? null;
  if (key === 'key') return ['shareKey', 'liveShareKey'];
  if (key === 'cycleId') return ['cycle', 'bulletinCycle'];
  return undefined;
}

/** The subjects any bulletin named among its lowest: notes on all of them cover whichever bulletin is edited. */
const known = { lowest: new Set<string>() };
const notesForLowest = () =>
  Object.fromEntries([...known.lowest].map((id) => [id, '支部已制定整改方案，正在逐项落实']));

/** Values of the bulletin routes the schemas alone would rarely make meet the rules. */
export function bulletinHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (url !== '/api/assessment/bulletins/:id') return undefined;
    // Publication asks for a summary and a note on each of the lowest: mostly written, now and then emptied or left.
    if (key === 'summary')
      return fc.oneof(
        {
          arbitrary: fc.constant('本季度各党支部党建和业务工作总体平稳，排名靠后的支部已明确整改措施。'),
          weight: 4,
        },
        { arbitrary: fc.constantFrom(undefined, ''), weight: 1 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    if (key === 'notes')
      return fc.oneof(
        { arbitrary: fc.constant(undefined).map(notesForLowest), weight: 4 },
        { arbitrary: fc.constant(undefined), weight: 1 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    return undefined;
  };
}

type Pools = Record<string, string[]>;

function mark(pools: Pools, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Cycles a bulletin was seen drafted from: a later view of the cycle does not make it draftable again. */
const drafted = new Set<string>();
/** Each bulletin's share key as its last full view showed it. */
const keyOf = new Map<string, string>();

function harvestOne(o: Record<string, unknown>, pools: Pools, versions: Map<string, number>): void {
  const id = o.id;
  if (typeof id !== 'string' || typeof o.version !== 'number') return;
  // A cycle (its list, its view, a computation's answer): draftable once computed, unless a bulletin was drafted.
  if (typeof o.periodKey === 'string' && typeof o.systemId === 'string') {
    mark(pools, 'bulletinCycle', id, o.computedAt != null && !drafted.has(id));
    return;
  }
  if (typeof o.cycleId !== 'string' || (o.status !== 'draft' && o.status !== 'published')) return;
  versions.set(id, o.version);
  drafted.add(o.cycleId);
  mark(pools, 'bulletinCycle', o.cycleId, false);
  mark(pools, 'bulletin', id, true);
  mark(pools, 'draftBulletin', id, o.status === 'draft');
  mark(pools, 'publishedBulletin', id, o.status === 'published');
  // Only a full view shows the content, its lowest and the share key; a summary leaves them where they were.
  const full = o as Partial<Bulletin>;
  if (!full.content) {
    if (o.status !== 'draft') mark(pools, 'publishableBulletin', id, false);
    return;
  }
  for (const l of full.content.lowest) known.lowest.add(l.subjectId);
  mark(
    pools,
    'publishableBulletin',
    id,
    o.status === 'draft' && !!full.summary?.trim() && full.content.lowest.every((l) => l.note.trim()),
  );
  if (typeof full.shareKey === 'string') {
    keyOf.set(id, full.shareKey);
    mark(pools, 'shareKey', full.shareKey, true);
  } else keyOf.delete(id);
  pools.liveShareKey = [...keyOf.values()];
}

/** Takes bulletins, share keys and draftable cycles (and versions) from any answer of an assessment route. */
export function harvestBulletin(value: unknown, pools: Pools, versions: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestBulletin(v, pools, versions);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  // A new share key (the answer does not say whose): live until a later view says otherwise.
  if (typeof o.shareKey === 'string' && Object.keys(o).length === 1) {
    mark(pools, 'shareKey', o.shareKey, true);
    mark(pools, 'liveShareKey', o.shareKey, true);
    return;
  }
  // A result's explanation holds its cycle.
  if (o.cycle && typeof o.cycle === 'object') harvestBulletin(o.cycle, pools, versions);
  harvestOne(o, pools, versions);
}

// The world ---------------------------------------------------------------------------------------------------------

export type BulletinFuzzWorld = {
  officer: Client;
  /** The fuzz organ's unit and a published edition of it that assesses organisations. */
  unitId: string;
  systemId: string;
  harvest: (url: string, value: unknown) => void;
};

/**
 * Through the API as the fuzz's officer: last year's four quarters and this year's first two assessed and computed;
 * last year's Q1 bulletin published (its share key live), Q2's written and ready to publish, Q3's a bare draft; the
 * other quarters (and the year's cycle of the assessment world) left to draft from.
 */
export async function buildBulletinWorld(w: BulletinFuzzWorld): Promise<void> {
  const send = async <T>(method: 'post' | 'patch', url: string, body?: unknown): Promise<T> => {
    const res = await w.officer[method](url, body);
    if (res.statusCode !== 200) throw new Error(`bulletin world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(url, json);
    return json;
  };
  const quarters = [1, 2, 3, 4].map((q) => `${YEAR - 1}-Q${q}`).concat([`${YEAR}-Q1`, `${YEAR}-Q2`]);
  const cycleIds: string[] = [];
  for (const periodKey of quarters) {
    const c = await send<{ id: string }>('post', '/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: w.systemId,
      level: 'branch',
      periodKind: 'quarter',
      periodKey,
    });
    await send('post', `/api/assessment/cycles/${c.id}/compute`);
    cycleIds.push(c.id);
  }
  const draft = (cycleId: string) => send<Bulletin>('post', '/api/assessment/bulletins', { cycleId });
  const write = (b: Bulletin) =>
    send<Bulletin>('patch', `/api/assessment/bulletins/${b.id}`, {
      summary: '本季度各党支部党建和业务工作总体平稳。',
      notes: Object.fromEntries(b.content.lowest.map((l) => [l.subjectId, `${l.subjectName}正在整改`])),
      version: b.version,
    });
  const q1 = await write(await draft(cycleIds[0] as string));
  await send('post', `/api/assessment/bulletins/${q1.id}/publish`, { version: q1.version });
  await write(await draft(cycleIds[1] as string));
  await draft(cycleIds[2] as string);
}
