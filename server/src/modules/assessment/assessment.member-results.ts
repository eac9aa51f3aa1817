// Reading a member cycle (issue 12 points 4 and 5): each member's row with the branch they were ranked within, and
// the groups the ranking runs over — members within their branch (what a branch's 评先评优 compares), never a whole
// organ of members from different work.
import type { Ctx } from '../../core/context.ts';
import type { CycleRow } from './assessment.cycles.ts';

/** A member cycle's rows, shaped as the organisations' are: the member's name, their branch's path and name. */
export async function memberRows(ctx: Ctx, c: CycleRow) {
  return (
    ctx.db
      .selectFrom('assessmentResult as r')
      // The member as they are now (their name); the branch as it was when scored (group_id), for ranks and scope.
      .innerJoin('member as m', 'm.id', 'r.subjectId')
      .innerJoin('partyOrg as o', (j) => j.onRef('o.unitId', '=', 'r.unitId').onRef('o.id', '=', 'r.groupId'))
      .innerJoin('unit as u', 'u.id', 'r.unitId')
      .select([
        'r.unitId',
        'r.subjectId',
        'r.total',
        'r.bandLow',
        'r.bandHigh',
        'r.partyScore',
        'r.businessScore',
        'r.fusionScore',
        'r.leafValues',
        'r.computedAt',
        'm.name as orgName',
        'o.path',
        'u.name as unitName',
        'r.groupId',
        'o.name as groupName',
      ])
      .where('r.cycleId', '=', c.id)
      // Branch by branch in the order the tree shows them.
      .orderBy('o.sortOrder')
      .orderBy('o.code')
      .execute()
  );
}

/** The groups a cycle ranks within: a member cycle's branches (in the order of the tree), or the whole cycle. */
export function rankGroups<R extends { groupId: string | null }>(
  c: Pick<CycleRow, 'level'>,
  all: readonly R[],
): R[][] {
  if (c.level !== 'member') return [[...all]];
  const groups = new Map<string, R[]>();
  for (const r of all) {
    const key = r.groupId ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}
