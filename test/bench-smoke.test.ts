import { describe, expect, it } from 'vitest';
import { runB3 } from '../bench/b3-api-load.ts';
import { runB7 } from '../bench/b7-responsiveness.ts';

// `npm run bench` is run by hand on a quiet machine; this keeps its harness from rotting between runs: the real
// server on the embedded database, real sessions over HTTP, a real (small) roster import, a small load, report rows.
// Timing targets are never asserted here: `npm test` runs beside other work.
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

  it('runs B3 (and B6 with it) under a short load on a small W1 and reports every row without errors', async () => {
    const lines: string[] = [];
    const { b3, b6 } = await runB3('embedded', (line) => lines.push(line), {
      scale: 0.1,
      seconds: 1,
      connections: 4,
    });
    const figures = b3.map((r) => r.figure).join('\n');
    for (const what of ['党员列表', '组织树', '党员详情', '新增党员'])
      expect(b3.filter((r) => r.figure.startsWith(what))).toHaveLength(2);
    for (const row of [...b3, ...b6]) {
      expect(row.db).toBe('embedded');
      expect(Number.isFinite(row.value) && row.value > 0, `${row.figure}: ${row.value}`).toBe(true);
      expect(Number.isFinite(row.floor) && (row.floor ?? 0) > 0, `${row.figure}: floor ${row.floor}`).toBe(
        true,
      );
    }
    // Every throughput row carries the run's raw figures: nothing failed, the floors ran too.
    const throughput = b3.filter((r) => r.unit === 'req/s');
    expect(throughput).toHaveLength(4);
    for (const row of throughput) {
      expect(row.details, figures).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0, floorFailed: 0 });
      expect(row.details?.requests).toBeGreaterThan(0);
      expect(row.details?.httpFloorRps).toBeGreaterThan(0);
      expect(row.details?.floorStatements).toBeGreaterThan(0);
    }
    expect(b6).toHaveLength(1);
    expect(b6[0]).toMatchObject({ id: 'B6', unit: 'MB' });
    expect(lines.join('\n')).toContain('database floor');
  }, 120_000);
});
