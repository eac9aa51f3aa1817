// The building blocks of the Word documents (ADR 25): an A4 page with the margins of official documents (GB/T 9704),
// 宋体 for the text and 黑体 for titles and headings — fonts every Chinese Windows and WPS installation has — page
// numbers in the footer, and tables whose header row repeats on every page and whose rows never split.
import {
  AlignmentType,
  Document,
  type FileChild,
  Footer,
  type IFontAttributesProperties,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const font = (eastAsia: string): IFontAttributesProperties => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  cs: 'Times New Roman',
  eastAsia,
  hint: 'eastAsia',
});
const SONG = font('宋体');
const HEI = font('黑体');

/** Point sizes of the Chinese type scale, in the half-points Word counts in. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21, xiaowu: 18 } as const;

/** A4 in twips, and the text width between the margins of GB/T 9704 (left 28 mm, right 26 mm). */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

type RunStyle = { bold?: boolean; size?: number; heading?: boolean };

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: style.heading ? HEI : SONG,
    ...(style.bold ? { bold: true } : {}),
    ...(style.size ? { size: style.size } : {}),
  });
}

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 240 },
    children: [run(text, { heading: true, size: SIZE.er })],
  });
}

export function centred(text: string, size: number = SIZE.si): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120 },
    children: [run(text, { size })],
  });
}

export function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    keepNext: true,
    children: [run(text, { heading: true, size: SIZE.san })],
  });
}

/** A body paragraph indented by two characters, as Chinese prose is. */
export function prose(text: string, size: number = SIZE.si): Paragraph {
  return new Paragraph({
    indent: { firstLine: size * 20 },
    spacing: { line: 480, lineRule: 'auto' },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text, { size })],
  });
}

/** One line of label and value: 党组织：某某局机关党委. */
export function field(label: string, value: string): Paragraph {
  return new Paragraph({
    spacing: { after: 60 },
    children: [run(`${label}：`, { bold: true, size: SIZE.xiaosi }), run(value, { size: SIZE.xiaosi })],
  });
}

/** The signature block at the foot of a document: who signs, and an empty date to fill in by hand. */
export function signature(signer: string): Paragraph[] {
  // Underscores, not underlined spaces: Word leaves spaces at the end of a line without their underline.
  const blank = '_'.repeat(18);
  return [
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { after: 240 },
      children: [run(`${signer}（签字）：`, { size: SIZE.si }), run(blank, { size: SIZE.si })],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [run('日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日', { size: SIZE.si })],
    }),
  ];
}

// Tables -----------------------------------------------------------------------------------------------------------

export type Column = { header: string; width: number; align?: 'left' | 'center' };
const SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } as const;
const SHADE_LIGHT = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } as const;
const CELL_MARGINS = { top: 60, bottom: 60, left: 80, right: 80 };

/** The lines of a cell: the first in the table's size, the rest smaller (a duty's details, its evidence). */
export type CellText = string | readonly string[];

function cellParagraphs(text: CellText, align: 'left' | 'center', bold: boolean): Paragraph[] {
  const lines = typeof text === 'string' ? text.split('\n') : text;
  return (lines.length ? lines : ['']).map(
    (line, i) =>
      new Paragraph({
        alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 0, after: 0, line: 280, lineRule: 'auto' },
        children: [run(line, { size: i === 0 ? SIZE.wu : SIZE.xiaowu, bold: bold && i === 0 })],
      }),
  );
}

function cell(text: CellText, column: Column, options: { bold?: boolean; header?: boolean } = {}) {
  return new TableCell({
    width: { size: column.width, type: WidthType.DXA },
    margins: CELL_MARGINS,
    verticalAlign: VerticalAlignTable.CENTER,
    ...(options.header ? { shading: SHADE } : {}),
    children: cellParagraphs(text, options.header ? 'center' : (column.align ?? 'left'), !!options.header),
  });
}

/** A row spanning every column: the heading of a group of rows (一、党建). */
export function groupRow(text: string, columns: readonly Column[]): TableRow {
  return new TableRow({
    cantSplit: true,
    // Never the last line of a page: a group's heading stays with its first duty.
    keepNext: true,
    children: [
      new TableCell({
        columnSpan: columns.length,
        width: { size: columns.reduce((s, c) => s + c.width, 0), type: WidthType.DXA },
        margins: CELL_MARGINS,
        shading: SHADE_LIGHT,
        children: [new Paragraph({ children: [run(text, { heading: true, size: SIZE.wu })] })],
      }),
    ],
  });
}

export function dataRow(cells: readonly CellText[], columns: readonly Column[]): TableRow {
  return new TableRow({
    cantSplit: true,
    children: columns.map((c, i) => cell(cells[i] ?? '', c)),
  });
}

/** A table as wide as the text, its header row repeated at the top of every page. */
export function table(columns: readonly Column[], rows: readonly TableRow[]): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c) => cell(c.header, c, { header: true })),
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [header, ...rows],
  });
}

// The document -----------------------------------------------------------------------------------------------------

export async function packDocument(meta: {
  title: string;
  subject: string;
  children: readonly FileChild[];
}): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    subject: meta.subject,
    creator: '融合 Ronghe',
    lastModifiedBy: '融合 Ronghe',
    styles: {
      default: {
        document: {
          run: { font: SONG, size: SIZE.xiaosi, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 360, lineRule: 'auto' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: SONG,
                    size: SIZE.xiaowu,
                    children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'],
                  }),
                ],
              }),
            ],
          }),
        },
        children: meta.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
