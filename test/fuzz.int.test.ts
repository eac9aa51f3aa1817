import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '#contracts/identity';
import { registeredRoutes } from '../server/src/modules/identity/index.ts';
import { buildTestApp, type Client, type TestApp, userWith } from './helpers.ts';
import { buildWorld, type World } from './matrix-world.ts';

// Property-based fuzzing of every API route: whatever JSON body, query string or path parameter a signed-in
// officer sends, the answer is never a 5xx. (Sign-out is left out: it would end the session the fuzzing rides on.)

let t: TestApp;
let w: World;
let officer: Client;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildWorld(t);
  officer = await userWith(t, 'fuzzer', [{ role: 'work_committee_officer', partyOrgId: w.root.id }]);
}, 300_000);
afterAll(async () => {
  await t.close();
});

const junk = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '９９',
    '2019年7月1日',
    'x'.repeat(5000),
  ),
);
const body = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 6 }),
  junk,
  fc.array(junk, { maxLength: 3 }),
);
const query = fc.dictionary(
  fc.constantFrom('page', 'pageSize', 'q', 'partyOrgId', 'status', 'from', 'to', 'includeClosed', 'x'),
  fc.string({ maxLength: 20 }),
  { maxKeys: 4 },
);

it('answers random input on every route without a server error', async () => {
  const routes = registeredRoutes(t.app).filter(
    (r) => !r.url.startsWith('/api/docs') && r.url !== '/api/auth/logout',
  );
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (const route of routes) {
    // Routes the officer may not use refuse before reading the input (403), so they do not reach a handler.
    const permitted =
      route.access.kind !== 'permission' ||
      ROLE_PERMISSIONS.work_committee_officer.includes(route.access.permission);
    await fc
      .assert(
        fc.asyncProperty(
          body,
          query,
          fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constant(w.a.id)),
          async (b, q, id) => {
            const url =
              route.url.replace(/:(id|token)/g, encodeURIComponent(id)) +
              (Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : '');
            const res = await officer.request({
              method: route.method as 'GET',
              url,
              ...(route.method === 'GET'
                ? {}
                : { payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } }),
            });
            if (permitted) statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            else if (res.statusCode !== 403)
              failures.push(
                `${route.method} ${url}: expected 403 before any validation, got ${res.statusCode}`,
              );
            if (res.statusCode >= 500)
              failures.push(
                `${route.method} ${url} ${JSON.stringify(b).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
              );
            return res.statusCode < 500;
          },
        ),
        { numRuns: 15, seed: 2026 },
      )
      .catch(() => {});
  }
  expect(failures).toEqual([]);
  // The fuzzing reached the handlers: most answers are validation or not-found, not a lost session.
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(routes.length * 10);
  expect((statuses.get(401) ?? 0) / total).toBeLessThan(0.05);
  expect((statuses.get(400) ?? 0) + (statuses.get(404) ?? 0)).toBeGreaterThan(total / 2);
}, 600_000);
