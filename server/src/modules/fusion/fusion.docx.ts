// Word documents of fusion work (issue 11 point 7, ADR 25): a project's acceptance report (验收报告; a progress report
// while it is under way) and a brand's profile with its mark, the six haves and their evidence, and its reviews.
// Page, type and packing are the product's (core/docx.ts); the tables here are this module's.
import {
  AlignmentType,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import sharp from 'sharp';
import { type BranchRecordKind, RECORD_KIND_LABELS } from '#contracts/branch';
import {
  BRAND_ELEMENT_LABELS,
  BRAND_ELEMENTS,
  BRAND_STATUS_LABELS,
  EVIDENCE_KIND_LABELS,
} from '#contracts/fusion-brand';
import { PROJECT_STAGE_LABELS, TEAM_KIND_LABELS, TEAM_ROLE_LABELS } from '#contracts/fusion-project';
import type { Ctx } from '../../core/context.ts';
import {
  CELL_MARGINS,
  type Column,
  centred,
  field,
  heading,
  packDocument,
  prose,
  run,
  SHADE,
  SIZE,
  TEXT_WIDTH,
  title,
} from '../../core/docx.ts';
import { readAttachment } from '../attachment/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getBrand } from './fusion.brands.ts';
import { getProject } from './fusion.projects-read.ts';

type File = { buffer: Buffer; filename: string };
const num = (n: number | null) => (n === null ? '—' : String(Number(n.toFixed(2))));
const safe = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\r\n\t]+/g, '')
    .trim()
    .slice(0, 80) || '文档';

function cell(text: string, column: Column, header = false): TableCell {
  return new TableCell({
    width: { size: column.width, type: WidthType.DXA },
    margins: CELL_MARGINS,
    verticalAlign: VerticalAlignTable.CENTER,
    ...(header ? { shading: SHADE } : {}),
    children: (text || '').split('\n').map(
      (line) =>
        new Paragraph({
          alignment: header || column.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { before: 0, after: 0, line: 280, lineRule: 'auto' },
          children: [run(line, { size: SIZE.wu, bold: header })],
        }),
    ),
  });
}

/** A table as wide as the text, its header repeated on every page; columns' widths scaled to the text width. */
function grid(columns: readonly Column[], rows: readonly (readonly string[])[]): Table {
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const cols = columns.map((c) => ({ ...c, width: Math.floor((c.width * TEXT_WIDTH) / sum) }));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: cols.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cols.map((c) => cell(c.header, c, true)),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: cols.map((c, i) => cell(r[i] ?? '', c)) }),
      ),
    ],
  });
}

const paragraphs = (text: string | null | undefined, empty = '（未填写）') =>
  (text?.trim() ? text : empty).split('\n').map((line) => prose(line));

export async function projectDocument(ctx: Ctx, id: string): Promise<File> {
  const p = await getProject(ctx, id);
  const accepted = p.stage === 'accepted';
  const kind = accepted ? '验收报告' : '情况报告';
  const children = [
    title(`融合项目${kind}`),
    centred(p.title, SIZE.san),
    field('牵头党组织', p.leadOrgName),
    field('参与党组织', p.partyOrgs.map((o) => o.name).join('、')),
    ...(p.partners.length ? [field('共建单位', p.partners.map((x) => x.name).join('、'))] : []),
    field('服务部门', p.departmentName ?? '—'),
    field('项目负责人', p.ownerName),
    field('组织形式', TEAM_KIND_LABELS[p.teamKind].zh),
    field('当前阶段', PROJECT_STAGE_LABELS[p.stage].zh),
    field('起止日期', `${p.startsOn ?? '—'} 至 ${p.dueOn ?? '—'}`),
    heading('一、项目来源'),
    ...(p.need
      ? paragraphs(`需求：${p.need.title}${p.need.kpiName ? `（影响指标：${p.need.kpiName}）` : ''}`)
      : paragraphs('支部自主立项')),
    heading('二、项目目标'),
    ...paragraphs(p.goal),
    heading('三、项目团队'),
    grid(
      [
        { header: '姓名', width: 2, align: 'center' },
        { header: '角色', width: 2, align: 'center' },
        { header: '所在党组织', width: 4 },
      ],
      p.team.map((m) => [m.name, TEAM_ROLE_LABELS[m.role].zh, m.partyOrgName]),
    ),
    heading('四、推进节点'),
    grid(
      [
        { header: '节点', width: 5 },
        { header: '负责人', width: 2, align: 'center' },
        { header: '计划完成', width: 2, align: 'center' },
        { header: '实际完成', width: 2, align: 'center' },
      ],
      p.milestoneList.map((m) => [
        m.title,
        m.ownerName,
        m.dueOn,
        m.doneOn ?? (m.overdue ? '逾期未完成' : '—'),
      ]),
    ),
    heading('五、业务指标'),
    grid(
      [
        { header: '指标', width: 4 },
        { header: '基线', width: 2, align: 'center' },
        { header: '目标', width: 2, align: 'center' },
        { header: '实测', width: 2, align: 'center' },
        { header: '是否达标', width: 2, align: 'center' },
      ],
      p.kpiList.map((k) => [
        `${k.name}${k.measureUnit ? `（${k.measureUnit}）` : ''}`,
        num(k.baseline),
        num(k.target),
        num(k.result),
        k.met === null ? '未测' : k.met ? '达标' : '未达标',
      ]),
    ),
    heading('六、关联的支部工作'),
    ...(p.records.length
      ? p.records.map((r) =>
          prose(
            `${r.date} ${r.partyOrgName} ${RECORD_KIND_LABELS[r.kind as BranchRecordKind]?.zh ?? r.kind}：${r.topic}`,
          ),
        )
      : paragraphs(null, '（无）')),
    heading(accepted ? '七、项目成果' : '七、进展情况'),
    ...paragraphs(p.outcome ?? p.events.at(-1)?.note ?? null),
    ...(accepted
      ? [
          heading('八、验收意见'),
          ...paragraphs(p.acceptanceNote, '同意验收。'),
          prose(`验收日期：${p.acceptedOn}`),
        ]
      : []),
    ...(p.stage === 'terminated' ? [heading('八、终止原因'), ...paragraphs(p.terminationReason)] : []),
  ];
  const buffer = await packDocument({ title: `${p.title}${kind}`, subject: `融合项目${kind}`, children });
  await recordAudit(ctx, {
    action: 'fusion.export',
    entityType: 'fusion_project',
    entityId: id,
    details: { what: 'project_docx' },
  });
  return { buffer, filename: `${safe(p.title)}${kind}.docx` };
}

