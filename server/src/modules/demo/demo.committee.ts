// The demo work committee (issue 12 point 9): beside the large demo organ, ten organs of the city of varied size and
// quality — a few keep their work well, a few lag — so that ranking organs within 明州市直机关工委 means something.
// Every organ carries its own year (duties, records, projects, KPIs, assessments of its branches and four bulletins),
// loaded like a province's organs, each in its own transaction; then the committee publishes its system and assesses
// the organs for each period of the year, with the quarters' bulletins.
import type { Ctx } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { refreshStatistics } from '../../core/db.ts';
import { loadAssessmentYear, loadBulletinYear } from '../assessment/index.ts';
import { findWorkCommitteeUnitId } from '../org/index.ts';
import { loadWarningDemo, type WarningDemoResult } from '../warning/index.ts';
import { type DemoLoadResult, type DemoProgress, loadDemoOrgan } from './demo.loader.ts';
import type { DemoOptions } from './demo.options.ts';

type CommitteeOrgan = Required<
  Pick<DemoOptions, 'seed' | 'scale' | 'unitCode' | 'unitName' | 'codePrefix' | 'quality'>
>;

/** The ten organs beside the demo organ: about 1.2 demo organs' worth of members between them. */
export const COMMITTEE_ORGANS: readonly CommitteeOrgan[] = [
  {
    seed: 3101,
    scale: 0.3,
    unitCode: 'MZFGW',
    unitName: '明州市发展和改革委员会',
    codePrefix: 'FG',
    quality: 0.8,
  },
  { seed: 3102, scale: 0.2, unitCode: 'MZCZJ', unitName: '明州市财政局', codePrefix: 'CZ', quality: 0.65 },
  {
    seed: 3103,
    scale: 0.15,
    unitCode: 'MZSCJ',
    unitName: '明州市市场监督管理局',
    codePrefix: 'SC',
    quality: 0.35,
  },
  {
    seed: 3104,
    scale: 0.12,
    unitCode: 'MZRSJ',
    unitName: '明州市人力资源和社会保障局',
    codePrefix: 'RS',
    quality: 0.55,
  },
  {
    seed: 3105,
    scale: 0.1,
    unitCode: 'MZZJJ',
    unitName: '明州市住房和城乡建设局',
    codePrefix: 'ZJ',
    quality: 0.15,
  },
  {
    seed: 3106,
    scale: 0.1,
    unitCode: 'MZJTJ',
    unitName: '明州市交通运输局',
    codePrefix: 'JT',
    quality: 0.45,
  },
  {
    seed: 3107,
    scale: 0.08,
    unitCode: 'MZWJW',
    unitName: '明州市卫生健康委员会',
    codePrefix: 'WJ',
    quality: 0.9,
  },
  { seed: 3108, scale: 0.06, unitCode: 'MZTJJ', unitName: '明州市统计局', codePrefix: 'TJ', quality: 0.7 },
  { seed: 3109, scale: 0.05, unitCode: 'MZSFJ', unitName: '明州市司法局', codePrefix: 'SF', quality: 0.25 },
  { seed: 3110, scale: 0.04, unitCode: 'MZDAJ', unitName: '明州市档案馆', codePrefix: 'DA', quality: 0.6 },
];

export type CommitteeLoadResult = {
  organs: number;
  cycles: number;
  bulletins: number;
  /** The year of fusion index and warnings across the committee's organs (issue 13 point 7). */
  warnings: WarningDemoResult;
  results: DemoLoadResult[];
};

/**
 * Loads the other organs (each in its own transaction; call it outside one, after the demo organ) and the committee's
 * year of assessments of its organs. Running it again changes nothing.
 */
export async function loadDemoCommittee(
  ctx: Ctx,
  idNumbersInUse: Set<string>,
  onProgress?: DemoProgress,
  /** Multiplies every organ's size (small committees for tests). */
  scale = 1,
): Promise<CommitteeLoadResult> {
  const results: DemoLoadResult[] = [];
  for (const [i, listed] of COMMITTEE_ORGANS.entries()) {
    const organ = { ...listed, scale: listed.scale * scale };
    onProgress?.(`工委 ${organ.unitName}`, i, COMMITTEE_ORGANS.length + 1);
    results.push(
      await inTransaction(ctx, (tx) =>
        loadDemoOrgan(tx, organ, undefined, { idNumbersInUse, refreshStatistics: false }),
      ),
    );
  }
  await refreshStatistics(ctx.db);
  onProgress?.('工委考核 committee assessment', COMMITTEE_ORGANS.length, COMMITTEE_ORGANS.length + 1);
  const assessed = await inTransaction(ctx, async (tx) => {
    const unitId = await findWorkCommitteeUnitId(tx.db);
    if (!unitId) throw new Error('the demo work committee is not loaded');
    const year = await loadAssessmentYear(tx, { unitId, byName: '市直机关工委', level: 'organ' });
    const bulletins = year.loaded ? await loadBulletinYear(tx, { unitId, level: 'organ' }) : { bulletins: 0 };
    return { cycles: year.cycles, bulletins: bulletins.bulletins };
  });
  onProgress?.('融合度与预警 warnings', COMMITTEE_ORGANS.length, COMMITTEE_ORGANS.length + 1);
  // Last: the index and the warnings read everything above — records, projects, duties and the assessments.
  const warnings = await loadWarningDemo(ctx);
  onProgress?.('融合度与预警 warnings', COMMITTEE_ORGANS.length + 1, COMMITTEE_ORGANS.length + 1);
  return { organs: COMMITTEE_ORGANS.length, ...assessed, warnings, results };
}
