import { describe, expect, it } from 'vitest';
import { runB1 } from '../bench/b1-recompute.ts';
import { runB2 } from '../bench/b2-incremental.ts';
import { runB3 } from '../bench/b3-api-load.ts';
import { runB4 } from '../bench/b4-import.ts';
import { runB6 } from '../bench/b6-memory.ts';
import { runB7 } from '../bench/b7-responsiveness.ts';

// `npm run bench` is run by hand on a quiet machine; this keeps its harness from rotting between runs: the real
// server on the embedded database, real sessions over HTTP, a real (small) roster import, a small load, report rows.
// Timing targets are never asserted here: `npm test` runs beside other work.
describe('npm run bench, in miniature', () => {
  it('runs B1 on a small W1: the product’s full recompute gives exactly the hand-written SQL’s values', async () => {
    const lines: string[] = [];
    const [row, warnings, ...rest] = await runB1('embedded', (line) => lines.push(line), 'W1', 0.1);
    expect(rest).toEqual([]);
    // Beside it, the fusion index and warnings of every organ evaluated in full.
    expect(warnings).toMatchObject({ id: 'B1', unit: 'ms', floor: null });
    expect(warnings?.details?.organisations).toBeGreaterThan(1);
    expect(row).toMatchObject({ id: 'B1', db: 'embedded', unit: 'ms' });
    expect(row?.details?.compared).toBeGreaterThan(100);
    // Two computations written apart (TypeScript measures, one SQL statement) agree on every value.
    expect(row?.details?.differ).toBe(0);
    expect(row?.floor).toBeGreaterThan(0);
  }, 300_000);

  it('runs B2 on a small W1: each record written is counted in the branch’s scores by the time it answers', async () => {
    const [p95, warnings, p50] = await runB2('embedded', () => {}, 'W1', { samples: 5, w1Scale: 0.1 });
    expect(p95).toMatchObject({ id: 'B2', unit: 'ms' });
    // The branch's mark evaluated by the warnings' job after each write.
    expect(warnings?.details?.p95).toBeGreaterThan(0);
    expect(p95?.notes).toContain('即时反映');
    expect(p50?.value).toBeGreaterThan(0);
  }, 300_000);

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

  it('runs B4 end to end: an import over HTTP beside COPY of the same rows, RSS, and a bad file refused', async () => {
    const lines: string[] = [];
    const rows = await runB4('embedded', (line) => lines.push(line), { rows: 300 });
    expect(rows).toHaveLength(3);
    const [rate, memory, refused] = rows;
    for (const row of rows) expect(row).toMatchObject({ id: 'B4', db: 'embedded' });
    // The import created every row, and COPY wrote as many into member (then rolled back).
    expect(rate?.details).toMatchObject({ rows: 300, created: 300, copied: 300 });
    expect(rate?.value).toBeGreaterThan(0);
    expect(rate?.floor).toBeGreaterThan(0);
    expect(memory?.unit).toBe('MB');
    expect(memory?.value).toBeGreaterThan(0);
    // The file with a bad row changed nothing, and the answer named that row.
    expect(refused).toMatchObject({ value: 300, floor: 300, met: true });
    expect(refused?.details).toMatchObject({ membersAfter: 300, historiesAfter: 300, leftStaged: 0 });
    expect(refused?.notes).toContain('指出第 299 行');
    expect(lines.join('\n')).toContain('COPY 300 rows');
  }, 120_000);

  it('runs B3 under a short load on a small W1 and reports every row without errors', async () => {
    const lines: string[] = [];
    const { b3 } = await runB3('embedded', (line) => lines.push(line), {
      scale: 0.1,
      seconds: 1,
      connections: 4,
    });
    const figures = b3.map((r) => r.figure).join('\n');
    for (const what of ['党员列表', '组织树', '党员详情', '新增党员'])
      expect(b3.filter((r) => r.figure.startsWith(what))).toHaveLength(2);
    for (const row of b3) {
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
    expect(lines.join('\n')).toContain('database floor');
  }, 120_000);

  it('runs B6 on a server process of its own that loads the demo organ at first start', async () => {
    const lines: string[] = [];
    const [row, ...rest] = await runB6('embedded', (line) => lines.push(line), 'W1', {
      seconds: 1,
      connections: 2,
    });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ id: 'B6', db: 'embedded', scale: 'W1', unit: 'MB' });
    // A Node process with the embedded database is tens of megabytes at least; the sampler read /proc, not nothing.
    expect(row?.floor).toBeGreaterThan(50);
    expect(row?.value).toBeGreaterThanOrEqual(row?.floor ?? Number.POSITIVE_INFINITY);
    expect(row?.details?.requests).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/RSS \d+ MB idle, peak \d+ MB/);
  }, 240_000);
});
