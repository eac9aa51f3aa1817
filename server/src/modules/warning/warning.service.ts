// Warnings as people read and answer them (issue 13 points 2–3): each in the reader's scope, with the rule, the data,
// the deadline, what returns it to green, the ladder step and the whole history; answering (a note, a plan with a
// date, or a 限期整改 on the organisation's list) stops the climb; an officer approves an exception for a while.
import { sql } from 'kysely';
import {
  type AnswerKind,
  LADDER_ROLE_LABELS,
  type LadderStep,
  type Level,
  type ReturnStep,
  RULE_KIND_LABELS,
  type RuleKind,
  type Warning,
  type WarningDetail,
  type WarningException,
} from '#contracts/warning';
import { type Ctx, nowOf, todayOf } from '../../core/context.ts';
import { conflict, invalid, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { findPartyOrgById } from '../org/index.ts';
import { openRectifications } from '../responsibility/index.ts';
import { configOf, ownerUnitOf } from './warning.config.ts';
import { answerHolds, nextClimbAt } from './warning.escalation.ts';
import { addDays } from './warning.format.ts';

export const WARNING_NOT_FOUND = '该预警不存在或不在您的管辖范围内';
const actorName = (ctx: Ctx) => ctx.actor?.displayName || ctx.actor?.username || '系统';

export function selectWarnings(ctx: Ctx) {
  return ctx.db
    .selectFrom('warning as w')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'w.unitId').onRef('o.id', '=', 'w.partyOrgId'),
    )
    .select([
      'w.id',
      'w.unitId',
      'w.partyOrgId',
      'o.name as partyOrgName',
      'o.path as partyOrgPath',
      'w.kind',
      'w.level',
      'w.status',
      'w.ruleText',
      'w.dataText',
      'w.returns',
      'w.firstSeenOn',
      'w.raisedOn',
      'w.deadline',
      'w.clearedOn',
      'w.step',
      'w.stepAt',
      'w.answerKind',
      'w.answerNote',
      'w.answerPlanDue',
      'w.answerHref',
      'w.answeredByName',
      'w.answeredAt',
      'w.version',
    ]);
}
export type WarningRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectWarnings>['executeTakeFirst']>>
>;

type ExceptionRef = { reason: string; until: string; byName: string | null };

export function toWarning(
  ctx: Ctx,
  r: WarningRow,
  ladder: readonly LadderStep[],
  exception: ExceptionRef | null,
): Warning {
  const today = todayOf(ctx);
  const next = nextClimbAt(r, ladder, today);
  const step = ladder[r.step];
  return {
    id: r.id,
    unitId: r.unitId,
    partyOrgId: r.partyOrgId,
    partyOrgName: r.partyOrgName,
    kind: r.kind as RuleKind,
    level: r.level as Level,
    status: r.status as Warning['status'],
    rule: r.ruleText,
    data: r.dataText,
    deadline: r.deadline,
    returns: r.returns as ReturnStep[],
    firstSeenOn: r.firstSeenOn,
    raisedOn: r.raisedOn,
    clearedOn: r.clearedOn,
    step: r.step,
    stepLabel:
      r.stepAt === null ? '尚未通知' : step ? LADDER_ROLE_LABELS[step.role].zh : `第 ${r.step + 1} 级`,
    nextStepOn: next ? todayOf({ now: () => next }) : null,
    answer:
      r.answerKind && r.answeredAt
        ? {
            kind: r.answerKind as AnswerKind,
            note: r.answerNote ?? '',
            planDue: r.answerPlanDue,
            href: r.answerHref,
            byName: r.answeredByName,
            on: todayOf({ now: () => r.answeredAt as Date }),
            lapsed: r.status === 'open' && !answerHolds(r, today),
          }
        : null,
    exception: r.status === 'excepted' ? exception : null,
    version: r.version,
  };
}

async function ladderOf(ctx: Ctx, unitId: string): Promise<readonly LadderStep[]> {
  return (await configOf(ctx, await ownerUnitOf(ctx, unitId))).ladder;
}

