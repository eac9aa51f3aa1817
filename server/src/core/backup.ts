import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';

// A logical backup: every application table as JSON rows produced by PostgreSQL itself (row_to_json keeps full
// timestamp precision and exact numerics), restored with json_populate_recordset. The same file restores into the
// embedded database or a server.

const FORMAT = 'ronghe-backup';
const FORMAT_VERSION = 1;
const PAGE = 2000;
const MIGRATION_TABLES = new Set(['schema_migration', 'schema_migration_lock']);

type TableInfo = { name: string; orderBy: string[] };
export type BackupHeader = {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
};
export type Progress = (table: string, done: number, total: number) => void;

// biome-ignore lint/suspicious/noExplicitAny: backup works on any schema, below the typed layer
type AnyDb = Kysely<any>;

/** Application tables in an order where every table comes after the tables its foreign keys point to. */
export async function listTables(db: AnyDb): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const fks = await sql<{ child: string; parent: string; deferrable: boolean }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent, c.condeferrable as deferrable
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`.execute(db);
  const pks = await sql<{ table: string; column: string; pos: number }>`
    select kcu.table_name as "table", kcu.column_name as "column", kcu.ordinal_position as pos
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
    order by kcu.table_name, kcu.ordinal_position`.execute(db);
  const pathTables = await sql<{ table: string }>`
    select table_name as "table" from information_schema.columns
    where table_schema = 'public' and column_name = 'path'`.execute(db);
  const hasPath = new Set(pathTables.rows.map((r) => r.table));

  const names = tables.rows.map((t) => t.name).filter((n) => !MIGRATION_TABLES.has(n));
  // Deferrable keys are checked at commit, so they do not constrain the order (they break the unit ↔ party_org cycle).
  const deps = new Map(names.map((n) => [n, new Set<string>()]));
  for (const fk of fks.rows) {
    if (fk.child !== fk.parent && !fk.deferrable) deps.get(fk.child)?.add(fk.parent);
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (n: string) => {
    if (ordered.includes(n)) return;
    if (visiting.has(n)) throw new Error(`foreign key cycle through ${n}`);
    visiting.add(n);
    for (const d of deps.get(n) ?? []) if (deps.has(d)) visit(d);
    visiting.delete(n);
    ordered.push(n);
  };
  for (const n of names) visit(n);
  return ordered.map((name) => {
    const pk = pks.rows.filter((r) => r.table === name).map((r) => r.column);
    // Parents before children in self-referencing trees, so batches never point forward.
    return { name, orderBy: hasPath.has(name) ? ['path', ...pk] : pk };
  });
}

async function appliedMigrations(db: AnyDb): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from schema_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function* tableRows(db: AnyDb, t: TableInfo): AsyncGenerator<string> {
  const order = sql.join(t.orderBy.map((c) => sql.ref(c)));
  for (let offset = 0; ; offset += PAGE) {
    const r = await sql<{ j: string }>`
      select row_to_json(x)::text as j from (select * from ${sql.table(t.name)} order by ${order} limit ${PAGE} offset ${offset}) x`.execute(
      db,
    );
    for (const row of r.rows) yield row.j;
    if (r.rows.length < PAGE) return;
  }
}

/** Writes a gzip'd JSON-lines backup of every application table; returns its header. */
export async function writeBackup(db: AnyDb, file: string, onProgress?: Progress): Promise<BackupHeader> {
  const tables = await listTables(db);
  const counts = await Promise.all(tables.map((t) => countRows(db, t.name)));
  const header: BackupHeader = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    migrations: await appliedMigrations(db),
    tables: tables.map((t, i) => ({ name: t.name, rows: counts[i] ?? 0 })),
  };
  async function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const [i, t] of tables.entries()) {
      yield `${JSON.stringify({ table: t.name, rows: counts[i] })}\n`;
      let done = 0;
      for await (const j of tableRows(db, t)) {
        yield `${j}\n`;
        if (++done % PAGE === 0) onProgress?.(t.name, done, counts[i] ?? 0);
      }
      onProgress?.(t.name, done, counts[i] ?? 0);
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return header;
}

export class BackupError extends Error {}

/**
 * Restores a backup into an empty, migrated database in one transaction: either everything is restored or
 * nothing is. Identity sequences continue after the restored rows.
 */
export async function restoreBackup(db: AnyDb, file: string, onProgress?: Progress): Promise<BackupHeader> {
  const input = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  let header: BackupHeader;
  try {
    header = JSON.parse(String(first.value ?? ''));
  } catch {
    throw new BackupError('不是有效的备份文件 (not a Ronghe backup file)');
  }
  if (header.format !== FORMAT || header.formatVersion !== FORMAT_VERSION) {
    throw new BackupError('不是有效的备份文件 (not a Ronghe backup file)');
  }
  const here = await appliedMigrations(db);
  if (header.migrations.some((m) => !here.includes(m))) {
    throw new BackupError('备份来自更新的版本，请先升级程序 (the backup comes from a newer version)');
  }
  const tables = await listTables(db);
  for (const t of tables) {
    if ((await countRows(db, t.name)) > 0) {
      throw new BackupError(`目标数据库不是空的（表 ${t.name} 有数据）。请恢复到新的数据目录或空数据库。`);
    }
  }
  const known = new Set(tables.map((t) => t.name));
  await db.transaction().execute(async (trx) => {
    await sql`set constraints all deferred`.execute(trx);
    let table: string | null = null;
    let total = 0;
    let batch: string[] = [];
    let done = 0;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const json = `[${batch.join(',')}]`;
      await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(
        trx,
      );
      done += batch.length;
      batch = [];
      onProgress?.(table, done, total);
    };
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const line = String(next.value);
      if (!line) continue;
      if (line.startsWith('{"table":')) {
        await flush();
        const marker = JSON.parse(line) as { table: string; rows: number };
        if (!known.has(marker.table)) throw new BackupError(`备份中有未知的表 ${marker.table}`);
        table = marker.table;
        total = marker.rows;
        done = 0;
        continue;
      }
      batch.push(line);
      if (batch.length >= PAGE) await flush();
    }
    await flush();
    const identities = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = 'public' and is_identity = 'YES'`.execute(trx);
    for (const c of identities.rows) {
      if (MIGRATION_TABLES.has(c.table)) continue;
      await sql`select setval(pg_get_serial_sequence(${c.table}, ${c.column}),
        coalesce((select max(${sql.ref(c.column)}) from ${sql.table(c.table)}), 0) + 1, false)`.execute(trx);
    }
  });
  return header;
}
