// What is overdue on the lists of some organisations (issue 13's warning rules read it through this door): duties
// kept by progress reports whose period is past due and not done, and 限期整改 items past their deadline. Duties
// kept by records (组织生活) are the obligations measure's, not counted here.
import type { Ctx } from '../../core/context.ts';
import { RECTIFICATION_CATEGORY } from './responsibility.rectification.ts';

export type OverdueRef = {
  itemId: string;
  title: string;
  dueOn: string;
  /** The organisation the duty is owned by. */
  orgId: string;
  href: string;
};

export type Overdue = { duties: OverdueRef[]; rectifications: OverdueRef[] };

/** Each organisation's overdue duties and 限期整改 on `today`, oldest first; one statement for all of them. */
export async function overdueOf(
  ctx: Ctx,
  q: { unitId: string; orgIds: readonly string[]; today: string },
): Promise<Map<string, Overdue>> {
  const out = new Map<string, Overdue>();
  if (q.orgIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('responsibilityPeriod as p')
    .innerJoin('responsibilityItem as i', (j) =>
      j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
    )
    .select(['i.id', 'i.title', 'i.category', 'i.ownerOrgId', 'p.dueOn'])
    .where('p.unitId', '=', q.unitId)
    .where('i.ownerOrgId', 'in', [...new Set(q.orgIds)])
    .where('p.status', '=', 'open')
    .where('p.dueOn', '<', q.today)
    .where('i.status', '=', 'active')
    .where('i.recordKind', 'is', null)
    .orderBy('p.dueOn')
    .orderBy('i.seq')
    .execute();
  for (const r of rows) {
    let o = out.get(r.ownerOrgId);
    if (!o) {
      o = { duties: [], rectifications: [] };
      out.set(r.ownerOrgId, o);
    }
    const ref = {
      itemId: r.id,
      title: r.title,
      dueOn: r.dueOn,
      orgId: r.ownerOrgId,
      href: `/duties/${r.id}`,
    };
    (r.category === RECTIFICATION_CATEGORY ? o.rectifications : o.duties).push(ref);
  }
  return out;
}
