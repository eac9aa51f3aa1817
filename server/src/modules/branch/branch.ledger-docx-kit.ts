// The ledger's own building blocks for its Word document: the page, the type and the document are the product's
// (core/docx.ts, as the responsibility module's documents); here the ledger's body text, the heading of one meeting,
// its tables and the two-column card of a meeting as the printed book writes it.
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
import {
  CELL_MARGINS,
  type Column,
  prose as coreProse,
  run,
  SHADE,
  SHADE_LIGHT,
  SIZE,
  TEXT_WIDTH,
} from '../../core/docx.ts';

export {
  type Column,
  centred,
  DOCX_TYPE,
  field,
  heading,
  packDocument,
  SIZE,
  title,
} from '../../core/docx.ts';

/** The heading of one meeting within a section. */
export function subheading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 200, after: 80 },
    keepNext: true,
    children: [run(text, { heading: true, size: SIZE.xiaosi })],
  });
}

/** A body paragraph: the ledger's text is 小四 at 1⅔ lines, denser than a report's. */
export const prose = (text: string) => coreProse(text, SIZE.xiaosi, 400);

// Tables -----------------------------------------------------------------------------------------------------------

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
