// The building blocks of the ledger's Word document, the same as the responsibility module's documents (ADR 25): A4
// with the margins of GB/T 9704, 宋体 text and 黑体 headings named for East Asian text (Times New Roman for Latin),
// zh-CN, tables of fixed widths whose header row repeats and whose rows never split, 第 X 页，共 Y 页 in the footer.
// A copy, not an import: module boundaries let no module reach into another's files, and responsibility's blocks are
// not on its public door (a core/docx.ts both could share is the lead's call).
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

const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

function run(text: string, style: { bold?: boolean; size?: number; heading?: boolean } = {}): TextRun {
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

/** A section heading (一、基本情况), starting a new page when asked: the printed book keeps sections apart. */
export function heading(text: string, newPage = false): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    keepNext: true,
    pageBreakBefore: newPage,
    children: [run(text, { heading: true, size: SIZE.san })],
  });
}

/** The heading of one meeting within a section. */
export function subheading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 200, after: 80 },
    keepNext: true,
    children: [run(text, { heading: true, size: SIZE.xiaosi })],
  });
}

/** A body paragraph indented by two characters, as Chinese prose is. */
export function prose(text: string, size: number = SIZE.xiaosi): Paragraph {
  return new Paragraph({
    indent: { firstLine: size * 20 },
    spacing: { line: 400, lineRule: 'auto' },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text, { size })],
  });
}

/** One line of label and value: 党组织：某某局第一党支部. */
export function field(label: string, value: string): Paragraph {
  return new Paragraph({
    spacing: { after: 60 },
    children: [run(`${label}：`, { bold: true, size: SIZE.xiaosi }), run(value, { size: SIZE.xiaosi })],
  });
}

// Tables -----------------------------------------------------------------------------------------------------------

export type Column = { header: string; width: number; align?: 'left' | 'center' };
const SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } as const;
const SHADE_LIGHT = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } as const;
const CELL_MARGINS = { top: 60, bottom: 60, left: 80, right: 80 };

function paragraphsOf(text: string, align: 'left' | 'center', bold: boolean): Paragraph[] {
  const lines = text.split('\n');
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { before: 0, after: 0, line: 300, lineRule: 'auto' },
        children: [run(line, { size: SIZE.wu, bold })],
      }),
  );
}

function cell(
  text: string,
  width: number,
  options: { align?: 'left' | 'center'; bold?: boolean; shade?: typeof SHADE | typeof SHADE_LIGHT } = {},
) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: CELL_MARGINS,
    verticalAlign: VerticalAlignTable.CENTER,
    ...(options.shade ? { shading: options.shade } : {}),
    children: paragraphsOf(text, options.align ?? 'left', !!options.bold),
  });
}

export function dataRow(cells: readonly string[], columns: readonly Column[]): TableRow {
  return new TableRow({
    cantSplit: true,
    children: columns.map((c, i) => cell(cells[i] ?? '', c.width, { align: c.align ?? 'left' })),
  });
}

/** A table as wide as the text, its header row repeated at the top of every page. */
export function table(columns: readonly Column[], rows: readonly TableRow[]): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c) => cell(c.header, c.width, { align: 'center', bold: true, shade: SHADE })),
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [header, ...rows],
  });
}

const LABEL_WIDTH = 1700;

/** One meeting as the printed book writes it: a label column (时间, 地点, 主持人…) and what was recorded. */
export function card(lines: readonly (readonly [string, string])[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH],
    layout: TableLayoutType.FIXED,
    rows: lines.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell(label, LABEL_WIDTH, { align: 'center', bold: true, shade: SHADE_LIGHT }),
            cell(value, TEXT_WIDTH - LABEL_WIDTH),
          ],
        }),
    ),
  });
}

/** Space after a table, so that the next heading does not touch it. */
export const gap = () => new Paragraph({ spacing: { after: 120 }, children: [] });

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
