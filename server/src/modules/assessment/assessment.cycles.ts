// Assessment cycles (issue 12 points 4 and 8): branches within an organ, or organs within the work committee, for
// one period with one published edition (which is locked from then on). Computing a cycle asks each computed
// leaf's measure once for all of an organ's subjects (set-based), scores every subject with the pure engine and
// keeps the leaf values and totals; the explanation is re-derived from them when read.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateCycleBodySchema, Cycle, CycleLevel, IndicatorBody } from '#contracts/assessment';
import { chunked } from '../../core/chunked.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  holdsAtTop,
  keptUnit,
  readableUnit,
  requireActor,
  workCommitteeUnitId,
} from './assessment.access.ts';
import { domainScores, packValues, type StoredValues } from './assessment.explain.ts';
import { memberSubjects } from './assessment.member-subjects.ts';
import { periodWindow } from './assessment.periods.ts';
import { totalBand } from './assessment.rating-band.ts';
import { type LeafValue, scoreTree } from './assessment.scoring.ts';
import type { Subject } from './assessment.source-types.ts';
import { type SourceQuery, sourceValues } from './assessment.sources.ts';
import { leavesOf, rootOf } from './assessment.system-check.ts';
import { lockSystem, readableSystem, treeOf } from './assessment.systems.ts';

export const CYCLE_NOT_FOUND = '该考核不存在或不在您的管辖范围内';

export function selectCycles(ctx: Ctx) {
  return ctx.db
    .selectFrom('assessmentCycle as c')
    .innerJoin('indicatorSystem as s', 's.id', 'c.systemId')
    .selectAll('c')
    .select(['s.name as systemName', 's.edition as systemEdition', 's.tree', 's.normalise']);
}
export type CycleRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectCycles>['executeTakeFirst']>>>;

