// B4's floor: PostgreSQL's own COPY of the same rows, on either database. Kysely keeps its driver private, so each
// opener returns the migrated database together with a way to run COPY on it.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openServerDatabase } from '../server/src/core/db.ts';
import { newServerDatabase, openBenchDatabase, type Scale } from './harness.ts';

export type CopyOutcome = { rows: number; ms: number; counted: number };

/** A migrated database of `kind`, and a way to run `COPY <table> (<columns>) FROM …` on it with `data` (COPY text). */
export type CopyableDatabase = {
  database: Database;
  /**
   * Runs `COPY <target> FROM …` with `data` inside a transaction, then `count` (a statement answering n) in it,
   * and rolls it back: the rows COPY reported, the milliseconds of the COPY statement alone, what `count` said.
   */
  copyRolledBack: (target: string, data: Buffer, count: string) => Promise<CopyOutcome>;
  /**
   * Bytes the database itself holds in this process: PGlite's WebAssembly memory and the files of its in-memory
   * file system (tables, indexes, WAL); 0 on a server, whose processes are its own.
   */
  databaseBytes: () => number;
};

/**
 * The embedded database exactly as the harness opens it (the product's openEmbeddedDatabase, write gate included),
 * with its PGlite instance caught on the way: Kysely keeps it private, and COPY needs PGlite's own `blob` option
 * (`COPY … FROM '/dev/blob'`, PGlite's stand-in for FROM STDIN). PGlite.create is wrapped only while it opens.
 */
export async function openEmbeddedWithCopy(): Promise<CopyableDatabase> {
  const create = PGlite.create;
  let caught: PGlite | undefined;
  const wrapped = async (...args: unknown[]) => {
    const instance = (await (create as (...a: unknown[]) => Promise<PGlite>).apply(PGlite, args)) as PGlite;
    caught = instance;
    return instance;
  };
  PGlite.create = wrapped as typeof PGlite.create;
  let database: Database;
  try {
    database = await openBenchDatabase('embedded');
  } finally {
    PGlite.create = create;
  }
  const pglite = caught;
  if (!pglite) throw new Error('B4: the embedded database was not opened through PGlite.create');
  type Fs = {
    readdir(path: string): string[];
    stat(path: string): { mode: number; size: number };
    isDir(mode: number): boolean;
    isFile(mode: number): boolean;
  };
  const mod = (pglite as unknown as { mod?: { HEAPU8?: Uint8Array; FS?: Fs } }).mod;
  const filesUnder = (fs: Fs, path: string): number => {
    let bytes = 0;
    for (const name of fs.readdir(path)) {
      if (name === '.' || name === '..') continue;
      const stat = fs.stat(`${path}/${name}`);
      if (fs.isDir(stat.mode)) bytes += filesUnder(fs, `${path}/${name}`);
      else if (fs.isFile(stat.mode)) bytes += stat.size;
    }
    return bytes;
  };
  const databaseBytes = () =>
    (mod?.HEAPU8?.byteLength ?? 0) + (mod?.FS ? filesUnder(mod.FS, '/pglite/data') : 0);
  return {
    database,
    copyRolledBack: async (target, data, count) => {
      // Buffer.from(string) never allocates a SharedArrayBuffer.
      const blob = new Blob([data as Uint8Array<ArrayBuffer>]);
      let outcome: CopyOutcome = { rows: 0, ms: Number.NaN, counted: -1 };
      await pglite.transaction(async (tx) => {
        const started = performance.now();
        const result = await tx.query(`copy ${target} from '/dev/blob'`, [], { blob });
        const ms = performance.now() - started;
        const counted = (await tx.query<{ n: number }>(count)).rows[0]?.n ?? -1;
        outcome = { rows: result.affectedRows ?? 0, ms, counted };
        await tx.rollback();
      });
      return outcome;
    },
    databaseBytes,
  };
}

/**
 * COPY … FROM STDIN through pg, which has no COPY API of its own: the few protocol steps of pg-copy-streams that
 * this needs (send the statement; on CopyInResponse send the data and CopyDone; the row count comes back in
 * CommandComplete), as a pg "submittable", so that the floor goes through the same driver as the product.
 */
export function copyFromStdin(client: pg.Client, statement: string, data: Buffer): Promise<number> {
  type Conn = { query(text: string): void; sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void };
  return new Promise((resolve, reject) => {
    let rows = 0;
    const noop = () => {};
    const submittable = {
      submit: (connection: Conn) => connection.query(statement),
      handleCopyInResponse: (connection: Conn) => {
        const CHUNK = 64 * 1024;
        for (let i = 0; i < data.length; i += CHUNK)
          connection.sendCopyFromChunk(data.subarray(i, i + CHUNK));
        connection.endCopyFrom();
      },
      handleCommandComplete: (msg: { text: string }) => {
        rows = Number(msg.text.split(' ')[1]);
      },
      handleReadyForQuery: () => resolve(rows),
      // pg forgets the query before an error reaches it, so ReadyForQuery will not: settle here.
      handleError: (error: Error) => reject(error),
      handleRowDescription: noop,
      handleDataRow: noop,
      handleEmptyQuery: noop,
      handlePortalSuspended: noop,
      handleCopyData: noop,
    };
    client.query(submittable as unknown as pg.Submittable);
  });
}

/**
 * A new database on the run's PostgreSQL server (empty, or a copy of W2), as openBenchDatabase opens one, opened here
 * because the floor needs its URL for a pg client of its own (the pool inside Kysely is private).
 */
export async function openServerWithCopy(
  scale: Scale = 'W1',
  log?: (line: string) => void,
): Promise<CopyableDatabase> {
  const { url, drop } = await newServerDatabase(scale, log);
  const database = openServerDatabase(url, { max: 10 });
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  return {
    database: {
      ...database,
      close: async () => {
        await client.end();
        await database.close();
        await drop();
      },
    },
    copyRolledBack: async (target, data, count) => {
      await client.query('begin');
      try {
        const started = performance.now();
        const rows = await copyFromStdin(client, `copy ${target} from stdin`, data);
        const ms = performance.now() - started;
        const counted = (await client.query<{ n: number }>(count)).rows[0]?.n ?? -1;
        return { rows, ms, counted };
      } finally {
        await client.query('rollback');
      }
    },
    databaseBytes: () => 0,
  };
}

/** A value as COPY's text format reads it (PostgreSQL's own text output, or null). */
export const copyField = (v: string | null) =>
  v === null
    ? '\\N'
    : v.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      );
