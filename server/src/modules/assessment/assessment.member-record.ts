// A member's record of assessments (issue 12 point 7: results used in cadre selection, 干部选任): every member cycle
// that scored them — total, the three domains, place within their branch, grade — and every signed 述评 with its
// grade and 评语, in one workbook, for those who read the organ's assessments as a whole (the organ's Party group,
// the organ committee). The places come from the same ranking the results page shows; a tie is written as one,
// without the names of the others.
import { reviewGradeLabel } from '#contracts/assessment-review';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { type ColumnSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { keptUnit } from './assessment.access.ts';
import { selectCycles } from './assessment.cycles.ts';
import { periodWindow } from './assessment.periods.ts';
import { standingsOf } from './assessment.results.ts';

const num = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : String(Math.round(n * 100) / 100);
const col = (key: string, header: string, width = 10, wrap = false): ColumnSpec => ({
  key,
  header,
  width,
  ...(wrap ? { wrap } : {}),
});
const MEMBER_NOT_FOUND = '该党员不存在或不在您的管辖范围内';

export async function memberRecordXlsx(
  ctx: Ctx,
  memberId: string,
): Promise<{ buffer: Buffer; filename: string }> {
  const member = await ctx.db
    .selectFrom('member')
    .select(['id', 'unitId', 'name'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw notFound('assessment.member_not_found', MEMBER_NOT_FOUND);
  // 404 for an organ the actor does not read, 403 below its top: the record is the organ's view of its people.
  await keptUnit(ctx, member.unitId, 'assessment.read');
  const cycles = await selectCycles(ctx)
    .where('c.ownerUnitId', '=', member.unitId)
    .where('c.level', '=', 'member')
    .where('c.computedAt', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('assessmentResult as r')
          .select('r.subjectId')
          .whereRef('r.cycleId', '=', 'c.id')
          .where('r.subjectId', '=', memberId),
      ),
    )
    .orderBy('c.startsOn', 'desc')
    .execute();
  const results = [];
  // A member is scored twice a year: one ranking per cycle.
  for (const c of cycles) {
    const r = (await standingsOf(ctx, c, [memberId])).get(memberId);
    if (r) results.push({ c, r });
  }
  const reviews = await ctx.db
    .selectFrom('performanceReview')
    .select(['halfYear', 'branchName', 'grade', 'comment', 'signedByName', 'signedAt'])
    .where('unitId', '=', member.unitId)
    .where('memberId', '=', memberId)
    .where('status', 'in', ['signed', 'shown'])
    .orderBy('halfYear', 'desc')
    .execute();
  const buffer = await writeWorkbook([
    {
      name: '历次考核',
      intro: `${member.name}：党员履职述评的历次结果，名次为所在党支部内的名次；考核未结束的为暂定`,
      columns: [
        col('cycle', '考核', 28, true),
        col('period', '期间', 14),
        col('branch', '所在支部', 20),
        col('total', '总分', 9),
        col('party', '党建', 9),
        col('business', '业务', 9),
        col('fusion', '融合', 9),
        col('place', '支部内名次', 16),
        col('grade', '等次', 8),
        col('status', '状态', 8),
      ],
      rows: results.map(({ c, r }) => ({
        cycle: c.name,
        period: periodWindow(c.periodKind as 'half', c.periodKey)?.label ?? c.periodKey,
        branch: r.group?.name ?? '',
        total: r.band ? `${num(r.band.low)}–${num(r.band.high)}` : num(r.total),
        party: num(r.party),
        business: num(r.business),
        fusion: num(r.fusion),
        place:
          r.rank !== null
            ? `${r.rank} / ${r.outOf}${r.tiedWith.length > 0 || r.note?.includes('并列') ? '（并列）' : ''}`
            : '数据不足，未排名',
        grade: r.grade?.label ?? (r.band ? '待定' : ''),
        status: c.status === 'open' ? '暂定' : '已定',
      })),
    },
    {
      name: '述评',
      intro: `${member.name}：经党支部签字确认的半年度述评`,
      columns: [
        col('halfYear', '半年度', 12),
        col('branch', '所在支部', 20),
        col('grade', '等次', 8),
        col('comment', '评语', 50, true),
        col('signedBy', '签字人', 10),
        col('signedOn', '签字日期', 12),
      ],
      rows: reviews.map((v) => ({
        halfYear: v.halfYear.replace(
          /^(\d{4})-H([12])$/,
          (_m, y: string, h: string) => `${y}年${h === '1' ? '上' : '下'}半年`,
        ),
        branch: v.branchName,
        grade: reviewGradeLabel(v.grade) ?? '',
        comment: v.comment ?? '',
        signedBy: v.signedByName ?? '',
        signedOn: v.signedAt ? v.signedAt.toISOString().slice(0, 10) : '',
      })),
    },
  ]);
  await recordAudit(ctx, {
    action: 'assessment.member_record_export',
    entityType: 'member',
    entityId: memberId,
    details: { cycles: results.length, reviews: reviews.length },
  });
  return {
    buffer,
    filename: `${member.name.replace(/[\\/:*?"<>|\r\n\t]+/g, '').slice(0, 40) || '党员'}-考核记录.xlsx`,
  };
}
