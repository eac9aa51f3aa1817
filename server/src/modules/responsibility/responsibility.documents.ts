// The Word documents of the responsibility system, for printing, signing and filing: a list (the duties grouped by
// domain, signature lines for whoever holds it) and a year-end report (述职报告) with each duty's outcome, its
// evidence and, once appraised, the grades. Both are made from what the records say, never typed again.
import type { Appraisal } from '#contracts/handover';
import { GRADE_LABELS, GRADES } from '#contracts/handover';
import { DOMAINS, LEVEL_LABELS, type Level } from '#contracts/responsibility';
import { OUTCOME_LABELS } from '#contracts/responsibility-files';
import { type Ctx, todayOf } from '../../core/context.ts';
import { recordAudit } from '../audit/index.ts';
import { memberRefs } from '../member/index.ts';
import { listInScope } from './responsibility.access.ts';
import { getAppraisal } from './responsibility.appraisal.ts';
import {
  type Column,
  centred,
  dataRow,
  field,
  groupRow,
  heading,
  packDocument,
  prose,
  SIZE,
  signature,
  table,
  title,
} from './responsibility.docx.ts';
import { domainLabel, fileNameOf, type ListLine, listLines } from './responsibility.export.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const text = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

const LIST_COLUMNS: Column[] = [
  { header: '序号', width: 700, align: 'center' },
  { header: '类别', width: 1300, align: 'center' },
  { header: '职责内容及要求', width: 3600 },
  { header: '责任党组织（责任人）', width: 1800, align: 'center' },
  { header: '完成时限', width: 1444, align: 'center' },
];

function dutyCells(line: ListLine) {
  const owner = line.ownerMember
    ? `${text(line.ownerOrgName)}\n${text(line.ownerMember)}`
    : text(line.ownerOrgName);
  const when =
    line.recurrence === '一次性'
      ? text(line.deadline)
      : `${text(line.recurrence)}${line.deadline ? `\n${text(line.deadline)}前` : ''}`;
  const what = [text(line.title), ...(line.detail ? text(line.detail).split('\n') : [])];
  return [text(line.seq), text(line.category), what, owner, when];
}

export async function listDocument(ctx: Ctx, id: string): Promise<{ buffer: Buffer; filename: string }> {
  const list = await listInScope(ctx, id, 'responsibility.read');
  const lines = await listLines(ctx, list);
  const level = list.level as Level;
  const holder = list.holderMemberId
    ? ((await memberRefs(ctx.db, [list.holderMemberId])).get(list.holderMemberId)?.name ?? null)
    : null;
  const groups = DOMAINS.map((d) => ({
    label: domainLabel(d),
    lines: lines.filter((l) => l.domain === domainLabel(d)),
  })).filter((g) => g.lines.length > 0);
  const rows = groups.flatMap((g, i) => [
    groupRow(`${NUMERALS[i]}、${g.label}（${g.lines.length} 项）`, LIST_COLUMNS),
    ...g.lines.map((l) => dataRow(dutyCells(l), LIST_COLUMNS)),
  ]);
  // The 主体责任 list is kept on the organ committee on behalf of the 党组; the 党组's secretary signs it.
  const signer = holder ? '责任人' : level === 'principal' ? '党组书记' : `${list.orgName}书记`;
  const buffer = await packDocument({
    title: list.title,
    subject: `${list.year}年度${LEVEL_LABELS[level].zh}清单`,
    children: [
      title(list.title),
      centred(`（${list.year} 年度${LEVEL_LABELS[level].zh}清单）`, SIZE.xiaosi),
      field('党组织', list.orgName),
      ...(holder ? [field('责任人', holder)] : []),
      field('职责', `共 ${lines.length} 项`),
      table(LIST_COLUMNS, rows),
      ...signature(signer),
    ],
  });
  await recordAudit(ctx, {
    action: 'responsibility.export',
    entityType: 'responsibility_list',
    entityId: list.id,
    details: { format: 'docx', items: lines.length },
  });
  return { buffer, filename: fileNameOf(list.title, 'docx') };
}

