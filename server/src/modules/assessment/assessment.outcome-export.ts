// The appraisal export (issue 12 point 7): a cycle's results as the workbook the annual appraisal (年度考核) and
// cadre selection take in — one row per subject in ranking order, ties written as 并列, the three domains, the grade
// and why it moved, a calibrated score's computed one and reason, and the band where the rating was thin. Made from
// the rows the results page shows (listResults), so the two can never differ; only whoever reads the whole cycle
// takes it (a branch reads its own row on the page, not the list).
import type { ResultRow } from '#contracts/assessment';
import type { Ctx } from '../../core/context.ts';
import { forbidden } from '../../core/errors.ts';
import { type ColumnSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { holdsAtTop } from './assessment.access.ts';
import { listResults, readableCycle } from './assessment.results.ts';

const num = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : String(Math.round(n * 100) / 100);
const safe = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\r\n\t]+/g, '')
    .trim()
    .slice(0, 80) || '考核结果';
const col = (key: string, header: string, width = 10, wrap = false): ColumnSpec => ({
  key,
  header,
  width,
  ...(wrap ? { wrap } : {}),
});

/** 第 2 名 tied with others reads "2（并列）"; a band's row the ranks it could take; no data, nothing. */
export function rankCell(r: ResultRow): string {
  if (r.rank !== null) return r.tiedWith.length ? `${r.rank}（并列）` : String(r.rank);
  if (r.range)
    return r.range.best === r.range.worst ? `约 ${r.range.best}` : `${r.range.best}–${r.range.worst}`;
  return '';
}

function gradeCell(r: ResultRow): string {
  if (r.grade) return r.grade.label;
  return r.band ? '待定' : '';
}

export async function appraisalXlsx(
  ctx: Ctx,
  cycleId: string,
): Promise<{ buffer: Buffer; filename: string }> {
  const c = await readableCycle(ctx, cycleId);
  if (!(await holdsAtTop(ctx, c.ownerUnitId, 'assessment.read')))
    throw forbidden(
      'assessment.appraisal_whole_cycle',
      '年度考核结果由本单位党组、机关党委导出；支部可在考核结果页查看本支部',
    );
  const rows = await listResults(ctx, cycleId);
  const grouped = rows.some((r) => r.group);
  const buffer = await writeWorkbook([
    {
      name: '年度考核结果',
      intro: `${c.name}：名次相同者为并列；“计算得分”为校准前由记录计算的得分；得分区间为评价人数不足时得分可能的范围，等次待定`,
      columns: [
        col('rank', '名次', 10),
        col('name', '考核对象', 24),
        ...(grouped ? [col('group', '所在支部', 20)] : []),
        col('total', '总分', 9),
        col('party', '党建', 9),
        col('business', '业务', 9),
        col('fusion', '融合', 9),
        col('grade', '等次', 8),
        col('gradeNote', '等次说明', 30, true),
        col('computed', '计算得分', 10),
        col('reason', '校准理由', 30, true),
        col('by', '校准人', 10),
        col('band', '得分区间', 14),
      ],
      rows: rows.map((r) => {
        const k = r.outcome?.calibration ?? null;
        return {
          rank: rankCell(r),
          name: r.subjectName,
          group: r.group?.name ?? '',
          total: r.band ? '' : num(r.total),
          party: num(r.party),
          business: num(r.business),
          fusion: num(r.fusion),
          grade: gradeCell(r),
          gradeNote: r.outcome?.gradeNote ?? (r.total === null && !r.band ? (r.note ?? '') : ''),
          computed: k ? num(k.computed) : '',
          reason: k?.reason ?? '',
          by: k?.byName ?? '',
          band: r.band ? `${num(r.band.low)}–${num(r.band.high)}` : '',
        };
      }),
      print: {
        pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
        headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
      },
    },
  ]);
  await recordAudit(ctx, {
    action: 'assessment.appraisal_export',
    entityType: 'assessment_cycle',
    entityId: c.id,
    details: { rows: rows.length },
  });
  return { buffer, filename: `${safe(c.name)}-年度考核结果.xlsx` };
}
