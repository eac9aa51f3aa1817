// The three lists out as .xlsx (issue 11 point 7): 需求清单, 资源清单 and 项目清单 (with the KPIs of each project on a
// second sheet), with the list's own filters, for filing and for the organ committee's meetings.
import {
  NEED_STATUS_LABELS,
  type NeedListQuery,
  RESOURCE_KIND_LABELS,
  type ResourceListQuery,
  URGENCY_LABELS,
} from '#contracts/fusion';
import { PROJECT_STAGE_LABELS, type ProjectListQuery, TEAM_KIND_LABELS } from '#contracts/fusion-project';
import { type Ctx, todayOf } from '../../core/context.ts';
import { type ColumnSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { listNeeds } from './fusion.needs.ts';
import { kpiMet, kpiView, listProjects } from './fusion.projects-read.ts';
import { listResources } from './fusion.resources.ts';

type File = { buffer: Buffer; filename: string };
const PRINT = {
  pageSetup: {
    paperSize: 9,
    orientation: 'landscape' as const,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:2',
  },
  headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
};
const col = (key: string, header: string, width = 14, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  width,
  ...extra,
});
/** Numbers as people write them: no trailing zeros, no exponent. */
const num = (n: number | null) => (n === null ? '' : String(Number(n.toFixed(4))));

async function audited(ctx: Ctx, what: string, rows: number, q: object): Promise<void> {
  await recordAudit(ctx, { action: 'fusion.export', entityType: 'unit', details: { what, rows, ...q } });
}

export async function exportNeeds(ctx: Ctx, q: NeedListQuery): Promise<File> {
  const needs = await listNeeds(ctx, q);
  const buffer = await writeWorkbook([
    {
      name: '需求清单',
      intro: `需求清单 ${needs.length} 项（导出于 ${todayOf(ctx)}）`,
      columns: [
        col('department', '提出部门', 16),
        col('title', '需求（业务难题）', 24, { wrap: true }),
        col('problem', '问题描述', 40, { wrap: true }),
        col('kpi', '影响的业务指标', 18),
        col('urgency', '紧急程度', 10),
        col('raisedBy', '提出人', 10),
        col('raisedOn', '提出日期', 12, { type: 'date' }),
        col('tags', '关键词', 20),
        col('status', '状态', 12),
        col('projects', '承接项目', 24, { wrap: true }),
        col('closed', '销号', 24, { wrap: true }),
      ],
      rows: needs.map((n) => ({
        department: n.departmentName,
        title: n.title,
        problem: n.problem,
        kpi: n.kpiName ?? '',
        urgency: URGENCY_LABELS[n.urgency].zh,
        raisedBy: n.raisedBy,
        raisedOn: n.raisedOn,
        tags: n.tags.join('、'),
        status: NEED_STATUS_LABELS[n.status].zh,
        projects: n.projects.map((p) => p.title).join('；'),
        closed: n.closedOn ? `${n.closedOn} ${n.closedReason ?? ''}`.trim() : '',
      })),
      print: PRINT,
    },
  ]);
  await audited(ctx, 'needs', needs.length, q);
  return { buffer, filename: `需求清单${todayOf(ctx)}.xlsx` };
}

export async function exportResources(ctx: Ctx, q: ResourceListQuery): Promise<File> {
  const resources = await listResources(ctx, q);
  const buffer = await writeWorkbook([
    {
      name: '资源清单',
      intro: `资源清单 ${resources.length} 项（导出于 ${todayOf(ctx)}）`,
      columns: [
        col('org', '党组织', 18),
        col('kind', '类别', 14),
        col('title', '资源', 24, { wrap: true }),
        col('who', '党员 / 共建单位', 16),
        col('description', '说明', 36, { wrap: true }),
        col('tags', '关键词', 20),
        col('capacity', '可同时承担项目数', 10, { type: 'integer' }),
        col('inUse', '在推进项目数', 10, { type: 'integer' }),
        col('status', '状态', 8),
      ],
      rows: resources.map((r) => ({
        org: r.partyOrgName,
        kind: RESOURCE_KIND_LABELS[r.kind].zh,
        title: r.title,
        who: r.memberName ?? r.partnerOrgName ?? '',
        description: r.description ?? '',
        tags: r.tags.join('、'),
        capacity: r.capacity,
        inUse: r.inUse,
        status: r.status === 'active' ? '在用' : '停用',
      })),
      print: PRINT,
    },
  ]);
  await audited(ctx, 'resources', resources.length, q);
  return { buffer, filename: `资源清单${todayOf(ctx)}.xlsx` };
}

