import { afterAll, beforeAll, expect, it } from 'vitest';
import { percentile } from '../bench/harness.ts';
import { bigRoster, multipartRoster } from '../bench/roster.ts';
import { insertPartyOrg } from './factories.ts';
import { buildTestApp, type Client, type TestApp, userWith } from './helpers.ts';

// One person's large import must not stall everyone else (issue 6 point 6). A 40,000-row roster is imported while
// another signed-in user asks /api/health every 25 ms; their requests go through the session look-up, so they need
// the database as well as the event loop. Their latency is held against the import's own duration (the absolute
// p99 ≤ 200 ms is B7 of `npm run bench`, measured on a quiet machine), and the importer cannot start a second import
// meanwhile (409).

const ROWS = 40_000;
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

function upload(client: Client, url: string, buf: Buffer) {
  const { body, contentType } = multipartRoster(buf);
  return client.request({ method: 'POST', url, payload: body, headers: { 'content-type': contentType } });
}

it('keeps other requests fast during a 40,000-row import and refuses a second import by the same person', async () => {
  const committee = await insertPartyOrg(t.database.db, { kind: 'organ_committee', code: 'LT' });
  await insertPartyOrg(t.database.db, { parent: committee, kind: 'branch', code: 'LT-B1' });
  const importer = await userWith(t, 'bulk', [{ role: 'organ_committee_officer', partyOrgId: committee.id }]);
  const bystander = await userWith(t, 'bystander', [
    { role: 'branch_committee_member', partyOrgId: committee.id },
  ]);
  const buf = await bigRoster(ROWS, 'LT-B1');

  const latencies: number[] = [];
  let done = false;
  const started = Date.now();
  const running = upload(importer, '/api/members/import', buf).finally(() => {
    done = true;
  });
  // While it runs, a second import by the same person is refused rather than queued.
  await new Promise((r) => setTimeout(r, 300));
  const second = await upload(importer, '/api/members/import/upload', buf);
  expect(second.statusCode).toBe(409);
  expect(second.json().error.message).toMatch(/导入正在进行/);

  // The bystander reads the member list (the table the import writes) and the health route, in turn.
  while (!done) {
    const t0 = performance.now();
    const res = await bystander.get(latencies.length % 2 ? '/api/health' : '/api/members?pageSize=1');
    latencies.push(performance.now() - t0);
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 25));
  }
  const result = await running;
  const took = Date.now() - started;
  expect(result.statusCode, result.body.slice(0, 300)).toBe(200);
  expect(result.json()).toMatchObject({ applied: true, created: ROWS });

  const sorted = [...latencies].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  console.log(
    `import of ${ROWS} rows took ${took} ms; ${latencies.length} health samples, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
  );
  // Measured against the import itself in the same run, not against a wall-clock figure (a loaded CI machine
  // slows both alike): the bystander got many answers while the import ran, and none waited for a large part of
  // it. An import holding the database for its whole run fails both. Absolute figures belong to `npm run bench`.
  expect(latencies.length).toBeGreaterThan(20);
  expect(sorted.at(-1) ?? Number.POSITIVE_INFINITY).toBeLessThan(took / 5);
  expect(p99).toBeLessThan(took / 10);
}, 300_000);
