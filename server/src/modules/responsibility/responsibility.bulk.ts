// A whole year of an organ's responsibility data in one go (the demo organ, every organ of a benchmark province):
// set-based — one INSERT … SELECT FROM unnest(column arrays) per table (per 5,000 rows), never a round trip per row —
// and one audit entry per load, as the bulk imports record one per import. Ids are made here, so that items,
// periods, reports, exemptions and handover entries name each other before anything is written. Periods are those
// the product itself would make (periodsOf, up to today); the plan only says how each one went.
//
// The plan comes from code, not from someone's file: it is checked for the slips a generator can make (a reference to
// nothing, a period an item does not have), not against the rules a person's entry goes through.
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { type Ctx, todayOf } from '../../core/context.ts';
import type { DB } from '../../core/db-types.ts';
import { recordAudit } from '../audit/index.ts';
import { findWorkCommitteeUnitId } from '../org/index.ts';
import type { PlanItem, ResponsibilityPlan } from './responsibility.bulk-plan.ts';
import { writeRows } from './responsibility.bulk-sql.ts';
import { periodsOf } from './responsibility.periods.ts';

export type ResponsibilityLoadResult = {
  /** False when the organ already kept lists of the year: a plan is loaded once and then left to its users. */
  loaded: boolean;
  lists: number;
  items: number;
  periods: number;
  reports: number;
  exemptions: number;
  liaisons: number;
  handovers: number;
  /** SQL statements the load ran: one per table (and 5,000 rows), whatever the number of rows. */
  statements: number;
};

/** True when the organ keeps any list of the year. */
export async function hasListsOfYear(ctx: Ctx, unitId: string, year: number): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('responsibilityList')
    .select('id')
    .where('unitId', '=', unitId)
    .where('year', '=', year)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function fail(message: string): never {
  throw new Error(`responsibility plan: ${message}`);
}