/** The subjects scored in each cycle, in one query. */
async function subjectCounts(ctx: Ctx, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('assessmentResult')
    .select(['cycleId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('cycleId', 'in', [...ids])
    .groupBy('cycleId')
    .execute();
  return new Map(rows.map((r) => [r.cycleId, Number(r.n)]));
}

export async function cycleView(ctx: Ctx, r: CycleRow, counted?: Map<string, number>): Promise<Cycle> {
  const n = counted ?? (await subjectCounts(ctx, [r.id]));
  return {
    id: r.id,
    ownerUnitId: r.ownerUnitId,
    systemId: r.systemId,
    systemName: r.systemName,
    systemEdition: r.systemEdition,
    level: r.level as CycleLevel,
    periodKind: r.periodKind as Cycle['periodKind'],
    periodKey: r.periodKey,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    name: r.name,
    status: r.status as Cycle['status'],
    computedAt: r.computedAt ? r.computedAt.toISOString() : null,
    subjects: n.get(r.id) ?? 0,
    version: r.version,
  };
}

/** The cycle when the actor reads its owner unit's assessments (or is read as a subject — see results); 404 else. */
export async function loadCycle(ctx: Ctx, id: string): Promise<CycleRow> {
  requireActor(ctx);
  const r = await selectCycles(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('assessment.cycle_not_found', CYCLE_NOT_FOUND);
  return r;
}

export async function listCycles(ctx: Ctx, unitId: string): Promise<Cycle[]> {
  await readableUnit(ctx, unitId);
  const wc = await workCommitteeUnitId(ctx);
  // The work committee's cycles of organs include this organ, and are listed to those who read the organ as a whole
  // (its row is the organ's): a branch's readers could not open them.
  const committee = !!wc && wc !== unitId && (await holdsAtTop(ctx, unitId, 'assessment.read'));
  const rows = await selectCycles(ctx)
    .where((eb) =>
      eb.or([
        eb('c.ownerUnitId', '=', unitId),
        ...(committee ? [eb.and([eb('c.ownerUnitId', '=', wc), eb('c.level', '=', 'organ')])] : []),
      ]),
    )
    .orderBy('c.startsOn', 'desc')
    .orderBy('c.name')
    .execute();
  const counted = await subjectCounts(
    ctx,
    rows.map((r) => r.id),
  );
  return Promise.all(rows.map((r) => cycleView(ctx, r, counted)));
}

export async function createCycle(ctx: Ctx, body: z.output<typeof CreateCycleBodySchema>): Promise<Cycle> {
  await keptUnit(ctx, body.ownerUnitId, 'assessment.run');
  const wc = await workCommitteeUnitId(ctx);
  const isCommittee = body.ownerUnitId === wc;
  if ((body.level === 'organ') !== isCommittee)
    throw invalid('assessment.cycle_invalid', '考核对象与组织单位不符', [
      {
        field: 'body.level',
        message: isCommittee ? '机关工委考核所属各单位' : '本单位考核所属各党支部或本单位党员',
      },
    ]);
  const subject = body.level === 'member' ? 'member' : 'org';
  const window = periodWindow(body.periodKind, body.periodKey);
  if (!window)
    throw invalid('assessment.cycle_invalid', '考核期间有误', [
      { field: 'body.periodKey', message: '期间格式如 2026-03、2026-Q1、2026-H1 或 2026，且与期间类型一致' },
    ]);
  const system = await readableSystem(ctx, body.systemId).catch(() => null);
  const usable =
    system &&
    system.status === 'published' &&
    system.subject === subject &&
    (system.ownerUnitId === body.ownerUnitId || system.ownerUnitId === wc);
  if (!system || !usable)
    throw invalid(
      'assessment.cycle_invalid',
      `请选择已发布的、考核${subject === 'member' ? '党员' : '党组织'}的指标体系`,
      [{ field: 'body.systemId', message: '请选择本单位或机关工委已发布的指标体系' }],
    );
  const same = await ctx.db
    .selectFrom('assessmentCycle')
    .select('id')
    .where('ownerUnitId', '=', body.ownerUnitId)
    .where('systemId', '=', body.systemId)
    .where('level', '=', body.level)
    .where('periodKind', '=', body.periodKind)
    .where('periodKey', '=', body.periodKey)
    .executeTakeFirst();
  if (same)
    throw conflict('assessment.cycle_exists', `${window.label}的这项考核已经建立`, { cycleId: same.id });
  const row = await ctx.db
    .insertInto('assessmentCycle')
    .values({
      ownerUnitId: body.ownerUnitId,
      systemId: body.systemId,
      level: body.level,
      periodKind: body.periodKind,
      periodKey: body.periodKey,
      startsOn: window.from,
      endsOn: window.to,
      name:
        body.name ??
        (body.level === 'member'
          ? `${window.label}党员履职述评`
          : `${window.label}${body.level === 'organ' ? '各单位' : '党支部'}党建和业务工作考核`),
      createdByName: ctx.actor?.displayName ?? null,
    })
    // Two officers creating the same cycle at once: the second is told, as if it had looked first.
    .onConflict((oc) =>
      oc.columns(['ownerUnitId', 'systemId', 'level', 'periodKind', 'periodKey']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!row) throw conflict('assessment.cycle_exists', `${window.label}的这项考核已经建立`);
  // An edition an assessment has used never changes again.
  await lockSystem(ctx, body.systemId);
  await recordAudit(ctx, {
    action: 'assessment.cycle_create',
    entityType: 'assessment_cycle',
    entityId: row.id,
    details: { systemId: body.systemId, level: body.level, period: body.periodKey },
  });
  return cycleView(ctx, await loadCycle(ctx, row.id));
}

export type { Subject };

/**
 * Who a cycle assesses: the organ's branches, each organ of the work committee by its root organisation, or the
 * organ's members (each with the path of their organisation, so scopes and measures see where they belong, and
 * ranked within it).
 */
export async function subjectsOf(ctx: Ctx, c: { level: string; ownerUnitId: string }): Promise<Subject[]> {
  if (c.level === 'member') return memberSubjects(ctx, c.ownerUnitId);
  if (c.level === 'branch')
    return ctx.db
      .selectFrom('partyOrg')
      .select(['id', 'path', 'unitId', 'name'])
      .where('unitId', '=', c.ownerUnitId)
      .where('kind', '=', 'branch')
      .where('status', '=', 'active')
      .orderBy('path')
      .execute();
  return ctx.db
    .selectFrom('unit as u')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'u.id').onRef('o.id', '=', 'u.rootPartyOrgId'),
    )
    .select(['o.id', 'o.path', 'o.unitId', 'u.name'])
    .where('u.kind', '=', 'organ')
    .orderBy('u.code')
    .execute();
}

/**
 * Leaf values of every subject for one organ's subjects: each source (computed, imported, rated) asked once for all
 * of them; a leaf without data drops out of the averages, saying why.
 */
export async function leafValues(
  ctx: Ctx,
  tree: readonly IndicatorBody[],
  q: SourceQuery,
): Promise<Map<string, StoredValues>> {
  return sourceValues(ctx, leavesOf(tree), q);
}

export const asLeafValues = (stored: StoredValues) =>
  new Map<string, LeafValue>(Object.entries(stored).map(([k, x]) => [k, { value: x.v }]));

/** The rows that keep the subjects' scores, from their leaf values. */
export function scoreRows(
  c: CycleRow,
  unitId: string,
  group: readonly { id: string; groupId?: string | null }[],
  values: ReadonlyMap<string, StoredValues>,
  now: Date,
) {
  const tree = treeOf(c);
  const root = rootOf(tree);
  return group.map((s) => {
    const stored = values.get(s.id) ?? {};
    const scored = scoreTree(root, asLeafValues(stored));
    const domains = domainScores(tree, scored);
    return {
      unitId,
      cycleId: c.id,
      subjectId: s.id,
      groupId: s.groupId ?? null,
      total: scored.score,
      ...totalBand(root, stored),
      partyScore: domains.party,
      businessScore: domains.business,
      fusionScore: domains.fusion,
      leafValues: packValues(stored),
      computedAt: now,
    };
  });
}
export type ScoreRow = ReturnType<typeof scoreRows>[number];

/** Keeps scores (of one cycle or several), replacing what was kept. */
export async function upsertScores(ctx: Ctx, rows: readonly ScoreRow[]): Promise<void> {
  // Written over what was kept: a score computed at the same moment by another request is replaced, never doubled.
  for (const chunk of chunked(rows, 500))
    await ctx.db
      .insertInto('assessmentResult')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['unitId', 'cycleId', 'subjectId']).doUpdateSet((eb) => ({
          total: eb.ref('excluded.total'),
          bandLow: eb.ref('excluded.bandLow'),
          bandHigh: eb.ref('excluded.bandHigh'),
          partyScore: eb.ref('excluded.partyScore'),
          businessScore: eb.ref('excluded.businessScore'),
          fusionScore: eb.ref('excluded.fusionScore'),
          leafValues: eb.ref('excluded.leafValues'),
          computedAt: eb.ref('excluded.computedAt'),
          // A partial rescore that does not know a member's branch keeps the one the full compute wrote.
          groupId: eb.fn.coalesce(eb.ref('excluded.groupId'), eb.ref('assessmentResult.groupId')),
        })),
      )
      .execute();
}

