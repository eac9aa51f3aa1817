// Results that are used (issue 12 point 7): a cycle's rule (a score below which a subject is followed up, and the
// days it is given), the preview of who falls below it, and opening — on demand, and when the officer closes the
// cycle. A follow-up is opened once and only once per result: the row (unit, cycle, subject) is claimed first, so a
// retry or a second officer at the same moment finds it taken and opens nothing. A subject shown as a band (a thin
// rater group) is not judged: its score is not known to be low. Member cycles open nothing (a member's result goes
// to their 述评, not to a list).

import { sql } from 'kysely';
import type { Cycle } from '#contracts/assessment';
import {
  type CycleFollowUps,
  FOLLOW_UP_DEFAULTS,
  type FollowUpRow,
  type FollowUpRule,
  type FollowUpRuleBody,
  type FollowUpVerdict,
  type OpenFollowUpsResult,
} from '#contracts/assessment-follow-up';
import { type Ctx, todayOf } from '../../core/context.ts';
import { conflict, invalid, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { keptUnit } from './assessment.access.ts';
import { type CycleRow, cycleView, loadCycle, lockCycle } from './assessment.cycles.ts';
import { allFollowUpKinds, defaultFollowUpKind, followUpKind } from './assessment.follow-ups.ts';
import { listResults } from './assessment.results.ts';

const hundredths = (n: number) => Math.round(n * 100) / 100;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Where a result stands against a threshold. Compared on hundredths, as the ranking shows it: 59.996 is shown as
 * 60.00 and is not below 60.
 */
export function verdictOf(r: { total: number | null; band: unknown }, threshold: number): FollowUpVerdict {
  if (r.band) return 'band';
  if (r.total === null) return 'no_score';
  return hundredths(r.total) < threshold ? 'below' : 'passed';
}

function ruleView(r: {
  cycleId: string;
  threshold: number;
  deadlineDays: number;
  kind: string;
  version: number;
  updatedByName: string | null;
}): FollowUpRule {
  return {
    cycleId: r.cycleId,
    threshold: Number(r.threshold),
    deadlineDays: r.deadlineDays,
    kind: r.kind,
    version: r.version,
    updatedByName: r.updatedByName,
  };
}

async function ruleOf(ctx: Ctx, c: CycleRow): Promise<FollowUpRule | null> {
  const r = await ctx.db
    .selectFrom('assessmentFollowUpRule')
    .selectAll()
    .where('unitId', '=', c.ownerUnitId)
    .where('cycleId', '=', c.id)
    .executeTakeFirst();
  return r ? ruleView(r) : null;
}

/** The cycle, when the actor runs its owner's assessments (404 / 403 otherwise), and not a member cycle. */
async function keptCycle(ctx: Ctx, id: string): Promise<CycleRow> {
  const c = await loadCycle(ctx, id);
  await keptUnit(ctx, c.ownerUnitId, 'assessment.run');
  return c;
}

function refuseMemberCycle(c: CycleRow): void {
  if (c.level !== 'branch' && c.level !== 'organ')
    throw invalid('assessment.follow_up_level', '党员考核结果用于述评，不开具整改项', [
      { field: 'params.id', message: '整改线只适用于党支部或各单位的考核' },
    ]);
}

/** Every subject the officer sees, lowest first, with its verdict against the rule (or the suggested one). */
export async function cycleFollowUps(ctx: Ctx, id: string): Promise<CycleFollowUps> {
  const c = await keptCycle(ctx, id);
  const rule = await ruleOf(ctx, c);
  const last = rule
    ? null
    : await ctx.db
        .selectFrom('assessmentFollowUpRule')
        .select(['threshold', 'deadlineDays', 'kind'])
        .where('unitId', '=', c.ownerUnitId)
        .orderBy('updatedAt', 'desc')
        .limit(1)
        .executeTakeFirst();
  const suggested = last
    ? { threshold: Number(last.threshold), deadlineDays: last.deadlineDays, kind: last.kind }
    : { ...FOLLOW_UP_DEFAULTS, kind: defaultFollowUpKind() };
  const threshold = rule?.threshold ?? suggested.threshold;
  const results = c.level === 'member' ? [] : await listResults(ctx, c.id);
  const claimed = new Set(
    (
      await ctx.db.selectFrom('assessmentFollowUp').select('subjectId').where('cycleId', '=', c.id).execute()
    ).map((r) => r.subjectId),
  );
  const rows: FollowUpRow[] = results
    .map((r) => ({
      subjectId: r.subjectId,
      subjectName: r.subjectName,
      unitId: r.unitId,
      total: r.total,
      rank: r.rank,
      verdict: verdictOf(r, threshold),
      followUp: r.followUp ?? null,
    }))
    .sort((a, b) => (a.total ?? Number.POSITIVE_INFINITY) - (b.total ?? Number.POSITIVE_INFINITY));
  return {
    cycleId: c.id,
    cycleStatus: c.status as Cycle['status'],
    computed: c.computedAt !== null,
    rule,
    suggested,
    kinds: allFollowUpKinds().map((k) => ({ key: k.key, label: k.label })),
    rows,
    toOpen: rows.filter((r) => r.verdict === 'below' && !claimed.has(r.subjectId)).length,
  };
}

/** Sets or changes the cycle's rule (409 when the version read is stale). What is already opened stays. */
export async function setFollowUpRule(ctx: Ctx, id: string, body: FollowUpRuleBody): Promise<CycleFollowUps> {
  const c = await keptCycle(ctx, id);
  refuseMemberCycle(c);
  const kind = body.kind ?? defaultFollowUpKind();
  if (!followUpKind(kind))
    throw invalid('assessment.follow_up_kind', '没有这种跟进方式', [
      { field: 'body.kind', message: '请从列表中选择跟进方式（如“限期整改”）' },
    ]);
  const before = await ruleOf(ctx, c);
  const values = {
    threshold: body.threshold,
    deadlineDays: body.deadlineDays,
    kind,
    updatedByName: ctx.actor?.displayName ?? null,
  };
  if (!before) {
    if (body.version !== undefined) throw staleVersion(null);
    const row = await ctx.db
      .insertInto('assessmentFollowUpRule')
      .values({ unitId: c.ownerUnitId, cycleId: c.id, ...values })
      // Two officers setting it at once: the second is told it changed under them.
      .onConflict((oc) => oc.columns(['unitId', 'cycleId']).doNothing())
      .returning('cycleId')
      .executeTakeFirst();
    if (!row) throw staleVersion(await ruleOf(ctx, c));
  } else {
    if (body.version !== before.version) throw staleVersion(before);
    const row = await ctx.db
      .updateTable('assessmentFollowUpRule')
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where('unitId', '=', c.ownerUnitId)
      .where('cycleId', '=', c.id)
      .where('version', '=', before.version)
      .returning('cycleId')
      .executeTakeFirst();
    if (!row) throw staleVersion(await ruleOf(ctx, c));
  }
  await recordAudit(ctx, {
    action: 'assessment.follow_up_rule',
    entityType: 'assessment_cycle',
    entityId: c.id,
    before: before
      ? { threshold: before.threshold, deadlineDays: before.deadlineDays, kind: before.kind }
      : null,
    after: { threshold: body.threshold, deadlineDays: body.deadlineDays, kind },
  });
  return cycleFollowUps(ctx, id);
}

/**
 * Opens a follow-up for every result below the rule that has none: claims the rows (the unique key), asks the kind
 * to open them all in one call, keeps the references. Answers how many were opened.
 */
export async function openBelow(ctx: Ctx, c: CycleRow, rule: FollowUpRule): Promise<number> {
  const kind = followUpKind(rule.kind);
  if (!kind)
    throw invalid('assessment.follow_up_kind', '该考核设置的跟进方式已不可用', [
      { field: 'rule.kind', message: '请重新设置整改线，选择现有的跟进方式' },
    ]);
  await lockCycle(ctx, c.id);
  // The score as the results show it: an officer's calibration replaces the computed one (and settles a band), so
  // the preview, the rows and what is opened agree.
  const results = await ctx.db
    .selectFrom('assessmentResult as r')
    // By id alone: a branch moved to another organ since keeps its result with the cycle's organ.
    .innerJoin('partyOrg as o', 'o.id', 'r.subjectId')
    .innerJoin('unit as u', 'u.id', 'r.unitId')
    .leftJoin('assessmentCalibration as k', (j) =>
      j
        .onRef('k.unitId', '=', 'r.unitId')
        .onRef('k.cycleId', '=', 'r.cycleId')
        .onRef('k.subjectId', '=', 'r.subjectId'),
    )
    .select([
      'r.unitId',
      'r.subjectId',
      (eb) => eb.fn.coalesce('k.score', 'r.total').as('total'),
      (eb) =>
        eb.case().when('k.score', 'is not', null).then(null).else(eb.ref('r.bandLow')).end().as('bandLow'),
      'o.name as orgName',
      'u.name as unitName',
    ])
    .where('r.cycleId', '=', c.id)
    .execute();
  const below = results.filter(
    (r) =>
      verdictOf(
        { total: r.total === null ? null : Number(r.total), band: r.bandLow !== null ? true : null },
        rule.threshold,
      ) === 'below',
  );
  if (below.length === 0) return 0;
  const deadline = addDays(todayOf(ctx), rule.deadlineDays);
  const claimed = await ctx.db
    .insertInto('assessmentFollowUp')
    .values(
      below.map((r) => ({
        unitId: r.unitId,
        cycleId: c.id,
        subjectId: r.subjectId,
        kind: kind.key,
        deadline,
        score: Number(r.total),
        threshold: rule.threshold,
        openedByName: ctx.actor?.displayName ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['unitId', 'cycleId', 'subjectId']).doNothing())
    .returning('subjectId')
    .execute();
  if (claimed.length === 0) return 0;
  const mine = new Set(claimed.map((r) => r.subjectId));
  const opened = await kind.open(ctx, {
    cycleId: c.id,
    cycleName: c.name,
    threshold: rule.threshold,
    deadline,
    subjects: below
      .filter((r) => mine.has(r.subjectId))
      .map((r) => ({
        unitId: r.unitId,
        subjectId: r.subjectId,
        subjectName: c.level === 'organ' ? r.unitName : r.orgName,
        score: Number(r.total),
        resultHref: `/assessment/cycles/${c.id}/results/${r.subjectId}`,
      })),
  });
  if (opened.length)
    await sql`
      update assessment_follow_up f
         set ref = v.ref, title = v.title, href = v.href, deadline = v.deadline::date
        from (values ${sql.join(
          opened.map((o) => sql`(${o.subjectId}::uuid, ${o.ref}, ${o.title}, ${o.href}, ${o.deadline})`),
        )}) as v(subject_id, ref, title, href, deadline)
       where f.cycle_id = ${c.id} and f.subject_id = v.subject_id`.execute(ctx.db);
  // What the kind could not open (an organisation closed since) is released, so it is not shown as opened.
  const done = new Set(opened.map((o) => o.subjectId));
  const released = [...mine].filter((id) => !done.has(id));
  if (released.length)
    await ctx.db
      .deleteFrom('assessmentFollowUp')
      .where('cycleId', '=', c.id)
      .where('subjectId', 'in', released)
      .where('ref', 'is', null)
      .execute();
  await recordAudit(ctx, {
    action: 'assessment.follow_up_open',
    entityType: 'assessment_cycle',
    entityId: c.id,
    details: {
      kind: kind.key,
      threshold: rule.threshold,
      deadline,
      opened: opened.map((o) => ({ subjectId: o.subjectId, ref: o.ref })),
    },
  });
  return opened.length;
}

/** POST …/follow-ups: opens what the preview showed (nothing twice). */
export async function openFollowUps(ctx: Ctx, id: string): Promise<OpenFollowUpsResult> {
  const c = await keptCycle(ctx, id);
  refuseMemberCycle(c);
  const rule = await ruleOf(ctx, c);
  if (!rule)
    throw invalid('assessment.follow_up_no_rule', '尚未设置整改线', [
      { field: 'rule', message: '请先设置整改线（低于多少分）和整改期限（天数），再开具整改项' },
    ]);
  if (!c.computedAt)
    throw conflict('assessment.cycle_not_computed', '该考核尚未计算结果，请先计算再开具整改项');
  const opened = await openBelow(ctx, c, rule);
  return { opened, followUps: await cycleFollowUps(ctx, id) };
}

/**
 * Ends a cycle (its scores are no longer recomputed) and, when it has a rule, opens the follow-ups below it in the
 * same transaction: closing and opening succeed or fail together.
 */
export async function closeCycle(ctx: Ctx, id: string, version: number): Promise<Cycle> {
  const c = await keptCycle(ctx, id);
  await lockCycle(ctx, c.id);
  if (c.status === 'closed') throw conflict('assessment.cycle_closed', '该考核已经结束');
  if (c.version !== version) throw staleVersion(await cycleView(ctx, c));
  if (!c.computedAt) throw conflict('assessment.cycle_not_computed', '该考核尚未计算结果，请先计算再结束');
  const row = await ctx.db
    .updateTable('assessmentCycle')
    .set({ status: 'closed', version: version + 1 })
    .where('id', '=', c.id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  if (!row) throw staleVersion(await cycleView(ctx, await loadCycle(ctx, id)));
  const rule = c.level === 'member' ? null : await ruleOf(ctx, c);
  const opened = rule ? await openBelow(ctx, c, rule) : 0;
  await recordAudit(ctx, {
    action: 'assessment.cycle_close',
    entityType: 'assessment_cycle',
    entityId: c.id,
    details: { followUpsOpened: opened, threshold: rule?.threshold ?? null },
  });
  return cycleView(ctx, await loadCycle(ctx, id));
}
