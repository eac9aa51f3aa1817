/**
 * The sheet list of an .xlsx, read straight from xl/workbook.xml and its relationships without loading any sheet
 * (cheap even for huge files). Also works out the name exceljs's streaming reader will give each sheet, which is
 * not always the real one: exceljs only recognises relationship targets written as "worksheets/sheetN.xml" and
 * otherwise calls the sheet "SheetN".
 */
import { readZipEntry, type ZipEntry } from './zip-guard.ts';

export type SheetInfo = {
  /** As shown on the tab. */
  name: string;
  hidden: boolean;
  /** The name exceljs's WorkbookReader reports for this sheet; null when exceljs will not read it at all. */
  readerName: string | null;
  /** The sheet's part inside the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return ENTITIES[body] ?? whole;
  });
}

function attribute(tag: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\s${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  if (!m) return null;
  return decodeXml(m[1] ?? m[2] ?? '');
}

function tags(xml: string, localName: string): string[] {
  return xml.match(new RegExp(`<(?:[\\w.-]+:)?${localName}\\b[^>]*>`, 'g')) ?? [];
}

/** Workbook order, hidden sheets included. Takes the directory from checkXlsxBuffer/verifyXlsxBuffer. */
export function readSheetInfo(buf: Buffer, entries: readonly ZipEntry[]): SheetInfo[] {
  const part = (path: string) => {
    const entry = entries.find((e) => e.name === path);
    return entry ? readZipEntry(buf, entry).toString('utf8') : '';
  };
  const targets = new Map<string, string>();
  for (const rel of tags(part('xl/_rels/workbook.xml.rels'), 'Relationship')) {
    const id = attribute(rel, 'Id');
    const target = attribute(rel, 'Target');
    if (id !== null && target !== null) targets.set(id, target);
  }
  return tags(part('xl/workbook.xml'), 'sheet').map((tag) => {
    const name = attribute(tag, 'name') ?? '';
    const state = attribute(tag, 'state');
    const target = targets.get(attribute(tag, 'r:id') ?? '') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
    let readerName: string | null = null;
    if (sheetNo !== undefined)
      readerName = target === `worksheets/sheet${sheetNo}.xml` ? name : `Sheet${sheetNo}`;
    return { name, hidden: state === 'hidden' || state === 'veryHidden', readerName, path };
  });
}
