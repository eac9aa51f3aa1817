// The subjects of a member cycle (issue 12 point 4): the organ's members on the roster, each with the path of their
// organisation (so the scopes of a branch's readers and the measures' organisation links apply to them) and the
// organisation they are ranked within. One query for the whole organ.
import type { Ctx } from '../../core/context.ts';
import type { Subject } from './assessment.source-types.ts';

export async function memberSubjects(ctx: Ctx, unitId: string): Promise<Subject[]> {
  return ctx.db
    .selectFrom('member as m')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
    )
    .select(['m.id', 'o.path', 'm.unitId', 'm.name', 'm.partyOrgId as groupId'])
    .where('m.unitId', '=', unitId)
    .where('m.status', '=', 'active')
    .orderBy('o.path')
    .orderBy('m.nameSortKey')
    .orderBy('m.id')
    .execute();
}

/**
 * The members of some organisations of an organ and of the organisations under them (a record changed there): the
 * subjects it can move. A duty of the organ's Party group names the root, and so reaches the leading members wherever
 * their branch is; a member who owns a duty of another branch is caught by the nightly full compute.
 */
export async function membersUnder(ctx: Ctx, unitId: string, orgIds: readonly string[]): Promise<Subject[]> {
  if (orgIds.length === 0) return [];
  const paths = await ctx.db
    .selectFrom('partyOrg')
    .select('path')
    .where('unitId', '=', unitId)
    .where('id', 'in', [...orgIds])
    .execute();
  if (paths.length === 0) return [];
  return ctx.db
    .selectFrom('member as m')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
    )
    .select(['m.id', 'o.path', 'm.unitId', 'm.name', 'm.partyOrgId as groupId'])
    .where('m.unitId', '=', unitId)
    .where('m.status', '=', 'active')
    .where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p.path}%`))))
    .execute();
}

/** Each member's department (the business section they work in), for their business figures. */
export async function memberDepartments(
  ctx: Ctx,
  unitId: string,
  memberIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (memberIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('member')
    .select(['id', 'departmentId'])
    .where('unitId', '=', unitId)
    .where('id', 'in', [...memberIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.departmentId]));
}

/** The members of an organ working in some departments: whose business figures a KPI value of theirs moves. */
export async function membersOfDepartments(
  ctx: Ctx,
  unitId: string,
  departmentIds: readonly string[],
): Promise<Subject[]> {
  if (departmentIds.length === 0) return [];
  return ctx.db
    .selectFrom('member as m')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
    )
    .select(['m.id', 'o.path', 'm.unitId', 'm.name', 'm.partyOrgId as groupId'])
    .where('m.unitId', '=', unitId)
    .where('m.status', '=', 'active')
    .where('m.departmentId', 'in', [...new Set(departmentIds)])
    .execute();
}
