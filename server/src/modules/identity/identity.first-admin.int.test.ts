import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers.ts';
import { inTransaction } from '../../core/context.ts';
import { ensureFirstAdmin } from './index.ts';

// Several app instances may start together on one empty PostgreSQL database (issue 8.3): exactly one of them creates
// the first system administrator and prints its password; the others start normally and print nothing.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

it('creates the first system administrator once when several instances start at the same moment', async () => {
  const outcomes = await Promise.all(
    Array.from({ length: 4 }, () => inTransaction(t.ctx(), (tx) => ensureFirstAdmin(tx))),
  );
  const created = outcomes.filter((o) => o !== null);
  expect(created).toHaveLength(1);
  expect(created[0]?.username).toBe('sysadmin');
  const accounts = await t.database.db.selectFrom('appUser').select('username').execute();
  expect(accounts).toEqual([{ username: 'sysadmin' }]);
});
