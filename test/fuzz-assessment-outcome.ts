import fc from 'fast-check';
import type { z } from 'zod';
import type { Calibration, GradeScale } from '#contracts/assessment-outcome';
import { arbitraryOf, type Hint, Ref, shapeKeys } from './fuzz-inputs.ts';
import type { Client } from './helpers.ts';

// Grades and calibration (issue 12 points 5 and 7) in the fuzz test (test/fuzz.int.test.ts), beside the other
// assessment routes (test/fuzz-assessment.ts). A scale's version and a calibration's version belong to records that
// have no id of their own (an organ's level; a cycle's subject), so the generic version reference cannot reach them:
// the whole body is drawn here, at the moment of the run, from what the answers showed — a scale's current version,
// and for a calibration a (cycle, subject) pair with its version (left out while it has none). Params are drawn after
// the body (fast-check draws a record's keys in order), and take the pair the body was drawn for. Mostly right, now
// and then stale or of a subject the cycle does not score, so the rules are met too. The world: four computed
// quarters of an earlier year, with every other branch calibrated, so removals have something to remove all run long.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const SCALE_URL = '/api/assessment/grade-scales';
const CALIBRATION_URL = '/api/assessment/cycles/:id/calibrations/:subjectId';
export const isOutcomeUrl = (url: string) => url === SCALE_URL || url === CALIBRATION_URL;

type Pair = { cycleId: string; subjectId: string };
const known = {
  unitId: '',
  /** `${unitId}:${level}` → the scale's version (0: none saved). */
  scales: new Map<string, number>(),
  /** Every (cycle, subject) the world scored, and the calibrations' versions by `${cycleId}:${subjectId}`. */
  pairs: [] as Pair[],
  calibrated: new Map<string, number>(),
  /** The pair the last calibration body was drawn for: its params follow it. */
  last: null as Pair | null,
};
const keyOf = (p: Pair) => `${p.cycleId}:${p.subjectId}`;
const NOWHERE = '00000000-0000-4000-8000-000000000000';

const STEPS = [
  [
    { grade: 'excellent', label: '优秀', atLeast: 90 },
    { grade: 'good', label: '良好', atLeast: 80 },
    { grade: 'fair', label: '一般', atLeast: 60 },
    { grade: 'poor', label: '较差', atLeast: 0 },
  ],
  [
    { grade: 'excellent', label: '优秀', atLeast: 95 },
    { grade: 'pass', label: '合格', atLeast: 60 },
    { grade: 'fail', label: '不合格', atLeast: 0 },
  ],
  // Refused: no step from 0 (some scores would have no grade).
  [
    { grade: 'excellent', label: '优秀', atLeast: 90 },
    { grade: 'good', label: '良好', atLeast: 70 },
  ],
];
const REASONS = ['获市级表彰，经党委会研究上调', '年终补充材料核实后调整', '群众评价复核后确定'];

/** How far the drawn version is from the current one: mostly right, now and then stale; null leaves it out. */
const offArb = fc.oneof(
  { arbitrary: fc.constant<number | null>(0), weight: 8 },
  { arbitrary: fc.constantFrom<number | null>(1, -1), weight: 1 },
  { arbitrary: fc.constant<number | null>(null), weight: 1 },
);
/** The version to send, `off` from `current` (0: none saved, so none sent); undefined leaves it out. */
const versionFor = (current: number, off: number | null) => {
  if (off === null) return undefined;
  const v = current + off;
  return v >= 1 ? v : undefined;
};

