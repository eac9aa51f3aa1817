import { afterAll, beforeAll, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { type BenchServer, percentile, startBenchServer } from '../bench/harness.ts';
import { bigRoster, multipartRoster } from '../bench/roster.ts';
import { writeGateOf } from '../server/src/core/db.ts';
import { createTestDatabase } from './db.ts';
import { insertPartyOrg } from './factories.ts';

// One person's large import must not stall everyone else (issue 6 point 6). A 40,000-row roster is imported over
// real HTTP while another signed-in user asks, every 25 ms, for the health route and a member's record (through
// the session check, so they need the database as well as the event loop). Their latency is held against the
// import's own duration (the absolute p99 ≤ 200 ms is B7 of `npm run bench`, measured on a quiet machine), and the
// importer cannot start a second import meanwhile (409).
//
// On the embedded database the import is published in chunks behind the write gate (ADR 19): while it publishes,
// a read is answered and a write waits for the publication to end — it never lands between two chunks.

const ROWS = 40_000;
let server: BenchServer;
beforeAll(async () => {
  server = await startBenchServer(await createTestDatabase());
});
afterAll(async () => {
  await server.close();
});

const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('keeps other requests fast during a 40,000-row import and refuses a second import by the same person', async () => {
  const db = server.ctx().db;
  const committee = await insertPartyOrg(db, { kind: 'organ_committee', code: 'LT' });
  const branch = await insertPartyOrg(db, { parent: committee, kind: 'branch', code: 'LT-B1' });
  const importer = await server.userWith('bulk', [
    { role: 'organ_committee_officer', partyOrgId: committee.id },
  ]);
  const bystander = await server.userWith('bystander', [
    { role: 'organ_committee_officer', partyOrgId: committee.id },
  ]);
  const created = await bystander.fetch('/api/members', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: '旁观者',
      category: 'full',
      partyOrgId: branch.id,
      idNumber: idNumber('11010119900307451'),
    }),
  });
  expect(created.status).toBe(200);
  const memberId = ((await created.json()) as { id: string }).id;
  const { body, contentType } = multipartRoster(await bigRoster(ROWS, 'LT-B1'));
  const upload = (path: string) =>
    importer.fetch(path, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    });

  const latencies: number[] = [];
  let done = false;
  const started = performance.now();
  const running = upload('/api/members/import').finally(() => {
    done = true;
  });
  // While it runs, a second import by the same person is refused rather than queued.
  await pause(300);
  const second = await upload('/api/members/import/upload');
  expect(second.status).toBe(409);
  expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(/导入正在进行/);

  const gate = writeGateOf(db);
  let write: Promise<{ status: number; gateOpen: boolean }> | null = null;
  let readDuringPublication: boolean | null = null;
  for (let i = 0; !done; i++) {
    const t0 = performance.now();
    const res = await bystander.fetch(i % 2 ? '/api/health' : `/api/members/${memberId}`);
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    expect(res.status).toBe(200);
    if (gate && write === null && gate.state().publishers > 0) {
      // The publication has begun: a write now waits for its end; a read is answered while it goes on.
      write = bystander
        .fetch('/api/members', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: '同时登记',
            category: 'full',
            partyOrgId: branch.id,
            idNumber: idNumber('11010119900307452'),
          }),
        })
        .then((r) => ({ status: r.status, gateOpen: gate.state().publishers === 0 }));
      const read = await bystander.fetch(`/api/members/${memberId}`);
      await read.arrayBuffer();
      readDuringPublication = read.ok && gate.state().publishers > 0;
    }
    await pause(25);
  }
  const result = await running;
  const took = performance.now() - started;
  const outcome = (await result.json()) as { applied?: boolean; created?: number };
  expect(result.status, JSON.stringify(outcome).slice(0, 300)).toBe(200);
  expect(outcome).toMatchObject({ applied: true, created: ROWS });

  if (gate) {
    expect(write, 'the publication was never seen').not.toBeNull();
    expect(readDuringPublication).toBe(true);
    expect(await write).toEqual({ status: 200, gateOpen: true });
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  console.log(
    `import of ${ROWS} rows took ${took.toFixed(0)} ms; ${latencies.length} samples, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
  );
  // Measured against the import itself in the same run, not against a wall-clock figure (a loaded CI machine
  // slows both alike): the bystander got many answers while the import ran, and none waited for a large part of
  // it. An import holding the database (or the embedded database's thread) for seconds fails both.
  expect(latencies.length).toBeGreaterThan(20);
  expect(sorted.at(-1) ?? Number.POSITIVE_INFINITY).toBeLessThan(took / 10);
  expect(p99).toBeLessThan(took / 20);
}, 300_000);
