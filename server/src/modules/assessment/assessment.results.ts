// Reading a cycle's results (issue 12 points 3 and 5): the ranking with its ties and grades, one subject's score
// explained indicator by indicator, and — the last step of the drill-down — the records behind one indicator's
// value, asked of the measure that produced it. The owner's readers see every subject; a subject's own readers
// (a branch secretary) see their own row and its explanation.

import { sql } from 'kysely';
import type { Cycle, IndicatorBasis, ResultDetail, ResultRow } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { holdsAtTop } from './assessment.access.ts';
import { measureOf, measureView } from './assessment.catalogue.ts';
import {
  asLeafValues,
  CYCLE_NOT_FOUND,
  type CycleRow,
  cycleView,
  loadCycle,
  sourceWindow,
  subjectsOf,
} from './assessment.cycles.ts';
import { explained, unpackValues } from './assessment.explain.ts';
import { followUpStates } from './assessment.follow-up-states.ts';
import { memberRows, rankGroups } from './assessment.member-results.ts';
import { gradeAndCalibrate } from './assessment.outcome.ts';
import { scoreTree } from './assessment.scoring.ts';
import { sourceBasis } from './assessment.sources.ts';
import { leavesOf, rootOf } from './assessment.system-check.ts';
import { treeOf } from './assessment.systems.ts';

const RESULT_NOT_FOUND = '该考核结果不存在或不在您的管辖范围内';

async function rows(ctx: Ctx, c: CycleRow) {
  return (
    ctx.db
      .selectFrom('assessmentResult as r')
      // By id alone: a branch moved to another organ since keeps its result with the cycle's organ.
      .innerJoin('partyOrg as o', 'o.id', 'r.subjectId')
      .innerJoin('unit as u', 'u.id', 'r.unitId')
      .select([
        'r.unitId',
        'r.subjectId',
        'r.total',
        'r.bandLow',
        'r.bandHigh',
        'r.partyScore',
        'r.businessScore',
        'r.fusionScore',
        'r.leafValues',
        'r.computedAt',
        'o.name as orgName',
        'o.path',
        'u.name as unitName',
        'r.groupId',
        sql<string | null>`null`.as('groupName'),
      ])
      .where('r.cycleId', '=', c.id)
      .execute()
  );
}

/** Every subject, ranked among all of them; whom the actor may see (or only `own`: a member reading their own). */
async function ranked(ctx: Ctx, c: CycleRow, own?: ReadonlySet<string>) {
  const all = c.level === 'member' ? await memberRows(ctx, c) : await rows(ctx, c);
  const wholeCycle = !own && (await holdsAtTop(ctx, c.ownerUnitId, 'assessment.read'));
  const visible = own
    ? all.filter((r) => own.has(r.subjectId))
    : all.filter((r) => wholeCycle || isInScope(ctx.actor, 'assessment.read', r.path));
  // Calibrated, ranked and graded by the owner's scale (assessment.outcome.ts).
  // A member cycle ranks members within their branch (rankGroups); the others rank across the cycle. Graded and
  // calibrated in one call for every group (assessment.outcome.ts).
  const ordered = rankGroups(c, all).flat();
  const graded = await gradeAndCalibrate(
    ctx,
    c,
    ordered.map((r) => ({
      id: r.subjectId,
      score: r.total,
      band: r.bandLow !== null && r.bandHigh !== null ? { low: r.bandLow, high: r.bandHigh } : null,
      ...(c.level === 'member' ? { group: r.groupId } : {}),
    })),
  );
  const groupOf = new Map(ordered.map((r) => [r.subjectId, r.groupId ?? '']));
  const outOfGroup = new Map<string, number>();
  for (const x of graded)
    if (x.rank !== null) {
      const g = groupOf.get(x.id) ?? '';
      outOfGroup.set(g, (outOfGroup.get(g) ?? 0) + 1);
    }
  const ranks = new Map(
    graded.map((x, i) => [x.id, { ...x, order: i, outOf: outOfGroup.get(groupOf.get(x.id) ?? '') ?? 0 }]),
  );
  const name = (r: (typeof all)[number]) => (c.level === 'organ' ? r.unitName : r.orgName);
  const names = new Map(all.map((r) => [r.subjectId, name(r)]));
  const view = (r: (typeof all)[number]): ResultRow & { order: number } => {
    const k = ranks.get(r.subjectId);
    return {
      subjectId: r.subjectId,
      subjectName: name(r),
      unitId: r.unitId,
      total: k ? k.score : r.total,
      band: k ? k.band : null,
      party: r.partyScore,
      business: r.businessScore,
      fusion: r.fusionScore,
      rank: k?.rank ?? null,
      outOf: k?.outOf ?? 0,
      group: r.groupId && r.groupName ? { id: r.groupId, name: r.groupName } : null,
      // A member reading their own row learns that they are tied, never with whom: a name beside their own score
      // would tell them the other member's.
      tiedWith: own ? [] : (k?.tiedWith ?? []).map((id) => names.get(id) ?? id),
      range: k?.range ?? null,
      grade: k?.grade ?? null,
      note:
        own && (k?.tiedWith.length ?? 0) > 0
          ? [`与其他 ${k?.tiedWith.length} 人并列`, k?.note].filter(Boolean).join('；')
          : (k?.note ?? null),
      ...(k ? { outcome: k.outcome } : {}),
      order: k?.order ?? 0,
    };
  };
  // What was opened for a result below the cycle's rule, as it stands (assessment.follow-up-states.ts).
  const followUps = await followUpStates(
    ctx,
    c.id,
    visible.map((r) => r.subjectId),
  );
  const withFollowUp = (r: (typeof all)[number]) => ({
    ...view(r),
    followUp: followUps.get(r.subjectId) ?? null,
  });
  return { all, visible: visible.map((r) => ({ row: r, view: withFollowUp(r) })), wholeCycle };
}

