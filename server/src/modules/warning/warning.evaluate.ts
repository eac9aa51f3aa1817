// Evaluating an organ (issue 13 points 1–3 and 6): its organisations' index for the quarter is computed and kept,
// every rule judges every organisation, and the warnings are brought in line — raised after their grace, changed
// when their level or data changes, suppressed by an approved exception, cleared when the rule no longer holds —
// each change written to the warning's history, each organisation's level (the worst of its open warnings) kept
// with the history of its changes. Then the ladder: a new warning is told to its first step, an unanswered one
// climbs. One organ at a time under an advisory lock, so the nightly run and an incremental one never interleave.
import { randomUUID } from 'node:crypto';
import { type Insertable, sql } from 'kysely';
import { type Level, RULE_KIND_LABELS, type RuleKind } from '#contracts/warning';
import { type Ctx, inTransaction, nowOf, todayOf } from '../../core/context.ts';
import type { WarningTable } from '../../core/db-types-warning.ts';
import { periodKeyOf, periodWindow } from '../assessment/index.ts';
import { escalate } from './warning.climb.ts';
import { configOf, currentFormula, ownerUnitOf } from './warning.config.ts';
import { gatherFacts, type SubjectFacts } from './warning.facts.ts';
import { addDays } from './warning.format.ts';
import { keepIndex, keepLevels } from './warning.keep.ts';
import { raiseIndex } from './warning.levers.ts';
import { type Facts, type Judgement, judge } from './warning.rules.ts';
import { subjectsOf } from './warning.subjects.ts';
import { changed, type KeptWarning, type NewEvent, type Update, writeWarnings } from './warning.write.ts';

export type Evaluation = {
  unitId: string;
  periodKey: string;
  organisations: number;
  raised: number;
  cleared: number;
  climbed: number;
  levelChanges: number;
};

type Kept = KeptWarning & {
  id: string;
  partyOrgId: string;
  kind: string;
  firstSeenOn: string;
  step: number;
  stepAt: Date | null;
  answerKind: string | null;
  answerPlanDue: string | null;
};

const levelZh = (l: string) =>
  ({ green: '绿色', yellow: '黄色', orange: '橙色', red: '红色' })[l as Level] ?? l;

function factsOf(
  sf: SubjectFacts,
  periodLabel: string,
  formulaParts: Parameters<typeof raiseIndex>[0],
  complete: boolean,
): Facts {
  const label = (key: string) => periodWindow('quarter', key)?.label ?? key;
  return {
    isBranch: !sf.subject.isRoot,
    periodLabel,
    index: sf.index,
    raiseIndex: (to) => raiseIndex(formulaParts, sf.parts, sf.levers, to),
    // Finished quarters only: a quarter under way counts a month or two of work against three (a fall that is not one).
    trend: [
      ...sf.before.map((b) => ({ label: label(b.periodKey), value: b.value })),
      ...(complete ? [{ label: periodLabel, value: sf.index }] : []),
    ],
    result: sf.result
      ? { total: sf.result.total, party: sf.result.party, business: sf.result.business, href: sf.result.href }
      : null,
    missed: sf.missed,
    overdueDuties: sf.overdue.duties.map((d) => ({ title: d.title, date: d.dueOn, href: d.href })),
    overdueRectifications: sf.overdue.rectifications.map((d) => ({
      title: d.title,
      date: d.dueOn,
      href: d.href,
    })),
    silentDays: sf.silentDays,
    lastHeldOn: sf.lastHeldOn,
    indicators: sf.indicators,
  };
}

/**
 * Evaluates one organ now (its current quarter unless told), inside a transaction the caller may already hold.
 * `only`: just these organisations and the organ's root (the incremental path); their warnings and levels alone
 * are touched.
 */