/** What a cycle asks its sources about one organ's subjects, but the subjects. */
export function sourceWindow(
  c: Pick<CycleRow, 'id' | 'level' | 'startsOn' | 'endsOn'>,
  unitId: string,
): Omit<SourceQuery, 'subjects'> {
  return {
    cycleId: c.id,
    unitId,
    subtree: c.level === 'organ',
    members: c.level === 'member',
    from: c.startsOn,
    to: c.endsOn,
  };
}

/**
 * One writer of a cycle's scores at a time, until the transaction ends: a record saved while the cycle is computed
 * in full waits for it, and then scores with what the full compute could not see (or the other way round), so
 * neither writes values read before the other committed.
 */
export async function lockCycle(ctx: Ctx, cycleId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${cycleId}, 29))`.execute(ctx.db);
}

/** Scores a cycle's subjects (all, or those named) and keeps their values and totals. */
export async function computeCycle(ctx: Ctx, id: string, only?: readonly string[]): Promise<Cycle> {
  await loadCycle(ctx, id);
  // The status read under the lock: a close that committed while this waited is seen, and nothing is written after it.
  await lockCycle(ctx, id);
  const c = await loadCycle(ctx, id);
  if (c.status === 'closed') throw conflict('assessment.cycle_closed', '该考核已结束，结果不再重算');
  const tree = treeOf(c);
  const all = await subjectsOf(ctx, c);
  const subjects = only ? all.filter((s) => only.includes(s.id)) : all;
  const byUnit = new Map<string, Subject[]>();
  for (const s of subjects) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s]);
  const now = new Date();
  for (const [unitId, group] of byUnit) {
    const values = await leafValues(ctx, tree, { ...sourceWindow(c, unitId), subjects: group });
    await upsertScores(ctx, scoreRows(c, unitId, group, values, now));
  }
  // Subjects gone from the organ (a branch closed) leave the cycle when it is computed in full.
  if (!only)
    await ctx.db
      .deleteFrom('assessmentResult')
      .where('cycleId', '=', id)
      .where(
        'subjectId',
        'not in',
        all.map((s) => s.id),
      )
      .execute();
  await ctx.db.updateTable('assessmentCycle').set({ computedAt: now }).where('id', '=', id).execute();
  return cycleView(ctx, await loadCycle(ctx, id));
}

/** The route's entry: the owner's runner computes in full, and the audit trail says so. */
export async function runCompute(ctx: Ctx, id: string): Promise<Cycle> {
  const c = await loadCycle(ctx, id);
  await keptUnit(ctx, c.ownerUnitId, 'assessment.run');
  const out = await computeCycle(ctx, id);
  await recordAudit(ctx, {
    action: 'assessment.cycle_compute',
    entityType: 'assessment_cycle',
    entityId: id,
    details: { subjects: out.subjects },
  });
  return out;
}
