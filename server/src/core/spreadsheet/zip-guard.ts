/**
 * Content checks on an uploaded .xlsx before any spreadsheet library sees it. An .xlsx is a zip; we read its
 * central directory ourselves (no extraction) to refuse files that are not workbooks and zip bombs.
 *
 * exceljs's streaming reader (via unzipper) walks the *local* headers from the start of the file rather than the
 * central directory, so checkXlsxBuffer also requires the local entries to be exactly the ones the central
 * directory lists, back to back: nothing can hide between them. Declared sizes can still lie, so
 * verifyXlsxBuffer additionally inflates every entry (streaming, flat memory, nothing kept) and refuses one that
 * inflates beyond its declared size.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { SpreadsheetError } from './errors.ts';

export type ZipLimits = {
  /** Sum of the uncompressed sizes of all entries, in bytes. */
  maxTotalUncompressed: number;
  maxEntries: number;
  /** An entry larger than ratioMinSize whose uncompressed/compressed ratio exceeds this is refused. */
  maxRatio: number;
  ratioMinSize: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 100,
  ratioMinSize: 1024 * 1024,
};

export type ZipEntry = {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's (compressed) bytes start. */
  dataOffset: number;
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const REQUIRED_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'];

const MB = 1024 * 1024;
const notXlsx = () =>
  new SpreadsheetError(
    'spreadsheet.not_xlsx',
    '文件不是有效的 Excel (.xlsx) 文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传',
  );
const corrupt = () =>
  new SpreadsheetError('spreadsheet.corrupt', '文件已损坏，无法读取，请用 Excel 重新保存为 .xlsx 后上传');
const zip64 = () =>
  new SpreadsheetError('spreadsheet.zip64_unsupported', '文件过大（ZIP64 格式），请拆分为多个文件后上传');
const suspicious = () =>
  new SpreadsheetError('spreadsheet.suspicious_compression', '文件压缩比异常，疑似恶意构造的文件，已拒绝');

function findEocd(buf: Buffer): number {
  const last = buf.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (buf.readUInt32LE(at) === SIG_EOCD && at + 22 + buf.readUInt16LE(at + 20) <= buf.length) return at;
  }
  throw corrupt();
}

/** Refuses what is plainly not an .xlsx: old .xls, password-protected workbooks (both are OLE files), non-zips. */
function checkMagic(buf: Buffer): void {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // An Excel file with an opening password is an OLE container holding the encrypted zip.
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new SpreadsheetError('spreadsheet.encrypted', '文件设置了打开密码，请取消密码后重新上传');
    }
    throw new SpreadsheetError('spreadsheet.xls_unsupported', '不支持旧版 .xls，请另存为 .xlsx 后上传');
  }
  if (buf.length < 30 || buf.readUInt32LE(0) !== SIG_LOCAL) throw notXlsx();
}

function readCentralDirectory(buf: Buffer, limits: ZipLimits): { entries: ZipEntry[]; cdOffset: number } {
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (
    (eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR) ||
    count === 0xffff ||
    cdSize === 0xffffffff ||
    cdOffset === 0xffffffff
  ) {
    throw zip64();
  }
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw corrupt(); // multi-disk
  if (count > limits.maxEntries) {
    throw new SpreadsheetError(
      'spreadsheet.too_many_entries',
      `文件包含的部件过多（超过 ${limits.maxEntries} 个），已拒绝`,
    );
  }
  if (cdOffset + cdSize > eocd) throw corrupt();

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== SIG_CENTRAL) throw corrupt();
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localHeaderOffset = buf.readUInt32LE(at + 42);
    if (
      compressedSize === 0xffffffff ||
      uncompressedSize === 0xffffffff ||
      localHeaderOffset === 0xffffffff
    ) {
      throw zip64();
    }
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > eocd) throw corrupt();
    if (flags & 0x1) throw new SpreadsheetError('spreadsheet.encrypted', '文件已加密，请取消密码后重新上传');
    if (method !== 0 && method !== 8) {
      throw new SpreadsheetError(
        'spreadsheet.unsupported_compression',
        '文件使用了不支持的压缩方式，请用 Excel 重新保存后上传',
      );
    }
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset, dataOffset: 0 });
    at = end;
  }
  return { entries, cdOffset };
}

