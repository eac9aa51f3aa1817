// Loads the demo organ's year of fusion work after its branch work (projects link the branches' records as their
// activity): resolves the ids the plan names with a few set-based look-ups, builds the plan (pure) and hands it to
// the fusion module, which writes it. An organ that already keeps needs is left alone.
import { type Ctx, todayOf } from '../../core/context.ts';
import { recordsOfOrgs } from '../branch/index.ts';
import { type FusionLoadResult, hasFusionWork, loadFusionPlan } from '../fusion/index.ts';
import { findDepartmentsByCodes, listPartyOrgRefsByCodes } from '../org/index.ts';
import { resolveDemoIds } from './demo.branch-load.ts';
import { demoFusionPlan } from './demo.fusion.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { demoCast } from './demo.responsibility-cast.ts';

export const NO_FUSION_LOAD: FusionLoadResult = {
  loaded: false,
  needs: 0,
  resources: 0,
  projects: 0,
  statements: 0,
};

export async function loadDemoFusion(ctx: Ctx, organ: DemoOrgan, seed: number): Promise<FusionLoadResult> {
  const cast = demoCast(organ);
  const root = (await listPartyOrgRefsByCodes(ctx.db, [cast.rootCode])).get(cast.rootCode);
  if (!root) throw new Error(`demo organ ${cast.rootCode} is not loaded`);
  if (await hasFusionWork(ctx, root.unitId)) return { ...NO_FUSION_LOAD, statements: 2 };
  const ids = await resolveDemoIds(ctx, organ, cast.rootCode);
  const depts = new Map(
    (
      await findDepartmentsByCodes(
        ctx.db,
        organ.departments.map((d) => d.code),
      )
    )
      .filter((d) => d.unitId === ids.unitId)
      .map((d) => [d.code, d.id]),
  );
  const branchIds = organ.orgs.filter((o) => o.kind === 'branch').map((o) => ids.org(o.code));
  const records = await recordsOfOrgs(ctx, { unitId: ids.unitId, orgIds: branchIds, limit: 50_000 });
  const byOrg = new Map<string, { id: string; date: string; kind: string }[]>();
  // Oldest first, so that a project links the first records of its way.
  for (const r of [...records].reverse())
    for (const org of r.heldBy)
      byOrg.set(org, [...(byOrg.get(org) ?? []), { id: r.id, date: r.date, kind: r.kind }]);
  const plan = demoFusionPlan(organ, cast, {
    seed,
    today: todayOf(ctx),
    unitId: ids.unitId,
    org: ids.org,
    member: ids.member,
    dept: (code) => depts.get(code) ?? null,
    recordsOf: (orgId) => byOrg.get(orgId) ?? [],
  });
  return loadFusionPlan(ctx, plan);
}
