// The organ's settings for branch work: the fixed day of the month for 主题党日 (many organs hold it on the 9th).
// Read by anyone who reads the organ's branches; set by whoever records work at the organ's root (the 机关党委).
import type { z } from 'zod';
import type { BranchSettingBodySchema } from '#contracts/branch';
import type { Ctx } from '../../core/context.ts';
import { forbidden, notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope } from '../identity/index.ts';
import { findOrgan, partyOrgRefs } from '../org/index.ts';
import { ORG_NOT_FOUND } from './branch.access.ts';
import { DEFAULT_THEME_DAY } from './branch.prefill.ts';

async function organOf(ctx: Ctx, partyOrgId: string) {
  const org = (await partyOrgRefs(ctx.db, [partyOrgId])).get(partyOrgId);
  if (!org || !isInScope(ctx.actor, 'branch.read', org.path))
    throw notFound('branch.org_not_found', ORG_NOT_FOUND);
  return org;
}

async function current(ctx: Ctx, unitId: string) {
  const row = await ctx.db
    .selectFrom('branchSetting')
    .select(['themeDayOfMonth', 'version'])
    .where('unitId', '=', unitId)
    .executeTakeFirst();
  return row ?? { themeDayOfMonth: DEFAULT_THEME_DAY, version: 1 };
}

export async function getSettings(ctx: Ctx, partyOrgId: string) {
  return current(ctx, (await organOf(ctx, partyOrgId)).unitId);
}

export async function saveSettings(
  ctx: Ctx,
  partyOrgId: string,
  body: z.infer<typeof BranchSettingBodySchema>,
) {
  const org = await organOf(ctx, partyOrgId);
  const organ = await findOrgan(ctx.db, org.unitId);
  const root = organ?.rootPartyOrgId
    ? (await partyOrgRefs(ctx.db, [organ.rootPartyOrgId])).get(organ.rootPartyOrgId)
    : null;
  if (!root || !isInScope(ctx.actor, 'branch.record', root.path))
    throw forbidden('branch.settings_organ_only', '主题党日日期由机关党委统一设置');
  const now = await current(ctx, org.unitId);
  if (now.version !== body.version) throw staleVersion(now);
  const saved = await ctx.db
    .insertInto('branchSetting')
    .values({ unitId: org.unitId, themeDayOfMonth: body.themeDayOfMonth, version: now.version + 1 })
    .onConflict((oc) =>
      oc
        .column('unitId')
        .doUpdateSet({
          themeDayOfMonth: body.themeDayOfMonth,
          version: now.version + 1,
          updatedAt: new Date(),
        })
        .where('branchSetting.version', '=', body.version),
    )
    .executeTakeFirst();
  // Two officers saving at once from the same version: the second finds the row changed.
  if (!Number(saved.numInsertedOrUpdatedRows)) throw staleVersion(await current(ctx, org.unitId));
  await recordAudit(ctx, {
    action: 'branch.settings_update',
    entityType: 'unit',
    entityId: org.unitId,
    details: { themeDayOfMonth: body.themeDayOfMonth },
  });
  return current(ctx, org.unitId);
}
