// W1 (BENCHMARKS.md): one organ shaped like the Ningbo Customs example, ~3,000 members at scale 1 — the product's
// deterministic demo organ, loaded through the same import services people use. W2 (a province of 100 such organs)
// is loaded once per run by the harness and cloned; its first organ is this one. Both carry the demo's year of
// responsibility work (lists at three levels, duties with their periods up to today, reports, exemptions) and of
// branch work (records meeting those duties, temporary organisations, 党费, the development register).
import { type Ctx, inTransaction } from '../server/src/core/context.ts';
import { DEMO_PASSWORD, loadDemoOrgan } from '../server/src/modules/demo/index.ts';
import { registerContributions } from '../server/src/registrations.ts';

export type W1 = {
  /** The demo organ (unit). */
  unitId: string;
  /** The organ committee (直属机关党委): the officer's scope. */
  organCommitteeId: string;
  /** An ordinary branch with members, where new members are created. */
  branchId: string;
  /** Members of the organ, in a fixed order, for detail requests. */
  memberIds: string[];
  members: number;
  /** The demo organ committee officer (机关党委工作人员) and the published demo password. */
  officer: { username: string; password: string };
  loadSeconds: number;
};

/** Loads W1 at `scale` (1 = ~3,000 members) into an empty database. */
export async function loadW1(ctx: Ctx, scale = 1): Promise<W1> {
  const started = performance.now();
  registerContributions();
  await inTransaction(ctx, (tx) => loadDemoOrgan(tx, { scale }));
  return demoOrganOf(ctx, (performance.now() - started) / 1000);
}

/**
 * The demo organ (unit MZHG, organ committee JG) in a database already holding it: W1 alone, or the first organ of
 * W2 (provinceOrgans puts the demo organ first, at scale 1), so W1 and W2 figures are those of the same officer.
 */
export async function demoOrganOf(ctx: Ctx, loadSeconds: number): Promise<W1> {
  const organ = await ctx.db
    .selectFrom('partyOrg')
    .select(['id', 'unitId'])
    .where('kind', '=', 'organ_committee')
    .where('code', '=', 'JG')
    .executeTakeFirstOrThrow();
  const branch = await ctx.db
    .selectFrom('partyOrg')
    .select('id')
    .where('unitId', '=', organ.unitId)
    .where('kind', '=', 'branch')
    .where('isTemporary', '=', false)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const members = await ctx.db
    .selectFrom('member')
    .select('id')
    .where('unitId', '=', organ.unitId)
    .orderBy('idNumberHash')
    .execute();
  return {
    unitId: organ.unitId,
    organCommitteeId: organ.id,
    branchId: branch.id,
    memberIds: members.map((m) => m.id),
    members: members.length,
    officer: { username: 'jiguan', password: DEMO_PASSWORD },
    loadSeconds,
  };
}
