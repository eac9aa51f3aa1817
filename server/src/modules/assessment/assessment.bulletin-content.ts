// What a bulletin says (issue 12 point 6): the cycle's ranking exactly as the results code ranks it (listResults —
// never ranked again here), the comparison with the previous comparable cycle, the movers up and down, and the
// lowest with what is being done about each. The comparison reads the previous period's published bulletin when
// there is one (what was announced is what this one is compared with), else that cycle's results as they stand.
import {
  type BulletinAction,
  type BulletinChange,
  type BulletinContent,
  type BulletinDiff,
  type BulletinLowest,
  type BulletinRow,
  LOWEST_COUNT,
  MOVERS_COUNT,
} from '#contracts/assessment-bulletin';
import type { Ctx } from '../../core/context.ts';
import type { CycleRow } from './assessment.cycles.ts';
import { followUpActions } from './assessment.follow-up-states.ts';
import { type PeriodKind, periodWindow, previousPeriod } from './assessment.periods.ts';
import { listResults } from './assessment.results.ts';

const hundredths = (n: number) => Math.round(n * 100) / 100;
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : hundredths(a - b));

/** The cycle's rows as the bulletin keeps them, in ranking order. */
export async function bulletinRows(ctx: Ctx, cycleId: string): Promise<BulletinRow[]> {
  const rows = await listResults(ctx, cycleId);
  return rows.map((r) => ({
    subjectId: r.subjectId,
    subjectName: r.subjectName,
    rank: r.rank,
    outOf: r.outOf,
    tiedWith: r.tiedWith,
    total: r.total,
    band: r.band,
    party: r.party,
    business: r.business,
    fusion: r.fusion,
    grade: r.grade,
    note: r.note,
  }));
}

/**
 * The previous comparable cycle: same owner and level, the period of the same length before (Q2 → Q1, Q1 → last
 * year's Q4, H2 → H1), computed. The same edition is preferred; else the one computed last.
 */
export async function previousCycle(
  ctx: Ctx,
  c: CycleRow,
): Promise<{ id: string; name: string; periodKey: string } | null> {
  let key: string;
  try {
    key = previousPeriod(c.periodKind as PeriodKind, c.periodKey);
  } catch {
    return null;
  }
  const rows = await ctx.db
    .selectFrom('assessmentCycle')
    .select(['id', 'name', 'periodKey', 'systemId', 'computedAt'])
    .where('ownerUnitId', '=', c.ownerUnitId)
    .where('level', '=', c.level)
    .where('periodKind', '=', c.periodKind)
    .where('periodKey', '=', key)
    .where('computedAt', 'is not', null)
    .execute();
  rows.sort(
    (a, b) =>
      Number(b.systemId === c.systemId) - Number(a.systemId === c.systemId) ||
      (b.computedAt?.getTime() ?? 0) - (a.computedAt?.getTime() ?? 0),
  );
  return rows[0] ?? null;
}

/** Each subject against the previous rows: in both, new this period, or gone since. */
export function compareRows(
  now: readonly BulletinRow[],
  before: readonly BulletinRow[],
): Pick<BulletinDiff, 'changes' | 'added' | 'gone'> {
  const prev = new Map(before.map((r) => [r.subjectId, r]));
  const current = new Set(now.map((r) => r.subjectId));
  const changes: BulletinChange[] = [];
  const added: BulletinChange[] = [];
  for (const r of now) {
    const p = prev.get(r.subjectId);
    const change: BulletinChange = {
      subjectId: r.subjectId,
      subjectName: r.subjectName,
      rank: r.rank,
      previousRank: p?.rank ?? null,
      // Up is positive: from 3rd to 1st is +2.
      rankChange: p && p.rank !== null && r.rank !== null ? p.rank - r.rank : null,
      total: r.total,
      previousTotal: p?.total ?? null,
      totalChange: p ? minus(r.total, p.total) : null,
    };
    (p ? changes : added).push(change);
  }
  const gone = before
    .filter((p) => !current.has(p.subjectId))
    .map((p) => ({
      subjectId: p.subjectId,
      subjectName: p.subjectName,
      rank: null,
      previousRank: p.rank,
      rankChange: null,
      total: null,
      previousTotal: p.total,
      totalChange: null,
    }));
  return { changes, added, gone };
}

