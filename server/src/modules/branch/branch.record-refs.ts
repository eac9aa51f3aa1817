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
  /** The host and every organisation that held it jointly. */
  heldBy: string[];
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
}): Omit<RecordRef, 'heldBy'> => ({
  id: r.id,
  kind: r.kind,
  partyOrgId: r.partyOrgId,
  partyOrgName: r.partyOrgName,
  date: r.heldOn as string,
  topic: r.topic,
});

async function withHolders(
  ctx: Ctx,
  unitId: string,
  refs: Omit<RecordRef, 'heldBy'>[],
): Promise<RecordRef[]> {
  if (refs.length === 0) return [];
  const joint = await ctx.db
    .selectFrom('branchRecordJoint')
    .select(['recordId', 'partyOrgId'])
    .where('unitId', '=', unitId)
    .where(
      'recordId',
      'in',
      refs.map((r) => r.id),
    )
    .execute();
  return refs.map((r) => ({
    ...r,
    heldBy: [r.partyOrgId, ...joint.filter((j) => j.recordId === r.id).map((j) => j.partyOrgId)],
  }));
}

/** The held records among `ids` of organ `unitId`, newest first (ids of talks, plans or other organs are left out). */
export async function recordRefs(ctx: Ctx, unitId: string, ids: readonly string[]): Promise<RecordRef[]> {
  if (ids.length === 0) return [];
  const rows = await selectRefs(ctx, unitId)
    .where('r.id', 'in', [...new Set(ids)])
    .orderBy('r.heldOn', 'desc')
    .orderBy('r.id')
    .execute();
  return withHolders(ctx, unitId, rows.map(toRef));
}

/** Held records of the organisations `orgIds` (not their subtrees) or held jointly with them, newest first. */
export async function recordsOfOrgs(
  ctx: Ctx,
  q: {
    unitId: string;
    orgIds: readonly string[];
    q?: string | undefined;
    from?: string;
    to?: string;
    limit: number;
  },
): Promise<RecordRef[]> {
  if (q.orgIds.length === 0) return [];
  // Held by one of them, or jointly with one of them (联学联建).
  let query = selectRefs(ctx, q.unitId).where((eb) =>
    eb.or([
      eb('r.partyOrgId', 'in', [...q.orgIds]),
      eb.exists(
        eb
          .selectFrom('branchRecordJoint as j')
          .select('j.recordId')
          .whereRef('j.unitId', '=', 'r.unitId')
          .whereRef('j.recordId', '=', 'r.id')
          .where('j.partyOrgId', 'in', [...q.orgIds]),
      ),
    ]),
  );
  if (q.from) query = query.where('r.heldOn', '>=', q.from);
  if (q.to) query = query.where('r.heldOn', '<=', q.to);
  if (q.q) query = query.where('r.topic', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await query.orderBy('r.heldOn', 'desc').orderBy('r.id').limit(q.limit).execute();
  return withHolders(ctx, q.unitId, rows.map(toRef));
}

/** Held records of organisation `orgId` (as host or joint holder) in which partner `partnerOrgId` took part. */
export async function recordsWithPartner(
  ctx: Ctx,
  q: { unitId: string; orgId: string; partnerOrgId: string; from: string; to: string },
): Promise<RecordRef[]> {
  const rows = await selectRefs(ctx, q.unitId)
    .where('r.heldOn', '>=', q.from)
    .where('r.heldOn', '<=', q.to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('branchRecordPartner as p')
          .select('p.recordId')
          .whereRef('p.unitId', '=', 'r.unitId')
          .whereRef('p.recordId', '=', 'r.id')
          .where('p.partnerOrgId', '=', q.partnerOrgId),
      ),
    )
    .where((eb) =>
      eb.or([
        eb('r.partyOrgId', '=', q.orgId),
        eb.exists(
          eb
            .selectFrom('branchRecordJoint as j')
            .select('j.recordId')
            .whereRef('j.unitId', '=', 'r.unitId')
            .whereRef('j.recordId', '=', 'r.id')
            .where('j.partyOrgId', '=', q.orgId),
        ),
      ]),
    )
    .orderBy('r.heldOn', 'desc')
    .orderBy('r.id')
    .limit(200)
    .execute();
  return withHolders(ctx, q.unitId, rows.map(toRef));
}

/** Every held record any of `partnerOrgIds` took part in (one query for a whole list of pairings). */
export async function recordsOfPartners(
  ctx: Ctx,
  unitId: string,
  partnerOrgIds: readonly string[],
): Promise<(RecordRef & { partnerOrgId: string })[]> {
  if (partnerOrgIds.length === 0) return [];
  const rows = await selectRefs(ctx, unitId)
    .innerJoin('branchRecordPartner as p', (j) =>
      j.onRef('p.unitId', '=', 'r.unitId').onRef('p.recordId', '=', 'r.id'),
    )
    .select('p.partnerOrgId')
    .where('p.partnerOrgId', 'in', [...new Set(partnerOrgIds)])
    .execute();
  const refs = await withHolders(ctx, unitId, rows.map(toRef));
  return refs.map((r, i) => ({ ...r, partnerOrgId: rows[i]?.partnerOrgId as string }));
}
