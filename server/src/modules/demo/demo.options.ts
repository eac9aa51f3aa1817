// Options and size arithmetic of the demo organ, shared by the structure and the member stream.

import { DEFAULT_UNIT_NAME } from './demo.names.ts';

export type DemoOptions = {
  /** Default 2026. */
  seed?: number;
  /** Multiplies sub-committees, general branches, branches and members; may be fractional (0.1). Default 1. */
  scale?: number;
  unitCode?: string;
  unitName?: string;
  /** Prefix of every Party organisation and department code below the work committee; default 'JG'. */
  codePrefix?: string;
  /**
   * How well the organ keeps its work, 0–1 (default 0.5, the demo organ): fewer branches lag or slip as it rises, more
   * as it falls — so the work committee's organs rank apart.
   */
  quality?: number;
};
export type ResolvedDemoOptions = Required<DemoOptions>;

/** Fixed "today" of the demo data, so that the output never depends on the clock. */
export const REFERENCE_DATE = '2026-11-22';
export const WORK_COMMITTEE_CODE = 'WC';

export type DemoCounts = {
  subCommittees: number;
  generalBranches: number;
  directBranches: number;
  baseBranches: number;
  temporaryBranches: number;
};

const CODE_PATTERN = /^[A-Za-z0-9._-]{1,12}$/;

export function resolveDemoOptions(input: DemoOptions = {}): ResolvedDemoOptions {
  const seed = input.seed ?? 2026;
  const scale = input.scale ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10_000)
    throw new RangeError('scale must be in (0, 10000]');
  const options: ResolvedDemoOptions = {
    seed,
    scale,
    unitCode: input.unitCode ?? 'MZHG',
    unitName: input.unitName ?? DEFAULT_UNIT_NAME,
    codePrefix: input.codePrefix ?? 'JG',
    quality: input.quality ?? 0.5,
  };
  if (!Number.isFinite(options.quality) || options.quality < 0 || options.quality > 1)
    throw new RangeError('quality must be in [0, 1]');
  for (const key of ['unitCode', 'codePrefix'] as const) {
    if (!CODE_PATTERN.test(options[key]))
      throw new RangeError(`${key} must be 1–12 letters, digits, '.', '_' or '-'`);
  }
  return options;
}

export function demoCounts(scale: number): DemoCounts {
  const n = (base: number) => Math.max(1, Math.round(base * scale));
  const subCommittees = n(13);
  const generalBranches = n(10);
  return {
    subCommittees,
    generalBranches,
    directBranches: n(23),
    // Every sub-committee and general branch needs at least one branch of its own.
    baseBranches: Math.max(subCommittees + generalBranches, n(201)),
    temporaryBranches: n(4),
  };
}
