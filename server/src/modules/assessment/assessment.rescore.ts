// Scoring some subjects again (issue 12 point 8, the incremental path): only the leaves that depend on what changed
// are asked (computed leaves whose measure counts it, imported leaves of a KPI pushed, a rated leaf answered); the
// other leaves keep their values. A record usually moves several cycles at once (the quarter, the half-year and the
// year that cover its day), and a writer waits for this in its request (B2), so the cycles are taken together: one
// statement locks them all, one reads their status, one reads what was kept, one writes the scores — only the
// measures are asked per cycle, as each cycle has its own window.
import { sql } from 'kysely';
import type { IndicatorBody } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import type { MeasureSubjectRef } from './assessment.catalogue.ts';
import {
  type CycleRow,
  leafValues,
  type ScoreRow,
  scoreRows,
  sourceWindow,
  upsertScores,
} from './assessment.cycles.ts';
import { type StoredValues, unpackValues } from './assessment.explain.ts';
import { leavesOf } from './assessment.system-check.ts';
import { treeOf } from './assessment.systems.ts';

export type Rescore = {
  c: CycleRow;
  subjects: readonly MeasureSubjectRef[];
  affects: (leaf: IndicatorBody) => boolean;
};

/** Scores some subjects of one computed cycle again (see rescoreMany). */
export async function rescoreSubjects(
  ctx: Ctx,
  c: CycleRow,
  unitId: string,
  subjects: readonly MeasureSubjectRef[],
  affects: (leaf: IndicatorBody) => boolean,
): Promise<void> {
  await rescoreMany(ctx, unitId, [{ c, subjects, affects }]);
}

/**
 * Scores some subjects of one organ in several computed cycles again. Each cycle is locked as lockCycle locks it (one
 * writer of its scores at a time), all in one statement and always in the order of their ids, so two writers taking
 * several never wait for each other crosswise; a cycle closed while this waited is left alone.
 */
export async function rescoreMany(ctx: Ctx, unitId: string, work: readonly Rescore[]): Promise<void> {
  const ids = [...new Set(work.map((w) => w.c.id))].sort();
  if (ids.length === 0) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(t.id, 29))
    from unnest(${ids}::text[]) with ordinality as t(id, n) order by t.n`.execute(ctx.db);
  const open = new Set(
    (
      await ctx.db
        .selectFrom('assessmentCycle')
        .select('id')
        .where('id', 'in', ids)
        .where('status', '=', 'open')
        .execute()
    ).map((r) => r.id),
  );
  const live = work.filter((w) => open.has(w.c.id) && w.subjects.length > 0);
  if (live.length === 0) return;
  const kept = await ctx.db
    .selectFrom('assessmentResult')
    .select(['cycleId', 'subjectId', 'leafValues'])
    .where('unitId', '=', unitId)
    .where(
      'cycleId',
      'in',
      live.map((w) => w.c.id),
    )
    .where('subjectId', 'in', [...new Set(live.flatMap((w) => w.subjects.map((s) => s.id)))])
    .execute();
  const before = new Map(kept.map((k) => [`${k.cycleId} ${k.subjectId}`, unpackValues(k.leafValues)]));
  const now = new Date();
  const rows: ScoreRow[] = [];
  for (const { c, subjects, affects } of live) {
    const tree = treeOf(c);
    const window = sourceWindow(c, unitId);
    const was = (s: MeasureSubjectRef) => before.get(`${c.id} ${s.id}`);
    // A subject the cycle never scored (a branch founded since) is scored in full.
    const partial = subjects.filter((s) => was(s));
    const fresh = subjects.filter((s) => !was(s));
    const values = new Map<string, StoredValues>();
    if (partial.length) {
      const asked = await leafValues(ctx, leavesOf(tree).filter(affects), { ...window, subjects: partial });
      for (const s of partial) values.set(s.id, { ...was(s), ...asked.get(s.id) });
    }
    if (fresh.length)
      for (const [id, v] of await leafValues(ctx, tree, { ...window, subjects: fresh })) values.set(id, v);
    rows.push(...scoreRows(c, unitId, subjects, values, now));
  }
  await upsertScores(ctx, rows);
}
