// The demo organ's business KPIs (issue 12 point 2): a catalogue of six figures its business systems hold, and a value
// per department and month of the year so far — the 政务服务系统's imported monthly report, the 12345 hotline's
// figures pushed with a token. Each department has a standing of its own (drawn once) and months vary around it, so
// the branches that serve them differ and the demo ranking spreads. Deterministic: the caller passes the demo's seeded
// random (the assessment module cannot reach the demo module, which depends on it).
import type { DeptCombine, PeriodRollup } from '#contracts/assessment-kpi';
import { type Ctx, todayOf } from '../../core/context.ts';
import { organDepartments } from '../org/index.ts';
import { type NewKpiValue, writeKpiValues } from './assessment.kpi-store.ts';
import { periodsOf, periodWindow } from './assessment.periods.ts';

type DemoKpi = {
  code: string;
  name: string;
  measureUnit: string;
  periodRollup: PeriodRollup;
  deptCombine: DeptCombine;
  note: string;
  /** Value for a department of standing q (−1 … 1) in a month, from a uniform draw u (0 … 1). */
  value: (q: number, u: number) => number;
  pushed: boolean;
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const one = (v: number) => Math.round(v * 10) / 10;

export const DEMO_KPIS: readonly DemoKpi[] = [
  {
    code: 'ontime_rate',
    name: '办件按时办结率',
    measureUnit: '%',
    periodRollup: 'mean',
    deptCombine: 'mean',
    note: '政务服务系统月报：按时办结件数 ÷ 办结件数',
    value: (q, u) => one(clamp(93 + 5 * q + (u - 0.5) * 4, 80, 100)),
    pushed: false,
  },
  {
    code: 'key_task_rate',
    name: '重点任务完成率',
    measureUnit: '%',
    periodRollup: 'last',
    deptCombine: 'mean',
    note: '督查督办系统：截至当月到期的重点任务中按期完成的比例',
    value: (q, u) => one(clamp(86 + 10 * q + (u - 0.5) * 8, 60, 100)),
    pushed: false,
  },
  {
    code: 'approval_speedup',
    name: '审批提速率',
    measureUnit: '%',
    periodRollup: 'mean',
    deptCombine: 'mean',
    note: '实际办理用时比法定时限压缩的比例',
    value: (q, u) => one(clamp(20 + 12 * q + (u - 0.5) * 10, 0, 60)),
    pushed: false,
  },
  {
    code: 'complaint_closure',
    name: '群众投诉办结率',
    measureUnit: '%',
    periodRollup: 'mean',
    deptCombine: 'mean',
    note: '12345 热线转办的投诉按期办结的比例',
    value: (q, u) => one(clamp(91 + 7 * q + (u - 0.5) * 6, 70, 100)),
    pushed: true,
  },
  {
    code: 'hotline_satisfaction',
    name: '12345 热线满意率',
    measureUnit: '%',
    periodRollup: 'mean',
    deptCombine: 'mean',
    note: '12345 热线回访满意的比例',
    value: (q, u) => one(clamp(89 + 7 * q + (u - 0.5) * 6, 70, 100)),
    pushed: true,
  },
  {
    code: 'cases_done',
    name: '办结件数',
    measureUnit: '件',
    periodRollup: 'sum',
    deptCombine: 'sum',
    note: '政务服务系统月报：当月办结的件数',
    value: (q, u) => Math.round(40 + 15 * q + u * 30),
    pushed: false,
  },
];

export type KpiDemoResult = { loaded: boolean; kpis: number; values: number };

/**
 * Loads the catalogue and the months of the year that have ended. Call it before the year's assessments are computed
 * (loadAssessmentYear), so that the closed cycles are scored with these figures too. Does nothing when the organ
 * already keeps a catalogue.
 */
export async function loadKpiDemo(
  ctx: Ctx,
  /** bias (−1…1): how much better (or worse) than the middle the organ's departments tend to be. */
  q: { unitId: string; random: () => number; bias?: number },
): Promise<KpiDemoResult> {
  const kept = await ctx.db
    .selectFrom('businessKpi')
    .select('id')
    .where('unitId', '=', q.unitId)
    .limit(1)
    .executeTakeFirst();
  if (kept) return { loaded: false, kpis: 0, values: 0 };
  await ctx.db
    .insertInto('businessKpi')
    .values(
      DEMO_KPIS.map((k) => ({
        unitId: q.unitId,
        code: k.code,
        name: k.name,
        measureUnit: k.measureUnit,
        periodRollup: k.periodRollup,
        deptCombine: k.deptCombine,
        note: k.note,
      })),
    )
    .execute();
  const today = todayOf(ctx);
  const months = periodsOf('month', Number(today.slice(0, 4))).filter(
    (m) => (periodWindow('month', m)?.to ?? today) < today,
  );
  const depts = (await organDepartments(ctx.db, q.unitId)).filter((d) => d.status === 'active');
  // One standing per department: a department good at its cases tends to be good with the public too.
  const standing = new Map(
    depts.map((d) => [d.id, Math.max(-1, Math.min(1, q.random() * 2 - 1 + (q.bias ?? 0)))]),
  );
  const imported: NewKpiValue[] = [];
  const pushed: NewKpiValue[] = [];
  for (const d of depts)
    for (const k of DEMO_KPIS)
      for (const m of months)
        (k.pushed ? pushed : imported).push({
          departmentId: d.id,
          kpiCode: k.code,
          periodKey: m,
          value: k.value(standing.get(d.id) ?? 0, q.random()),
        });
  if (imported.length)
    await writeKpiValues(ctx, q.unitId, imported, { source: 'import', byName: '政务服务系统月报（演示）' });
  if (pushed.length) {
    // The hotline pushes with a token of its own; nobody ever saw this one (only its hash would be kept anyway).
    const token = await ctx.db
      .insertInto('kpiPushToken')
      .values({
        unitId: q.unitId,
        systemName: '12345 热线系统',
        tokenHash: `demo-${crypto.randomUUID()}`,
        tokenHint: 'rhk_demo',
        createdByName: '直属机关党委',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeKpiValues(ctx, q.unitId, pushed, {
      source: 'push',
      tokenId: token.id,
      systemName: '12345 热线系统',
    });
  }
  return { loaded: true, kpis: DEMO_KPIS.length, values: imported.length + pushed.length };
}
