// Making the periods of duties (set-based): every period a duty has begun by today gets its row, once; periods
// inside an approved exemption's window are made exempt. Used when a duty is entered or changed, and by the daily
// job at period boundaries.
import type { Recurrence } from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import { periodsOf } from './responsibility.periods.ts';

const CHUNK = 500;

/** Creates the missing periods of the given items (or of every active item of `year`); returns how many. */
export async function ensurePeriods(
  ctx: Ctx,
  scope: { itemIds: readonly string[] } | { year: number },
): Promise<{ created: number; itemIds: string[] }> {
  const today = todayOf(ctx);
  let query = ctx.db
    .selectFrom('responsibilityItem as i')
    .innerJoin('responsibilityList as l', (j) =>
      j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
    )
    .select(['i.unitId', 'i.id', 'i.recurrence', 'i.effectiveFrom', 'i.deadline', 'l.year'])
    .where('i.status', '=', 'active');
  if ('itemIds' in scope) {
    if (scope.itemIds.length === 0) return { created: 0, itemIds: [] };
    query = query.where('i.id', 'in', [...scope.itemIds]);
  } else query = query.where('l.year', '=', scope.year);
  const items = await query.execute();
  if (items.length === 0) return { created: 0, itemIds: [] };

  const exemptions = await ctx.db
    .selectFrom('responsibilityExemption')
    .select(['unitId', 'id', 'itemId', 'startsOn', 'expiresOn'])
    .where('status', '=', 'approved')
    .where(
      'itemId',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  const rows = items.flatMap((item) =>
    periodsOf(
      {
        recurrence: item.recurrence as Recurrence,
        effectiveFrom: item.effectiveFrom,
        deadline: item.deadline,
      },
      item.year,
      today,
    ).map((p) => {
      const exemption = exemptions.find(
        (e) => e.itemId === item.id && e.startsOn <= p.dueOn && p.dueOn <= e.expiresOn,
      );
      return {
        unitId: item.unitId,
        itemId: item.id,
        periodKey: p.key,
        startsOn: p.startsOn,
        dueOn: p.dueOn,
        ...(exemption ? { status: 'exempt', exemptionId: exemption.id } : {}),
      };
    }),
  );
  let created = 0;
  const touched = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await ctx.db
      .insertInto('responsibilityPeriod')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ status: 'open', exemptionId: null, ...r })))
      .onConflict((oc) => oc.columns(['unitId', 'itemId', 'periodKey']).doNothing())
      .returning(['itemId'])
      .execute();
    created += inserted.length;
    for (const r of inserted) touched.add(r.itemId);
  }
  return { created, itemIds: [...touched] };
}
