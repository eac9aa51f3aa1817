// Loads the demo organ's year of assessments after everything they count (duties, records, projects, brands): the
// business KPIs its departments' systems reported (imported monthly, some pushed), then the assessment module
// publishes the default system and computes each period's cycle of the branches, the year's raters answer (most of
// them), and the quarters' bulletins are published from the results.
import type { Ctx } from '../../core/context.ts';
import {
  type AssessmentLoadResult,
  loadAssessmentYear,
  loadBulletinYear,
  loadFollowUpDemo,
  loadKpiDemo,
  loadMemberYear,
  loadOutcomeDemo,
  loadRatingDemo,
  loadReviewDemo,
} from '../assessment/index.ts';
import { listPartyOrgRefsByCodes } from '../org/index.ts';
import { settleRectificationDemo } from '../responsibility/index.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { DemoRandom } from './demo.random.ts';
import { demoCast } from './demo.responsibility-cast.ts';

const KPI_STREAM = 0x7ff6_0000;

export async function loadDemoAssessment(
  ctx: Ctx,
  organ: DemoOrgan,
  seed: number,
): Promise<AssessmentLoadResult> {
  const cast = demoCast(organ);
  const root = (await listPartyOrgRefsByCodes(ctx.db, [cast.rootCode])).get(cast.rootCode);
  if (!root) throw new Error(`demo organ ${cast.rootCode} is not loaded`);
  // Before the cycles, so that the periods already closed are scored with the departments' figures too.
  const rng = new DemoRandom(seed, KPI_STREAM);
  await loadKpiDemo(ctx, {
    unitId: root.unitId,
    random: () => rng.next(),
    bias: (organ.quality - 0.5) * 1.2,
  });
  const year = await loadAssessmentYear(ctx, { unitId: root.unitId, byName: '直属机关党委' });
  if (year.loaded) {
    // The year's ratings by superiors, peers and the public (some still to answer), then the quarters' bulletins.
    await loadRatingDemo(ctx, { unitId: root.unitId, byName: '直属机关党委' });
    // Its grade scale (优秀 at most 20%) and two calibrations with their reasons on the year's cycle.
    await loadOutcomeDemo(ctx, { unitId: root.unitId, byName: '直属机关党委' });
    await loadBulletinYear(ctx, { unitId: root.unitId });
    // The year's lowest branches below the line: 限期整改 on their lists, one already reported done.
    if ((await loadFollowUpDemo(ctx, { unitId: root.unitId, byName: '直属机关党委' })).opened)
      await settleRectificationDemo(ctx, root.unitId);
    // Every member's half-years (述评), ranked within their branch; then the last half-year's dossiers, which
    // carry that result: most signed, a few submitted or still drafts.
    await loadMemberYear(ctx, { unitId: root.unitId, byName: '直属机关党委' });
    await loadReviewDemo(ctx, { unitId: root.unitId });
  }
  return year;
}
