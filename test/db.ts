import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openEmbeddedDatabase, openServerDatabase } from '../server/src/core/db.ts';
import { migrateToLatest } from '../server/src/core/migrate.ts';
import { TEMPLATE_DB, withDatabase } from './global-postgres.ts';

export type TestDbKind = 'pglite' | 'postgres';
export const testDbKind: TestDbKind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** A fresh, migrated, empty database of the kind this test run is for. */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const name = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
    await admin.end();
    const database = openServerDatabase(withDatabase(adminUrl, name), { max: 4 });
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
  const database = await openEmbeddedDatabase(undefined);
  await migrateToLatest(database.db);
  return database;
}
