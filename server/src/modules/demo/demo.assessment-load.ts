// Loads the demo organ's year of assessments after everything they count (duties, records, projects, brands): the
// assessment module publishes the default system and computes each period's cycle of the branches.
import type { Ctx } from '../../core/context.ts';
import { type AssessmentLoadResult, loadAssessmentYear } from '../assessment/index.ts';
import { listPartyOrgRefsByCodes } from '../org/index.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { demoCast } from './demo.responsibility-cast.ts';

export async function loadDemoAssessment(ctx: Ctx, organ: DemoOrgan): Promise<AssessmentLoadResult> {
  const cast = demoCast(organ);
  const root = (await listPartyOrgRefsByCodes(ctx.db, [cast.rootCode])).get(cast.rootCode);
  if (!root) throw new Error(`demo organ ${cast.rootCode} is not loaded`);
  return loadAssessmentYear(ctx, { unitId: root.unitId, byName: '直属机关党委' });
}
