import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './core/config.ts';
import { type Database, openDatabase } from './core/db.ts';
import { migrateToLatest } from './core/migrate.ts';
import { loadSecrets, type Secrets } from './core/secrets.ts';

export type Runtime = { config: Config; database: Database; secrets: Secrets };

/** Opens (and on first start creates and migrates) the database the configuration names. */
export async function openRuntime(config: Config): Promise<Runtime> {
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const secrets = loadSecrets({ encryptionKey: config.encryptionKey, dataDir: config.dataDir });
  return { config, database, secrets };
}

export async function startServer(runtime: Runtime): Promise<FastifyInstance> {
  const app = await buildApp({
    config: runtime.config,
    services: { db: runtime.database.db, secrets: runtime.secrets, kind: runtime.database.kind },
  });
  await app.listen({ port: runtime.config.port, host: runtime.config.host });
  return app;
}
