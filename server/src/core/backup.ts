import { closeSync, createReadStream, createWriteStream, fchmodSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { KeyFingerprints } from './secrets.ts';

// A logical backup: every application table as JSON rows produced by PostgreSQL itself (row_to_json keeps full
// timestamp precision and exact numerics), read in one repeatable-read snapshot with keyset paging, restored with
// json_populate_recordset. The same file restores into the embedded database or a server. The header carries the
// fingerprints of the keys (encryption, audit): a restore under other keys would leave data nobody can read.

const FORMAT = 'ronghe-backup';
/** 1: before key fingerprints (still restored: its ciphers are checked by decrypting a sample). */
const FORMAT_VERSION = 2;
const READABLE_VERSIONS = new Set([1, 2]);
const PAGE = 2000;
/**
 * Rows of a table that holds files (a bytea column: attachments, evidence) are read a few at a time: a file of 20 MB
 * is 40 MB of hex in its JSON line, and 2,000 of them in one page would not fit in memory. Restores likewise write a
 * batch once it holds RESTORE_BATCH_CHARS of text, whatever its row count.
 */
const FILE_PAGE = 4;
const RESTORE_BATCH_CHARS = 32 * 1024 * 1024;
const MIGRATION_TABLES = new Set(['schema_migration', 'schema_migration_lock']);
/**
 * Never carried into a restored system: everyone signs in again; files kept for the mapping step and error reports
 * (30 minutes) and the claims of running imports are transient too. The registries of numbers and codes (ADR 20)
 * are derived: their triggers write them again as members, organisations and departments are restored.
 */
const NOT_BACKED_UP = new Set(['user_session', 'transfer_file', 'import_run', 'member_identity', 'org_code']);

type TableInfo = { name: string; orderBy: string[]; page?: number };
export type BackupHeader = {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  migrations: string[];
  /** Absent in format 1. */
  keys?: KeyFingerprints;
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
  const fileTables = await sql<{ table: string }>`
    select distinct table_name as "table" from information_schema.columns
    where table_schema = 'public' and data_type = 'bytea'`.execute(db);
  const holdsFiles = new Set(fileTables.rows.map((r) => r.table));

  // Sorted here, not by the database: collations and catalogue order differ between the embedded database and a
  // server, and two backups of the same data must be the same file.
  const names = tables.rows
    .map((t) => t.name)
    .filter((n) => !MIGRATION_TABLES.has(n))
    .sort();
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
    for (const d of [...(deps.get(n) ?? [])].sort()) if (deps.has(d)) visit(d);
    visiting.delete(n);
    ordered.push(n);
  };
  for (const n of names) visit(n);
  return ordered.map((name) => {
    const pk = pks.rows.filter((r) => r.table === name).map((r) => r.column);
    // Parents before children in self-referencing trees, so batches never point forward.
    return {
      name,
      orderBy: hasPath.has(name) ? ['path', ...pk] : pk,
      ...(holdsFiles.has(name) ? { page: FILE_PAGE } : {}),
    };
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

/**
 * The rows of one table in key order, a page at a time, each page starting after the last key of the one before
 * (keyset paging: no OFFSET, so a page costs the same at the end of a large table as at its start). Keys travel as
 * text and are compared as the columns' own types.
 */
export async function* tableRows(db: AnyDb, t: TableInfo, page = t.page ?? PAGE): AsyncGenerator<string> {
  if (t.orderBy.length === 0) throw new Error(`table ${t.name} has no primary key: it cannot be paged`);
  const cols = sql.join(t.orderBy.map((c) => sql.ref(c)));
  const outer = sql.join(t.orderBy.map((c) => sql.ref(`x.${c}`)));
  const keys = sql.join(t.orderBy.map((c) => sql`${sql.ref(`x.${c}`)}::text`));
  let after: string[] | null = null;
  for (;;) {
    const from: string[] | null = after;
    const where: RawBuilder<unknown> = from
      ? sql`where (${cols}) > (${sql.join(from.map((v) => sql`${v}`))})`
      : sql``;
    const r: { rows: { j: string; k: string[] }[] } = await sql<{ j: string; k: string[] }>`
      select row_to_json(x)::text as j, array[${keys}] as k
      from (select * from ${sql.table(t.name)} ${where} order by ${cols} limit ${page}) x
      order by ${outer}`.execute(db);
    for (const row of r.rows) yield row.j;
    if (r.rows.length < page) return;
    after = r.rows[r.rows.length - 1]?.k ?? null;
  }
}

export type BackupOptions = { keys: KeyFingerprints; onProgress?: Progress };

/**
 * Writes a gzip'd JSON-lines backup of every application table (sessions excepted) with mode 0600, all of it read
 * in one read-only repeatable-read transaction, so that the file is one consistent moment even while the server
 * writes; returns its header.
 */
export async function writeBackup(db: AnyDb, file: string, options: BackupOptions): Promise<BackupHeader> {
  // Opened (or truncated) and narrowed to the owner before a single byte of data goes in.
  const fd = openSync(file, 'w', 0o600);
  let handedOver = false;
  try {
    fchmodSync(fd, 0o600);
    return await snapshot(db, fd, options, () => {
      handedOver = true;
    });
  } finally {
    if (!handedOver) closeSync(fd);
  }
}

async function snapshot(db: AnyDb, fd: number, options: BackupOptions, onStream: () => void) {
  const { onProgress } = options;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tables = (await listTables(trx)).filter((t) => !NOT_BACKED_UP.has(t.name));
      const counts: number[] = [];
      for (const t of tables) counts.push(await countRows(trx, t.name));
      const header: BackupHeader = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        migrations: await appliedMigrations(trx),
        keys: options.keys,
        tables: tables.map((t, i) => ({ name: t.name, rows: counts[i] ?? 0 })),
      };
      async function* lines() {
        yield `${JSON.stringify(header)}\n`;
        for (const [i, t] of tables.entries()) {
          yield `${JSON.stringify({ table: t.name, rows: counts[i] })}\n`;
          let done = 0;
          for await (const j of tableRows(trx, t)) {
            yield `${j}\n`;
            if (++done % PAGE === 0) onProgress?.(t.name, done, counts[i] ?? 0);
          }
          onProgress?.(t.name, done, counts[i] ?? 0);
        }
      }
      const out = createWriteStream('', { fd });
      onStream(); // the stream closes the descriptor from here on, whatever happens
      await pipeline(Readable.from(lines()), createGzip(), out);
      return header;
    });
}