/** Local entries must match the directory one for one and sit back to back up to the central directory. */
function checkLocalEntries(buf: Buffer, entries: ZipEntry[], cdOffset: number): void {
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)) {
    const at = entry.localHeaderOffset;
    if (at !== expected || at + 30 > cdOffset || buf.readUInt32LE(at) !== SIG_LOCAL) throw corrupt();
    const flags = buf.readUInt16LE(at + 6);
    const nameLength = buf.readUInt16LE(at + 26);
    const extraLength = buf.readUInt16LE(at + 28);
    const sameName =
      buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 30, at + 30 + nameLength) === entry.name;
    const hasDescriptor = (flags & 0x8) !== 0;
    const sameSizes =
      hasDescriptor ||
      (buf.readUInt32LE(at + 18) === entry.compressedSize &&
        buf.readUInt32LE(at + 22) === entry.uncompressedSize);
    if (!sameName || !sameSizes || buf.readUInt16LE(at + 8) !== entry.method) throw corrupt();
    entry.dataOffset = at + 30 + nameLength + extraLength;
    let next = entry.dataOffset + entry.compressedSize;
    if (hasDescriptor) next += next + 4 <= cdOffset && buf.readUInt32LE(next) === SIG_DESCRIPTOR ? 16 : 12;
    if (next > cdOffset) throw corrupt();
    expected = next;
  }
  if (expected !== cdOffset) throw corrupt();
}

function checkSizes(entries: ZipEntry[], limits: ZipLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) throw corrupt();
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > limits.ratioMinSize && ratio > limits.maxRatio) throw suspicious();
  }
  if (total > limits.maxTotalUncompressed) {
    const mb = Math.round(limits.maxTotalUncompressed / MB);
    throw new SpreadsheetError('spreadsheet.too_large', `文件解压后超过 ${mb} MB，请拆分为多个文件后上传`);
  }
}

/**
 * Structural checks, synchronous and without decompressing. Returns the directory so callers can read small
 * parts (readZipEntry). Throws SpreadsheetError.
 */
export function checkXlsxBuffer(buf: Buffer, limits: Partial<ZipLimits> = {}): ZipEntry[] {
  const lim = { ...DEFAULT_ZIP_LIMITS, ...limits };
  checkMagic(buf);
  const { entries, cdOffset } = readCentralDirectory(buf, lim);
  const names = new Set(entries.map((e) => e.name));
  if (names.size !== entries.length) throw corrupt();
  if (!REQUIRED_PARTS.every((part) => names.has(part))) throw notXlsx();
  checkLocalEntries(buf, entries, cdOffset);
  checkSizes(entries, lim);
  return entries;
}

function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap) {
        inflate.destroy();
        reject(suspicious());
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', () => reject(corrupt()));
    inflate.end(data);
  });
}

/**
 * checkXlsxBuffer plus real decompression of every entry, counting bytes without keeping them, so that an entry
 * whose declared size lies cannot get past the limits. Costs one extra inflate pass (fast next to XML parsing).
 */
export async function verifyXlsxBuffer(buf: Buffer, limits: Partial<ZipLimits> = {}): Promise<ZipEntry[]> {
  const entries = checkXlsxBuffer(buf, limits);
  for (const entry of entries) {
    if (entry.method !== 8) continue;
    const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    await inflatedSize(data, entry.uncompressedSize);
  }
  return entries;
}

/** Decompresses one (small) entry, e.g. xl/workbook.xml. The entry must come from checkXlsxBuffer. */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
  } catch {
    throw corrupt();
  }
}