/** The biggest climbs and falls in rank (then in total), at most MOVERS_COUNT each; no change, no mover. */
export function moversOf(changes: readonly BulletinChange[]): {
  up: BulletinChange[];
  down: BulletinChange[];
} {
  const by = (sign: 1 | -1) =>
    changes
      .filter((c) => c.rankChange !== null && c.rankChange * sign > 0)
      .sort(
        (a, b) =>
          sign * ((b.rankChange ?? 0) - (a.rankChange ?? 0)) ||
          sign * ((b.totalChange ?? 0) - (a.totalChange ?? 0)),
      )
      .slice(0, MOVERS_COUNT);
  return { up: by(1), down: by(-1) };
}

/**
 * The last LOWEST_COUNT places of the ranking, and whoever shares the last of those places (a tie is never cut in
 * two), in ranking order. Unranked subjects (no data, or a band) are not named: they are not known to be low.
 */
export function lowestOf(
  rows: readonly BulletinRow[],
  notes: Readonly<Record<string, string>>,
  actions: (subjectId: string) => BulletinAction[] = () => [],
): BulletinLowest[] {
  const ranked = rows.filter((r) => r.rank !== null);
  const edge = ranked[Math.max(0, ranked.length - LOWEST_COUNT)]?.rank;
  if (edge === undefined || edge === null) return [];
  return ranked
    .filter((r) => (r.rank as number) >= edge)
    .map((r) => ({
      subjectId: r.subjectId,
      subjectName: r.subjectName,
      rank: r.rank,
      total: r.total,
      note: notes[r.subjectId] ?? '',
      actions: actions(r.subjectId),
    }));
}

/** The previous period's rows: its published bulletin's, else its results as they stand. */
async function previousRows(
  ctx: Ctx,
  c: CycleRow,
): Promise<{ diff: Omit<BulletinDiff, 'changes' | 'added' | 'gone'>; rows: BulletinRow[] } | null> {
  const prev = await previousCycle(ctx, c);
  if (!prev) return null;
  const published = await ctx.db
    .selectFrom('assessmentBulletin')
    .select(['id', 'snapshot'])
    .where('unitId', '=', c.ownerUnitId)
    .where('cycleId', '=', prev.id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  const base = { cycleId: prev.id, cycleName: prev.name, periodKey: prev.periodKey };
  if (published?.snapshot)
    return {
      diff: { ...base, source: 'bulletin', bulletinId: published.id },
      rows: (published.snapshot as BulletinContent).rows,
    };
  return { diff: { ...base, source: 'results', bulletinId: null }, rows: await bulletinRows(ctx, prev.id) };
}

export function defaultTitle(c: Pick<CycleRow, 'periodKind' | 'periodKey' | 'level'>): string {
  const label = periodWindow(c.periodKind as PeriodKind, c.periodKey)?.label ?? c.periodKey;
  return `${label}${c.level === 'organ' ? '各单位' : '党支部'}党建和业务工作考核情况通报`;
}

/** The bulletin's content read live from the results: a draft's preview, and what publishing freezes. */
export async function liveContent(
  ctx: Ctx,
  c: CycleRow,
  text: { title: string; summary: string; notes: Readonly<Record<string, string>> },
): Promise<BulletinContent> {
  const rows = await bulletinRows(ctx, c.id);
  const previous = await previousRows(ctx, c);
  const diff = previous ? { ...previous.diff, ...compareRows(rows, previous.rows) } : null;
  const movers = moversOf(diff?.changes ?? []);
  // The follow-ups opened for results below the cycle's rule: what is being done, and whether it is done.
  const actions = await followUpActions(
    ctx,
    c.id,
    rows.map((r) => r.subjectId),
  );
  const unit = await ctx.db
    .selectFrom('unit')
    .select('name')
    .where('id', '=', c.ownerUnitId)
    .executeTakeFirst();
  return {
    title: text.title,
    cycleId: c.id,
    cycleName: c.name,
    periodKey: c.periodKey,
    periodLabel: periodWindow(c.periodKind as PeriodKind, c.periodKey)?.label ?? c.periodKey,
    unitName: unit?.name ?? '',
    summary: text.summary,
    rows,
    moversUp: movers.up,
    moversDown: movers.down,
    lowest: lowestOf(rows, text.notes, (id) => actions.get(id) ?? []),
    diff,
    asOf: (c.computedAt ?? new Date(0)).toISOString(),
  };
}
