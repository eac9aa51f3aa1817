import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openEmbeddedDatabase, openServerDatabase } from '../server/src/core/db.ts';
import { migrateToLatest } from '../server/src/core/migrate.ts';
import { TEMPLATE_DB, withDatabase } from './global-postgres.ts';

export type TestDbKind = 'pglite' | 'postgres';
export const testDbKind: TestDbKind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated, empty database on the test's PostgreSQL server (a clone of the migrated template): its URL, for
 * processes of their own, and how to drop it. `postgres` project only.
 */
export async function createServerTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** A fresh, migrated, empty database of the kind this test run is for. */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind === 'postgres') {
    const { url, drop } = await createServerTestDatabase();
    const database = openServerDatabase(url, { max: 4 });
    return {
      ...database,
      close: async () => {
        await database.close();
        await drop();
      },
    };
  }
  const database = await openEmbeddedDatabase(undefined);
  await migrateToLatest(database.db);
  return database;
}

/** A fresh database with no migration applied (for tests of the migrations themselves). */
export async function createBlankTestDatabase(): Promise<Database> {
  if (testDbKind === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const name = `b_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const database = openServerDatabase(withDatabase(adminUrl, name), { max: 2 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  return openEmbeddedDatabase(undefined);
}
