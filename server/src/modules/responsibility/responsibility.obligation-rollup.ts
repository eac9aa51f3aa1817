// The obligations met by records, as the module that keeps the records shows them (the branch module's roll-up of
// held / due / exempt / missing per branch and month): the periods of every duty with a record kind, owned by the
// given organisations, in a window. The producer never reads this module's tables; it asks here.
import { sql } from 'kysely';
import { type Ctx, todayOf } from '../../core/context.ts';

export type ObligationState = 'held' | 'due' | 'exempt' | 'missing';

export type ObligationPeriod = {
  orgId: string;
  recordKind: string;
  itemId: string;
  itemTitle: string;
  periodKey: string;
  startsOn: string;
  dueOn: string;
  state: ObligationState;
  /** The record that met it (its kind's key and id), when held. */
  fulfilledById: string | null;
  fulfilledByTitle: string | null;
};

/**
 * Periods of duties fulfilled by records of `recordKinds` (all registered kinds when omitted), owned by `orgIds` of
 * organ `unitId`, due between `from` and `to`. One query; a period still open after its due day is missing.
 */
export async function obligationPeriods(
  ctx: Ctx,
  q: { unitId: string; orgIds: readonly string[]; from: string; to: string; recordKinds?: readonly string[] },
): Promise<ObligationPeriod[]> {
  if (q.orgIds.length === 0) return [];
  const today = todayOf(ctx);
  let query = ctx.db
    .selectFrom('responsibilityPeriod as p')
    .innerJoin('responsibilityItem as i', (j) =>
      j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
    )
    .select([
      'i.ownerOrgId',
      'i.recordKind',
      'i.id as itemId',
      'i.title',
      'p.periodKey',
      'p.startsOn',
      'p.dueOn',
      'p.status',
      'p.fulfilledById',
      'p.fulfilledByTitle',
    ])
    .where('p.unitId', '=', q.unitId)
    .where('i.ownerOrgId', 'in', [...q.orgIds])
    .where('i.recordKind', 'is not', null)
    .where('p.dueOn', '>=', q.from)
    .where('p.dueOn', '<=', q.to);
  if (q.recordKinds) query = query.where('i.recordKind', 'in', [...q.recordKinds]);
  const rows = await query
    .orderBy('p.dueOn')
    .orderBy(sql`${sql.ref('i.seq')}`)
    .execute();
  return rows.map((r) => ({
    orgId: r.ownerOrgId,
    recordKind: r.recordKind as string,
    itemId: r.itemId,
    itemTitle: r.title,
    periodKey: r.periodKey,
    startsOn: r.startsOn,
    dueOn: r.dueOn,
    state:
      r.status === 'done' ? 'held' : r.status === 'exempt' ? 'exempt' : r.dueOn < today ? 'missing' : 'due',
    fulfilledById: r.fulfilledById,
    fulfilledByTitle: r.fulfilledByTitle,
  }));
}
