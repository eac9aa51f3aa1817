import { afterAll, describe, expect, it } from 'vitest';
import { runB3 } from '../bench/b3-api-load.ts';
import { runB4 } from '../bench/b4-import.ts';
import { runB6 } from '../bench/b6-memory.ts';
import { shrinkW2, stopBenchPostgres } from '../bench/harness.ts';

// W2's path through the harness (the province loaded once into a template database on a PostgreSQL server, cloned for
// each benchmark, the demo organ's officer signed in inside it), in small: three organs at a twentieth of the size.
afterAll(async () => {
  await stopBenchPostgres();
});

describe('npm run bench at W2, in small, on a PostgreSQL server', () => {
  shrinkW2({ organs: 3, scale: 0.05 });

  it('imports a roster beside the province (B4) and counts only what the import added', async () => {
    const lines: string[] = [];
    const rows = await runB4('server', (line) => lines.push(line), { rows: 200 }, 'W2');
    expect(rows.map((r) => r.scale)).toEqual(['W2', 'W2', 'W2']);
    const [throughput, , bad] = rows;
    expect(throughput?.details?.created).toBe(200);
    // The province's members were there before the import: the bad file leaves their number as it found it.
    expect(bad?.floor).toBeGreaterThan(200);
    expect(bad?.value).toBe(bad?.floor);
    expect(bad?.met).toBe(true);
    expect(lines.join('\n')).toMatch(/W2: 3\/3 个机关已载入/);
  }, 180_000);

  it('loads B3 as the demo organ’s officer in a copy of the same province', async () => {
    const lines: string[] = [];
    const { b3 } = await runB3(
      'server',
      (line) => lines.push(line),
      { scale: 1, seconds: 1, connections: 2 },
      'W2',
    );
    expect(b3).toHaveLength(8);
    for (const row of b3) expect(row.scale).toBe('W2');
    for (const row of b3.filter((r) => r.unit === 'req/s'))
      expect(row.details).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0, floorFailed: 0 });
    // Loaded once: the second benchmark cloned the template instead of loading the province again.
    expect(lines.join('\n')).not.toMatch(/个机关已载入/);
  }, 180_000);

  it('measures a server process of its own over a copy of the province (B6)', async () => {
    const [row] = await runB6('server', () => {}, 'W2', { seconds: 1, connections: 2 });
    expect(row).toMatchObject({ id: 'B6', db: 'server', scale: 'W2', unit: 'MB' });
    expect(row?.details?.requests).toBeGreaterThan(0);
  }, 180_000);
});
