import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '#contracts/id-number';
import { buildApp } from '../server/src/app.ts';
import { BackupError, restoreBackup, writeBackup } from '../server/src/core/backup.ts';
import { loadConfig } from '../server/src/core/config.ts';
import type { Database } from '../server/src/core/db.ts';
import { createTestDatabase } from './db.ts';
import { insertPartyOrg } from './factories.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp, userWith } from './helpers.ts';

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
const validIdNumber = (first17: string) => first17 + idNumberCheckChar(first17);

/** The file's lines without the header's creation time. */
function body(file: string): string[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const header = JSON.parse(lines[0] ?? '{}');
  delete header.createdAt;
  return [JSON.stringify(header), ...lines.slice(1)];
}

describe('backup and restore', () => {
  it('restores exactly what was stored: organisations, departments, links, members with their numbers, accounts, trail', async () => {
    const db = t.database.db;
    const root = await insertPartyOrg(db, { kind: 'organ_committee', name: '机关党委', code: 'BK-ROOT' });
    const branch = await insertPartyOrg(db, {
      parent: root,
      kind: 'branch',
      name: '第一党支部',
      code: 'BK-B1',
    });
    const cell = await insertPartyOrg(db, {
      parent: branch,
      kind: 'cell',
      name: '第一党小组',
      code: 'BK-C1',
    });
    const unit = await db
      .insertInto('unit')
      .values({ code: 'BK-U', name: '备份单位' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The organ's organisations belong to its unit, and so may its members' departments (5.5).
    await db
      .updateTable('partyOrg')
      .set({ unitId: unit.id })
      .where('id', 'in', [root.id, branch.id, cell.id])
      .execute();
    const [d1, d2] = [randomUUID(), randomUUID()];
    await db
      .insertInto('department')
      .values([
        { id: d1, unitId: unit.id, code: 'BK-D1', name: '办公室', kind: 'division', path: `/${d1}/` },
        {
          id: d2,
          unitId: unit.id,
          parentId: d1,
          code: 'BK-D2',
          name: '秘书科',
          kind: 'section',
          path: `/${d1}/${d2}/`,
        },
      ])
      .execute();
    await db
      .insertInto('branchDepartment')
      .values({ unitId: unit.id, partyOrgId: branch.id, departmentId: d1 })
      .execute();
    const officer = await userWith(t, 'bk-officer', [
      { role: 'organ_committee_officer', partyOrgId: root.id },
    ]);
    const zhang = { name: '张备份', idNumber: validIdNumber('11010119800101001'), phone: '13811112222' };
    const li = { name: '李备份', idNumber: validIdNumber('11010119820202002') };
    for (const [m, orgId, departmentId] of [
      [zhang, branch.id, d1],
      [li, cell.id, null],
    ] as const) {
      const res = await officer.post('/api/members', {
        ...m,
        category: 'full',
        partyOrgId: orgId,
        departmentId,
        joinedOn: '2010-07-01',
        fullOn: '2011-07-01',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const secretary = await userWith(t, 'shuji', [{ role: 'branch_secretary', partyOrgId: branch.id }]);
    await secretary.post('/api/auth/logout');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'shuji', password: 'wrong' },
    });
    const auditRows = Number(
      (
        await db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const a = join(dir, 'a.backup.gz');
    const header = await writeBackup(db, a, keysOf(t));
    expect(header.tables.find((x) => x.name === 'party_org')?.rows).toBe(3);
    expect(header.tables.find((x) => x.name === 'member')?.rows).toBe(2);
    await restoreBackup(target.db, a, keysOf(t));

    // What the restored database holds, compared with what this test put in (not with another backup).
    const r = target.db;
    expect(
      await r
        .selectFrom('partyOrg as o')
        .leftJoin('partyOrg as p', 'p.id', 'o.parentId')
        .select(['o.id', 'o.code', 'o.name', 'o.kind', 'o.path', 'p.code as parentCode'])
        .orderBy('o.code')
        .execute(),
    ).toEqual([
      {
        id: branch.id,
        code: 'BK-B1',
        name: '第一党支部',
        kind: 'branch',
        path: branch.path,
        parentCode: 'BK-ROOT',
      },
      { id: cell.id, code: 'BK-C1', name: '第一党小组', kind: 'cell', path: cell.path, parentCode: 'BK-B1' },
      {
        id: root.id,
        code: 'BK-ROOT',
        name: '机关党委',
        kind: 'organ_committee',
        path: root.path,
        parentCode: null,
      },
    ]);
    expect(
      await r
        .selectFrom('department as d')
        .innerJoin('unit as u', 'u.id', 'd.unitId')
        .select(['d.id', 'd.code', 'd.name', 'd.kind', 'd.path', 'd.parentId', 'u.code as unitCode'])
        .orderBy('d.code')
        .execute(),
    ).toEqual([
      {
        id: d1,
        code: 'BK-D1',
        name: '办公室',
        kind: 'division',
        path: `/${d1}/`,
        parentId: null,
        unitCode: 'BK-U',
      },
      {
        id: d2,
        code: 'BK-D2',
        name: '秘书科',
        kind: 'section',
        path: `/${d1}/${d2}/`,
        parentId: d1,
        unitCode: 'BK-U',
      },
    ]);
    expect(await r.selectFrom('branchDepartment').select(['partyOrgId', 'departmentId']).execute()).toEqual([
      { partyOrgId: branch.id, departmentId: d1 },
    ]);
    const members = await r
      .selectFrom('member as m')
      .innerJoin('partyOrg as o', 'o.id', 'm.partyOrgId')
      .select([
        'm.name',
        'o.code',
        'm.departmentId',
        'm.idNumberCipher',
        'm.idNumberHash',
        'm.phoneCipher',
        'm.joinedOn',
      ])
      .orderBy('m.name')
      .execute();
    expect(
      members.map((m) => ({
        name: m.name,
        org: m.code,
        departmentId: m.departmentId,
        idNumber: t.secrets.decrypt(m.idNumberCipher),
        hashed: m.idNumberHash === t.secrets.blindIndex(t.secrets.decrypt(m.idNumberCipher)),
        phone: m.phoneCipher === null ? null : t.secrets.decrypt(m.phoneCipher),
        joinedOn: m.joinedOn,
      })),
    ).toEqual([
      {
        name: '张备份',
        org: 'BK-B1',
        departmentId: d1,
        idNumber: zhang.idNumber,
        hashed: true,
        phone: zhang.phone,
        joinedOn: '2010-07-01',
      },
      {
        name: '李备份',
        org: 'BK-C1',
        departmentId: null,
        idNumber: li.idNumber,
        hashed: true,
        phone: null,
        joinedOn: '2010-07-01',
      },
    ]);
    expect(
      await r
        .selectFrom('roleAssignment as ra')
        .innerJoin('appUser as u', 'u.id', 'ra.userId')
        .select(['u.username', 'ra.role', 'ra.partyOrgId'])
        .orderBy('u.username')
        .execute(),
    ).toEqual([
      { username: 'bk-officer', role: 'organ_committee_officer', partyOrgId: root.id },
      { username: 'shuji', role: 'branch_secretary', partyOrgId: branch.id },
    ]);
    expect(
      await r
        .selectFrom('loginAttempt')
        .select(['username', 'success'])
        .where('success', '=', false)
        .execute(),
    ).toEqual([{ username: 'shuji', success: false }]);

    // A backup of the restored database has the same content as the first.
    const b = join(dir, 'b.backup.gz');
    await writeBackup(target.db, b, keysOf(t));
    expect(body(b)).toEqual(body(a));

    // The restored trail has every record and still verifies; new records continue the chain and the sequence.
    const last = await r
      .selectFrom('auditLog')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(
      Number(
        (
          await r
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(auditRows);
    const { recordAudit, verifyAudit } = await import('../server/src/modules/audit/index.ts');
    await recordAudit({ ...t.ctx(), db: r }, { action: 'test.after_restore' });
    const next = await r
      .selectFrom('auditLog')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(Number(next.seq)).toBe(Number(last.seq) + 1);
    expect((await verifyAudit({ db: r, secrets: t.secrets })).ok).toBe(true);

    // The restored accounts sign in with their passwords against the restored database.
    const restoredApp = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent' }),
      services: { db: target.db, secrets: t.secrets, kind: target.kind },
      logger: false,
    });
    try {
      const again = await restoredApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'shuji', password: TEST_PASSWORD },
      });
      expect(again.statusCode).toBe(200);
    } finally {
      await restoredApp.close();
    }
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

  it('keeps files byte for byte (attachments, bytea), reading them a few rows at a time', async () => {
    const source = await createTestDatabase();
    const other = await createTestDatabase();
    try {
      const { unitOf } = await import('./factories.ts');
      const { createHash } = await import('node:crypto');
      const unitId = await unitOf(source.db, null);
      const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const files = Array.from({ length: 9 }, (_, i) => Buffer.concat(Array(200 * (i + 1)).fill(every)));
      await source.db
        .insertInto('attachment')
        .values(
          files.map((content, i) => ({
            unitId,
            ownerKind: 'test.backup',
            ownerId: randomUUID(),
            fileName: `文件${i}.bin`,
            mediaType: 'application/pdf',
            byteSize: content.length,
            sha256: createHash('sha256').update(content).digest('hex'),
            content,
            thumbnail: i % 2 ? every : null,
            createdByUserId: randomUUID(),
          })),
        )
        .execute();
      const { listTables } = await import('../server/src/core/backup.ts');
      expect((await listTables(source.db)).find((x) => x.name === 'attachment')?.page).toBe(4);
      const a = join(dir, 'files.backup.gz');
      await writeBackup(source.db, a, keysOf(t));
      await restoreBackup(other.db, a, keysOf(t));
      const rows = await other.db
        .selectFrom('attachment')
        .select(['fileName', 'sha256', 'content', 'thumbnail'])
        .orderBy('byteSize')
        .execute();
      expect(rows.map((r) => r.fileName)).toEqual(files.map((_, i) => `文件${i}.bin`));
      rows.forEach((r, i) => {
        expect(Buffer.from(r.content).equals(files[i] as Buffer)).toBe(true);
        expect(createHash('sha256').update(r.content).digest('hex')).toBe(r.sha256);
        expect(r.thumbnail === null ? null : Buffer.from(r.thumbnail).equals(every)).toBe(
          i % 2 ? true : null,
        );
      });
    } finally {
      await source.close();
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
