import { describe, expect, it } from 'vitest';
import { runB7 } from '../bench/b7-responsiveness.ts';

// `npm run bench` is run by hand on a quiet machine; this keeps its harness from rotting between runs: the real
// server on the embedded database, real sessions over HTTP, a real (small) roster import, a report row.
describe('npm run bench, in miniature', () => {
  it('runs B7 end to end and reports a figure beside its floor', async () => {
    const lines: string[] = [];
    const [row, ...rest] = await runB7('embedded', (line) => lines.push(line), {
      rows: 300,
      idleSamples: 20,
    });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ id: 'B7', db: 'embedded', unit: 'ms' });
    expect(row?.value).toBeGreaterThan(0);
    expect(row?.floor).toBeGreaterThan(0);
    expect(row?.notes).toContain('导入 300 行');
    expect(lines.join('\n')).toContain('p99');
  }, 120_000);
});
