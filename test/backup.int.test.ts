import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, restoreBackup, writeBackup } from '../server/src/core/backup.ts';
import type { Database } from '../server/src/core/db.ts';
import { createTestDatabase } from './db.ts';
import { insertPartyOrg } from './factories.ts';
import { buildTestApp, type TestApp, userWith } from './helpers.ts';

let t: TestApp;
let target: Database;
const dir = mkdtempSync(join(tmpdir(), 'ronghe-backup-'));

beforeAll(async () => {
  t = await buildTestApp();
  target = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
  await target.close();
});

/** The keys of the system under test, as backup and restore take them. */
const keysOf = (app: TestApp) => ({ keys: app.secrets.fingerprints, decrypt: app.secrets.decrypt });

/** The file's lines without the header's creation time. */
function body(file: string): string[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const header = JSON.parse(lines[0] ?? '{}');
  delete header.createdAt;
  return [JSON.stringify(header), ...lines.slice(1)];
}

describe('backup and restore', () => {
  it('round-trips exactly: a restored database backs up to the same content', async () => {
    const root = await insertPartyOrg(t.database.db, { kind: 'organ_committee', name: '机关党委' });
    const branch = await insertPartyOrg(t.database.db, { parent: root, kind: 'branch', name: '第一党支部' });
    await insertPartyOrg(t.database.db, { parent: branch, kind: 'cell', name: '第一党小组' });
    const secretary = await userWith(t, 'shuji', [{ role: 'branch_secretary', partyOrgId: branch.id }]);
    await secretary.post('/api/auth/logout');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'shuji', password: 'wrong' },
    });

    const a = join(dir, 'a.backup.gz');
    const header = await writeBackup(t.database.db, a, keysOf(t));
    expect(header.tables.find((x) => x.name === 'party_org')?.rows).toBe(3);
    expect(header.tables.find((x) => x.name === 'audit_log')?.rows).toBeGreaterThan(3);

    await restoreBackup(target.db, a, keysOf(t));
    const b = join(dir, 'b.backup.gz');
    await writeBackup(target.db, b, keysOf(t));
    expect(body(b)).toEqual(body(a));

    // The restored trail still verifies, and new records continue the chain and the sequence.
    const last = await target.db
      .selectFrom('auditLog')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const { recordAudit, verifyAudit } = await import('../server/src/modules/audit/index.ts');
    await recordAudit({ ...t.ctx(), db: target.db }, { action: 'test.after_restore' });
    const next = await target.db
      .selectFrom('auditLog')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(Number(next.seq)).toBe(Number(last.seq) + 1);
    expect((await verifyAudit({ db: target.db, secrets: t.secrets })).ok).toBe(true);
  });

  it('restores a backup of the embedded database into this run’s kind of database (embedded or server)', async () => {
    const { openEmbeddedDatabase } = await import('../server/src/core/db.ts');
    const { migrateToLatest } = await import('../server/src/core/migrate.ts');
    const embedded = await openEmbeddedDatabase(undefined);
    const other = await createTestDatabase();
    try {
      await migrateToLatest(embedded.db);
      const root = await insertPartyOrg(embedded.db, { kind: 'organ_committee', name: '嵌入式机关党委' });
      await insertPartyOrg(embedded.db, { parent: root, kind: 'branch', name: '嵌入式支部' });
      const a = join(dir, 'embedded.backup.gz');
      await writeBackup(embedded.db, a, keysOf(t));
      await restoreBackup(other.db, a, keysOf(t));
      const b = join(dir, 'other.backup.gz');
      await writeBackup(other.db, b, keysOf(t));
      expect(body(b)).toEqual(body(a));
    } finally {
      await embedded.close();
      await other.close();
    }
  });

  it('refuses to restore into a database that already holds data', async () => {
    const a = join(dir, 'a.backup.gz');
    await expect(restoreBackup(target.db, a, keysOf(t))).rejects.toThrow(BackupError);
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = join(dir, 'bogus.gz');
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    writeFileSync(bogus, gzipSync('{"hello":1}\n'));
    const empty = await createTestDatabase();
    try {
      await expect(restoreBackup(empty.db, bogus, keysOf(t))).rejects.toThrow(/不是有效的备份文件/);
    } finally {
      await empty.close();
    }
  });
});
