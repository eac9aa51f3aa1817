// The building blocks every Word document of the product shares (ADR 25): an A4 page with the margins of official
// documents (GB/T 9704), 宋体 for the text and 黑体 for titles and headings — fonts every Chinese Windows and WPS
// installation has, named for East Asian text with Times New Roman for Latin — zh-CN, page numbers in the footer
// (第 X 页，共 Y 页), and the shading and margins of table cells. Each module keeps its own tables' cells: a
// responsibility list and a branch ledger set their lines differently.
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
  TextRun,
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

/** A body paragraph indented by two characters, as Chinese prose is; `line` in 240ths of a line (480: double). */
export function prose(text: string, size: number = SIZE.si, line = 480): Paragraph {
  return new Paragraph({
    indent: { firstLine: size * 20 },
    spacing: { line, lineRule: 'auto' },
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

// Tables -----------------------------------------------------------------------------------------------------------

export type Column = { header: string; width: number; align?: 'left' | 'center' };
/** A header row's shading, and a lighter one for labels and group rows. */
export const SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } as const;
export const SHADE_LIGHT = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } as const;
export const CELL_MARGINS = { top: 60, bottom: 60, left: 80, right: 80 };

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
