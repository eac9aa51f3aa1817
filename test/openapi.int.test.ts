import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp, userWith } from './helpers.ts';

let t: TestApp;
let reader: Client;
beforeAll(async () => {
  t = await buildTestApp();
  // API_DOCS defaults to signed-in: the documentation is for people with an account.
  reader = await userWith(t, 'api-reader', []);
});
afterAll(async () => {
  await t.close();
});

it('publishes an OpenAPI document generated from the route schemas, with a viewer at /api/docs', async () => {
  const doc = await reader.get('/api/docs/json');
  expect(doc.statusCode).toBe(200);
  const spec = doc.json();
  expect(spec.openapi).toMatch(/^3\./);
  expect(Object.keys(spec.paths)).toEqual(
    expect.arrayContaining(['/api/members', '/api/party-orgs/{id}', '/api/auth/login']),
  );
  // Request and response schemas come from the zod contracts.
  const create = spec.paths['/api/members'].post;
  expect(create.requestBody.content['application/json'].schema.properties.idNumber).toBeTruthy();
  expect(create.responses['200']).toBeTruthy();
  // The viewer: its page and its script are served by the app itself (no CDN).
  const viewer = await reader.get('/api/docs/');
  expect(viewer.statusCode).toBe(200);
  expect(viewer.body.toLowerCase()).toContain('swagger');
  const script = await reader.get('/api/docs/static/swagger-ui-bundle.js');
  expect(script.statusCode).toBe(200);
});
