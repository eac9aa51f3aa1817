import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SpreadsheetError } from './errors.ts';
import { buildZip, extractZip, MINIMAL_PARTS } from './zip-fixtures.ts';
import { checkXlsxBuffer, readZipEntry, verifyXlsxBuffer } from './zip-guard.ts';

async function realWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('名单').addRow(['姓名', '编号']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpreadsheetError) return error.code;
    throw error;
  }
  return 'no error';
}

async function asyncCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpreadsheetError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('checkXlsxBuffer', () => {
  it('accepts a workbook written by exceljs and lists its parts', async () => {
    const buf = await realWorkbook();
    const entries = checkXlsxBuffer(buf);
    const names = entries.map((e) => e.name);
    expect(names).toContain('xl/workbook.xml');
    expect(names).toContain('xl/worksheets/sheet1.xml');
    const workbookXml = entries.find((e) => e.name === 'xl/workbook.xml');
    expect(workbookXml && readZipEntry(buf, workbookXml).toString('utf8')).toContain('名单');
  });

  it('accepts a workbook written by the streaming writer (data descriptors)', async () => {
    const chunks: Buffer[] = [];
    const { Writable } = await import('node:stream');
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        chunks.push(chunk);
        done();
      },
    });
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink });
    wb.addWorksheet('a').addRow(['x']).commit();
    await wb.commit();
    expect(checkXlsxBuffer(Buffer.concat(chunks)).length).toBeGreaterThan(3);
  });

  it('accepts the same parts re-zipped by another writer, in another order', async () => {
    const parts = extractZip(await realWorkbook()).reverse();
    expect(() => checkXlsxBuffer(buildZip(parts))).not.toThrow();
  });

  it('refuses bytes that are not a zip, with a Chinese message', () => {
    const error = (() => {
      try {
        checkXlsxBuffer(Buffer.from('name,code\n张三,0012\n'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpreadsheetError);
    expect((error as SpreadsheetError).code).toBe('spreadsheet.not_xlsx');
    expect((error as SpreadsheetError).message).toBe(
      '文件不是有效的 Excel (.xlsx) 文件，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传',
    );
    expect(codeOf(() => checkXlsxBuffer(Buffer.alloc(0)))).toBe('spreadsheet.not_xlsx');
  });

  it('refuses an old .xls by its OLE magic', () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect(() => checkXlsxBuffer(xls)).toThrow('不支持旧版 .xls，请另存为 .xlsx 后上传');
    expect(codeOf(() => checkXlsxBuffer(xls))).toBe('spreadsheet.xls_unsupported');
  });

  it('tells a password-protected workbook apart from an old .xls', () => {
    const encrypted = Buffer.concat([
      Buffer.from('d0cf11e0a1b11ae1', 'hex'),
      Buffer.alloc(200),
      Buffer.from('EncryptedPackage', 'utf16le'),
    ]);
    expect(codeOf(() => checkXlsxBuffer(encrypted))).toBe('spreadsheet.encrypted');
  });

  it('refuses a zip that is not a workbook', () => {
    const docx = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<document/>') },
    ]);
    expect(codeOf(() => checkXlsxBuffer(docx))).toBe('spreadsheet.not_xlsx');
    const noContentTypes = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]);
    expect(codeOf(() => checkXlsxBuffer(noContentTypes))).toBe('spreadsheet.not_xlsx');
  });

  it('refuses a truncated file', async () => {
    const buf = await realWorkbook();
    expect(codeOf(() => checkXlsxBuffer(buf.subarray(0, buf.length - 40)))).toBe('spreadsheet.corrupt');
  });

  it('refuses an entry whose compression ratio is above 100:1', () => {
    const bomb = buildZip([
      ...MINIMAL_PARTS,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5_000_000, 0) }, // 5 MB of zeros: ratio ~1000:1
    ]);
    expect(codeOf(() => checkXlsxBuffer(bomb))).toBe('spreadsheet.suspicious_compression');
    // Small highly compressible parts (most XML) are fine.
    const small = buildZip([...MINIMAL_PARTS, { name: 'xl/styles.xml', data: Buffer.alloc(900_000, 0) }]);
    expect(codeOf(() => checkXlsxBuffer(small))).toBe('no error');
  });

  it('refuses a hand-crafted central directory claiming a huge size for few bytes', () => {
    const crafted = buildZip([
      ...MINIMAL_PARTS,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), declaredSize: 900_000_000 },
    ]);
    expect(codeOf(() => checkXlsxBuffer(crafted))).toBe('spreadsheet.suspicious_compression');
    const stored = buildZip([
      ...MINIMAL_PARTS,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(1000), method: 0, declaredSize: 5_000 },
    ]);
    expect(codeOf(() => checkXlsxBuffer(stored))).toBe('spreadsheet.corrupt');
  });

  it('refuses a total uncompressed size above the limit', () => {
    const many = buildZip([
      ...MINIMAL_PARTS,
      ...Array.from({ length: 210 }, (_, i) => ({
        name: `xl/media/image${i}.bin`,
        data: Buffer.alloc(10_000, i % 251),
        declaredSize: 1_000_000, // each under the ratio check's size floor, together above 200 MB
      })),
    ]);
    expect(codeOf(() => checkXlsxBuffer(many))).toBe('spreadsheet.too_large');
    expect(codeOf(() => checkXlsxBuffer(many, { maxTotalUncompressed: 300_000_000 }))).toBe('no error');
  });

  it('refuses more than 10,000 entries', () => {
    const tiny = Buffer.from('x');
    const crowded = buildZip([
      ...MINIMAL_PARTS,
      ...Array.from({ length: 9_999 }, (_, i) => ({ name: `p/${i}`, data: tiny, method: 0 as const })),
    ]);
    expect(codeOf(() => checkXlsxBuffer(crowded))).toBe('spreadsheet.too_many_entries');
  });

  it('refuses bytes hidden between entries, which a sequential unzipper would read', () => {
    const parts = MINIMAL_PARTS.map((p, i) => (i === 0 ? { ...p, gapAfter: 64 } : p));
    expect(codeOf(() => checkXlsxBuffer(buildZip(parts)))).toBe('spreadsheet.corrupt');
  });

  it('refuses ZIP64 archives', async () => {
    const buf = Buffer.from(await realWorkbook());
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    buf.writeUInt16LE(0xffff, eocd + 10);
    expect(codeOf(() => checkXlsxBuffer(buf))).toBe('spreadsheet.zip64_unsupported');
  });
});

describe('verifyXlsxBuffer', () => {
  it('passes a real workbook', async () => {
    expect((await verifyXlsxBuffer(await realWorkbook())).length).toBeGreaterThan(3);
  });

  it('catches an entry that inflates beyond its declared size', async () => {
    const liar = buildZip([
      ...MINIMAL_PARTS,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(3_000_000, 0), declaredSize: 900_000 },
    ]);
    // The directory alone looks harmless: 900 KB is under the ratio check's floor.
    expect(codeOf(() => checkXlsxBuffer(liar))).toBe('no error');
    expect(await asyncCodeOf(verifyXlsxBuffer(liar))).toBe('spreadsheet.suspicious_compression');
  });

  it('catches a damaged deflate stream', async () => {
    const parts = buildZip(MINIMAL_PARTS);
    const garbage = deflateRawSync(Buffer.from('<workbook/>'));
    const entryStart = parts.indexOf(garbage);
    expect(entryStart).toBeGreaterThan(0);
    const broken = Buffer.from(parts);
    broken.fill(0xff, entryStart, entryStart + garbage.length);
    expect(await asyncCodeOf(verifyXlsxBuffer(broken))).toMatch(
      /spreadsheet\.(corrupt|suspicious_compression)/,
    );
  });
});