// 述职报告 ----------------------------------------------------------------------------------------------------------

const STATUS_LABELS: Record<Appraisal['status'], string> = {
  draft: '草稿',
  submitted: '已提交',
  appraised: '已评议',
};
const REPORT_COLUMNS: Column[] = [
  { header: '序号', width: 600, align: 'center' },
  { header: '领域', width: 800, align: 'center' },
  { header: '职责', width: 2900 },
  { header: '完成情况', width: 1100, align: 'center' },
  { header: '完成周期', width: 1100, align: 'center' },
  { header: '佐证材料', width: 2344 },
];
/** Evidence lines shown per duty; the rest are counted. */
const EVIDENCE_SHOWN = 8;

function evidenceText(evidence: readonly string[]): string[] {
  if (evidence.length === 0) return ['（无）'];
  const shown = evidence.slice(0, EVIDENCE_SHOWN);
  return evidence.length > EVIDENCE_SHOWN ? [...shown, `等 ${evidence.length} 条`] : shown;
}

function outcomeSentence(a: Appraisal): string {
  const by = (o: keyof typeof OUTCOME_LABELS) => a.lines.filter((l) => l.outcome === o).length;
  const parts = (Object.keys(OUTCOME_LABELS) as (keyof typeof OUTCOME_LABELS)[]).map(
    (o) => `${OUTCOME_LABELS[o].zh} ${by(o)} 项`,
  );
  return `责任清单共 ${a.lines.length} 项：${parts.join('，')}。`;
}

function gradeParagraphs(a: Appraisal) {
  const r = a.result;
  if (a.status !== 'appraised' || !r) return [];
  const votes = GRADES.map((g) => `${GRADE_LABELS[g].zh} ${r[g]} 票`).join('，');
  const total = GRADES.reduce((s, g) => s + r[g], 0);
  return [
    heading('三、评议结果'),
    prose(`参加评议 ${total} 人：${votes}。`),
    ...(r.grade ? [prose(`评议等次：${GRADE_LABELS[r.grade].zh}。`)] : []),
  ];
}

export async function appraisalDocument(ctx: Ctx, id: string): Promise<{ buffer: Buffer; filename: string }> {
  const a = await getAppraisal(ctx, id);
  const name = `${a.year}年度${a.authorName}同志述职报告`;
  const rows = a.lines.map((l, i) =>
    dataRow(
      [
        String(i + 1),
        domainLabel(l.domain),
        l.title,
        OUTCOME_LABELS[l.outcome].zh,
        `${l.periods.done + l.periods.late + l.periods.exempt}/${l.periods.total}`,
        evidenceText(l.evidence),
      ],
      REPORT_COLUMNS,
    ),
  );
  const paragraphs = a.summary
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const buffer = await packDocument({
    title: name,
    subject: '述职报告',
    children: [
      title('述职报告'),
      centred(`（${a.year} 年度）`, SIZE.xiaosi),
      field('报告人', a.authorName),
      field('责任清单', a.listTitle),
      field(
        '状态',
        `${STATUS_LABELS[a.status]}${a.submittedAt ? `（提交于 ${a.submittedAt.slice(0, 10)}）` : ''}`,
      ),
      heading('一、履职情况'),
      ...(paragraphs.length ? paragraphs.map((p) => prose(p)) : [prose('（尚未填写）')]),
      heading('二、职责完成情况'),
      prose(outcomeSentence(a)),
      table(REPORT_COLUMNS, rows),
      ...gradeParagraphs(a),
      ...signature('报告人'),
      centred(`本报告由系统根据责任清单记录生成，生成日期 ${todayOf(ctx)}`, SIZE.xiaowu),
    ],
  });
  await recordAudit(ctx, {
    action: 'responsibility.export',
    entityType: 'report_appraisal',
    entityId: a.id,
    details: { format: 'docx', lines: a.lines.length },
  });
  return { buffer, filename: fileNameOf(name, 'docx') };
}
