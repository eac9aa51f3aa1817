/**
 * Test helpers (used by the *.test.ts files only): build zip files by hand, so that tests can craft central
 * directories that lie, reorder the parts of a real workbook, or leave parts out.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { checkXlsxBuffer, readZipEntry } from './zip-guard.ts';

export type FixtureEntry = {
  name: string;
  data: Buffer;
  /** Default 8 (deflate). */
  method?: 0 | 8;
  /** Written as the uncompressed size instead of the real one. */
  declaredSize?: number;
  /** Bytes inserted after this entry's data, outside any entry. */
  gapAfter?: number;
};

export function buildZip(entries: readonly FixtureEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const stored = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(stored.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    const gap = Buffer.alloc(entry.gapAfter ?? 0, 0x41);
    parts.push(local, name, stored, gap);
    offset += local.length + name.length + stored.length + gap.length;
  }
  const directory = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, eocd]);
}

/** The parts of a (valid) .xlsx, in file order. */
export function extractZip(buf: Buffer): { name: string; data: Buffer }[] {
  return checkXlsxBuffer(buf).map((entry) => ({ name: entry.name, data: readZipEntry(buf, entry) }));
}

/** The smallest set of parts checkXlsxBuffer accepts (not a readable workbook). */
export const MINIMAL_PARTS: FixtureEntry[] = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
];