export async function evaluateOrgan(
  ctx: Ctx,
  unitId: string,
  periodKey?: string,
  only?: ReadonlySet<string>,
): Promise<Evaluation> {
  return inTransaction(ctx, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${unitId}, 31))`.execute(tx.db);
    return evaluateLocked(tx, unitId, periodKey, only);
  });
}

async function evaluateLocked(
  ctx: Ctx,
  unitId: string,
  periodKey?: string,
  only?: ReadonlySet<string>,
): Promise<Evaluation> {
  const today = todayOf(ctx);
  const now = nowOf(ctx);
  const period = periodKey ?? periodKeyOf('quarter', today);
  const periodLabel = periodWindow('quarter', period)?.label ?? period;
  const owner = await ownerUnitOf(ctx, unitId);
  const [config, formula] = [await configOf(ctx, owner), await currentFormula(ctx, owner)];
  const subjects = (await subjectsOf(ctx, unitId)).filter((s) => !only || s.isRoot || only.has(s.id));
  const out: Evaluation = {
    unitId,
    periodKey: period,
    organisations: subjects.length,
    raised: 0,
    cleared: 0,
    climbed: 0,
    levelChanges: 0,
  };
  if (subjects.length === 0) return out;

  const chosen = config.rules.find((r) => r.kind === 'indicator_below' && r.enabled)?.indicators ?? [];
  const facts = await gatherFacts(ctx, {
    unitId,
    subjects,
    periodKey: period,
    today,
    parts: formula.parts,
    indicators: chosen,
  });
  await keepIndex(ctx, unitId, period, formula.id, facts);

  const judged = new Map<string, Map<RuleKind, Judgement>>();
  for (const sf of facts) {
    const f = factsOf(
      sf,
      periodLabel,
      formula.parts,
      today >= (periodWindow('quarter', period)?.to ?? today),
    );
    const m = new Map<RuleKind, Judgement>();
    for (const rule of config.rules) {
      const j = judge(rule, f);
      if (j) m.set(rule.kind, j);
    }
    judged.set(sf.subject.id, m);
  }

  const subjectIds = subjects.map((s) => s.id);
  const kept = (await ctx.db
    .selectFrom('warning')
    .select([
      'id',
      'partyOrgId',
      'kind',
      'level',
      'status',
      'ruleText',
      'dataText',
      'returns',
      'raisedOn',
      'deadline',
      'firstSeenOn',
      'step',
      'stepAt',
      'answerKind',
      'answerPlanDue',
    ])
    .where('unitId', '=', unitId)
    .where('status', '<>', 'cleared')
    .$if(only !== undefined, (q) => q.where('partyOrgId', 'in', subjectIds))
    .execute()) as Kept[];
  const exceptions = await ctx.db
    .selectFrom('warningException')
    .select(['partyOrgId', 'kind', 'until', 'reason'])
    .where('unitId', '=', unitId)
    .where('revokedAt', 'is', null)
    .where('until', '>=', today)
    .execute();
  const exceptionOf = new Map<string, (typeof exceptions)[number]>();
  for (const e of exceptions)
    if (!exceptionOf.has(`${e.partyOrgId} ${e.kind}`)) exceptionOf.set(`${e.partyOrgId} ${e.kind}`, e);
  const keptOf = new Map(kept.map((k) => [`${k.partyOrgId} ${k.kind}`, k]));
  const ruleOf = new Map(config.rules.map((r) => [r.kind, r]));
  const events: NewEvent[] = [];
  const newlyOpen: string[] = [];
  const toClear: string[] = [];
  const toInsert: Insertable<WarningTable>[] = [];
  const toUpdate: Update[] = [];

  // Warnings whose rule no longer holds, or whose organisation is no longer a subject (closed): cleared.
  for (const w of kept) {
    if (judged.get(w.partyOrgId)?.has(w.kind as RuleKind)) continue;
    toClear.push(w.id);
    events.push({ warningId: w.id, kind: 'cleared', level: null, text: '预警条件已消除，恢复绿色' });
    out.cleared++;
  }

  for (const [orgId, byKind] of judged)
    for (const [kind, j] of byKind) {
      const rule = ruleOf.get(kind);
      if (!rule) continue;
      const w = keptOf.get(`${orgId} ${kind}`);
      const exc = exceptionOf.get(`${orgId} ${kind}`);
      if (!w) {
        const status = exc ? 'excepted' : rule.graceDays > 0 ? 'pending' : 'open';
        const open = status === 'open';
        const id = randomUUID();
        toInsert.push({
          unitId,
          id,
          partyOrgId: orgId,
          kind,
          level: j.level,
          status,
          ruleText: j.rule,
          dataText: j.data,
          returns: JSON.stringify(j.returns),
          firstSeenOn: today,
          raisedOn: open ? today : null,
          deadline: open ? addDays(today, rule.deadlineDays) : null,
        });
        events.push({
          warningId: id,
          kind: open ? 'raised' : status === 'pending' ? 'seen' : 'excepted',
          level: j.level,
          text: open
            ? `发出${RULE_KIND_LABELS[kind].zh}预警：${j.data}`
            : status === 'pending'
              ? `发现${RULE_KIND_LABELS[kind].zh}：${j.data}；宽限 ${rule.graceDays} 天，到期仍未消除即发出预警`
              : `发现${RULE_KIND_LABELS[kind].zh}：${j.data}；已批准例外（${exc?.reason}，至 ${exc?.until}），暂不预警`,
        });
        if (open) {
          newlyOpen.push(id);
          out.raised++;
        }
        continue;
      }
      if (w.level !== j.level)
        events.push({
          warningId: w.id,
          kind: 'level',
          level: j.level,
          text: `等级由${levelZh(w.level)}变为${levelZh(j.level)}：${j.data}`,
        });
      let status = w.status;
      if (exc && status !== 'excepted') {
        status = 'excepted';
        events.push({
          warningId: w.id,
          kind: 'excepted',
          level: null,
          text: `已批准例外：${exc.reason}（至 ${exc.until}）`,
        });
      } else if (!exc && status === 'excepted') {
        status = 'open';
        events.push({ warningId: w.id, kind: 'resumed', level: j.level, text: '例外已到期或撤销，恢复预警' });
      } else if (status === 'pending' && addDays(w.firstSeenOn, rule.graceDays) <= today) {
        status = 'open';
        events.push({
          warningId: w.id,
          kind: 'raised',
          level: j.level,
          text: `宽限期满仍未消除，发出预警：${j.data}`,
        });
      }
      let { raisedOn, deadline } = w;
      if (status !== w.status) {
        if (status === 'open' && w.status !== 'excepted') {
          raisedOn = today;
          deadline = addDays(today, rule.deadlineDays);
          newlyOpen.push(w.id);
          out.raised++;
        } else if (status === 'open' && w.stepAt === null) newlyOpen.push(w.id);
      }
      const next: Update = {
        id: w.id,
        level: j.level,
        status,
        ruleText: j.rule,
        dataText: j.data,
        returns: j.returns,
        raisedOn,
        deadline,
      };
      // Written only when something a reader sees changed: an unchanged warning keeps its version (an answer being
      // written against it is not made stale by the night's run).
      if (changed(w, next)) toUpdate.push(next);
    }

  await writeWarnings(ctx, unitId, now, today, { toClear, toInsert, toUpdate, events });

  out.levelChanges = await keepLevels(ctx, unitId, subjects);
  out.climbed = await escalate(ctx, unitId, config.ladder, newlyOpen, subjects, today);
  return out;
}