/** Parents before the items taking them up, otherwise in the plan's order. */
function parentsFirst(items: readonly PlanItem[]): PlanItem[] {
  const byRef = new Map(items.map((i) => [i.ref, i]));
  if (byRef.size !== items.length) fail('two items share a ref');
  const depth = new Map<string, number>();
  const depthOf = (item: PlanItem, seen: Set<string>): number => {
    const known = depth.get(item.ref);
    if (known !== undefined) return known;
    if (seen.has(item.ref)) fail(`item ${item.ref} takes itself up`);
    seen.add(item.ref);
    const parent = item.parentRef ? byRef.get(item.parentRef) : undefined;
    if (item.parentRef && !parent) fail(`item ${item.ref} takes up unknown item ${item.parentRef}`);
    const d = parent ? depthOf(parent, seen) + 1 : 0;
    depth.set(item.ref, d);
    return d;
  };
  return items
    .map((item, index) => ({ item, index, depth: depthOf(item, new Set()) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((x) => x.item);
}

const at10 = (date: string) => new Date(`${date}T02:00:00Z`);
const EMPTY = { lists: 0, items: 0, periods: 0, reports: 0, exemptions: 0, liaisons: 0, handovers: 0 };

export async function loadResponsibilityPlan(
  ctx: Ctx,
  plan: ResponsibilityPlan,
): Promise<ResponsibilityLoadResult> {
  let statements = 1;
  if (await hasListsOfYear(ctx, plan.unitId, plan.year)) return { loaded: false, ...EMPTY, statements };
  const { unitId, year } = plan;
  const today = todayOf(ctx);

  // Work points are the work committee's, shared by every organ below it: the first organ's load adds them.
  const pointIds = new Map<number, string>();
  if (plan.workPoints.length) {
    const committee = (await findWorkCommitteeUnitId(ctx.db)) ?? fail('work points without a work committee');
    await ctx.db
      .insertInto('workPoint')
      .values(plan.workPoints.map((p) => ({ workCommitteeUnitId: committee, year, ...p })))
      .onConflict((oc) => oc.columns(['workCommitteeUnitId', 'year', 'seq']).doNothing())
      .execute();
    const rows = await ctx.db
      .selectFrom('workPoint')
      .select(['id', 'seq'])
      .where('workCommitteeUnitId', '=', committee)
      .where('year', '=', year)
      .execute();
    for (const r of rows) pointIds.set(r.seq, r.id);
    statements += 3;
  }

  const listIds = new Map(plan.lists.map((l) => [l.ref, randomUUID()]));
  if (listIds.size !== plan.lists.length) fail('two lists share a ref');
  const listTitles = new Map(plan.lists.map((l) => [l.ref, l.title]));
  const lists = plan.lists.map((l) => ({
    unitId,
    id: listIds.get(l.ref) as string,
    year,
    level: l.level,
    partyOrgId: l.partyOrgId,
    holderMemberId: l.holderMemberId,
    title: l.title,
    templateId: l.templateId,
    status: 'published',
  }));

  // Numbered on each list in the plan's order; written parents first.
  const seqs = new Map<string, number>();
  const seqOf = new Map<string, number>();
  for (const i of plan.items) {
    const seq = (seqs.get(i.listRef) ?? 0) + 1;
    seqs.set(i.listRef, seq);
    seqOf.set(i.ref, seq);
  }
  const planned = parentsFirst(plan.items);
  const itemIds = new Map(planned.map((i) => [i.ref, randomUUID()]));
  const items = planned.map((i) => {
    const listId = listIds.get(i.listRef) ?? fail(`item ${i.ref} on unknown list ${i.listRef}`);
    const seq = seqOf.get(i.ref) as number;
    const workPointId =
      i.workPointSeq === null
        ? null
        : (pointIds.get(i.workPointSeq) ??
          fail(`item ${i.ref} takes up unknown work point ${i.workPointSeq}`));
    return {
      unitId,
      id: itemIds.get(i.ref) as string,
      listId,
      parentItemId: i.parentRef ? (itemIds.get(i.parentRef) as string) : null,
      workPointId,
      templateKey: i.templateKey,
      issued: i.issued,
      seq,
      domain: i.domain,
      category: i.category,
      title: i.title,
      detail: i.detail,
      weight: i.weight,
      ownerOrgId: i.ownerOrgId,
      ownerMemberId: i.ownerMemberId,
      deadline: i.deadline,
      recurrence: i.recurrence,
      recordKind: i.recordKind,
      effectiveFrom: i.effectiveFrom,
    };
  });

  const exemptionIds = new Map(plan.exemptions.map((e) => [e.ref, randomUUID()]));
  const { periods, reports } = periodRows(ctx, planned, { unitId, year, today, itemIds, exemptionIds });
  const exemptions = plan.exemptions.map((e) => ({
    unitId,
    id: exemptionIds.get(e.ref) as string,
    itemId: itemIds.get(e.itemRef) ?? fail(`exemption ${e.ref} of unknown item ${e.itemRef}`),
    startsOn: e.startsOn,
    expiresOn: e.expiresOn,
    reason: e.reason,
    approverMemberId: e.approverMemberId,
    status: e.decision?.status ?? 'pending',
    requestedByName: e.requestedByName,
    decidedByName: e.decision?.byName ?? null,
    decidedAt: e.decision?.at ?? null,
    decisionNote: e.decision?.note ?? null,
    createdAt: e.requestedAt,
  }));
  const handovers = plan.handovers.map((h) => ({
    unitId,
    id: randomUUID(),
    kind: 'handover',
    fromMemberId: h.fromMemberId,
    toMemberId: h.toMemberId,
    post: h.post,
    reason: h.reason,
    startsOn: h.startsOn,
    status: 'completed',
    createdByName: h.createdByName,
    createdAt: h.completedAt,
    completedAt: h.completedAt,
  }));
  const byRef = new Map(planned.map((i) => [i.ref, i]));
  const entries = plan.handovers.flatMap((h, n) =>
    h.entries.map((e) => {
      const item = byRef.get(e.itemRef) ?? fail(`handover entry of unknown item ${e.itemRef}`);
      return {
        unitId,
        handoverId: handovers[n]?.id as string,
        // The handover kind this module registers for duties (responsibility.handover-kinds.ts), worded as it is.
        entryKind: 'responsibility.item',
        entryId: itemIds.get(item.ref) as string,
        label: `${item.title}（${listTitles.get(item.listRef)}）`,
        acknowledgedAt: e.acknowledgedAt,
      };
    }),
  );

  statements += await writeRows(ctx, {
    responsibilityList: lists,
    responsibilityItem: items,
    responsibilityExemption: exemptions,
    responsibilityPeriod: periods,
    progressReport: reports,
    liaison: plan.liaisons.map((l) => ({ unitId, ...l })),
    handover: handovers,
    handoverEntry: entries,
  });

  const counts = {
    lists: lists.length,
    items: items.length,
    periods: periods.length,
    reports: reports.length,
    exemptions: exemptions.length,
    liaisons: plan.liaisons.length,
    handovers: handovers.length,
  };
  // The audit entry takes the chain's lock and writes its record and head: counted as one statement.
  statements++;
  await recordAudit(ctx, {
    action: 'responsibility.bulk_load',
    entityType: 'responsibility_list',
    details: { unitId, year, ...counts },
  });
  return { loaded: true, ...counts, statements };
}

/** Every period each item has by today (as the product makes them), with how it went and its reports. */
function periodRows(
  ctx: Ctx,
  items: readonly PlanItem[],
  q: {
    unitId: string;
    year: number;
    today: string;
    itemIds: Map<string, string>;
    exemptionIds: Map<string, string>;
  },
) {
  const periods: Insertable<DB['responsibilityPeriod']>[] = [];
  const reports: Insertable<DB['progressReport']>[] = [];
  for (const item of items) {
    const itemId = q.itemIds.get(item.ref) as string;
    const spans = periodsOf(item, q.year, q.today);
    const keys = new Set(spans.map((s) => s.key));
    for (const key of Object.keys(item.periods))
      if (!keys.has(key)) fail(`item ${item.ref} has no period ${key} by ${q.today}`);
    for (const span of spans) {
      const outcome = item.periods[span.key] ?? { status: 'open', progress: 0 };
      const id = randomUUID();
      periods.push({
        unitId: q.unitId,
        id,
        itemId,
        periodKey: span.key,
        startsOn: span.startsOn,
        dueOn: span.dueOn,
        status: outcome.status,
        progress: outcome.status === 'done' ? 100 : outcome.status === 'open' ? outcome.progress : 0,
        doneOn: outcome.status === 'done' ? outcome.doneOn : null,
        exemptionId:
          outcome.status === 'exempt'
            ? (q.exemptionIds.get(outcome.exemptionRef) ?? fail(`unknown exemption ${outcome.exemptionRef}`))
            : null,
      });
      if (outcome.status === 'exempt') continue;
      for (const [n, r] of (outcome.reports ?? []).entries())
        reports.push({
          unitId: q.unitId,
          id: randomUUID(),
          itemId,
          periodId: id,
          reportedOn: r.reportedOn,
          progress: r.progress,
          done: r.done,
          note: r.note,
          reportedByUserId: r.byUserId ?? ctx.actor?.userId ?? fail('reports need an account'),
          reportedByName: r.byName,
          // Reports list newest first: their times follow the days they speak of.
          createdAt: new Date(at10(r.reportedOn).getTime() + n * 60_000),
        });
    }
  }
  return { periods, reports };
}
