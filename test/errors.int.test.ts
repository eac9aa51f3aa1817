import { expect, it } from 'vitest';
import { buildTestApp, userWith } from './helpers.ts';

it('answers an unexpected failure with a generic 500 that shows no internals', async () => {
  const t = await buildTestApp();
  const c = await userWith(t, 'victim', []);
  // The database goes away under a running server.
  await t.database.close();
  const res = await c.get('/api/auth/session');
  expect(res.statusCode).toBe(500);
  const body = res.json();
  expect(body.error.code).toBe('common.internal');
  expect(body.error.message).toBe('服务器内部错误，请稍后重试');
  expect(body.error.requestId).toBeTruthy();
  expect(res.body).not.toMatch(/stack|at \w+ \(|\.ts:\d+|Kysely|pglite|pg_|driver/i);
  await t.app.close();
});
