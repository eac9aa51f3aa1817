import fc from 'fast-check';
import { todayOf } from '../server/src/core/context.ts';
import type { Hint } from './fuzz-inputs.ts';
import type { Client, TestApp } from './helpers.ts';

// The warning routes in the fuzz test (test/fuzz.int.test.ts): the fuzz organ evaluated once at set-up (its branches
// keep no records, so they are warned of their silence and of a low index), so that warnings, an index value and
// the default formula exist; exceptions and formula drafts come from the run itself.

export const WARNING_POOLS = ['warning', 'warningException', 'indexFormula'] as const;

export const isWarningUrl = (url: string) =>
  url.startsWith('/api/warnings') || url.startsWith('/api/fusion-index');

export function warningPoolOf(url: string, key: string): [string, string?] | undefined {
  if (!isWarningUrl(url)) return undefined;
  if (key === 'id') {
    if (url.startsWith('/api/warnings/exceptions')) return ['warningException'];
    if (url.startsWith('/api/fusion-index/formulas')) return ['indexFormula'];
    return ['warning'];
  }
  if (key === 'orgId') return ['org', 'memberOrg'];
  return undefined;
}

const plusDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Mostly what an officer enters: this quarter, a part of the formula, a date within the coming year. */
export function warningHint(url: string): Hint {
  return (key: string) => {
    if (!isWarningUrl(url)) return undefined;
    const today = todayOf({});
    if (key === 'periodKey') {
      const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
      // Valid only: a path or query part drawn invalid would hide the one field the run breaks on purpose.
      return fc.constantFrom(quarter, undefined);
    }
    if (key === 'key') return fc.constantFrom('linked', 'study', 'gap', 'projects');
    if (key === 'until' || key === 'planDue')
      return fc.oneof(
        { arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => plusDays(today, n)), weight: 4 },
        { arbitrary: fc.integer({ min: -30, max: 800 }).map((n) => plusDays(today, n)), weight: 1 },
      );
    // A formula an officer would write: parts whose weights sum to 100 (random ones nearly never do).
    if (key === 'formula')
      return fc.oneof(
        {
          arbitrary: fc
            .tuple(fc.integer({ min: 10, max: 90 }), fc.constantFrom('挂钩与差距', '融合度（修订）'))
            .map(([w, name]) => ({
              name,
              parts: [
                {
                  key: 'linked',
                  label: '党建活动与业务挂钩率',
                  source: { kind: 'measure', measureKey: 'fusion.records_linked' },
                  floor: 0,
                  target: 0.5,
                  weight: w,
                },
                {
                  key: 'gap',
                  label: '党建与业务得分差距',
                  source: { kind: 'gap' },
                  floor: 5,
                  target: 40,
                  weight: 100 - w,
                },
              ],
            })),
          weight: 4,
        },
        { arbitrary: fc.constant({ name: '无效', parts: [] }), weight: 1 },
      );
    // The work committee's configuration has no id: its version is the one the last answer showed, now and then
    // one off (stale); its rules and ladder are those in force, now and then a subset or a changed deadline, so that
    // most drawn bodies pass the schema and the run both saves the configuration and meets a stale edit.
    if (url === '/api/warnings/config') {
      if (key === 'version')
        return fc.oneof(
          { arbitrary: fc.constant(null).map(() => config.version), weight: 4 },
          { arbitrary: fc.constantFrom(1, -1).map((d) => Math.max(0, config.version + d)), weight: 1 },
        );
      if (key === 'rules')
        return fc
          .tuple(fc.boolean(), fc.integer({ min: 1, max: 180 }))
          .chain(([subset, deadlineDays]) =>
            (subset ? fc.subarray(config.rules) : fc.constant(null).map(() => config.rules)).map((rules) =>
              rules.map((r, i) => (i === 0 ? { ...r, deadlineDays } : r)),
            ),
          );
      if (key === 'ladder') return fc.constant(null).map(() => config.ladder);
    }
    return undefined;
  };
}

/** The work committee's warning configuration as the last answer showed it (it has no id to key a version by). */
const config = { version: 0, rules: [] as Record<string, unknown>[], ladder: [] as unknown[] };

/** Takes warnings, exceptions and formulas from any answer of the warning routes into the run's pools. */
export function harvestWarning(
  o: Record<string, unknown>,
  remember: (pool: string, id: string) => void,
  versions: Map<string, number>,
): void {
  if (Array.isArray(o.rules) && Array.isArray(o.ladder) && typeof o.version === 'number') {
    config.version = o.version;
    config.rules = o.rules as Record<string, unknown>[];
    config.ladder = o.ladder;
    return;
  }
  if (Array.isArray(o.warnings))
    for (const w of o.warnings) harvestWarning(w as Record<string, unknown>, remember, versions);
  if (typeof o.id !== 'string') return;
  if (typeof o.version === 'number') versions.set(o.id, o.version);
  if (typeof o.rule === 'string' && Array.isArray(o.returns)) remember('warning', o.id);
  else if (typeof o.reason === 'string' && typeof o.until === 'string') remember('warningException', o.id);
  else if (typeof o.familyId === 'string' && Array.isArray(o.parts)) remember('indexFormula', o.id);
}

/** Evaluates the fuzz organ once and reads back its warnings and formulas. */
export async function buildWarningWorld(w: {
  t: TestApp;
  officer: Client;
  unitId: string;
  harvest: (url: string, value: unknown) => void;
}): Promise<void> {
  const res = await w.officer.post('/api/warnings/evaluate', { unitId: w.unitId });
  if (res.statusCode !== 200) throw new Error(`setup evaluation: ${res.statusCode} ${res.body}`);
  for (const url of [
    `/api/warnings?unitId=${w.unitId}`,
    '/api/fusion-index/formulas',
    '/api/warnings/config',
  ]) {
    const got = await w.officer.get(url);
    if (got.statusCode !== 200) throw new Error(`setup ${url}: ${got.statusCode} ${got.body}`);
    w.harvest(url, got.json());
  }
}
