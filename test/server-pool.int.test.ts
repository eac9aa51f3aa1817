// The request pool's session settings on a PostgreSQL server (core/db.ts): UTC like PGlite, and no parallel query
// (short requests run many at once; workers only took cores from the others, ADR 18).
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/core/db.ts';
import { createTestDatabase, testDbKind } from './db.ts';

let database: Database | undefined;
afterAll(async () => {
  await database?.close();
});

describe.skipIf(testDbKind !== 'postgres')('the request pool on a server', () => {
  it('runs every connection in UTC and without parallel workers', async () => {
    database = await createTestDatabase();
    const db = database.db;
    // Several at once, so that more than one connection of the pool answers.
    const answers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const zone = await sql<{ zone: string }>`select current_setting('TimeZone') as zone`.execute(db);
        const workers = await sql<{
          maxParallelWorkersPerGather: string;
        }>`show max_parallel_workers_per_gather`.execute(db);
        return [zone.rows[0]?.zone, workers.rows[0]?.maxParallelWorkersPerGather];
      }),
    );
    for (const answer of answers) expect(answer).toEqual(['UTC', '0']);
  });
});