export async function readableCycle(ctx: Ctx, id: string): Promise<CycleRow> {
  const c = await loadCycle(ctx, id);
  if (await holdsAtTop(ctx, c.ownerUnitId, 'assessment.read')) return c;
  // A subject's readers reach the cycle for their own row.
  const subjects = await subjectsOf(ctx, c);
  if (!subjects.some((s) => isInScope(ctx.actor, 'assessment.read', s.path)))
    throw notFound('assessment.cycle_not_found', CYCLE_NOT_FOUND);
  return c;
}

/** One cycle, for whoever reads its results (in full, or a subject's own). */
export async function getCycle(ctx: Ctx, id: string): Promise<Cycle> {
  return cycleView(ctx, await readableCycle(ctx, id));
}

export async function listResults(ctx: Ctx, cycleId: string): Promise<ResultRow[]> {
  const c = await readableCycle(ctx, cycleId);
  const { visible } = await ranked(ctx, c);
  return visible
    .map((v) => v.view)
    .sort((a, b) => a.order - b.order)
    .map(({ order: _o, ...r }) => r);
}

async function resultOf(ctx: Ctx, cycleId: string, subjectId: string) {
  const c = await readableCycle(ctx, cycleId);
  const { visible } = await ranked(ctx, c);
  const hit = visible.find((v) => v.row.subjectId === subjectId);
  if (!hit) throw notFound('assessment.result_not_found', RESULT_NOT_FOUND);
  return { c, hit };
}

export async function getResult(ctx: Ctx, cycleId: string, subjectId: string): Promise<ResultDetail> {
  const { c, hit } = await resultOf(ctx, cycleId, subjectId);
  return detailOf(ctx, c, hit);
}

/** A member's own row of a member cycle, ranked within their branch; null when the cycle did not score them. */
export async function ownRow(ctx: Ctx, c: CycleRow, memberId: string) {
  const { visible } = await ranked(ctx, c, new Set([memberId]));
  return visible[0] ?? null;
}

/** Some members' rows of a member cycle, each ranked within their branch (one ranking for all of them). */
export async function standingsOf(
  ctx: Ctx,
  c: CycleRow,
  memberIds: readonly string[],
): Promise<Map<string, ResultRow>> {
  const { visible } = await ranked(ctx, c, new Set(memberIds));
  return new Map(visible.map(({ view: { order: _o, ...row } }) => [row.subjectId, row]));
}

export async function detailOf(
  ctx: Ctx,
  c: CycleRow,
  hit: Awaited<ReturnType<typeof ranked>>['visible'][number],
): Promise<ResultDetail> {
  const tree = treeOf(c);
  const stored = unpackValues(hit.row.leafValues);
  const scored = scoreTree(rootOf(tree), asLeafValues(stored));
  const { order: _o, ...view } = hit.view;
  return {
    ...view,
    cycle: await cycleView(ctx, c),
    tree: explained(tree, scored, stored),
    computedAt: hit.row.computedAt.toISOString(),
  };
}

/** The records behind one indicator's value, as the measure that produced it names them today. */
export async function indicatorBasis(
  ctx: Ctx,
  cycleId: string,
  subjectId: string,
  key: string,
): Promise<IndicatorBasis> {
  const { c, hit } = await resultOf(ctx, cycleId, subjectId);
  const leaf = leavesOf(treeOf(c)).find((l) => l.key === key);
  if (!leaf) throw notFound('assessment.indicator_not_found', '该指标不在本考核的指标体系中');
  const stored = unpackValues(hit.row.leafValues)[key];
  const m = leaf.source === 'computed' && leaf.measureKey ? measureOf(leaf.measureKey) : undefined;
  const basis = await sourceBasis(
    ctx,
    leaf,
    { ...sourceWindow(c, hit.row.unitId), subjects: [{ id: subjectId, path: hit.row.path }] },
    subjectId,
  );
  return {
    key,
    name: leaf.name,
    measure: m ? measureView(m) : null,
    value: stored?.v ?? null,
    detail: stored?.d ?? null,
    basis,
  };
}