/** The brand's mark as a PNG for Word (which takes no WebP), at most 4 cm wide. */
async function markImage(ctx: Ctx, id: string | null): Promise<Paragraph | null> {
  if (!id) return null;
  try {
    const file = await readAttachment(ctx, id);
    const png = sharp(file.bytes).resize({ width: 400, height: 400, fit: 'inside' }).png();
    const { data, info } = await png.toBuffer({ resolveWithObject: true });
    const width = 150;
    const height = Math.round((info.height / info.width) * width);
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data, transformation: { width, height } })],
    });
  } catch {
    return null;
  }
}

export async function brandDocument(ctx: Ctx, id: string): Promise<File> {
  const b = await getBrand(ctx, id);
  const content: Record<string, string | null> = {
    name: b.name,
    mark: b.markAttachmentId ? '见上图' : null,
    concept: b.concept,
    standards: b.serviceStandards,
    measures: b.creationMeasures,
    effect: b.effect,
  };
  const mark = await markImage(ctx, b.markAttachmentId);
  const rows = BRAND_ELEMENTS.map((e) => [
    BRAND_ELEMENT_LABELS[e].zh,
    content[e] ?? '（缺）',
    b.evidence
      .filter((x) => x.element === e)
      .map((x) => `${EVIDENCE_KIND_LABELS[x.kind].zh}：${x.title}${x.date ? `（${x.date}）` : ''}`)
      .join('\n') || (e === 'mark' ? '' : '（暂无佐证）'),
  ]);
  const children = [
    title(`“${b.name}”支部品牌`),
    centred(b.partyOrgName, SIZE.san),
    ...(mark ? [mark] : []),
    field(
      '品牌状态',
      `${BRAND_STATUS_LABELS[b.status].zh}${b.rectifyBy ? `（整改期限 ${b.rectifyBy}）` : ''}`,
    ),
    field('“六有”情况', b.missing.length === 0 ? '齐全' : b.missing.map((m) => m.message).join('；')),
    heading('一、品牌“六有”'),
    grid(
      [
        { header: '要素', width: 2, align: 'center' },
        { header: '内容', width: 6 },
        { header: '佐证', width: 4 },
      ],
      rows,
    ),
    heading('二、年度评审'),
    ...(b.reviews.length
      ? [
          grid(
            [
              { header: '年度', width: 1, align: 'center' },
              { header: '总分', width: 1, align: 'center' },
              { header: '结论', width: 1, align: 'center' },
              { header: '评审意见', width: 5 },
              { header: '评审日期', width: 2, align: 'center' },
            ],
            b.reviews.map((r) => [
              String(r.year),
              String(r.total),
              BRAND_STATUS_LABELS[r.status].zh,
              `${r.comment ?? ''}${r.rectifyBy ? `\n整改期限：${r.rectifyBy}` : ''}`,
              r.reviewedOn,
            ]),
          ),
        ]
      : paragraphs(null, '（尚未评审）')),
  ];
  const buffer = await packDocument({ title: `${b.name}支部品牌`, subject: '支部品牌简介', children });
  await recordAudit(ctx, {
    action: 'fusion.export',
    entityType: 'brand',
    entityId: id,
    details: { what: 'brand_docx' },
  });
  return { buffer, filename: `${safe(b.partyOrgName)}“${safe(b.name)}”品牌.docx` };
}