export class BackupError extends Error {}

export type RestoreOptions = {
  /** The target system's keys: they must be the backup's. */
  keys: KeyFingerprints;
  /** Decrypts with the target's encryption key: a sample of the restored ciphers must decrypt. */
  decrypt: (cipher: string) => string;
  /** Runs inside the restore transaction once every row is in (the caller audits the restore there). */
  onRestored?: (trx: AnyDb, header: BackupHeader) => Promise<void>;
  onProgress?: Progress;
};

const WRONG_KEY =
  '请把备份时的密钥复制到新数据目录的 keys/master.key，或设置与备份时相同的 ENCRYPTION_KEY（及 AUDIT_KEY）后再恢复。';

function checkKeys(header: BackupHeader, keys: KeyFingerprints): void {
  if (!header.keys) return; // format 1: checked by decrypting a sample instead
  if (header.keys.encryption !== keys.encryption) {
    throw new BackupError(
      `当前的加密密钥与备份时的不同（备份 ${header.keys.encryption}，当前 ${keys.encryption}），恢复后身份证号等数据将无法读取，已拒绝恢复。${WRONG_KEY} ` +
        '(the encryption key differs from the one the backup was taken with: restore refused)',
    );
  }
  if (header.keys.audit !== keys.audit) {
    throw new BackupError(
      `当前的审计密钥与备份时的不同（备份 ${header.keys.audit}，当前 ${keys.audit}），恢复后审计日志将无法校验，已拒绝恢复。${WRONG_KEY} ` +
        '(the audit key differs from the one the backup was taken with: restore refused)',
    );
  }
}

/** One stored value of every column named *_cipher must decrypt with the target's key (domain-free on purpose). */
async function checkCiphers(trx: AnyDb, decrypt: (cipher: string) => string): Promise<void> {
  const columns = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = 'public' and column_name like '%\_cipher' order by table_name, column_name`.execute(
    trx,
  );
  for (const c of columns.rows) {
    const r = await sql<{ v: string }>`select ${sql.ref(c.column)} as v from ${sql.table(c.table)}
      where ${sql.ref(c.column)} is not null limit 1`.execute(trx);
    const value = r.rows[0]?.v;
    if (value === undefined) continue;
    try {
      decrypt(value);
    } catch {
      throw new BackupError(
        `备份中的加密数据（${c.table}.${c.column}）无法用当前的加密密钥解密，已拒绝恢复。${WRONG_KEY} ` +
          "(the backup's encrypted data does not decrypt with this key: restore refused)",
      );
    }
  }
}

/**
 * Restores a backup into an empty, migrated database in one transaction: either everything is restored or
 * nothing is. Refused when the target's keys are not the backup's. Identity sequences continue after the restored
 * rows; sessions are never restored.
 */
export async function restoreBackup(db: AnyDb, file: string, options: RestoreOptions): Promise<BackupHeader> {
  const { onProgress } = options;
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
  if (header.format !== FORMAT || !READABLE_VERSIONS.has(header.formatVersion)) {
    throw new BackupError('不是有效的备份文件 (not a Ronghe backup file)');
  }
  const here = await appliedMigrations(db);
  if (header.migrations.some((m) => !here.includes(m))) {
    throw new BackupError('备份来自更新的版本，请先升级程序 (the backup comes from a newer version)');
  }
  checkKeys(header, options.keys);
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
    let batchChars = 0;
    let done = 0;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const json = `[${batch.join(',')}]`;
      // Only the columns the backup has: a column added since (by a later migration) takes its default.
      const columns = sql.join(Object.keys(JSON.parse(batch[0] ?? '{}')).map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(
        trx,
      );
      done += batch.length;
      batch = [];
      batchChars = 0;
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
        // Sessions of a format-1 backup are passed over.
        table = NOT_BACKED_UP.has(marker.table) ? null : marker.table;
        total = marker.rows;
        done = 0;
        continue;
      }
      if (!table) continue;
      batch.push(line);
      batchChars += line.length;
      if (batch.length >= PAGE || batchChars >= RESTORE_BATCH_CHARS) await flush();
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
    await checkCiphers(trx, options.decrypt);
    await options.onRestored?.(trx, header);
  });
  return header;
}
