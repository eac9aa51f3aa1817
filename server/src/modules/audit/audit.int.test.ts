import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartyOrg } from '../../../../test/factories.ts';
import { buildTestApp, expectError, signIn, type TestApp, userWith } from '../../../../test/helpers.ts';
import { recordAudit, verifyAudit } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function seqOf(action: string): Promise<number> {
  const r = await t.database.db
    .selectFrom('auditLog')
    .select('seq')
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(r.seq);
}

describe('audit trail', () => {
  it('records sign-in, failed sign-in and permission changes with who, when, where, before and after', async () => {
    const admin = await userWith(t, 'sysadm', [{ role: 'system_admin', partyOrgId: null }]);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sysadm', password: 'wrong' },
      remoteAddress: '10.1.2.3',
    });
    const created = (await admin.post('/api/users', { username: 'u1', displayName: '用户一' })).json().user;
    // Roles come from the security administrator (三员分立).
    const security = await userWith(t, 'secadm', [{ role: 'security_admin', partyOrgId: null }]);
    const org = await insertPartyOrg(t.database.db);
    await security.put(`/api/users/${created.id}/roles`, {
      roles: [{ role: 'member', partyOrgId: org.id }],
      version: created.version,
    });

    const auditor = await signIn(
      t,
      'u1',
      (await admin.post(`/api/users/${created.id}/reset-password`)).json().initialPassword,
    );
    await auditor.post('/api/auth/change-password', { currentPassword: 'x', newPassword: 'y' }); // rejected, not audited as a change
    const rows = await t.database.db.selectFrom('auditLog').selectAll().orderBy('seq').execute();
    const failed = rows.find((r) => r.action === 'auth.login_failed' && r.actorUsername === 'sysadm');
    expect(failed?.ip).toBe('10.1.2.3');
    expect(failed?.details).toEqual({ reason: 'bad_password' });
    const roleChange = rows.find((r) => r.action === 'role.assign' && r.entityId === created.id && r.before);
    expect(roleChange?.before).toEqual([]);
    expect(roleChange?.after).toEqual([expect.objectContaining({ role: 'member', partyOrgId: org.id })]);
    expect(roleChange?.actorUsername).toBe('secadm');
    expect(rows.some((r) => r.action === 'auth.login' && r.actorUsername === 'sysadm')).toBe(true);
  });

  it('is readable and exportable only by the audit administrator, and the export itself is audited', async () => {
    const auditor = await userWith(t, 'auditor', [{ role: 'audit_admin', partyOrgId: null }]);
    const page = await auditor.get('/api/audit?pageSize=5&action=auth.');
    expect(page.statusCode).toBe(200);
    expect(page.json().items.length).toBeGreaterThan(0);
    expect(page.json().items.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
    const file = await auditor.get('/api/audit/export?action=auth.');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await seqOf('audit.export')).toBeGreaterThan(0);
    const admin = await userWith(t, 'sysadm2', [{ role: 'system_admin', partyOrgId: null }]);
    expectError(await admin.get('/api/audit'), 403, 'auth.forbidden');
    expectError(await admin.get('/api/audit/export'), 403, 'auth.forbidden');
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the trail', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain and names the first tampered record', async () => {
    for (let i = 0; i < 5; i++)
      await recordAudit(t.ctx(), { action: `test.event${i}`, after: { i, when: new Date(0) } });
    const intact = await verifyAudit(t.ctx());
    expect(intact.ok).toBe(true);
    const target = await seqOf('test.event2');
    // Someone with database superuser rights bypasses the guard and edits a record.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.database.db);
    await sql`update audit_log set after = '{"i": 99}'::jsonb where seq = ${target}`.execute(t.database.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.database.db);
    const broken = await verifyAudit(t.ctx());
    expect(broken.ok).toBe(false);
    expect(broken.firstBrokenSeq).toBe(target);

    const auditor = await userWith(t, 'auditor2', [{ role: 'audit_admin', partyOrgId: null }]);
    const viaApi = (await auditor.get('/api/audit/verify')).json();
    expect(viaApi.firstBrokenSeq).toBe(target);
  });

  it('detects a record deleted from the middle even when the next one is re-linked to the one before', async () => {
    // A fresh database: the test above leaves its edit in place, and verifyAudit names only the first break.
    const fresh = await buildTestApp();
    try {
      const db = fresh.database.db;
      for (let i = 0; i < 4; i++)
        await recordAudit(fresh.ctx(), { action: `relink.event${i}`, after: { i } });
      expect((await verifyAudit(fresh.ctx())).ok).toBe(true);
      const seqs = (
        await db
          .selectFrom('auditLog')
          .select('seq')
          .where('action', 'like', 'relink.%')
          .orderBy('seq')
          .execute()
      ).map((r) => Number(r.seq));
      const [zero, one, two] = seqs as [number, number, number];
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
      await sql`delete from audit_log where seq = ${one}`.execute(db);
      await sql`update audit_log set prev_hash = (select hash from audit_log where seq = ${zero}) where seq = ${two}`.execute(
        db,
      );
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
      const broken = await verifyAudit(fresh.ctx());
      expect(broken.ok).toBe(false);
      expect(broken.firstBrokenSeq).toBe(two);
      const auditor = await userWith(fresh, 'auditor3', [{ role: 'audit_admin', partyOrgId: null }]);
      expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({
        ok: false,
        firstBrokenSeq: two,
      });
    } finally {
      await fresh.close();
    }
  });
});
