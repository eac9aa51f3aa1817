// Joint holding in a bulk load (the demo's): see branch.joint.ts for what a joint record is.
import type { Ctx } from '../../core/context.ts';
import { settleObligations } from '../responsibility/index.ts';
import { JOINT_KINDS } from './branch.joint.ts';
import { BRANCH_RECORD_KINDS } from './branch.record-kinds.ts';

/**
 * Marks records of a bulk load (the demo's) as held jointly: their joint holders and partners in a few multi-row
 * inserts, then the organ's obligations of those days settled again so that the joint holders get their credit.
 */
export async function loadJointRecords(
  ctx: Ctx,
  q: {
    unitId: string;
    rows: readonly { recordId: string; jointOrgIds: readonly string[]; partnerOrgIds: readonly string[] }[];
  },
): Promise<{ joint: number; partners: number }> {
  const joint = q.rows.flatMap((r) =>
    r.jointOrgIds.map((partyOrgId) => ({ unitId: q.unitId, recordId: r.recordId, partyOrgId })),
  );
  const partners = q.rows.flatMap((r) =>
    r.partnerOrgIds.map((partnerOrgId) => ({ unitId: q.unitId, recordId: r.recordId, partnerOrgId })),
  );
  if (joint.length)
    await ctx.db
      .insertInto('branchRecordJoint')
      .values(joint)
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (partners.length)
    await ctx.db
      .insertInto('branchRecordPartner')
      .values(partners)
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (joint.length) {
    const days = await ctx.db
      .selectFrom('branchRecord')
      .select((eb) => [eb.fn.min('heldOn').as('from'), eb.fn.max('heldOn').as('to')])
      .where('unitId', '=', q.unitId)
      .where(
        'id',
        'in',
        joint.map((j) => j.recordId),
      )
      .executeTakeFirst();
    if (days?.from && days.to)
      await settleObligations(ctx, {
        unitId: q.unitId,
        from: days.from as string,
        to: days.to as string,
        kinds: BRANCH_RECORD_KINDS.filter((k) => JOINT_KINDS.some((j) => k.key === `branch.${j}`)),
      });
  }
  return { joint: joint.length, partners: partners.length };
}
