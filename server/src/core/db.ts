import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from './config.ts';
import { acquireDataLock, type DataLock } from './data-lock.ts';
import type { DB } from './db-types.ts';
import { createWriteGate, type WriteGate } from './write-gate.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export type Database = {
  db: Kysely<DB>;
  kind: 'embedded' | 'server';
  /** Human-readable location for logs: the data directory or the server URL without its password. */
  location: string;
  close: () => Promise<void>;
};

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

// Both drivers must hand the same JavaScript values to the code above them, otherwise results differ between the
// embedded database and a server: counts (int8) and numeric become numbers, dates stay 'YYYY-MM-DD' strings (pg
// would turn them into a local-midnight Date), timestamps become Date objects.
const toNumber = (v: string) => Number(v);
const keepString = (v: string) => v;
// PostgreSQL prints '2026-11-22 02:53:54.123456+00' (timestamptz) or without offset (timestamp, taken as UTC).
const toDate = (v: string) => {
  const m = /^(\d{4,}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d(?::?\d\d)?(?::?\d\d)?)?$/.exec(v);
  if (!m) return new Date(v);
  const fraction = (m[3] ?? '').slice(0, 4);
  let offset = m[4] ?? 'Z';
  if (offset !== 'Z') {
    const digits = offset.slice(1).replaceAll(':', '');
    offset = `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
  }
  return new Date(`${m[1]}T${m[2]}${fraction}${offset}`);
};

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber,
  [OID.date]: keepString,
  [OID.timestamp]: toDate,
  [OID.timestamptz]: toDate,
};

function pgTypes() {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      const parser = typeParsers[oid];
      if (parser && format !== 'binary') return parser as (v: string) => unknown;
      return pg.types.getTypeParser(oid, format);
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Opens a pg pool on a PostgreSQL server (15 or newer). */
export function openServerDatabase(
  url: string,
  options: { max?: number; onIdleError?: (error: Error) => void } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: pgTypes(),
    // Sessions in UTC, as PGlite's are: timestamps print the same whatever the server's zone (backups compare equal).
    // No parallel query: the pool serves many short requests at once, where workers only take cores from the other
    // requests, and their cost model chose a parallel scan of every organisation over the path index. At W2 the
    // member count of one organ took 29–56 ms with workers and 2–3 ms without; the tree's counts 40 ms and 3.5 ms.
    // A long report that wants workers can SET LOCAL them in its own transaction.
    options: '-c TimeZone=UTC -c max_parallel_workers_per_gather=0',
  });
  // An idle connection that the server drops (restart, failover, an administrator) must not crash the process:
  // the pool discards that client and the next query opens a new one.
  pool.on('error', (error) => options.onIdleError?.(error));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, kind: 'server', location: redactUrl(url), close: () => db.destroy() };
}

// Databases with a single session (the embedded one), each with the gate its chunked work goes through.
const writeGates = new WeakMap<object, WriteGate>();

/**
 * The write gate of a single-session database (core/write-gate.ts), or null for a server, where concurrent sessions
 * let long work run in one transaction beside other requests.
 */
export function writeGateOf(db: Db): WriteGate | null {
  return writeGates.get(db) ?? null;
}

/** Opens an embedded PGlite database; `dataDir` undefined means in memory (tests). */
export async function openEmbeddedDatabase(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<Database> {
  // Options go in the single-object form: PGlite ignores an options object passed after an undefined dataDir.
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: typeParsers,
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), plugins: [new CamelCasePlugin()] });
  writeGates.set(db, createWriteGate());
  return { db, kind: 'embedded', location: dataDir ?? 'memory', close: () => db.destroy() };
}

/**
 * Opens the database the configuration names. The embedded one lives in DATA_DIR/pgdata and is guarded by a lock
 * file: PGlite does not lock its directory, and two processes writing one directory silently lose data.
 */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return openServerDatabase(config.databaseUrl);
  mkdirSync(config.dataDir, { recursive: true });
  const lock: DataLock = acquireDataLock(config.dataDir);
  try {
    const database = await openEmbeddedDatabase(join(config.dataDir, 'pgdata'));
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** A table whose statistics to refresh, with the columns the planner's choices depend on (all when omitted). */
export type StatisticsTarget = string | { table: string; columns: readonly string[] };

/**
 * Refreshes the planner's statistics (ANALYZE) of `tables`, or of the whole database. The embedded database runs no
 * autovacuum: without this, a table that grew from empty keeps its empty-table estimates and the planner picks plans
 * for a handful of rows (nested loops over thousands). One statement per table: on the embedded database each one
 * holds the server's thread while it runs, and naming columns keeps it short (35 ms instead of 240 ms for 43,000
 * members; the row count is refreshed either way).
 */
export async function refreshStatistics(db: Db, tables: readonly StatisticsTarget[] = []): Promise<void> {
  if (tables.length === 0) {
    await sql`analyze`.execute(db);
    return;
  }
  for (const t of tables) {
    if (typeof t === 'string') await sql`analyze ${sql.table(t)}`.execute(db);
    else await sql`analyze ${sql.table(t.table)} (${sql.join(t.columns.map((c) => sql.ref(c)))})`.execute(db);
  }
}
