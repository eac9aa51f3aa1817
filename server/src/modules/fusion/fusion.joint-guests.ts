// Projects held with a Party organisation of another organ (联学联建联创 across organs, issue 11 point 4), and the
// rule the branch module asks before a record names one: a pairing (结对共建) that links the host (or an
// organisation above it) with the guest (or one above it) on the day. The guest's row lives in the guest organ's
// partition (fusion_project_guest): the guest's lists read their own partition, then the host's projects by key.
import type { Ctx } from '../../core/context.ts';
import type { JointAllowance } from '../branch/index.ts';
import { isInScope } from '../identity/index.ts';
import { findOrgan, type PartyOrgRef, partyOrgRefs } from '../org/index.ts';

const chain = (path: string) => path.split('/').filter(Boolean);

/** A pairing in force on `on` between the host's line and the guest's line, recorded on either side. */
export const pairedOn: JointAllowance = async (ctx, { host, guest, on }) => {
  const hostLine = chain(host.path);
  const guestLine = chain(guest.path);
  if (hostLine.length === 0 || guestLine.length === 0) return false;
  const row = await ctx.db
    .selectFrom('pairing')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('unitId', '=', host.unitId),
          eb('partyOrgId', 'in', hostLine),
          eb('counterpartOrgId', 'in', guestLine),
        ]),
        eb.and([
          eb('unitId', '=', guest.unitId),
          eb('partyOrgId', 'in', guestLine),
          eb('counterpartOrgId', 'in', hostLine),
        ]),
      ]),
    )
    .where('startsOn', '<=', on)
    .where((eb) => eb(eb.fn.coalesce('endedOn', 'endsOn'), '>=', on))
    .limit(1)
    .executeTakeFirst();
  return !!row;
};

/** Replaces a project's joint holders: the organ's own in fusion_project_party, other organs' with the guest. */
export async function writeJointOrgs(
  ctx: Ctx,
  unitId: string,
  projectId: string,
  ids: readonly string[],
): Promise<void> {
  const refs = [...(await partyOrgRefs(ctx.db, [...new Set(ids)])).values()];
  await ctx.db
    .deleteFrom('fusionProjectParty')
    .where('unitId', '=', unitId)
    .where('projectId', '=', projectId)
    .execute();
  const own = refs.filter((o) => o.unitId === unitId);
  if (own.length)
    await ctx.db
      .insertInto('fusionProjectParty')
      .values(own.map((o) => ({ unitId, projectId, partyOrgId: o.id })))
      .execute();
  await ctx.db
    .deleteFrom('fusionProjectGuest')
    .where('hostUnitId', '=', unitId)
    .where('projectId', '=', projectId)
    .execute();
  const guests = refs.filter((o) => o.unitId !== unitId);
  if (guests.length)
    await ctx.db
      .insertInto('fusionProjectGuest')
      .values(guests.map((g) => ({ unitId: g.unitId, partyOrgId: g.id, hostUnitId: unitId, projectId })))
      .execute();
}

export type GuestOrg = { projectId: string; id: string; name: string; organName: string };

/** The other organs' organisations holding these projects of `hostUnitId`, with their organs' names. */
export async function guestOrgsOf(
  ctx: Ctx,
  hostUnitId: string,
  projectIds: readonly string[],
): Promise<GuestOrg[]> {
  if (projectIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('fusionProjectGuest')
    .select(['projectId', 'partyOrgId'])
    .where('hostUnitId', '=', hostUnitId)
    .where('projectId', 'in', [...projectIds])
    .execute();
  if (rows.length === 0) return [];
  const refs = await partyOrgRefs(
    ctx.db,
    rows.map((r) => r.partyOrgId),
  );
  const organs = await organNames(ctx, refs.values());
  return rows.map((r) => {
    const o = refs.get(r.partyOrgId);
    return {
      projectId: r.projectId,
      id: r.partyOrgId,
      name: o?.name ?? '',
      organName: (o && organs.get(o.unitId)) ?? '',
    };
  });
}

async function organNames(ctx: Ctx, orgs: Iterable<PartyOrgRef>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const o of orgs)
    if (!names.has(o.unitId)) names.set(o.unitId, (await findOrgan(ctx.db, o.unitId))?.name ?? '');
  return names;
}

/** Other organs' projects that organisations of `unitId` under `path` hold jointly, by host organ. */
export async function guestProjectsUnder(
  ctx: Ctx,
  unitId: string,
  path: string,
): Promise<Map<string, string[]>> {
  const rows = await ctx.db
    .selectFrom('fusionProjectGuest as g')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'g.unitId').onRef('o.id', '=', 'g.partyOrgId'),
    )
    .select(['g.hostUnitId', 'g.projectId'])
    .where('g.unitId', '=', unitId)
    .where('o.path', 'like', `${path}%`)
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.hostUnitId, [...new Set([...(out.get(r.hostUnitId) ?? []), r.projectId])]);
  return out;
}

/** Whether the caller reads one of the other organs' organisations holding the project (fusion.read on it). */
export async function guestReads(ctx: Ctx, hostUnitId: string, projectId: string): Promise<boolean> {
  if (!ctx.actor) return false;
  const rows = await ctx.db
    .selectFrom('fusionProjectGuest')
    .select('partyOrgId')
    .where('hostUnitId', '=', hostUnitId)
    .where('projectId', '=', projectId)
    .execute();
  const refs = await partyOrgRefs(
    ctx.db,
    rows.map((r) => r.partyOrgId),
  );
  return [...refs.values()].some((o) => isInScope(ctx.actor, 'fusion.read', o.path));
}

const HOLDER_KINDS = ['organ_committee', 'sub_committee', 'general_branch', 'branch'];

/**
 * Other organs' organisations this organ may hold records and projects with today: the counterpart of each pairing
 * in force (recorded on either side) and the organisations under it, named with their organ.
 */
export async function pairedOrgs(ctx: Ctx, unitId: string, today: string) {
  const live = <T extends { startsOn: string; endsOn: string; endedOn: string | null }>(p: T) =>
    p.startsOn <= today && (p.endedOn ?? p.endsOn) >= today;
  const [mine, theirs] = await Promise.all([
    ctx.db
      .selectFrom('pairing')
      .select(['counterpartOrgId as orgId', 'startsOn', 'endsOn', 'endedOn'])
      .where('unitId', '=', unitId)
      .where('counterpartOrgId', 'is not', null)
      .execute(),
    // Recorded by the other organ (or by the work committee on its side): a few rows per work committee.
    ctx.db
      .selectFrom('pairing')
      .select(['partyOrgId as orgId', 'startsOn', 'endsOn', 'endedOn'])
      .where('counterpartUnitId', '=', unitId)
      .execute(),
  ]);
  const tops = [...new Set([...mine, ...theirs].filter(live).flatMap((p) => (p.orgId ? [p.orgId] : [])))];
  const refs = [...(await partyOrgRefs(ctx.db, tops)).values()].filter((o) => o.unitId !== unitId);
  if (refs.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'name', 'kind', 'path', 'unitId'])
    .where((eb) =>
      eb.or(refs.map((r) => eb.and([eb('unitId', '=', r.unitId), eb('path', 'like', `${r.path}%`)]))),
    )
    .where('status', '=', 'active')
    .where('kind', 'in', HOLDER_KINDS)
    .orderBy('unitId')
    .orderBy('path')
    .execute();
  const organs = await organNames(ctx, refs);
  return rows.map((o) => ({ ...o, organName: organs.get(o.unitId) ?? '' }));
}