export async function exportProjects(ctx: Ctx, q: ProjectListQuery): Promise<File> {
  const projects = await listProjects(ctx, q);
  const ids = projects.map((p) => p.id);
  const kpis =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('fusionKpi')
          .selectAll()
          .where('unitId', '=', q.unitId)
          .where('projectId', 'in', ids)
          .orderBy('projectId')
          .orderBy('createdAt')
          .execute();
  const titles = new Map(projects.map((p) => [p.id, p.title]));
  const buffer = await writeWorkbook([
    {
      name: '项目清单',
      intro: `融合项目 ${projects.length} 个（导出于 ${todayOf(ctx)}）`,
      columns: [
        col('title', '项目', 26, { wrap: true }),
        col('stage', '阶段', 8),
        col('team', '形式', 14),
        col('lead', '牵头党组织', 18),
        col('orgs', '参与党组织', 26, { wrap: true }),
        col('department', '服务部门', 16),
        col('owner', '负责人', 10),
        col('startsOn', '开始日期', 12, { type: 'date' }),
        col('dueOn', '计划完成', 12, { type: 'date' }),
        col('milestones', '节点（完成/总数）', 12),
        col('overdue', '逾期节点', 8, { type: 'integer' }),
        col('kpis', '指标（达标/已测/总数）', 14),
      ],
      rows: projects.map((p) => ({
        title: p.title,
        stage: PROJECT_STAGE_LABELS[p.stage].zh,
        team: TEAM_KIND_LABELS[p.teamKind].zh,
        lead: p.leadOrgName,
        orgs: p.partyOrgs.map((o) => o.name).join('、'),
        department: p.departmentName ?? '',
        owner: p.ownerName,
        startsOn: p.startsOn ?? '',
        dueOn: p.dueOn ?? '',
        milestones: `${p.milestones.done}/${p.milestones.total}`,
        overdue: p.milestones.overdue,
        kpis: `${p.kpis.met}/${p.kpis.measured}/${p.kpis.total}`,
      })),
      print: PRINT,
    },
    {
      name: '业务指标',
      intro: '各项目关联的业务指标：基线、目标和验收实测值',
      columns: [
        col('project', '项目', 26, { wrap: true }),
        col('name', '指标', 20),
        col('unit', '单位', 8),
        col('direction', '方向', 8),
        col('baseline', '基线', 10),
        col('target', '目标', 10),
        col('result', '实测', 10),
        col('measuredOn', '测量日期', 12, { type: 'date' }),
        col('met', '是否达标', 8),
      ],
      rows: kpis.map((row) => {
        const k = kpiView(row);
        const met = kpiMet(k);
        return {
          project: titles.get(k.projectId) ?? '',
          name: k.name,
          unit: k.measureUnit ?? '',
          direction: k.direction === 'increase' ? '提高' : '降低',
          baseline: num(k.baseline),
          target: num(k.target),
          result: num(k.result),
          measuredOn: k.measuredOn ?? '',
          met: met === null ? '未测' : met ? '达标' : '未达标',
        };
      }),
      print: PRINT,
    },
  ]);
  await audited(ctx, 'projects', projects.length, q);
  return { buffer, filename: `融合项目清单${todayOf(ctx)}.xlsx` };
}
