import { describe, expect, it } from 'vitest';
import { readSheetRows } from '../../core/spreadsheet/read.ts';
import { writeWorkbook } from '../../core/spreadsheet/write.ts';
import { ensureUtf8SafeWorkbookReader } from './utf8-stream.ts';

const columns = [
  { key: 'name', header: '姓名' },
  { key: 'note', header: '说明文字' },
] as const;

async function namesRead(rows: number, streaming: boolean): Promise<string[]> {
  const records = Array.from({ length: rows }, (_, i) => ({
    name: `批量党员${i}`,
    note: `第${i}行的中文说明`,
  }));
  const buf = await writeWorkbook([{ name: '名册', columns, rows: records }], { streaming });
  const sheet = await readSheetRows(buf, { sheet: '名册', columns });
  const names: string[] = [];
  for await (const row of sheet.rows) names.push(String(row.cells.name));
  return names;
}

describe('UTF-8 safe streaming read', () => {
  it('reads thousands of Chinese cells back without a single replacement character', async () => {
    ensureUtf8SafeWorkbookReader();
    ensureUtf8SafeWorkbookReader(); // idempotent
    for (const streaming of [false, true]) {
      const names = await namesRead(4000, streaming);
      expect(names).toHaveLength(4000);
      expect(names.filter((n) => n.includes('\uFFFD'))).toEqual([]);
      expect(names[3999]).toBe('批量党员3999');
    }
  });
});
