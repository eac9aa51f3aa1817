// The dossier's business section, assessment's own: the member's department (member.department_id) and its business
// KPI values for the half-year, imported or pushed (business_kpi_value) and rolled up by each KPI's own rules, as the
// indicators read them — so the figure in the dossier is the one the organ's assessment uses, typed by nobody.
import type { DeptCombine, KpiSource, PeriodRollup } from '#contracts/assessment-kpi';
import type { ReviewLine } from '#contracts/assessment-review';
import { describe, type RawKpiValue, rollUp } from './assessment.kpi-rollup.ts';
import { KPI_PAGE } from './assessment.kpi-values.ts';
import { line, type ReviewSectionDef } from './assessment.review-sections.ts';

export const businessSection: ReviewSectionDef = {
  key: 'assessment.business',
  module: 'assessment',
  title: '业务工作实绩',
  order: 10,
  empty: '所在部门本半年度暂无导入或推送的业务指标',
  assemble: async (ctx, q) => {
    const out = new Map<string, ReviewLine[]>();
    if (q.memberIds.length === 0) return out;
    const members = await ctx.db
      .selectFrom('member as m')
      .leftJoin('department as d', (j) =>
        j.onRef('d.unitId', '=', 'm.unitId').onRef('d.id', '=', 'm.departmentId'),
      )
      .select(['m.id', 'm.departmentId', 'd.name as departmentName'])
      .where('m.unitId', '=', q.unitId)
      .where('m.id', 'in', [...q.memberIds])
      .execute();
    const deptIds = [...new Set(members.flatMap((m) => (m.departmentId ? [m.departmentId] : [])))];
    const [rules, values] =
      deptIds.length === 0
        ? [[], []]
        : await Promise.all([
            ctx.db
              .selectFrom('businessKpi')
              .select(['code', 'name', 'measureUnit', 'periodRollup', 'deptCombine'])
              .where('unitId', '=', q.unitId)
              .where('active', '=', true)
              .orderBy('code')
              .execute(),
            ctx.db
              .selectFrom('businessKpiValue')
              .select([
                'id',
                'kpiCode',
                'departmentId',
                'periodKey',
                'periodFrom',
                'periodTo',
                'value',
                'source',
                'recordedAt',
              ])
              .where('unitId', '=', q.unitId)
              .where('departmentId', 'in', deptIds)
              .where('periodFrom', '>=', q.from)
              .where('periodTo', '<=', q.to)
              .execute(),
          ]);
    // department → code → values
    const byDept = new Map<string, Map<string, RawKpiValue[]>>();
    for (const { kpiCode, ...v } of values) {
      const codes = byDept.get(v.departmentId) ?? new Map<string, RawKpiValue[]>();
      codes.set(kpiCode, [...(codes.get(kpiCode) ?? []), { ...v, source: v.source as KpiSource }]);
      byDept.set(v.departmentId, codes);
    }
    for (const m of members) {
      if (!m.departmentId) {
        out.set(m.id, [line('未登记所在业务部门：请在党员信息中填写“所在部门”，述评即可带出部门业务指标')]);
        continue;
      }
      const name = m.departmentName ?? '所在部门';
      const lines: ReviewLine[] = [line(`所在部门：${name}`)];
      const codes = byDept.get(m.departmentId);
      for (const r of rules) {
        const rule = {
          ...r,
          periodRollup: r.periodRollup as PeriodRollup,
          deptCombine: r.deptCombine as DeptCombine,
        };
        const rolled = rollUp(rule, codes?.get(r.code) ?? []);
        if (rolled)
          lines.push(
            line(
              describe(rule, rolled, () => name),
              rolled.value,
              KPI_PAGE,
            ),
          );
      }
      if (lines.length === 1) lines.push(line(`${name}本半年度暂无导入或推送的业务指标`));
      out.set(m.id, lines);
    }
    return out;
  },
};
