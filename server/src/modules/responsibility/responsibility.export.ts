// Lists and the coverage view out as .xlsx, for printing and filing. A list's workbook carries the import's own
// columns (plus read-only columns of progress), so that it can be edited in Excel and imported back: the same file
// imported again changes nothing.
import {
  DOMAIN_LABELS,
  type Domain,
  LEVEL_LABELS,
  type Level,
  PERIOD_STATE_LABELS,
  RECURRENCE_LABELS,
  type Recurrence,
} from '#contracts/responsibility';
import type { Coverage, CoverageNode } from '#contracts/responsibility-coverage';
import { type Ctx, todayOf } from '../../core/context.ts';
import { type ColumnSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { type ListRow, listInScope } from './responsibility.access.ts';
import { coverage } from './responsibility.coverage.ts';
import { itemRowsOfLists } from './responsibility.items.repository.ts';
import { ITEM_COLUMNS, ITEM_SHEET, LANDSCAPE } from './responsibility.sheets.ts';
import { type ItemBaseRow, itemProgress, itemViews, periodsOfItems } from './responsibility.view.ts';

const FOOTER = { oddFooter: '&C第 &P 页，共 &N 页' };

/** A file name from a title: characters Windows refuses in names are dropped. */
export function fileNameOf(title: string, extension: 'xlsx' | 'docx'): string {
  const base = title.replace(/[\\/:*?"<>|\r\n\t]+/g, '').trim() || '责任清单';
  return `${base.slice(0, 80)}.${extension}`;
}

/** How a period key reads: 'once', '2026-03', '2026-Q1', '2026-H1', '2026'. */
export function periodLabel(key: string): string {
  if (key === 'once') return '一次性';
  const m = /^(\d{4})(?:-(\d{2})|-Q(\d)|-H(\d))?$/.exec(key);
  if (!m) return key;
  if (m[2]) return `${m[1]}年${Number(m[2])}月`;
  if (m[3]) return `${m[1]}年第${m[3]}季度`;
  if (m[4]) return `${m[1]}年${m[4] === '1' ? '上' : '下'}半年`;
  return `${m[1]}年度`;
}

export const domainLabel = (d: string) => DOMAIN_LABELS[d as Domain]?.zh ?? d;
export const recurrenceLabel = (r: string) => RECURRENCE_LABELS[r as Recurrence]?.zh ?? r;

/** Evidence of each duty: its progress reports, and the periods a record fulfilled. */
async function evidenceCounts(ctx: Ctx, itemIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (itemIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('progressReport')
    .select((eb) => ['itemId', eb.fn.countAll<string>().as('n')])
    .where('itemId', 'in', [...itemIds])
    .groupBy('itemId')
    .execute();
  for (const r of rows) out.set(r.itemId, Number(r.n));
  return out;
}

/** Titles of what the duties took up: the parent items and the work points. */
async function takenUpTitles(ctx: Ctx, rows: readonly ItemBaseRow[]) {
  const parentIds = [...new Set(rows.flatMap((r) => (r.parentItemId ? [r.parentItemId] : [])))];
  const pointIds = [...new Set(rows.flatMap((r) => (r.workPointId ? [r.workPointId] : [])))];
  const [parents, points] = await Promise.all([
    parentIds.length
      ? ctx.db.selectFrom('responsibilityItem').select(['id', 'title']).where('id', 'in', parentIds).execute()
      : [],
    pointIds.length
      ? ctx.db.selectFrom('workPoint').select(['id', 'title']).where('id', 'in', pointIds).execute()
      : [],
  ]);
  return {
    parent: new Map(parents.map((p) => [p.id, p.title])),
    point: new Map(points.map((p) => [p.id, p.title])),
  };
}

export type ListLine = Record<string, string | number | null>;

/** The list's active duties, one line each, keyed like ITEM_COLUMNS plus the read-only columns. */
export async function listLines(ctx: Ctx, list: ListRow): Promise<ListLine[]> {
  const rows = (await itemRowsOfLists(ctx, [list.id])).filter((r) => r.status === 'active');
  const ids = rows.map((r) => r.id);
  const [views, periods, evidence, titles, orgs] = await Promise.all([
    itemViews(ctx, rows),
    periodsOfItems(ctx, ids),
    evidenceCounts(ctx, ids),
    takenUpTitles(ctx, rows),
    partyOrgRefs(
      ctx.db,
      rows.map((r) => r.ownerOrgId),
    ),
  ]);
  return views.map((v, i) => {
    const row = rows[i] as ItemBaseRow;
    const own = periods.get(v.id) ?? [];
    return {
      seq: v.seq,
      domain: domainLabel(v.domain),
      category: v.category,
      title: v.title,
      detail: v.detail,
      ownerOrgName: v.ownerOrgName,
      ownerOrgCode: orgs.get(v.ownerOrgId)?.code ?? null,
      ownerMember: v.ownerMemberName,
      deadline: v.deadline,
      recurrence: recurrenceLabel(v.recurrence),
      effectiveFrom: v.effectiveFrom,
      weight: String(v.weight),
      issued: v.issued ? '是' : '否',
      parent: row.parentItemId ? (titles.parent.get(row.parentItemId) ?? null) : null,
      workPoint: row.workPointId ? (titles.point.get(row.workPointId) ?? null) : null,
      period: v.current ? periodLabel(v.current.periodKey) : null,
      state: v.current ? PERIOD_STATE_LABELS[v.current.state].zh : '尚未开始',
      progress: itemProgress(own),
      evidence: (evidence.get(v.id) ?? 0) + own.filter((p) => p.fulfilledById).length,
    };
  });
}

/** Narrower than the template's and wrapped, so that the sheet prints on A4 landscape at a readable size. */
const PRINT_WIDTHS: Partial<Record<string, number>> = {
  category: 10,
  title: 28,
  detail: 28,
  ownerOrgName: 14,
  parent: 20,
  workPoint: 20,
};

const LIST_COLUMNS: readonly ColumnSpec[] = [
  { key: 'seq', header: '序号', width: 6, type: 'integer' },
  // The ID-number tail only tells namesakes apart on the way in; an export never shows it.
  ...ITEM_COLUMNS.filter((c) => c.key !== 'idTail').map(({ required: _r, list: _l, ...c }) => {
    const width = PRINT_WIDTHS[c.key];
    return width ? { ...c, width, wrap: true } : c;
  }),
  { key: 'period', header: '当前周期', width: 14 },
  { key: 'state', header: '当前状态', width: 10 },
  { key: 'progress', header: '进度（%）', width: 10, type: 'integer' },
  { key: 'evidence', header: '佐证（条）', width: 10, type: 'integer' },
];

export async function exportList(ctx: Ctx, id: string): Promise<{ buffer: Buffer; filename: string }> {
  const list = await listInScope(ctx, id, 'responsibility.read');
  const lines = await listLines(ctx, list);
  const level = LEVEL_LABELS[list.level as Level].zh;
  const buffer = await writeWorkbook([
    {
      name: ITEM_SHEET,
      intro: `${list.title}（${list.orgName}，${list.year} 年度${level}清单，共 ${lines.length} 项，导出于 ${todayOf(ctx)}）`,
      columns: LIST_COLUMNS,
      rows: lines,
      print: { pageSetup: { ...LANDSCAPE, printTitlesRow: '1:2' }, headerFooter: FOOTER },
    },
  ]);
  await recordAudit(ctx, {
    action: 'responsibility.export',
    entityType: 'responsibility_list',
    entityId: list.id,
    details: { format: 'xlsx', items: lines.length },
  });
  return { buffer, filename: fileNameOf(list.title, 'xlsx') };
}

// Coverage -----------------------------------------------------------------------------------------------------------

type CoverageLine = Record<string, string | number | null>;

function flatten(nodes: readonly CoverageNode[], depth: number, out: CoverageLine[]): CoverageLine[] {
  for (const n of nodes) {
    out.push({
      depth,
      kind: n.kind === 'work_point' ? '工委工作要点' : '职责',
      // Ideographic spaces indent the title by its depth: the tree reads as a tree on paper too.
      title: `${'\u3000\u3000'.repeat(depth - 1)}${n.title}`,
      domain: domainLabel(n.domain),
      level: n.level ? LEVEL_LABELS[n.level].zh : null,
      ownerOrgName: n.ownerOrgName,
      ownerMemberName: n.ownerMemberName,
      weight: String(n.weight),
      progress: String(n.progress),
      state: n.state ? PERIOD_STATE_LABELS[n.state].zh : null,
      flags: n.flags.map((f) => f.message).join('；') || null,
      whoShouldAct: [...new Set(n.flags.map((f) => f.whoShouldAct).filter(Boolean))].join('；') || null,
    });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

export function coverageLines(cov: Coverage): CoverageLine[] {
  return flatten(cov.roots, 1, []);
}

const COVERAGE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'depth', header: '层级', width: 6, type: 'integer' },
  { key: 'kind', header: '类型', width: 12 },
  { key: 'title', header: '工作要点及承接职责', width: 36, wrap: true },
  { key: 'domain', header: '领域', width: 8 },
  { key: 'level', header: '责任层级', width: 10 },
  { key: 'ownerOrgName', header: '责任党组织', width: 14, wrap: true },
  { key: 'ownerMemberName', header: '责任人', width: 10 },
  { key: 'weight', header: '权重', width: 8 },
  { key: 'progress', header: '进度（%）', width: 10 },
  { key: 'state', header: '状态', width: 10 },
  { key: 'flags', header: '需关注的问题', width: 30, wrap: true },
  { key: 'whoShouldAct', header: '应由谁处理', width: 20, wrap: true },
];

export async function exportCoverage(
  ctx: Ctx,
  q: { year: number; unitId?: string | undefined },
): Promise<{ buffer: Buffer; filename: string }> {
  const cov = await coverage(ctx, q);
  const lines = coverageLines(cov);
  const title = `${cov.unitName}${cov.year}年度工作要点覆盖情况`;
  const buffer = await writeWorkbook([
    {
      name: '覆盖情况',
      intro: `${title}：总体进度 ${cov.progress}%，需关注 ${cov.flagged} 处（导出于 ${todayOf(ctx)}）`,
      columns: COVERAGE_COLUMNS,
      rows: lines,
      print: { pageSetup: { ...LANDSCAPE, printTitlesRow: '1:2' }, headerFooter: FOOTER },
    },
  ]);
  await recordAudit(ctx, {
    action: 'responsibility.export',
    entityType: 'unit',
    ...(q.unitId ? { entityId: q.unitId } : {}),
    details: { format: 'xlsx', what: 'coverage', year: cov.year, lines: lines.length },
  });
  return { buffer, filename: fileNameOf(title, 'xlsx') };
}
