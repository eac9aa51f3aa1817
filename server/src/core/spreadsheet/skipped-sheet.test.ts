import { expect, it } from 'vitest';
import { readWorkbook } from './read.ts';
import { writeWorkbook } from './write.ts';

// Regression: skipping a sheet destroyed its temp-file stream, which now and then emitted ENOENT with no listener
// — an uncaught exception that would take the server down (seen in about 7% of reads of a workbook with a 说明 sheet).
it('reads a workbook with sheets it skips, many times, without an uncaught error', async () => {
  const buf = await writeWorkbook([
    { name: '说明', columns: [{ key: 'a', header: '说明' }], rows: [{ a: '请按模板填写' }] },
    { name: '名册', columns: [{ key: 'name', header: '姓名' }], rows: [{ name: '张三' }, { name: '李四' }] },
    { name: '附表', columns: [{ key: 'x', header: '备注' }], rows: [{ x: '无' }] },
  ]);
  let uncaught = 0;
  const count = () => {
    uncaught++;
  };
  process.on('uncaughtException', count);
  try {
    for (let i = 0; i < 150; i++) {
      const read = await readWorkbook(buf, {
        roster: { sheet: '名册', columns: [{ key: 'name', header: '姓名' }] },
      });
      expect(read.roster?.rows.map((r) => r.cells.name)).toEqual(['张三', '李四']);
    }
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    process.off('uncaughtException', count);
  }
  expect(uncaught).toBe(0);
}, 120_000);
