// Obligations fulfilled by records, never ticked by hand (ADR 23). A recurring duty that names a record kind ("a
// 主题党日 every month") is met for a period when the owning organisation held such a record within it; the record
// is the evidence. The producing module registers the kind (responsibility.registry.ts) and calls `recordsChanged`
// when it records, edits or deletes one; the daily job settles new periods too, for records entered before their
// period's row existed.
import type { Ctx } from '../../core/context.ts';
import { earliestDate, latestDate } from './responsibility.periods.ts';
import { allRecordKinds, type HeldRecord, recordKind } from './responsibility.registry.ts';

type OpenPeriod = {
  unitId: string;
  id: string;
  ownerOrgId: string;
  recordKind: string;
  startsOn: string;
  dueOn: string;
  status: string;
  progress: number;
  doneOn: string | null;
  fulfilledByKind: string | null;
  fulfilledById: string | null;
  fulfilledByTitle: string | null;
};

/** Already met by this record as it reads now: nothing to write, and nothing changed for those counting periods. */
const metAlready = (p: OpenPeriod, kind: string, met: HeldRecord) =>
  p.status === 'done' &&
  p.progress === 100 &&
  p.doneOn === met.date &&
  p.fulfilledByKind === kind &&
  p.fulfilledById === met.id &&
  p.fulfilledByTitle === met.title;

/**
 * Re-reads the records behind the obligation periods selected by `where` and sets each period met (by its earliest
 * record) or, when the record it relied on is gone, open again. Exempt periods stay exempt. Returns how many periods
 * it changed (one already met by the same record, as it reads now, is left alone and not counted).
 */
async function settle(
  ctx: Ctx,
  where:
    | { unitId: string; kind: string; orgIds?: readonly string[]; from: string; to: string }
    | { periodIds: readonly string[] },
): Promise<number> {
  let query = ctx.db
    .selectFrom('responsibilityPeriod as p')
    .innerJoin('responsibilityItem as i', (j) =>
      j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
    )
    .select([
      'p.unitId',
      'p.id',
      'i.ownerOrgId',
      'i.recordKind',
      'p.startsOn',
      'p.dueOn',
      'p.status',
      'p.progress',
      'p.doneOn',
      'p.fulfilledByKind',
      'p.fulfilledById',
      'p.fulfilledByTitle',
    ])
    .where('i.recordKind', 'is not', null)
    .where('p.status', '<>', 'exempt');
  if ('periodIds' in where) {
    if (where.periodIds.length === 0) return 0;
    query = query.where('p.id', 'in', [...where.periodIds]);
  } else {
    query = query
      .where('p.unitId', '=', where.unitId)
      .where('i.recordKind', '=', where.kind)
      .where('p.dueOn', '>=', where.from)
      .where('p.startsOn', '<=', where.to);
    if (where.orgIds) {
      if (where.orgIds.length === 0) return 0;
      query = query.where('i.ownerOrgId', 'in', [...where.orgIds]);
    }
  }
  const periods = (await query.execute()) as OpenPeriod[];
  // Only a period a record completed is reopened when its record goes; one reported done by hand before the kind's
  // module existed keeps its report as evidence.
  const groups = new Map<string, OpenPeriod[]>();
  for (const p of periods) {
    const key = `${p.unitId} ${p.recordKind}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  let changed = 0;
  for (const group of groups.values()) {
    const first = group[0] as OpenPeriod;
    const kind = recordKind(first.recordKind);
    if (!kind) continue;
    const from = group.map((p) => p.startsOn).reduce(earliestDate);
    const to = group.map((p) => p.dueOn).reduce(latestDate);
    const records = await kind.find(ctx, {
      unitId: first.unitId,
      orgIds: [...new Set(group.map((p) => p.ownerOrgId))],
      from,
      to,
    });
    for (const p of group) {
      const met = earliest(
        records.filter((r) => r.orgId === p.ownerOrgId && r.date >= p.startsOn && r.date <= p.dueOn),
      );
      if (met) {
        if (metAlready(p, kind.key, met)) continue;
        await ctx.db
          .updateTable('responsibilityPeriod')
          .set({
            status: 'done',
            progress: 100,
            doneOn: met.date,
            fulfilledByKind: kind.key,
            fulfilledById: met.id,
            fulfilledByTitle: met.title,
            updatedAt: new Date(),
          })
          .where('unitId', '=', p.unitId)
          .where('id', '=', p.id)
          .execute();
        changed++;
      } else if (p.status === 'done' && p.fulfilledByKind !== null) {
        await ctx.db
          .updateTable('responsibilityPeriod')
          .set({
            status: 'open',
            progress: 0,
            doneOn: null,
            fulfilledByKind: null,
            fulfilledById: null,
            fulfilledByTitle: null,
            updatedAt: new Date(),
          })
          .where('unitId', '=', p.unitId)
          .where('id', '=', p.id)
          .execute();
        changed++;
      }
    }
  }
  return changed;
}

function earliest(records: HeldRecord[]): HeldRecord | undefined {
  return records.reduce<HeldRecord | undefined>(
    (m, r) => (!m || r.date < m.date || (r.date === m.date && r.id < m.id) ? r : m),
    undefined,
  );
}

/**
 * A producing module says that records of `kind` held by `orgId` around `date` were added, changed or removed: the
 * obligation periods they could meet are settled again, in the caller's transaction.
 */
export async function recordsChanged(
  ctx: Ctx,
  change: { kind: string; unitId: string; orgIds: readonly string[]; from: string; to: string },
): Promise<number> {
  return settle(ctx, {
    unitId: change.unitId,
    kind: change.kind,
    orgIds: change.orgIds,
    from: change.from,
    to: change.to,
  });
}

/** Settles the given periods (new ones, made by the job or when a duty is entered). */
export async function settlePeriods(ctx: Ctx, periodIds: readonly string[]): Promise<number> {
  return settle(ctx, { periodIds });
}

/** Settles the obligation periods of the given items (in chunks: a day's new periods may be many). */
export async function settleItems(ctx: Ctx, itemIds: readonly string[]): Promise<number> {
  if (itemIds.length === 0 || allRecordKinds().length === 0) return 0;
  let changed = 0;
  for (let i = 0; i < itemIds.length; i += 2000) {
    const rows = await ctx.db
      .selectFrom('responsibilityPeriod as p')
      .innerJoin('responsibilityItem as i', (j) =>
        j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
      )
      .select('p.id')
      .where('p.itemId', 'in', itemIds.slice(i, i + 2000))
      .where('i.recordKind', 'is not', null)
      .execute();
    changed += await settlePeriods(
      ctx,
      rows.map((r) => r.id),
    );
  }
  return changed;
}
