// What a backup must guarantee beyond the round trip: one consistent moment, keyset pages, a private file, no
// sessions; and a restore that refuses keys other than the backup's instead of leaving unreadable data behind.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, listTables, restoreBackup, tableRows, writeBackup } from '../server/src/core/backup.ts';
import { type Secrets, secretsFromKey } from '../server/src/core/secrets.ts';
import { createTestDatabase } from './db.ts';
import { insertPartyOrg } from './factories.ts';
import { buildTestApp, type TestApp, userWith } from './helpers.ts';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'ronghe-backup-integrity-'));
let source: string;

const keysOf = (s: Secrets) => ({ keys: s.fingerprints, decrypt: s.decrypt });

/** Rows per table as written in the file, and the header. */
function readFile(file: string) {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  const header = JSON.parse(lines[0] ?? '{}');
  const rows = new Map<string, string[]>();
  let table = '';
  for (const line of lines.slice(1)) {
    if (line.startsWith('{"table":')) {
      table = JSON.parse(line).table;
      rows.set(table, []);
    } else rows.get(table)?.push(line);
  }
  return { header, rows };
}

async function tableCounts(db: TestApp['database']['db']): Promise<number> {
  let total = 0;
  for (const tb of await listTables(db)) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(tb.name)}`.execute(db);
    total += Number(r.rows[0]?.n);
  }
  return total;
}

beforeAll(async () => {
  t = await buildTestApp();
  const root = await insertPartyOrg(t.database.db, { kind: 'organ_committee', name: '机关党委' });
  const branch = await insertPartyOrg(t.database.db, { parent: root, kind: 'branch', name: '第一党支部' });
  for (let i = 0; i < 4; i++) await insertPartyOrg(t.database.db, { parent: branch, kind: 'cell' });
  const officer = await userWith(t, 'officer', [{ role: 'organ_committee_officer', partyOrgId: root.id }]);
  const member = await officer.post('/api/members', {
    name: '张三',
    idNumber: '110101199003074573',
    category: 'full',
    partyOrgId: branch.id,
  });
  if (member.statusCode !== 200) throw new Error(`member not created: ${member.body}`);
  await userWith(t, 'shuji', [{ role: 'branch_secretary', partyOrgId: branch.id }]); // signed in: a session
  source = join(dir, 'source.backup.gz');
  await writeBackup(t.database.db, source, { keys: t.secrets.fingerprints });
});
afterAll(async () => {
  await t.close();
});

describe('taking a backup', () => {
  it('writes the file readable by its owner only, also over an existing file', async () => {
    expect(statSync(source).mode & 0o777).toBe(0o600);
    const existing = join(dir, 'existing.backup.gz');
    writeFileSync(existing, 'old');
    chmodSync(existing, 0o644);
    await writeBackup(t.database.db, existing, { keys: t.secrets.fingerprints });
    expect(statSync(existing).mode & 0o777).toBe(0o600);
  });

  it('is one moment: a write made while it runs is not in it, and every table holds the rows its header counts', async () => {
    const file = join(dir, 'during.backup.gz');
    let write: Promise<unknown> | null = null;
    let firstTable = '';
    await writeBackup(t.database.db, file, {
      keys: t.secrets.fingerprints,
      onProgress: (table) => {
        if (write) return;
        firstTable = table;
        // Not awaited: the backup goes on while this write runs (or waits for the backup's snapshot to end).
        write = t.database.db
          .insertInto('loginAttempt')
          .values({ username: 'during-backup', ip: '10.9.9.9', success: false, at: new Date() })
          .execute();
      },
    });
    await write;
    expect(firstTable).not.toBe('login_attempt'); // the write lands in a table read after it started
    const { header, rows } = readFile(file);
    for (const tb of header.tables as { name: string; rows: number }[]) {
      expect({ table: tb.name, rows: rows.get(tb.name)?.length }).toEqual({ table: tb.name, rows: tb.rows });
    }
    expect([...(rows.get('login_attempt') ?? [])].some((l) => l.includes('during-backup'))).toBe(false);
    const now = await t.database.db
      .selectFrom('loginAttempt')
      .select('username')
      .where('username', '=', 'during-backup')
      .execute();
    expect(now).toHaveLength(1);
  });

  it('pages by key: every row once, in key order, whatever the page size', async () => {
    const tables = await listTables(t.database.db);
    // party_org pages by (path, id), text then uuid; audit_log by its bigint seq.
    for (const name of ['party_org', 'audit_log']) {
      const info = tables.find((x) => x.name === name);
      if (!info) throw new Error(`no table ${name}`);
      const all: string[] = [];
      for await (const j of tableRows(t.database.db, info, 1_000_000)) all.push(j);
      const paged: string[] = [];
      for await (const j of tableRows(t.database.db, info, 2)) paged.push(j);
      expect(all.length).toBeGreaterThan(2);
      expect(paged).toEqual(all);
    }
  });

  it('leaves sessions out and carries the fingerprints of both keys', () => {
    const { header, rows } = readFile(source);
    expect(header.keys).toEqual(t.secrets.fingerprints);
    expect(header.keys.encryption).toMatch(/^[0-9a-f]{16}$/);
    expect(header.tables.map((x: { name: string }) => x.name)).not.toContain('user_session');
    expect(rows.has('user_session')).toBe(false);
    expect(rows.get('member')).toHaveLength(1);
  });
});

describe('restoring a backup', () => {
  it('refuses another encryption key with a clear message and writes nothing', async () => {
    const target = await createTestDatabase();
    try {
      const other = secretsFromKey(randomBytes(32));
      const refused = restoreBackup(target.db, source, keysOf(other));
      await expect(refused).rejects.toThrow(BackupError);
      await expect(restoreBackup(target.db, source, keysOf(other))).rejects.toThrow(
        /当前的加密密钥与备份时的不同.*keys\/master\.key.*encryption key differs/,
      );
      expect(await tableCounts(target.db)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('refuses another audit key (same encryption key) with a clear message', async () => {
    const target = await createTestDatabase();
    try {
      const sameEncryptionOtherAudit = {
        keys: { ...t.secrets.fingerprints, audit: secretsFromKey(randomBytes(32)).fingerprints.audit },
        decrypt: t.secrets.decrypt,
      };
      await expect(restoreBackup(target.db, source, sameEncryptionOtherAudit)).rejects.toThrow(
        /当前的审计密钥与备份时的不同.*audit key differs/,
      );
      expect(await tableCounts(target.db)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('refuses an old-format backup (no fingerprints) whose encrypted numbers the key cannot decrypt', async () => {
    const lines = gunzipSync(readFileSync(source)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0] ?? '{}');
    delete header.keys;
    header.formatVersion = 1;
    const old = join(dir, 'format1.backup.gz');
    writeFileSync(old, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
    const target = await createTestDatabase();
    try {
      await expect(restoreBackup(target.db, old, keysOf(secretsFromKey(randomBytes(32))))).rejects.toThrow(
        /无法用当前的加密密钥解密/,
      );
      expect(await tableCounts(target.db)).toBe(0);
      // With the right key the same file restores, and the number reads back.
      await restoreBackup(target.db, old, keysOf(t.secrets));
      const m = await target.db.selectFrom('member').select('idNumberCipher').executeTakeFirstOrThrow();
      expect(t.secrets.decrypt(m.idNumberCipher)).toBe('110101199003074573');
    } finally {
      await target.close();
    }
  });

  it('restores with the right keys: no sessions, the restore audited in the same transaction', async () => {
    expect(
      Number(
        (
          await t.database.db
            .selectFrom('userSession')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0);
    const target = await createTestDatabase();
    try {
      const { recordAudit, verifyAudit } = await import('../server/src/modules/audit/index.ts');
      // A failing hook rolls the whole restore back.
      await expect(
        restoreBackup(target.db, source, {
          ...keysOf(t.secrets),
          onRestored: async () => {
            throw new Error('audit failed');
          },
        }),
      ).rejects.toThrow('audit failed');
      expect(await tableCounts(target.db)).toBe(0);

      await restoreBackup(target.db, source, {
        ...keysOf(t.secrets),
        onRestored: (trx) =>
          recordAudit({ ...t.ctx(), db: trx as typeof target.db }, { action: 'system.restore' }),
      });
      const sessions = await target.db.selectFrom('userSession').selectAll().execute();
      expect(sessions).toEqual([]);
      const last = await target.db
        .selectFrom('auditLog')
        .select('action')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(last.action).toBe('system.restore');
      expect(await verifyAudit({ db: target.db, secrets: t.secrets })).toMatchObject({ ok: true });
    } finally {
      await target.close();
    }
  });
});
