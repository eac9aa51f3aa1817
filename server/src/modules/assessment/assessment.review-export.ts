// The 述评 dossier out: one member's as a one-page Word document (the 党员半年度述评表 to print, sign and file; small
// type so that a full dossier fits a page), a branch's half-year as a workbook (one row a member, one column a
// section, to sort and keep). Both are made from the stored dossier — the frozen one once signed.
import type { BranchHalfYear, Review, ReviewSection } from '#contracts/assessment-review';
import { REVIEW_STATUS_LABELS } from '#contracts/assessment-review';
import type { Ctx } from '../../core/context.ts';
import { centred, field, heading, packDocument, prose, SIZE, title } from '../../core/docx.ts';
import { type ColumnSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { reviewOf, selectReviews } from './assessment.review-store.ts';
import { getReview, listBranchReviews } from './assessment.reviews.ts';

type File = { buffer: Buffer; filename: string };
const safe = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\r\n\t]+/g, '')
    .trim()
    .slice(0, 80) || '述评';
const halfLabel = (h: string) => `${h.slice(0, 4)}年${h.endsWith('H1') ? '上' : '下'}半年`;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const NUMERALS = '一二三四五六七八九十';

export function reviewDocChildren(r: Review) {
  const status = REVIEW_STATUS_LABELS[r.status].zh;
  return [
    title('党员半年度述评表'),
    centred(`${halfLabel(r.halfYear)}　${r.branchName}　${status}`, SIZE.xiaosi),
    field('姓名', r.memberName),
    field('所在部门', r.departmentName ?? '未登记'),
    ...r.sections.flatMap((s: ReviewSection, i) => [
      heading(`${NUMERALS[i] ?? i + 1}、${s.title}`),
      ...s.lines.map((l) => prose(l.text, SIZE.wu, 300)),
    ]),
    heading('个人补充说明'),
    prose(r.statement || '（无）', SIZE.wu, 300),
    heading('支部评语'),
    prose(r.comment || '（未填写）', SIZE.wu, 300),
    field('等次', r.gradeLabel ?? '（未评定）'),
    field('签字确认', r.signedAt ? `${r.signedByName ?? ''}　${day(r.signedAt)}` : '（尚未签字确认）'),
  ];
}

export async function reviewDocx(ctx: Ctx, id: string): Promise<File> {
  const r = await getReview(ctx, id);
  const buffer = await packDocument({
    title: `${r.memberName}${halfLabel(r.halfYear)}述评`,
    subject: '党员半年度述评',
    children: reviewDocChildren(r),
  });
  await recordAudit(ctx, {
    action: 'assessment.review_export',
    entityType: 'performance_review',
    entityId: id,
    details: { what: 'docx' },
  });
  return { buffer, filename: `${safe(`${r.memberName}${halfLabel(r.halfYear)}述评`)}.docx` };
}

export async function branchReviewsXlsx(ctx: Ctx, q: BranchHalfYear): Promise<File> {
  const list = await listBranchReviews(ctx, q);
  const rows =
    list.reviews.length === 0
      ? []
      : (
          await selectReviews(ctx)
            .where(
              'id',
              'in',
              list.reviews.map((r) => r.id),
            )
            .orderBy('memberName')
            .execute()
        ).map(reviewOf);
  // One column per section, in the order of the first dossier (every dossier of a half-year has the same ones).
  const sections = rows[0]?.sections ?? [];
  const columns: ColumnSpec[] = [
    { key: 'name', header: '姓名', width: 10 },
    { key: 'dept', header: '所在部门', width: 14 },
    { key: 'status', header: '状态', width: 10 },
    ...sections.map((s) => ({ key: s.key, header: s.title, width: 36, wrap: true })),
    { key: 'statement', header: '个人补充说明', width: 30, wrap: true },
    { key: 'comment', header: '支部评语', width: 36, wrap: true },
    { key: 'grade', header: '等次', width: 8 },
    { key: 'signed', header: '签字确认', width: 18 },
  ];
  const buffer = await writeWorkbook([
    {
      name: '述评汇总',
      intro: `${list.branchName}${halfLabel(q.halfYear)}党员述评（共 ${rows.length} 人${list.missing.length ? `，另有 ${list.missing.length} 人尚未生成` : ''}）`,
      columns,
      rows: rows.map((r) => ({
        name: r.memberName,
        dept: r.departmentName ?? '',
        status: REVIEW_STATUS_LABELS[r.status].zh,
        ...Object.fromEntries(r.sections.map((s) => [s.key, s.lines.map((l) => l.text.trim()).join('\n')])),
        statement: r.statement ?? '',
        comment: r.comment ?? '',
        grade: r.gradeLabel ?? '',
        signed: r.signedAt ? `${r.signedByName ?? ''} ${day(r.signedAt)}` : '',
      })),
      print: {
        pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
        headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
      },
    },
  ]);
  await recordAudit(ctx, {
    action: 'assessment.review_export',
    entityType: 'party_org',
    entityId: q.branchId,
    details: { what: 'xlsx', halfYear: q.halfYear },
  });
  return { buffer, filename: `${safe(`${list.branchName}${halfLabel(q.halfYear)}述评`)}.xlsx` };
}
