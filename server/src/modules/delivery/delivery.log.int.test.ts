import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '#contracts/common';
import type { DeliveryLogEntry } from '#contracts/delivery';
import { insertPartyOrg } from '../../../../test/factories.ts';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { notify } from '../notification/index.ts';
import { sendDueDeliveries } from './index.ts';

// Mail in the officer's delivery log (ADR 30 addendum): an officer sees the mail of the people seated in their
// subtree — named, never their address — beside their robots' posts, and can put a given-up one back; the mail of
// another organisation's people is not theirs (absent from the list, 404 on retry).
let t: TestApp;
let officer: Client;
let otherOfficer: Client;
let alice: Client;
let bob: Client;

async function optIn(client: Client, email: string) {
  const res = await client.put('/api/me/delivery-preferences', {
    email,
    emailEnabled: true,
    quietFrom: null,
    quietUntil: null,
    version: 0,
  });
  expect(res.statusCode, res.body).toBe(200);
}

const log = async (client: Client, query = '') => {
  const res = await client.get(`/api/delivery/log?page=1&pageSize=20${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page<DeliveryLogEntry>;
};

beforeAll(async () => {
  t = await buildTestApp({}, { now: () => new Date('2026-12-08T02:00:00Z') });
  const db = t.database.db;
  const root = await insertPartyOrg(db, { kind: 'organ_committee', name: '丙机关党委' });
  const branch = await insertPartyOrg(db, { parent: root, name: '丙一支部' });
  const otherRoot = await insertPartyOrg(db, { kind: 'organ_committee', name: '丁机关党委' });
  officer = await userWith(t, 'log-officer', [{ role: 'organ_committee_officer', partyOrgId: root.id }]);
  otherOfficer = await userWith(t, 'log-other', [
    { role: 'organ_committee_officer', partyOrgId: otherRoot.id },
  ]);
  alice = await userWith(t, 'log-alice', [{ role: 'branch_secretary', partyOrgId: branch.id }]);
  bob = await userWith(t, 'log-bob', [{ role: 'member', partyOrgId: otherRoot.id }]);
  await optIn(alice, 'alice@example.gov.cn');
  await optIn(bob, 'bob@example.gov.cn');
  await notify(t.ctx(), {
    userIds: [alice.userId, bob.userId],
    kind: 'test.notice',
    day: '2026-12-08',
    title: '请于本周五前上报党费收缴情况',
    lines: [{ text: '上报第四季度党费收缴情况', link: '/', severity: 'due_soon' }],
  });
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('mail in the delivery log', () => {
  it('shows an officer the mail of their own people, named and without the address', async () => {
    const mine = await log(officer);
    expect(mine.total).toBe(1);
    expect(mine.items.map((e) => [e.channel, e.channelName, e.status, e.notificationTitle])).toEqual([
      ['email', '电子邮件：log-alice', 'pending', '请于本周五前上报党费收缴情况'],
    ]);
    expect(JSON.stringify(mine)).not.toContain('example.gov.cn');
    const theirs = await log(otherOfficer);
    expect(theirs.items.map((e) => e.channelName)).toEqual(['电子邮件：log-bob']);
    // A member holds no delivery.manage.
    expect((await alice.get('/api/delivery/log?page=1&pageSize=20')).statusCode).toBe(403);
  });

  it('lets only that officer put a given-up mail back', async () => {
    // No mail server: both are skipped, saying why; then one is marked given up, as after ten failures.
    await sendDueDeliveries(t.ctx(), {});
    const skipped = await log(officer, '&status=skipped');
    expect(skipped.items.map((e) => e.lastError)).toEqual([
      '本系统未配置邮件服务器（SMTP_URL），无法发送邮件',
    ]);
    const id = skipped.items[0]?.id ?? '';
    await t.database.db
      .updateTable('delivery')
      .set({ status: 'failed', attempts: 10 })
      .where('id', '=', id)
      .execute();
    expect((await otherOfficer.post(`/api/delivery/log/${id}/retry`)).statusCode).toBe(404);
    const res = await officer.post(`/api/delivery/log/${id}/retry`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await log(officer, '&status=pending')).items.map((e) => [e.id, e.attempts])).toEqual([[id, 0]]);
  });
});
