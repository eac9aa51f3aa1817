// Who reaches assessment work (issue 12). Systems and cycles belong to an owner unit — the work committee's unit or
// an organ — and are kept by whoever holds the permission at that unit's top: the organ's root Party organisation
// (机关党委), or the work committee itself. Results are read by the owner's readers in full, and by a subject's own
// readers (a branch secretary) for that subject alone.
import type { Permission } from '#contracts/identity';
import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound, unauthenticated } from '../../core/errors.ts';
import { isInScope, scopePaths, scopeSql } from '../identity/index.ts';
import { findWorkCommitteeUnitId, partyOrgRefs } from '../org/index.ts';

export const UNIT_NOT_FOUND = '该单位不存在或不在您的管辖范围内';

export function requireActor(ctx: Ctx): void {
  if (!ctx.actor) throw unauthenticated();
}

/** The paths at the top of a unit: its root organisation, or the work committee's own organisations. */
export async function topPaths(ctx: Ctx, unitId: string): Promise<string[]> {
  // The unit row itself: the work committee's own unit is not an organ the org module lists.
  const unit = await ctx.db
    .selectFrom('unit')
    .select('rootPartyOrgId')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) return [];
  if (unit.rootPartyOrgId) {
    const root = (await partyOrgRefs(ctx.db, [unit.rootPartyOrgId])).get(unit.rootPartyOrgId);
    if (root) return [root.path];
  }
  const rows = await ctx.db
    .selectFrom('partyOrg')
    .select('path')
    .where('unitId', '=', unitId)
    .where('depth', '=', (eb) =>
      eb
        .selectFrom('partyOrg')
        .select((e) => e.fn.min('depth').as('d'))
        .where('unitId', '=', unitId),
    )
    .execute();
  return rows.map((r) => r.path);
}

/** Whether the actor holds `permission` at the unit's top (or above it). */
export async function holdsAtTop(ctx: Ctx, unitId: string, permission: Permission): Promise<boolean> {
  if (scopePaths(ctx.actor, permission) === 'all') return true;
  return (await topPaths(ctx, unitId)).some((p) => isInScope(ctx.actor, permission, p));
}

/** Whether the actor holds `permission` on any organisation of the unit. */
export async function reachesUnit(ctx: Ctx, unitId: string, permission: Permission): Promise<boolean> {
  if (scopePaths(ctx.actor, permission) === 'all') return true;
  const row = await ctx.db
    .selectFrom('partyOrg')
    .select('id')
    .where('unitId', '=', unitId)
    .where(scopeSql(ctx.actor, permission, 'partyOrg.path'))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** 404 for a unit the actor does not read. */
export async function readableUnit(ctx: Ctx, unitId: string): Promise<void> {
  requireActor(ctx);
  if (!(await reachesUnit(ctx, unitId, 'assessment.read')))
    throw notFound('assessment.unit_not_found', UNIT_NOT_FOUND);
}

/** 404 for a unit the actor does not read, 403 for one whose top it does not hold `permission` at. */
export async function keptUnit(ctx: Ctx, unitId: string, permission: Permission): Promise<void> {
  await readableUnit(ctx, unitId);
  if (!(await holdsAtTop(ctx, unitId, permission)))
    throw forbidden(
      'assessment.owner_only',
      permission === 'assessment.design'
        ? '指标体系由本单位机关党委（或机关工委）设计和发布'
        : '考核由本单位机关党委（或机关工委）组织',
    );
}

export async function workCommitteeUnitId(ctx: Ctx): Promise<string | null> {
  return findWorkCommitteeUnitId(ctx.db);
}
