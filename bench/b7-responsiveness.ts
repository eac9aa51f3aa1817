// B7 (BENCHMARKS.md): p99 of light requests — the health route and a member's record, through the session check —
// while a 40,000-row roster import runs in the same server, beside the same requests' p99 with the server idle.
// Issue 6 point 6: one person's import must not stall everyone else.
import { idNumberCheckChar } from '#contracts/id-number';
import { insertPartyOrg } from '../test/factories.ts';
import {
  type BenchResult,
  type DbKind,
  openBenchDatabase,
  percentile,
  type Scale,
  startBenchServer,
} from './harness.ts';
import { bigRoster, multipartRoster } from './roster.ts';

const ROWS = 40_000;
const IDLE_SAMPLES = 300;
const PAUSE_MS = 25;

const BYSTANDER_ID = `11010119900307451${idNumberCheckChar('11010119900307451')}`;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `size` shrinks the run for the smoke test in `npm test`; the benchmark itself uses the sizes of BENCHMARKS.md. */
export async function runB7(
  db: DbKind,
  log: (line: string) => void,
  size: { rows: number; idleSamples: number } = { rows: ROWS, idleSamples: IDLE_SAMPLES },
  scale: Scale = 'W1',
): Promise<BenchResult[]> {
  const { rows, idleSamples } = size;
  const server = await startBenchServer(await openBenchDatabase(db, scale, log));
  try {
    const database = server.ctx().db;
    const committee = await insertPartyOrg(database, { kind: 'organ_committee', code: 'B7' });
    const b1 = await insertPartyOrg(database, { parent: committee, kind: 'branch', code: 'B7-1' });
    const importer = await server.userWith('b7-importer', [
      { role: 'organ_committee_officer', partyOrgId: committee.id },
    ]);
    const bystander = await server.userWith('b7-bystander', [
      { role: 'branch_committee_member', partyOrgId: committee.id },
    ]);
    const created = await importer.fetch('/api/members', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '旁观者', category: 'full', partyOrgId: b1.id, idNumber: BYSTANDER_ID }),
    });
    if (!created.ok) throw new Error(`B7 setup: ${created.status} ${await created.text()}`);
    const memberId = ((await created.json()) as { id: string }).id;

    const light = async (i: number) => {
      const t0 = performance.now();
      const res = await bystander.fetch(i % 2 ? '/api/health' : `/api/members/${memberId}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`B7: a light request answered ${res.status}`);
      return performance.now() - t0;
    };

    const idle: number[] = [];
    for (let i = 0; i < idleSamples; i++) {
      idle.push(await light(i));
      await pause(PAUSE_MS);
    }
    log(`B7 ${db}: 生成 ${rows} 行名册 …`);
    const { body, contentType } = multipartRoster(await bigRoster(rows, 'B7-1'));
    const busy: number[] = [];
    let done = false;
    const started = performance.now();
    const running = importer
      .fetch('/api/members/import', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(body),
      })
      .finally(() => {
        done = true;
      });
    for (let i = 0; !done; i++) {
      busy.push(await light(i));
      await pause(PAUSE_MS);
    }
    const result = await running;
    const took = performance.now() - started;
    const outcome = (await result.json()) as { applied?: boolean; created?: number };
    if (!result.ok || outcome.created !== rows)
      throw new Error(`B7: the import did not apply: ${JSON.stringify(outcome)}`);

    const idleP99 = percentile(
      [...idle].sort((a, b) => a - b),
      99,
    );
    const busyP99 = percentile(
      [...busy].sort((a, b) => a - b),
      99,
    );
    const notes = `导入 ${rows} 行用时 ${(took / 1000).toFixed(1)} s，期间 ${busy.length} 次请求；空闲 ${idle.length} 次`;
    log(`B7 ${db}: p99 ${busyP99.toFixed(1)} ms during the import, ${idleP99.toFixed(1)} ms idle; ${notes}`);
    return [
      {
        id: 'B7',
        scale,
        db,
        figure: `导入 ${rows} 行期间轻量请求 p99`,
        value: busyP99,
        unit: 'ms',
        floorName: '同一轮空闲时的 p99',
        floor: idleP99,
        target: 'p99 ≤ 200 ms，且 ≤ 空闲 p99 的 4 倍',
        met: busyP99 <= 200 && busyP99 <= 4 * idleP99,
        notes,
      },
    ];
  } finally {
    await server.close();
  }
}
