// Branch records as other modules show them (issue 11: a fusion project's activity). Entered once here and linked
// elsewhere by id: the other module keeps only the id and asks here for the date, the kind and the topic. Talks
// (谈心谈话) are confidential and are never offered or shown as anything's activity.
import { sql } from 'kysely';
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
  return (
    ctx.db
      .selectFrom('branchRecord as r')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'r.unitId').onRef('o.id', '=', 'r.partyOrgId'),
      )
      .select(['r.id', 'r.kind', 'r.partyOrgId', 'o.name as partyOrgName', 'r.heldOn', 'r.topic'])
      // Its joint holders in the same statement (an assessment asks this for each cycle a record moves).
      .select(
        sql<string[]>`array(select j.party_org_id::text from branch_record_joint as j
        where j.unit_id = r.unit_id and j.record_id = r.id order by j.party_org_id)`.as('jointOrgIds'),
      )
      .where('r.unitId', '=', unitId)
      .where('r.status', '=', 'held')
      .where('r.kind', '<>', 'talk')
  );
}

const toRef = (r: {
  id: string;
  kind: string;
  partyOrgId: string;
  partyOrgName: string;
  heldOn: string | null;
  topic: string;
  jointOrgIds: string[];
}): RecordRef => ({
  id: r.id,
  kind: r.kind,
  partyOrgId: r.partyOrgId,
  partyOrgName: r.partyOrgName,
  date: r.heldOn as string,
  topic: r.topic,
  heldBy: [r.partyOrgId, ...r.jointOrgIds],
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
  const orgIds = [...q.orgIds];
  const within = (query: ReturnType<typeof selectRefs>) => {
    let out = query;
    if (q.from) out = out.where('r.heldOn', '>=', q.from);
    if (q.to) out = out.where('r.heldOn', '<=', q.to);
    if (q.q) out = out.where('r.topic', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return out;
  };
  // Held by one of them, or jointly with one of them (联学联建): two halves that each use their own index (one
  // condition "host is one of them or a joint holder is" read every record of the organ in the window).
  const hosted = within(selectRefs(ctx, q.unitId).where('r.partyOrgId', 'in', orgIds));
  const joint = within(
    selectRefs(ctx, q.unitId).where('r.id', 'in', (eb) =>
      eb
        .selectFrom('branchRecordJoint as j')
        .select('j.recordId')
        .where('j.unitId', '=', q.unitId)
        .where('j.partyOrgId', 'in', orgIds),
    ),
  );
  const rows = await ctx.db
    .selectFrom(hosted.union(joint).as('u'))
    .selectAll()
    .orderBy('u.heldOn', 'desc')
    .orderBy('u.id')
    .limit(q.limit)
    .execute();
  return rows.map(toRef);
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
  return rows.map(toRef);
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
  return rows.map((r) => ({ ...toRef(r), partnerOrgId: r.partnerOrgId }));
}

/**
 * The day of each organisation's latest held record (talks included: a branch that talks with its members is not
 * idle), as host or jointly, up to `today`: what "no branch activity for N days" reads (issue 13).
 */
export async function lastHeldOn(
  ctx: Ctx,
  q: { unitId: string; orgIds: readonly string[]; today: string },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (q.orgIds.length === 0) return out;
  const orgIds = [...new Set(q.orgIds)];
  const hosted = ctx.db
    .selectFrom('branchRecord as r')
    .select(['r.partyOrgId as orgId', sql<string>`max(r.held_on)::text`.as('last')])
    .where('r.unitId', '=', q.unitId)
    .where('r.partyOrgId', 'in', orgIds)
    .where('r.status', '=', 'held')
    .where('r.heldOn', '<=', q.today)
    .groupBy('r.partyOrgId');
  const joint = ctx.db
    .selectFrom('branchRecordJoint as j')
    .innerJoin('branchRecord as r', (jn) =>
      jn.onRef('r.unitId', '=', 'j.unitId').onRef('r.id', '=', 'j.recordId'),
    )
    .select(['j.partyOrgId as orgId', sql<string>`max(r.held_on)::text`.as('last')])
    .where('j.unitId', '=', q.unitId)
    .where('j.partyOrgId', 'in', orgIds)
    .where('r.status', '=', 'held')
    .where('r.heldOn', '<=', q.today)
    .groupBy('j.partyOrgId');
  for (const r of await hosted.unionAll(joint).execute()) {
    const known = out.get(r.orgId);
    if (r.last && (!known || r.last > known)) out.set(r.orgId, r.last);
  }
  return out;
}
