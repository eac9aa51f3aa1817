import fc from 'fast-check';
import type { z } from 'zod';
import type { FollowUpRule } from '#contracts/assessment-follow-up';
import { arbitraryOf, type Hint, Ref, shapeKeys } from './fuzz-inputs.ts';
import type { Client } from './helpers.ts';

// Follow-ups below a cycle's rule (issue 12 point 7) in the fuzz test (test/fuzz.int.test.ts), beside the other
// assessment routes (test/fuzz-assessment.ts). The world: months of an early year assessed and computed by the fuzz
// organ, two of every three with a rule; closing takes only these cycles (never another world's, whose routes need
// theirs open), and they leave the closable pool once closed. A rule's version belongs to a record with no id of its
// own (the cycle's rule), so the rule's body is drawn whole at the moment of the run from what the answers showed —
// mostly its current version, now and then a stale one or an unregistered kind — and its params take the cycle the
// body was drawn for (fast-check draws a record's keys in order: body before params).

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));
const NOWHERE = '00000000-0000-4000-8000-000000000000';

const FOLLOW_UP_URL = /^\/api\/assessment\/cycles\/:id\/(follow-ups|follow-up-rule|close)$/;
export const isFollowUpUrl = (url: string) => FOLLOW_UP_URL.test(url);
const RULE_URL = '/api/assessment/cycles/:id/follow-up-rule';

export const FOLLOW_UP_POOLS = [
  /** The world's cycles: the follow-up routes' targets. */
  'followUpCycle',
  /** Those of them still open: closing may take them. */
  'closableCycle',
] as const;

const known = {
  cycles: [] as string[],
  /** cycle id → its rule's version (absent: no rule). */
  rules: new Map<string, number>(),
  /** The cycle the last rule body was drawn for: its params follow it. */
  last: null as string | null,
};

/** The pool of a reference of a follow-up route; undefined when the route or the key is not one of theirs. */
export function followUpPoolOf(url: string, key: string): [string, string?] | null | undefined {
  if (!isFollowUpUrl(url) || key !== 'id') return undefined;
  // Closing draws only the world's own cycles: the closed ones meet "already closed".
  if (url.endsWith('/close')) return ['followUpCycle', 'closableCycle'];
  return ['cycle', 'followUpCycle'];
}

const offArb = fc.oneof(
  { arbitrary: fc.constant<number | null>(0), weight: 12 },
  { arbitrary: fc.constantFrom<number | null>(1, -1), weight: 1 },
  { arbitrary: fc.constant<number | null>(null), weight: 1 },
);

const ruleBody = (schema: z.ZodType) =>
  fc.oneof(
    {
      arbitrary: fc
        .record({
          n: fc.nat(),
          threshold: fc.oneof(
            { arbitrary: fc.constantFrom(60, 75.5, 85, 100), weight: 19 },
            { arbitrary: fc.constant(130), weight: 1 },
          ),
          deadlineDays: fc.constantFrom(15, 30, 60),
          kind: fc.oneof(
            { arbitrary: fc.constant(undefined), weight: 10 },
            { arbitrary: fc.constant('responsibility.rectification'), weight: 4 },
            // Not registered (yet): refused, naming the field.
            { arbitrary: fc.constant('supervision.finding'), weight: 1 },
          ),
          off: offArb,
        })
        .map(({ n, threshold, deadlineDays, kind, off }) => {
          const cycleId = known.cycles[n % Math.max(known.cycles.length, 1)] ?? NOWHERE;
          known.last = cycleId;
          const current = known.rules.get(cycleId);
          // No rule yet: none sent (now and then one, which is stale). A rule: its version, now and then off.
          const version =
            current === undefined
              ? off === 1
                ? 1
                : undefined
              : off === null
                ? undefined
                : current + off || undefined;
          return {
            threshold,
            deadlineDays,
            ...(kind === undefined ? {} : { kind }),
            ...(version === undefined ? {} : { version }),
          };
        }),
      weight: 19,
    },
    { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
  );

/** Values of the follow-up routes the schemas alone would rarely make meet the rules. */
export function followUpHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (url !== RULE_URL || key !== '') return undefined;
    const keys = shapeKeys(schema);
    if (keys.includes('threshold')) return ruleBody(schema);
    if (keys.length === 1 && keys[0] === 'id')
      return fc.oneof(
        { arbitrary: fc.constant(undefined).map(() => ({ id: known.last ?? NOWHERE })), weight: 9 },
        // Another cycle of the organ (without the rule the body was drawn for), or none.
        { arbitrary: fc.nat().map((n) => ({ id: new Ref('cycle', n) })), weight: 1 },
      );
    return undefined;
  };
}

function mark(pools: Record<string, string[]>, name: string, id: string, yes: boolean): void {
  const list = (pools[name] ?? []).filter((x) => x !== id);
  pools[name] = yes ? [...list, id] : list;
}

/** Rule versions from the follow-up answers (a 409 carries the rule as it is), and the world's cycles closing. */
export function harvestFollowUp(url: string, value: unknown, pools: Record<string, string[]>): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const o = value as Record<string, unknown>;
  const rule = (r: unknown) => {
    const x = r as FollowUpRule | null;
    if (x && typeof x.cycleId === 'string' && typeof x.version === 'number')
      known.rules.set(x.cycleId, x.version);
  };
  if (typeof o.cycleId === 'string' && 'rule' in o) rule(o.rule);
  if (o.followUps && typeof o.followUps === 'object') rule((o.followUps as { rule?: unknown }).rule);
  const error = o.error as { details?: { current?: unknown } } | undefined;
  if (url === RULE_URL && error?.details?.current) rule(error.details.current);
  if (typeof o.id === 'string' && typeof o.status === 'string' && known.cycles.includes(o.id))
    mark(pools, 'closableCycle', o.id, o.status === 'open');
}

// The world ---------------------------------------------------------------------------------------------------------

export type FollowUpFuzzWorld = {
  officer: Client;
  unitId: string;
  systemId: string;
  harvest: (url: string, value: unknown) => void;
  setPool: (name: string, ids: string[]) => void;
};

/** Through the API as the fuzz's officer: 24 months assessed and computed, two of every three with a rule. */
export async function buildFollowUpWorld(w: FollowUpFuzzWorld): Promise<void> {
  const send = async <T>(method: 'post' | 'put', url: string, body?: unknown): Promise<T> => {
    const res = await w.officer[method](url, body);
    if (res.statusCode !== 200) throw new Error(`follow-up world: ${url} ${res.statusCode} ${res.body}`);
    const json = res.json() as T;
    w.harvest(url, json);
    return json;
  };
  for (const year of [YEAR - 7, YEAR - 6])
    for (let m = 1; m <= 12; m++) {
      const c = await send<{ id: string }>('post', '/api/assessment/cycles', {
        ownerUnitId: w.unitId,
        systemId: w.systemId,
        level: 'branch',
        periodKind: 'month',
        periodKey: `${year}-${String(m).padStart(2, '0')}`,
      });
      await send('post', `/api/assessment/cycles/${c.id}/compute`);
      known.cycles.push(c.id);
      if (m % 3 !== 0) {
        const r = await send<{ rule: FollowUpRule }>('put', `/api/assessment/cycles/${c.id}/follow-up-rule`, {
          threshold: 60,
          deadlineDays: 30,
        });
        known.rules.set(c.id, r.rule.version);
      }
    }
  w.setPool('followUpCycle', [...known.cycles]);
  w.setPool('closableCycle', [...known.cycles]);
}
