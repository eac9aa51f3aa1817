import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { z } from 'zod';
import { dateBetween, type Hint } from './fuzz-inputs.ts';

// The files of branch work in the fuzz test (test/fuzz.int.test.ts): the years the ledger is asked for (mostly
// this year and last, when the run's records were held), and the rows of the 三会一课 import — meetings of the fuzz
// branches last year, everyone on the day's roster present ("缺席人员：无"), so that no name has to survive the
// run's transfers to be valid.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const LEDGER_URL = /^\/api\/branch\/ledger\b/;
export const isRecordsImportUrl = (url: string) => url === '/api/branch/records/import';

/** Values of the ledger routes the schema alone would rarely make meet the world. */
export function branchFilesHint(url: string): Hint {
  return (key: string, _schema: z.ZodType) => {
    if (LEDGER_URL.test(url) && key === 'year')
      return fc.oneof(
        { arbitrary: fc.constantFrom(YEAR, YEAR - 1), weight: 4 },
        { arbitrary: fc.integer({ min: 2000, max: 2099 }), weight: 1 },
      );
    return undefined;
  };
}

type ImportRow = { kind: string; day: string; org: string; topic: number };
const importRowArb: fc.Arbitrary<ImportRow> = fc.record({
  kind: fc.constantFrom('支委会', '支部党员大会', '党课', '主题党日', '组织生活会'),
  day: dateBetween(YEAR - 1, YEAR - 1),
  org: fc.constantFrom('F-A', 'F-B'),
  topic: fc.nat(),
});

export function recordsRowsArb(url: string): fc.Arbitrary<unknown[]> | undefined {
  return isRecordsImportUrl(url) ? fc.array(importRowArb, { minLength: 1, maxLength: 3 }) : undefined;
}

/**
 * A 三会一课 workbook in the template's headers. The branches by the code they have now: a PATCH earlier in the run
 * may have given F-A another (`codeNow`).
 */
export async function recordsUpload(rows: unknown[], codeNow: (code: string) => string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('三会一课');
  ws.addRow(['类型', '日期', '党组织', '主题', '缺席人员']);
  for (const r of rows as ImportRow[]) ws.addRow([r.kind, r.day, codeNow(r.org), `历史会议${r.topic}`, '无']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
