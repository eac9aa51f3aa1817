// W2 of BENCHMARKS.md: a province's work committee over many organs of the demo organ's shape and varied size
// (100 organs, ~300,000 members at the default), for the benchmarks and for anyone who wants to see the product at
// that size (`demo --organs 100`). The first organ is the demo organ itself (same seed, codes and scale 1), so its
// officer's figures at W2 compare with W1's: only the rest of the database grew.
//
// Each organ goes through loadDemoOrgan, i.e. the same set-based import services real rosters use (staged rows,
// then one insert … select per table), in its own transaction: a failure keeps the organs before it, and a second
// run re-applies every organ and changes nothing. ID numbers are unique across the province, as the registry demands.
// Every organ gets the same year of responsibility work as the demo organ (from its own seed), under the work
// committee's one set of work points, written set-based by the responsibility module: a dozen statements per organ;
// and the same year of branch work (records settling those duties, temporary organisations, 党费, 发展党员), written
// set-based by the branch module: a few dozen statements per organ.

import type { Ctx } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { refreshStatistics } from '../../core/db.ts';
import { NO_BRANCH_LOAD, NO_DUES_LOAD } from './demo.branch-load.ts';
import { NO_FUSION_LOAD } from './demo.fusion-load.ts';
import { type DemoLoadResult, loadDemoOrgan } from './demo.loader.ts';
import type { DemoOptions } from './demo.options.ts';
import { DemoRandom } from './demo.random.ts';
import { NO_RESPONSIBILITY_LOAD } from './demo.responsibility-load.ts';

/** Provincial organs: the names the W2 organs take, in order (with （二）… if more are asked for). */
const PROVINCIAL_ORGANS = `
  发展和改革委员会 教育厅 科学技术厅 工业和信息化厅 民族宗教事务委员会 公安厅 民政厅 司法厅 财政厅
  人力资源和社会保障厅 自然资源厅 生态环境厅 住房和城乡建设厅 交通运输厅 水利厅 农业农村厅 商务厅
  文化和旅游厅 卫生健康委员会 退役军人事务厅 应急管理厅 审计厅 外事办公室 国有资产监督管理委员会
  市场监督管理局 广播电视局 体育局 统计局 医疗保障局 机关事务管理局 信访局 粮食和物资储备局 林业局
  药品监督管理局 知识产权局 地方金融管理局 大数据发展管理局 监狱管理局 戒毒管理局 地质勘查局 人民防空办公室
  税务局 邮政管理局 气象局 通信管理局 海事局 统计调查总队 档案馆 地方志办公室 社会科学院 农业科学院
  供销合作社联合社 总工会 团委 妇女联合会 科学技术协会 文学艺术界联合会 残疾人联合会 侨务办公室 红十字会
`
  .trim()
  .split(/\s+/);

const SIZE_STREAM = 0x7fff_0003;

export type ProvinceOrgan = Required<
  Pick<DemoOptions, 'seed' | 'scale' | 'unitCode' | 'unitName' | 'codePrefix'>
>;

/**
 * The organs of a province of `organs` organs: the demo organ first (scale 1), then organs whose sizes spread from a
 * fifth of it to three times it (log-uniform, then rescaled so that the mean stays 1: the province holds `organs`
 * demo organs' worth of members). `scale` multiplies every organ, for small test provinces.
 */
