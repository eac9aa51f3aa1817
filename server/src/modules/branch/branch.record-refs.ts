// Branch records as other modules show them (issue 11: a fusion project's activity). Entered once here and linked
// elsewhere by id: the other module keeps only the id and asks here for the date, the kind and the topic. Talks
// (谈心谈话) are confidential and are never offered or shown as anything's activity.
import type { Ctx } from '../../core/context.ts';

export type RecordRef = {
  id: string;
  kind: string;
  partyOrgId: string;
  partyOrgName: string;
  date: string;
  topic: string;
};

function selectRefs(ctx: Ctx, unitId: string) {
  return ctx.db
    .selectFrom('branchRecord as r')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'r.unitId').onRef('o.id', '=', 'r.partyOrgId'),
    )
    .select(['r.id', 'r.kind', 'r.partyOrgId', 'o.name as partyOrgName', 'r.heldOn', 'r.topic'])
    .where('r.unitId', '=', unitId)
    .where('r.status', '=', 'held')
    .where('r.kind', '<>', 'talk');
}

const toRef = (r: {
  id: string;
  kind: string;
  partyOrgId: string;
  partyOrgName: string;
  heldOn: string | null;
  topic: string;
}): RecordRef => ({
  id: r.id,
  kind: r.kind,
  partyOrgId: r.partyOrgId,
  partyOrgName: r.partyOrgName,
  date: r.heldOn as string,
  topic: r.topic,
});

/** The held records among `ids` of organ `unitId`, newest first (ids of talks, plans or other organs are left out). */
export async function recordRefs(ctx: Ctx, unitId: string, ids: readonly string[]): Promise<RecordRef[]> {
  if (ids.length === 0) return [];
  const rows = await selectRefs(ctx, unitId)
    .where('r.id', 'in', [...new Set(ids)])
    .orderBy('r.heldOn', 'desc')
    .orderBy('r.id')
    .execute();
  return rows.map(toRef);
}

/** Held records of the organisations `orgIds` (not their subtrees), newest first, matching `q` in the topic. */
export async function recordsOfOrgs(
  ctx: Ctx,
  q: { unitId: string; orgIds: readonly string[]; q?: string | undefined; from?: string; limit: number },
): Promise<RecordRef[]> {
  if (q.orgIds.length === 0) return [];
  let query = selectRefs(ctx, q.unitId).where('r.partyOrgId', 'in', [...q.orgIds]);
  if (q.from) query = query.where('r.heldOn', '>=', q.from);
  if (q.q) query = query.where('r.topic', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await query.orderBy('r.heldOn', 'desc').orderBy('r.id').limit(q.limit).execute();
  return rows.map(toRef);
}
