// Making the periods of duties (set-based): every period a duty has begun by today gets its row, once; periods
// inside an approved exemption's window are made exempt. Used when a duty is entered or changed, and by the daily
// job at period boundaries — organ by organ, in chunks, inserting only the rows that are missing (a province has
// hundreds of thousands of duties and more periods; statements stay far below PostgreSQL's bind-parameter limit).
import type { Recurrence } from '#contracts/responsibility';
import { type Ctx, todayOf } from '../../core/context.ts';
import { periodsOf } from './responsibility.periods.ts';

const CHUNK = 2000;

type ItemRow = {
  unitId: string;
  id: string;
  recurrence: string;
  effectiveFrom: string;
  deadline: string | null;
  year: number;
};

function itemQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('responsibilityItem as i')
    .innerJoin('responsibilityList as l', (j) =>
      j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
    )
    .select(['i.unitId', 'i.id', 'i.recurrence', 'i.effectiveFrom', 'i.deadline', 'l.year'])
    .where('i.status', '=', 'active');
}

/** The missing periods of one organ's items (at most CHUNK of them), inserted; answers the items that got one. */
async function fillChunk(
  ctx: Ctx,
  unitId: string,
  items: readonly ItemRow[],
  today: string,
): Promise<string[]> {
  const ids = items.map((i) => i.id);
  const [existing, exemptions] = await Promise.all([
    ctx.db
      .selectFrom('responsibilityPeriod')
      .select(['itemId', 'periodKey'])
      .where('unitId', '=', unitId)
      .where('itemId', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('responsibilityExemption')
      .select(['id', 'itemId', 'startsOn', 'expiresOn'])
      .where('unitId', '=', unitId)
      .where('status', '=', 'approved')
      .where('itemId', 'in', ids)
      .execute(),
  ]);
  const have = new Set(existing.map((e) => `${e.itemId} ${e.periodKey}`));
  const rows = items.flatMap((item) =>
    periodsOf(
      {
        recurrence: item.recurrence as Recurrence,
        effectiveFrom: item.effectiveFrom,
        deadline: item.deadline,
      },
      item.year,
      today,
    )
      .filter((p) => !have.has(`${item.id} ${p.key}`))
      .map((p) => {
        const exemption = exemptions.find(
          (e) => e.itemId === item.id && e.startsOn <= p.dueOn && p.dueOn <= e.expiresOn,
        );
        return {
          unitId,
          itemId: item.id,
          periodKey: p.key,
          startsOn: p.startsOn,
          dueOn: p.dueOn,
          status: exemption ? 'exempt' : 'open',
          exemptionId: exemption?.id ?? null,
        };
      }),
  );
  const touched = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await ctx.db
      .insertInto('responsibilityPeriod')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['unitId', 'itemId', 'periodKey']).doNothing())
      .returning(['itemId'])
      .execute();
    for (const r of inserted) touched.add(r.itemId);
  }
  return [...touched];
}

/** Creates the missing periods of the given items (one organ's, e.g. a duty just entered). */
export async function ensurePeriods(
  ctx: Ctx,
  scope: { itemIds: readonly string[] },
): Promise<{ itemIds: string[] }> {
  if (scope.itemIds.length === 0) return { itemIds: [] };
  const today = todayOf(ctx);
  const touched: string[] = [];
  for (let i = 0; i < scope.itemIds.length; i += CHUNK) {
    const items = await itemQuery(ctx)
      .where('i.id', 'in', scope.itemIds.slice(i, i + CHUNK))
      .execute();
    const byUnit = new Map<string, ItemRow[]>();
    for (const item of items) byUnit.set(item.unitId, [...(byUnit.get(item.unitId) ?? []), item]);
    for (const [unitId, own] of byUnit) touched.push(...(await fillChunk(ctx, unitId, own, today)));
  }
  return { itemIds: touched };
}

/** The organs that keep lists of `year` (the daily job works through them one by one). */
export async function organsWithLists(ctx: Ctx, year: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('responsibilityList')
    .select('unitId')
    .distinct()
    .where('year', '=', year)
    .execute();
  return rows.map((r) => r.unitId);
}

/** Creates the missing periods of every active duty of organ `unitId` in `year`, a chunk of duties at a time. */
export async function ensureOrganPeriods(
  ctx: Ctx,
  unitId: string,
  year: number,
): Promise<{ itemIds: string[] }> {
  const today = todayOf(ctx);
  const touched: string[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const items = await itemQuery(ctx)
      .where('i.unitId', '=', unitId)
      .where('l.year', '=', year)
      .where('i.id', '>', after)
      .orderBy('i.id')
      .limit(CHUNK)
      .execute();
    if (items.length === 0) break;
    touched.push(...(await fillChunk(ctx, unitId, items, today)));
    after = (items.at(-1) as ItemRow).id;
    if (items.length < CHUNK) break;
  }
  return { itemIds: touched };
}