export function provinceOrgans(
  options: { organs?: number; seed?: number; scale?: number } = {},
): ProvinceOrgan[] {
  const organs = options.organs ?? 100;
  const seed = options.seed ?? 2026;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(organs) || organs < 1 || organs > 999) throw new RangeError('organs must be 1–999');
  const rng = new DemoRandom(seed, SIZE_STREAM);
  const raw = Array.from({ length: organs - 1 }, () => Math.exp(Math.log(0.2) + rng.next() * Math.log(15)));
  const mean = raw.length ? raw.reduce((a, b) => a + b, 0) / raw.length : 1;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const rest = raw.map((x, i): ProvinceOrgan => {
    const n = String(i + 2).padStart(3, '0');
    const base = PROVINCIAL_ORGANS[i % PROVINCIAL_ORGANS.length] ?? '机关';
    const round2 = Math.floor(i / PROVINCIAL_ORGANS.length);
    return {
      seed: seed + i + 1,
      scale: round((x / mean) * scale),
      unitCode: `W2O${n}`,
      unitName: `明州省${base}${round2 ? `（${round2 + 1}）` : ''}`,
      codePrefix: `W2G${n}`,
    };
  });
  return [{ seed, scale: round(scale), unitCode: 'MZHG', unitName: '明州海关', codePrefix: 'JG' }, ...rest];
}

/** Two load results added field by field ('loaded' when either loaded). */
function sum<T extends { loaded: boolean }>(a: T, b: T): T {
  const out = { ...a, loaded: a.loaded || b.loaded };
  for (const k of Object.keys(b) as (keyof T)[]) {
    const v = b[k];
    if (typeof v === 'number') (out[k] as number) = (a[k] as number) + v;
  }
  return out;
}

export type ProvinceProgress = (organ: number, organs: number, unitName: string) => void;

/**
 * Loads the province organ by organ, each in its own transaction (so call it outside one). Accounts are those of the
 * first organ (the demo accounts; the work committee officer sees every organ). Returns the sum of the organs'
 * results.
 */
export async function loadDemoProvince(
  ctx: Ctx,
  options: { organs?: number; seed?: number; scale?: number } = {},
  onProgress?: ProvinceProgress,
): Promise<DemoLoadResult> {
  const plan = provinceOrgans(options);
  const idNumbersInUse = new Set<string>();
  const total: DemoLoadResult = {
    orgs: { created: 0, updated: 0, unchanged: 0 },
    members: { created: 0, updated: 0, unchanged: 0 },
    accountsCreated: [],
    oneTimePasswords: [],
    responsibility: { ...NO_RESPONSIBILITY_LOAD },
    branch: { ...NO_BRANCH_LOAD },
    dues: { ...NO_DUES_LOAD },
    fusion: { ...NO_FUSION_LOAD },
    assessment: { loaded: false, cycles: 0 },
  };
  for (const [i, organ] of plan.entries()) {
    onProgress?.(i, plan.length, organ.unitName);
    const result = await inTransaction(ctx, (tx) =>
      loadDemoOrgan(tx, organ, undefined, { idNumbersInUse, refreshStatistics: false }),
    );
    for (const part of ['orgs', 'members'] as const)
      for (const k of ['created', 'updated', 'unchanged'] as const) total[part][k] += result[part][k];
    total.accountsCreated.push(...result.accountsCreated);
    total.oneTimePasswords.push(...result.oneTimePasswords);
    const r = result.responsibility;
    total.responsibility = {
      loaded: total.responsibility.loaded || r.loaded,
      lists: total.responsibility.lists + r.lists,
      items: total.responsibility.items + r.items,
      periods: total.responsibility.periods + r.periods,
      reports: total.responsibility.reports + r.reports,
      exemptions: total.responsibility.exemptions + r.exemptions,
      liaisons: total.responsibility.liaisons + r.liaisons,
      handovers: total.responsibility.handovers + r.handovers,
      statements: total.responsibility.statements + r.statements,
    };
    total.branch = sum(total.branch, result.branch);
    total.dues = sum(total.dues, result.dues);
    total.fusion = sum(total.fusion, result.fusion);
    total.assessment = {
      loaded: total.assessment.loaded || result.assessment.loaded,
      cycles: total.assessment.cycles + result.assessment.cycles,
    };
  }
  // Once for the province rather than after every organ: a full ANALYZE of the growing tables took a third of the
  // time of each organ's load by the 60th organ.
  await refreshStatistics(ctx.db);
  onProgress?.(plan.length, plan.length, '');
  return total;
}
