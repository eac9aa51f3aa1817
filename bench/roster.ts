// A large, valid member roster as an organ would send it (the template's four required columns), streamed to disk:
// built in memory, 40,000 rows would themselves take seconds and hundreds of MB.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '#contracts/id-number';

export type RosterOptions = {
  /** The first six digits of every ID number (default 110108, a region the demo
   * organs never draw, so a roster imported beside W2 meets none of its people): another prefix, another set of members. */
  region?: string;
  /** A sheet row (the header is row 1) whose ID number gets a wrong check character: a file that must be refused. */
  badRow?: number;
};

export async function bigRoster(
  rows: number,
  branchCode: string,
  options: RosterOptions = {},
): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'ronghe-roster-'));
  try {
    const file = join(dir, 'roster.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('党员名册');
    ws.addRow(['姓名', '身份证号', '人员类别', '所在党组织编码']).commit();
    for (let i = 0; i < rows; i++) {
      // Distinct valid numbers: a birth year per thousand rows, a sequence number within it (valid to 150,000 rows).
      const first17 = `${options.region ?? '110108'}${1950 + Math.floor(i / 1000)}0101${String(i % 1000).padStart(3, '0')}`;
      const check = idNumberCheckChar(first17);
      const idNumber = `${first17}${i + 2 === options.badRow ? (check === '0' ? '1' : '0') : check}`;
      ws.addRow([`压测${i}`, idNumber, '正式党员', branchCode]).commit();
    }
    ws.commit();
    await wb.commit();
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The roster as a multipart body, the way a browser uploads it. */
export function multipartRoster(buf: Buffer): { body: Buffer; contentType: string } {
  const boundary = '----ronghe-roster';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, buf, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
