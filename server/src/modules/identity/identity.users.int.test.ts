import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, userWith } from '../../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('linking an account to a member', () => {
  it('answers 400 with a field message, not 500, for a member that does not exist; nothing is created', async () => {
    const admin = await userWith(t, 'sysadm', [{ role: 'system_admin', partyOrgId: null }]);
    const res = await admin.post('/api/users', {
      username: 'ghost',
      displayName: '无此党员',
      memberId: randomUUID(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('user.unknown_member');
    expect(res.json().error.issues).toEqual([
      { field: 'body.memberId', message: expect.stringContaining('党员不存在') },
    ]);
    const users = await t.database.db.selectFrom('appUser').select('username').execute();
    expect(users.map((u) => u.username)).not.toContain('ghost');
  });
});
