import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../server/src/core/db.ts';
import { createTestDatabase } from './db.ts';

// Runs on the embedded database and on a PostgreSQL server: the same query must hand the code the same values.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

it('normalises driver types: counts and numerics as numbers, dates as strings, timestamps as Dates', async () => {
  const r = await sql<{
    n: unknown;
    big: unknown;
    dec: unknown;
    day: unknown;
    at: unknown;
    plain: unknown;
    flag: unknown;
    doc: unknown;
  }>`select count(*) as n, 9007199254740991::int8 as big, 12.50::numeric as dec, '2019-07-01'::date as day,
        '2026-11-22 08:30:00.123+08'::timestamptz as at, '2026-11-22 08:30:00'::timestamp as plain,
        true as flag, '{"b":1,"a":[1,2]}'::jsonb as doc
      from (values (1), (2), (3)) v(x)`.execute(database.db);
  const row = r.rows[0];
  expect(row).toEqual({
    n: 3,
    big: 9007199254740991,
    dec: 12.5,
    day: '2019-07-01',
    at: new Date('2026-11-22T00:30:00.123Z'),
    plain: new Date('2026-11-22T08:30:00.000Z'),
    flag: true,
    doc: { a: [1, 2], b: 1 },
  });
});
