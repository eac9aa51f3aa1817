// The building blocks of the Word documents (ADR 25): the page, the type and the document are the product's
// (core/docx.ts); here the signature block and the tables of a list, whose cells carry a duty and its details.
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
import { CELL_MARGINS, type Column, run, SHADE, SHADE_LIGHT, SIZE, TEXT_WIDTH } from '../../core/docx.ts';

export {
  type Column,
  centred,
  DOCX_TYPE,
  field,
  heading,
  packDocument,
  prose,
  run,
  SIZE,
  TEXT_WIDTH,
  title,
} from '../../core/docx.ts';

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
