// A bulletin out as Word (the 通报 to print and file: heading, summary, rankings, movers, the lowest with what is being
// done) and as a workbook (the ranking and the comparison with the previous period, to sort and reuse). Page, type
// and packing are the product's (core/docx.ts, core/spreadsheet/write.ts); both are made from the same content the
// page shows — the snapshot once published.
import {
  AlignmentType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { BulletinChange, BulletinContent } from '#contracts/assessment-bulletin';
import type { Ctx } from '../../core/context.ts';
import {
  CELL_MARGINS,
  type Column,
  centred,
  heading,
  packDocument,
  prose,
  run,
  SHADE,
  SIZE,
  TEXT_WIDTH,
  title,
} from '../../core/docx.ts';
import { type ColumnSpec, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { readContent } from './assessment.bulletins.ts';

type File = { buffer: Buffer; filename: string };
/** Scores as people write them: at most two decimals, no trailing zeros. */
export const num = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${num(n)}` : num(n));
const rankText = (n: number | null) => (n === null ? '—' : `第 ${n} 名`);
const safe = (s: string) =>
  s
    .replace(/[\\/:*?"<>|\r\n\t]+/g, '')
    .trim()
    .slice(0, 80) || '通报';

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

/** A table as wide as the text, its header repeated on every page. */
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

const moverLine = (m: BulletinChange) =>
  `${m.subjectName}：由${rankText(m.previousRank)}${(m.rankChange ?? 0) > 0 ? '上升' : '下降'}至${rankText(m.rank)}（${Math.abs(m.rankChange ?? 0)} 位），得分 ${num(m.previousTotal)} → ${num(m.total)}（${signed(m.totalChange)}）`;

function documentChildren(c: BulletinContent, published: boolean) {
  const compared = c.diff
    ? `与${c.diff.cycleName}${c.diff.source === 'bulletin' ? '已发布的通报' : '的考核结果'}相比`
    : '本期为首次考核，无上期可比';
  return [
    title(c.title),
    centred(`${c.unitName}　${published ? `${c.asOf.slice(0, 10)} 发布` : '草稿（未发布）'}`, SIZE.xiaosi),
    heading('一、总体情况'),
    ...(c.summary.trim() ? c.summary : '（未填写）').split('\n').map((line) => prose(line)),
    heading('二、考核排名'),
    grid(
      [
        { header: '名次', width: 1, align: 'center' },
        { header: '考核对象', width: 4 },
        { header: '总分', width: 1.2, align: 'center' },
        { header: '党建', width: 1.2, align: 'center' },
        { header: '业务', width: 1.2, align: 'center' },
        { header: '融合', width: 1.2, align: 'center' },
        { header: '等次', width: 1.2, align: 'center' },
      ],
      c.rows.map((r) => [
        r.rank === null ? (r.band ? `${num(r.band.low)}–${num(r.band.high)}` : '—') : String(r.rank),
        `${r.subjectName}${r.tiedWith.length ? `（并列）` : ''}`,
        num(r.total),
        num(r.party),
        num(r.business),
        num(r.fusion),
        r.grade?.label ?? '—',
      ]),
    ),
    heading('三、进退情况'),
    prose(`${compared}：`),
    ...(c.moversUp.length ? c.moversUp.map((m) => prose(`↑ ${moverLine(m)}`)) : [prose('名次上升：无')]),
    ...(c.moversDown.length ? c.moversDown.map((m) => prose(`↓ ${moverLine(m)}`)) : [prose('名次下降：无')]),
    ...(c.diff?.added.length
      ? [prose(`本期新参加考核：${c.diff.added.map((a) => a.subjectName).join('、')}`)]
      : []),
    ...(c.diff?.gone.length
      ? [prose(`本期不再参加考核：${c.diff.gone.map((a) => a.subjectName).join('、')}`)]
      : []),
    heading('四、排名靠后的党组织及整改情况'),
    ...(c.lowest.length
      ? [
          grid(
            [
              { header: '名次', width: 1, align: 'center' },
              { header: '党组织', width: 3 },
              { header: '总分', width: 1.2, align: 'center' },
              { header: '正在采取的措施', width: 7 },
            ],
            c.lowest.map((l) => [
              String(l.rank ?? '—'),
              l.subjectName,
              num(l.total),
              [
                l.note || '（未填写）',
                ...l.actions.map((a) => `· ${a.title}${a.dueOn ? `（${a.dueOn} 前）` : ''}`),
              ].join('\n'),
            ]),
          ),
        ]
      : [prose('（无）')]),
  ];
}

export async function bulletinDocx(ctx: Ctx, id: string): Promise<File> {
  const { row, content } = await readContent(ctx, id);
  const buffer = await packDocument({
    title: content.title,
    subject: '党建和业务工作考核情况通报',
    children: documentChildren(content, row.status === 'published'),
  });
  await recordAudit(ctx, {
    action: 'assessment.bulletin_export',
    entityType: 'assessment_bulletin',
    entityId: id,
    details: { what: 'docx' },
  });
  return { buffer, filename: `${safe(content.title)}.docx` };
}

const col = (key: string, header: string, width = 12, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  width,
  ...extra,
});
const PRINT = {
  pageSetup: {
    paperSize: 9,
    orientation: 'landscape' as const,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  },
  headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
};
const blank = (n: number | null) => (n === null ? '' : String(Math.round(n * 100) / 100));

export async function bulletinXlsx(ctx: Ctx, id: string): Promise<File> {
  const { row, content: c } = await readContent(ctx, id);
  const notes = new Map(c.lowest.map((l) => [l.subjectId, l.note]));
  const diff = c.diff;
  const changeRows = diff
    ? [
        ...diff.changes.map((x) => ({ ...x, kind: '两期均参加' })),
        ...diff.added.map((x) => ({ ...x, kind: '本期新增' })),
        ...diff.gone.map((x) => ({ ...x, kind: '本期不再参加' })),
      ]
    : [];
  const buffer = await writeWorkbook([
    {
      name: '考核排名',
      intro: `${c.title}（${row.status === 'published' ? `${c.asOf.slice(0, 10)} 发布` : '草稿'}）`,
      columns: [
        col('rank', '名次', 8),
        col('name', '考核对象', 24),
        col('total', '总分', 10),
        col('party', '党建', 10),
        col('business', '业务', 10),
        col('fusion', '融合', 10),
        col('grade', '等次', 8),
        col('note', '整改措施（排名靠后）', 40, { wrap: true }),
      ],
      rows: c.rows.map((r) => ({
        rank: r.rank === null ? '' : String(r.rank),
        name: r.subjectName,
        total: blank(r.total),
        party: blank(r.party),
        business: blank(r.business),
        fusion: blank(r.fusion),
        grade: r.grade?.label ?? '',
        note: notes.get(r.subjectId) ?? '',
      })),
      print: PRINT,
    },
    {
      name: '与上期比较',
      intro: diff ? `与${diff.cycleName}比较（名次变化：正数为上升）` : '本期为首次考核，无上期可比',
      columns: [
        col('name', '考核对象', 24),
        col('kind', '情况', 12),
        col('previousRank', '上期名次', 10),
        col('rank', '本期名次', 10),
        col('rankChange', '名次变化', 10),
        col('previousTotal', '上期总分', 10),
        col('total', '本期总分', 10),
        col('totalChange', '总分变化', 10),
      ],
      rows: changeRows.map((x) => ({
        name: x.subjectName,
        kind: x.kind,
        previousRank: x.previousRank === null ? '' : String(x.previousRank),
        rank: x.rank === null ? '' : String(x.rank),
        rankChange: x.rankChange === null ? '' : String(x.rankChange),
        previousTotal: blank(x.previousTotal),
        total: blank(x.total),
        totalChange: blank(x.totalChange),
      })),
      print: PRINT,
    },
  ]);
  await recordAudit(ctx, {
    action: 'assessment.bulletin_export',
    entityType: 'assessment_bulletin',
    entityId: id,
    details: { what: 'xlsx' },
  });
  return { buffer, filename: `${safe(c.title)}.xlsx` };
}
