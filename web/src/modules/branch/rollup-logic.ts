// The obligations roll-up's arithmetic, kept out of the page: how a cell is coloured, which duties a cell stands for,
// the organ's totals, where the page opens and who may set the theme day.
import type { ObligationRollup, ObligationTally } from '#contracts/branch-rollup';
import { ROLE_PERMISSIONS, type Role } from '#contracts/identity';

export type RollupBranch = ObligationRollup['branches'][number];
export type RollupEntry = RollupBranch['entries'][number];
export type RollupBy = 'month' | 'quarter';

/**
 * What a cell says at a glance. Missing with nothing held is red; missing next to something held or excused is
 * orange; all held (some may still be ahead) green; only excused grey; only ahead light; nothing asked, blank.
 */
export type CellState = 'missing' | 'partial' | 'held' | 'exempt' | 'due' | 'none';

export function cellState(t: ObligationTally): CellState {
  if (t.missing > 0) return t.held + t.exempt > 0 ? 'partial' : 'missing';
  if (t.held > 0) return 'held';
  if (t.exempt > 0) return 'exempt';
  if (t.due > 0) return 'due';
  return 'none';
}

/** The count a cell shows: held out of what was asked (an exemption is not asked). */
export function cellCount(t: ObligationTally): { held: number; asked: number } {
  return { held: t.held, asked: t.held + t.due + t.missing };
}

export const CELL_COLOURS: Record<CellState, { background: string; color: string; border: string }> = {
  missing: { background: '#ff4d4f', color: '#fff', border: '#ff4d4f' },
  partial: { background: '#fa8c16', color: '#fff', border: '#fa8c16' },
  held: { background: '#52c41a', color: '#fff', border: '#52c41a' },
  exempt: { background: '#d9d9d9', color: '#595959', border: '#bfbfbf' },
  due: { background: '#f0f5ff', color: '#2f54eb', border: '#d6e4ff' },
  none: { background: 'transparent', color: '#bfbfbf', border: '#f0f0f0' },
};

/** The columns of the grid: 12 months or 4 quarters, by index. */
export function periodCount(by: RollupBy): number {
  return by === 'month' ? 12 : 4;
}

export function tallyOf(branch: RollupBranch, by: RollupBy, index: number): ObligationTally {
  const list = by === 'month' ? branch.months : branch.quarters;
  return list[index] ?? { held: 0, due: 0, exempt: 0, missing: 0 };
}

/** The month (0–11) an entry counts in: the server tallies each period by the month it falls due. */
export function entryMonth(entry: Pick<RollupEntry, 'dueOn'>): number {
  return Number(entry.dueOn.slice(5, 7)) - 1;
}

const STATE_ORDER: Record<RollupEntry['state'], number> = { missing: 0, due: 1, held: 2, exempt: 3 };

/**
 * The duties behind one cell (index null: the branch's whole year), what is missing first, then by due date.
 */
export function cellEntries(branch: RollupBranch, by: RollupBy, index: number | null): RollupEntry[] {
  const inCell = (e: RollupEntry) => {
    if (index === null) return true;
    const month = entryMonth(e);
    return by === 'month' ? month === index : Math.floor(month / 3) === index;
  };
  return branch.entries
    .filter(inCell)
    .sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        a.dueOn.localeCompare(b.dueOn) ||
        a.itemTitle.localeCompare(b.itemTitle),
    );
}

/** The organ's totals over every branch shown, and how many branches have something missing. */
export function rollupSummary(rollup: ObligationRollup) {
  const total: ObligationTally = { held: 0, due: 0, exempt: 0, missing: 0 };
  let lagging = 0;
  for (const b of rollup.branches) {
    total.held += b.total.held;
    total.due += b.total.due;
    total.exempt += b.total.exempt;
    total.missing += b.total.missing;
    if (b.total.missing > 0) lagging++;
  }
  const asked = total.held + total.missing;
  return {
    total,
    lagging,
    branches: rollup.branches.length,
    /** Held of what has fallen due (null before anything fell due). */
    heldShare: asked === 0 ? null : total.held / asked,
    hasDuties: rollup.branches.some((b) => b.entries.length > 0),
  };
}

/** Branches with something missing first, if asked; otherwise the server's tree order. */
export function orderBranches(branches: readonly RollupBranch[], laggingFirst: boolean): RollupBranch[] {
  if (!laggingFirst) return [...branches];
  return [...branches].sort((a, b) => b.total.missing - a.total.missing);
}

/** A record the entry links to: only branch records have a page here. */
export function entryRecordPath(entry: Pick<RollupEntry, 'recordId' | 'recordKind'>): string | null {
  return entry.recordId && entry.recordKind.startsWith('branch.')
    ? `/branch/records/${entry.recordId}`
    : null;
}

type OrgLike = { id: string; parentId: string | null; kind: string; sortOrder: number; code: string };

/**
 * Where the page opens: the top of what the reader may see. The work committee has no branches of its own, so
 * its officers open on the first organ below it.
 */
export function defaultRollupOrg(orgs: readonly OrgLike[]): string | null {
  const ids = new Set(orgs.map((o) => o.id));
  const byOrder = (a: OrgLike, b: OrgLike) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
  let level = orgs.filter((o) => !o.parentId || !ids.has(o.parentId)).sort(byOrder);
  while (level.length) {
    const found = level.find((o) => o.kind !== 'work_committee');
    if (found) return found.id;
    const parents = new Set(level.map((o) => o.id));
    level = orgs.filter((o) => o.parentId && parents.has(o.parentId)).sort(byOrder);
  }
  return null;
}

/**
 * Whether the reader may set the organ's theme day: a role that records branch work held on the organ's root or
 * above it. The server decides; this only spares others a button that would be refused.
 */
export function maySetThemeDay(
  roles: readonly { role: Role; partyOrgId: string | null }[],
  organRootId: string | null,
  orgs: readonly { id: string; parentId: string | null }[],
): boolean {
  if (!organRootId) return false;
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  const above = new Set<string>();
  for (let id: string | null | undefined = organRootId; id && !above.has(id); id = parentOf.get(id))
    above.add(id);
  return roles.some(
    (r) =>
      r.partyOrgId !== null && above.has(r.partyOrgId) && ROLE_PERMISSIONS[r.role].includes('branch.record'),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page's place in the address: ?org=&year=&by= (anything malformed falls back). */
export function parseRollupParams(params: URLSearchParams, thisYear: number) {
  const org = params.get('org');
  const year = Number(params.get('year'));
  return {
    org: org && UUID.test(org) ? org : null,
    year: Number.isInteger(year) && year >= 2000 && year <= 2099 ? year : thisYear,
    by: (params.get('by') === 'quarter' ? 'quarter' : 'month') as RollupBy,
  };
}