async function exceptionsOf(
  ctx: Ctx,
  unitId: string,
  orgIds: readonly string[],
): Promise<Map<string, ExceptionRef>> {
  if (orgIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('warningException')
    .select(['partyOrgId', 'kind', 'reason', 'until', 'byName'])
    .where('unitId', '=', unitId)
    .where('partyOrgId', 'in', [...new Set(orgIds)])
    .where('revokedAt', 'is', null)
    .where('until', '>=', todayOf(ctx))
    .execute();
  return new Map(
    rows.map((r) => [`${r.partyOrgId}:${r.kind}`, { reason: r.reason, until: r.until, byName: r.byName }]),
  );
}

/** The warnings the reader may see: active (not cleared) by default, worst first. */
export async function listWarnings(
  ctx: Ctx,
  q: { unitId?: string | undefined; partyOrgId?: string | undefined; status: 'active' | 'cleared' | 'all' },
): Promise<Warning[]> {
  let query = selectWarnings(ctx).where(scopeSql(ctx.actor, 'warning.read', 'o.path'));
  if (q.unitId) query = query.where('w.unitId', '=', q.unitId);
  if (q.partyOrgId) query = query.where('w.partyOrgId', '=', q.partyOrgId);
  if (q.status === 'active') query = query.where('w.status', '<>', 'cleared');
  if (q.status === 'cleared') query = query.where('w.status', '=', 'cleared');
  const rows = await query
    .orderBy(sql`case w.level when 'red' then 0 when 'orange' then 1 else 2 end`)
    .orderBy('w.firstSeenOn')
    .orderBy('w.id')
    .limit(500)
    .execute();
  const out: Warning[] = [];
  const byUnit = new Map<string, WarningRow[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const ladders = new Map<string, readonly LadderStep[]>();
  for (const [unitId, list] of byUnit) {
    const ladder = ladders.get(unitId) ?? (await ladderOf(ctx, unitId));
    ladders.set(unitId, ladder);
    const exc = await exceptionsOf(
      ctx,
      unitId,
      list.map((r) => r.partyOrgId),
    );
    for (const r of list) out.push(toWarning(ctx, r, ladder, exc.get(`${r.partyOrgId}:${r.kind}`) ?? null));
  }
  const order = new Map(rows.map((r, i) => [r.id, i]));
  return out.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

async function readable(
  ctx: Ctx,
  id: string,
  permission: 'warning.read' | 'warning.answer' | 'warning.manage',
) {
  const row = await selectWarnings(ctx).where('w.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, permission, row.partyOrgPath))
    throw notFound('warning.not_found', WARNING_NOT_FOUND);
  return row;
}

export async function getWarning(ctx: Ctx, id: string): Promise<WarningDetail> {
  const row = await readable(ctx, id, 'warning.read');
  const history = await ctx.db
    .selectFrom('warningEvent')
    .select(['at', 'kind', 'level', 'step', 'text', 'actorName'])
    .where('unitId', '=', row.unitId)
    .where('warningId', '=', id)
    .orderBy('seq')
    .execute();
  const exc = await exceptionsOf(ctx, row.unitId, [row.partyOrgId]);
  return {
    ...toWarning(ctx, row, await ladderOf(ctx, row.unitId), exc.get(`${row.partyOrgId}:${row.kind}`) ?? null),
    history: history.map((h) => ({
      at: h.at.toISOString(),
      kind: h.kind,
      level: (h.level as Level | null) ?? null,
      step: h.step,
      text: h.text,
      actorName: h.actorName,
    })),
  };
}

/**
 * Answers an open warning: the climb stops. A plan carries the date it will be done by; a rectification opens a
 * 限期整改 on the organisation's list, due at the warning's deadline (or the plan's date), and its date works as a
 * plan's: passed while the warning is still open, the climb resumes.
 */
export async function answerWarning(
  ctx: Ctx,
  id: string,
  body: { kind: AnswerKind; note: string; planDue?: string | null | undefined; version: number },
): Promise<WarningDetail> {
  const row = await readable(ctx, id, 'warning.answer');
  if (row.version !== body.version) throw staleVersion(await getWarning(ctx, id));
  if (row.status === 'cleared') throw conflict('warning.cleared', '该预警已解除，无需答复');
  const today = todayOf(ctx);
  if (body.planDue && body.planDue < today)
    throw invalid('warning.plan_past', '完成日期不能早于今天', [
      { field: 'planDue', message: '完成日期不能早于今天' },
    ]);
  let planDue = body.kind === 'note' ? null : (body.planDue ?? null);
  let href: string | null = null;
  if (body.kind === 'rectification') {
    const due = planDue ?? row.deadline ?? addDays(today, 15);
    const label = RULE_KIND_LABELS[row.kind as RuleKind]?.zh ?? row.kind;
    const [opened] = await openRectifications(ctx, {
      source: 'warning',
      deadline: due,
      audit: { entityType: 'warning', entityId: row.id },
      subjects: [
        {
          unitId: row.unitId,
          subjectId: row.partyOrgId,
          title: `限期整改：${label}预警`,
          detail: `${row.dataText}。${body.note}`,
          reason: row.dataText,
          sourceHref: `/warnings/${row.id}`,
        },
      ],
    });
    if (!opened)
      throw conflict('warning.no_list', '该组织没有可以登记整改事项的责任清单，请改用整改计划答复');
    planDue = opened.deadline;
    href = opened.href;
  }
  const now = nowOf(ctx);
  const updated = await ctx.db
    .updateTable('warning')
    .set({
      answerKind: body.kind,
      answerNote: body.note,
      answerPlanDue: planDue,
      answerHref: href,
      answeredByName: actorName(ctx),
      answeredAt: now,
      version: row.version + 1,
      updatedAt: now,
    })
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw staleVersion(await getWarning(ctx, id));
  const words = { note: '说明', plan: '整改计划', rectification: '整改事项' }[body.kind];
  await ctx.db
    .insertInto('warningEvent')
    .values({
      unitId: row.unitId,
      warningId: id,
      at: now,
      kind: 'answered',
      text: `以${words}答复：${body.note}${planDue ? `（${body.kind === 'plan' ? '计划' : '整改'}完成日期 ${planDue}）` : ''}`,
      actorName: actorName(ctx),
    })
    .execute();
  await recordAudit(ctx, {
    action: 'warning.answer',
    entityType: 'warning',
    entityId: id,
    after: { kind: body.kind, note: body.note, planDue, href },
  });
  return getWarning(ctx, id);
}

// ——— Exceptions ———

async function markForEvaluation(ctx: Ctx, unitId: string, partyOrgId: string): Promise<void> {
  await ctx.db
    .insertInto('warningDirty')
    .values({ unitId, partyOrgId })
    .onConflict((oc) => oc.columns(['unitId', 'partyOrgId']).doNothing())
    .execute();
}

export async function listExceptions(ctx: Ctx, unitId?: string): Promise<WarningException[]> {
  let q = ctx.db
    .selectFrom('warningException as e')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'e.unitId').onRef('o.id', '=', 'e.partyOrgId'),
    )
    .select([
      'e.id',
      'e.partyOrgId',
      'o.name',
      'e.kind',
      'e.reason',
      'e.until',
      'e.byName',
      'e.createdAt',
      'e.revokedAt',
    ])
    .where(scopeSql(ctx.actor, 'warning.read', 'o.path'));
  if (unitId) q = q.where('e.unitId', '=', unitId);
  const rows = await q.orderBy('e.createdAt', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    partyOrgId: r.partyOrgId,
    partyOrgName: r.name,
    kind: r.kind as RuleKind,
    reason: r.reason,
    until: r.until,
    byName: r.byName,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** An approved exception: the rule is silent for the organisation until `until` (at most a year). */
export async function createException(
  ctx: Ctx,
  body: { partyOrgId: string; kind: RuleKind; reason: string; until: string },
): Promise<WarningException> {
  const org = await findPartyOrgById(ctx.db, body.partyOrgId);
  if (!org || !isInScope(ctx.actor, 'warning.manage', org.path))
    throw notFound('warning.org_not_found', '该组织不存在或不在您的管辖范围内');
  const today = todayOf(ctx);
  if (body.until < today || body.until > addDays(today, 366))
    throw invalid('warning.exception_until', '例外期限应在今天到一年之内', [
      { field: 'until', message: '例外期限应在今天到一年之内' },
    ]);
  const row = await ctx.db
    .insertInto('warningException')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: body.kind,
      reason: body.reason,
      until: body.until,
      byName: actorName(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // In force within the minute: the organisation is evaluated again by the incremental job (warning.incremental.ts).
  await markForEvaluation(ctx, org.unitId, org.id);
  await recordAudit(ctx, {
    action: 'warning.exception_create',
    entityType: 'warning_exception',
    entityId: row.id,
    after: { partyOrgId: org.id, kind: body.kind, reason: body.reason, until: body.until },
  });
  const made = (await listExceptions(ctx, org.unitId)).find((e) => e.id === row.id);
  if (!made) throw notFound('warning.exception_not_found', '该例外不存在');
  return made;
}

export async function revokeException(ctx: Ctx, id: string): Promise<WarningException> {
  const row = await ctx.db
    .selectFrom('warningException as e')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'e.unitId').onRef('o.id', '=', 'e.partyOrgId'),
    )
    .select(['e.unitId', 'e.partyOrgId', 'e.revokedAt', 'o.path'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row || !isInScope(ctx.actor, 'warning.manage', row.path))
    throw notFound('warning.exception_not_found', '该例外不存在或不在您的管辖范围内');
  if (row.revokedAt) throw conflict('warning.exception_revoked', '该例外已撤销');
  await ctx.db
    .updateTable('warningException')
    .set({ revokedAt: nowOf(ctx), revokedByName: actorName(ctx) })
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .execute();
  await markForEvaluation(ctx, row.unitId, row.partyOrgId);
  await recordAudit(ctx, {
    action: 'warning.exception_revoke',
    entityType: 'warning_exception',
    entityId: id,
  });
  const made = (await listExceptions(ctx, row.unitId)).find((e) => e.id === id);
  if (!made) throw notFound('warning.exception_not_found', '该例外不存在');
  return made;
}