const scaleBody = (schema: z.ZodType) =>
  fc.oneof(
    {
      arbitrary: fc
        .record({
          level: fc.oneof(
            { arbitrary: fc.constantFrom('branch', 'member'), weight: 6 },
            { arbitrary: fc.constant('organ'), weight: 1 },
          ),
          steps: fc.oneof(
            { arbitrary: fc.constantFrom(STEPS[0], STEPS[1]), weight: 6 },
            { arbitrary: fc.constant(STEPS[2]), weight: 1 },
          ),
          topQuota: fc.constantFrom(20, 15, 30, null),
          other: fc.oneof(
            { arbitrary: fc.constant(false), weight: 8 },
            { arbitrary: fc.constant(true), weight: 1 },
          ),
          off: offArb,
        })
        .map(({ level, steps, topQuota, other, off }) => {
          const version = versionFor(other ? 0 : (known.scales.get(`${known.unitId}:${level}`) ?? 0), off);
          return {
            unitId: other ? new Ref('unit', 0) : known.unitId,
            level,
            steps,
            topQuota,
            ...(version === undefined ? {} : { version }),
          };
        }),
      weight: 9,
    },
    { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
  );

/** A pair to calibrate (any) or to remove a calibration of (a calibrated one, mostly). */
function pickPair(n: number, calibratedOnly: boolean): Pair {
  const calibrated = known.pairs.filter((p) => known.calibrated.has(keyOf(p)));
  const list = calibratedOnly && calibrated.length ? calibrated : known.pairs;
  return list[n % Math.max(list.length, 1)] ?? { cycleId: NOWHERE, subjectId: NOWHERE };
}

/** Values of the outcome routes the schemas alone would rarely make meet the rules. */
export function outcomeHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (key !== '') return undefined;
    const keys = shapeKeys(schema);
    if (url === SCALE_URL && keys.includes('steps')) return scaleBody(schema);
    if (url !== CALIBRATION_URL) return undefined;
    // The body (PUT) or the query (DELETE) picks the pair and its version; the params follow.
    if (keys.includes('score') || (keys.includes('version') && !keys.includes('subjectId')))
      return fc
        .record({
          n: fc.nat(),
          score: fc.oneof(
            { arbitrary: fc.integer({ min: 40, max: 100 }), weight: 9 },
            { arbitrary: fc.constant(130), weight: 1 },
          ),
          reason: fc.oneof(
            { arbitrary: fc.constantFrom(...REASONS), weight: 9 },
            { arbitrary: fc.constant(''), weight: 1 },
          ),
          off: offArb,
        })
        .map(({ n, score, reason, off }) => {
          const removing = !keys.includes('score');
          const pair = pickPair(n, removing);
          known.last = pair;
          const version = versionFor(known.calibrated.get(keyOf(pair)) ?? 0, off);
          if (removing) return { version: version ?? 1 };
          return { score, reason, ...(version === undefined ? {} : { version }) };
        });
    if (keys.includes('subjectId'))
      return fc.oneof(
        {
          arbitrary: fc.constant(undefined).map(() => ({
            id: known.last?.cycleId ?? NOWHERE,
            subjectId: known.last?.subjectId ?? NOWHERE,
          })),
          weight: 9,
        },
        // A subject the cycle does not score.
        {
          arbitrary: fc
            .constant(undefined)
            .map(() => ({ id: known.last?.cycleId ?? NOWHERE, subjectId: NOWHERE })),
          weight: 1,
        },
      );
    return undefined;
  };
}

/** Scale and calibration versions from any answer of an assessment route (a 409 carries the current record too). */
export function harvestOutcome(url: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) harvestOutcome(url, v);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.level === 'string' && Array.isArray(o.steps) && typeof o.unitId === 'string') {
    const s = o as GradeScale;
    known.scales.set(`${s.unitId}:${s.level}`, s.version);
    return;
  }
  if (typeof o.cycleId === 'string' && typeof o.subjectId === 'string' && typeof o.reason === 'string') {
    const k = o as Calibration;
    known.calibrated.set(`${k.cycleId}:${k.subjectId}`, k.version);
    return;
  }
  // A removal answers only that it was removed: it was the pair just drawn.
  if (o.removed === true && url === CALIBRATION_URL && known.last) known.calibrated.delete(keyOf(known.last));
}

// The world ---------------------------------------------------------------------------------------------------------

export type OutcomeFuzzWorld = {
  officer: Client;
  unitId: string;
  systemId: string;
  harvest: (url: string, value: unknown) => void;
};

/** Through the API as the fuzz's officer: four computed quarters of an earlier year, every other subject calibrated. */
export async function buildOutcomeWorld(w: OutcomeFuzzWorld): Promise<void> {
  known.unitId = w.unitId;
  const send = async <T>(method: 'post' | 'put' | 'get', url: string, body?: unknown): Promise<T> => {
    const res = await (method === 'get' ? w.officer.get(url) : w.officer[method](url, body));
    if (res.statusCode !== 200) throw new Error(`outcome world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(url, json);
    return json;
  };
  await send('get', `${SCALE_URL}?unitId=${w.unitId}`);
  for (const q of [1, 2, 3, 4]) {
    const c = await send<{ id: string }>('post', '/api/assessment/cycles', {
      ownerUnitId: w.unitId,
      systemId: w.systemId,
      level: 'branch',
      periodKind: 'quarter',
      periodKey: `${YEAR - 3}-Q${q}`,
    });
    await send('post', `/api/assessment/cycles/${c.id}/compute`);
    const rows = await send<{ subjectId: string }[]>('get', `/api/assessment/cycles/${c.id}/results`);
    for (const r of rows) known.pairs.push({ cycleId: c.id, subjectId: r.subjectId });
    for (const [i, r] of rows.entries())
      if (i % 2 === 0) {
        const k = await send<Calibration>(
          'put',
          `/api/assessment/cycles/${c.id}/calibrations/${r.subjectId}`,
          {
            score: 70 + i,
            reason: REASONS[i % REASONS.length],
          },
        );
        known.calibrated.set(`${k.cycleId}:${k.subjectId}`, k.version);
      }
  }
}
