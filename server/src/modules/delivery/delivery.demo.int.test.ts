import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '#contracts/common';
import type { DeliveryLogEntry, RobotChannel } from '#contracts/delivery';
import { buildTestApp, type Client, signIn, type TestApp } from '../../../../test/helpers.ts';
import type { Ctx } from '../../core/context.ts';
import { DEMO_PASSWORD, loadDemoOrgan } from '../demo/index.ts';
import { notify } from '../notification/index.ts';
import { loadDeliveryDemo, sendDueDeliveries } from './index.ts';

// The demo organ's deliveries (ADR 30 addendum): two paused robots under example.invalid, a year of the committee
// robot's posts in the log (sent, a few given up with a readable error, none pending), the cadres' preferences with
// mail off — and a sender that, with the clock moved on, sends and changes nothing of it.
const TODAY = '2026-11-20';
let t: TestApp;
let unitId: string;
beforeAll(async () => {
  t = await buildTestApp({}, { now: () => new Date(`${TODAY}T02:00:00Z`) });
  await loadDemoOrgan(t.ctx(), { scale: 0.4 });
  unitId = (
    await t.database.db
      .selectFrom('partyOrg')
      .select('unitId')
      .where('code', '=', 'JG')
      .executeTakeFirstOrThrow()
  ).unitId;
}, 300_000);
afterAll(async () => {
  await t.close();
});

const as = (username: string): Promise<Client> => signIn(t, username, DEMO_PASSWORD);
const ok = async <T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};

/** Every delivery row as the sender would change it. */
const snapshot = () =>
  t.database.db
    .selectFrom('delivery')
    .select(['id', 'status', 'attempts', 'nextAttemptAt', 'leaseUntil', 'lastError', 'sentAt'])
    .orderBy('id')
    .execute();

describe('the demo organ’s deliveries', () => {
  it('has two paused robots under example.invalid, shown to the organ officer by host only', async () => {
    const channels = await ok<RobotChannel[]>(
      (await as('jiguan')).get(`/api/delivery/channels?unitId=${unitId}`),
    );
    expect(
      channels.map((c) => [c.kind, c.partyOrgName, c.host, c.hasSecret, c.enabled, c.severities]).sort(),
    ).toEqual([
      ['dingtalk', '缉私局党总支', 'oapi.example.invalid', true, false, ['urgent', 'overdue']],
      ['wecom', '明州海关直属机关党委', 'qyapi.example.invalid', false, false, ['urgent']],
    ]);
    expect(JSON.stringify(channels)).not.toContain('key=');
    expect(JSON.stringify(channels)).not.toContain('SEC');
  });

  it('keeps a year of the committee robot’s posts: 117 sent, 3 given up, none pending', async () => {
    // 24 urgent notices (one every 15 days) × 5 cadres (jiguan, dangzu and jijian at the committee; shuji and
    // zhiwei at their branch below it; dangyuan holds no office, gongwei sits above the organ) = 120 posts.
    // The notice sent while the proxy was down: 3 of its 5 posts given up, 2 put back and sent → 120 − 3 = 117 sent.
    const rows = await t.database.db
      .selectFrom('delivery')
      .select(['channel', 'status', 'attempts', 'lastError', 'createdAt', 'sentAt'])
      .execute();
    expect(rows).toHaveLength(120);
    expect(rows.every((r) => r.channel === 'wecom')).toBe(true);
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    expect([count('sent'), count('failed'), count('pending'), count('skipped')]).toEqual([117, 3, 0, 0]);
    // The rate-limited notice: its 5 posts went out at the second attempt.
    expect(rows.filter((r) => r.status === 'sent' && r.attempts === 2)).toHaveLength(5);
    expect(
      rows.filter((r) => r.status === 'failed').map((r) => [r.attempts, r.lastError?.slice(0, 5)]),
    ).toEqual([
      [10, '无法连接：'],
      [10, '无法连接：'],
      [10, '无法连接：'],
    ]);
    // All in the year before the load: the first notice 24 × 15 = 360 days back (a weekend moves it ≤ 2 days
    // earlier), the last 15 days back.
    const days = (d: Date) => (Date.parse(`${TODAY}T00:00:00Z`) - d.getTime()) / 86_400_000;
    expect(Math.max(...rows.map((r) => days(r.createdAt)))).toBeLessThan(363);
    expect(Math.min(...rows.map((r) => days(r.createdAt)))).toBeGreaterThan(13);
    expect(rows.every((r) => r.status !== 'sent' || (r.sentAt ?? new Date(0)) >= r.createdAt)).toBe(true);

    // The officer's log shows the three given up, each with its readable error.
    const failed = await ok<Page<DeliveryLogEntry>>(
      (await as('jiguan')).get('/api/delivery/log?status=failed&page=1&pageSize=20'),
    );
    expect(failed.total).toBe(3);
    expect(
      failed.items.every((e) => e.channelName === '机关党委工作群' && e.lastError?.startsWith('无法连接')),
    ).toBe(true);
  });

  it('gives five cadres an address under example.invalid with mail off, three of them quiet hours', async () => {
    const prefs = await t.database.db
      .selectFrom('deliveryPreference')
      .select(['email', 'emailEnabled', 'quietFrom', 'quietUntil'])
      .execute();
    expect(prefs).toHaveLength(5);
    expect(prefs.every((p) => p.email?.endsWith('@example.invalid') && !p.emailEnabled)).toBe(true);
    // 22:00 = 22 × 60 = 1320 minutes; 07:30 = 7 × 60 + 30 = 450 (every other cadre of five: the 1st, 3rd and 5th).
    expect(prefs.filter((p) => p.quietFrom === 1320 && p.quietUntil === 450)).toHaveLength(3);
    expect(prefs.filter((p) => p.quietFrom === null && p.quietUntil === null)).toHaveLength(2);
  });

  it('sends nothing for the demo, with the clock moved on, even after a new urgent notice', async () => {
    const before = await snapshot();
    const later = (days: number): Ctx => ({
      ...t.ctx(),
      now: () => new Date(Date.parse(`${TODAY}T02:00:00Z`) + days * 86_400_000),
    });
    expect(await sendDueDeliveries(later(1), {})).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      skipped: 0,
      deferred: 0,
    });
    expect(await snapshot()).toEqual(before);

    // A notice to every cadre now: the robots are paused and mail is off, so nothing is queued for it.
    const cadres = await t.database.db.selectFrom('deliveryPreference').select('userId').execute();
    const created = await notify(later(2), {
      userIds: cadres.map((c) => c.userId),
      kind: 'test.urgent',
      day: '2026-11-22',
      title: '紧急通知',
      lines: [{ text: '今天下午召开紧急会议', link: '/', severity: 'info' }],
      urgent: true,
    });
    expect(created).toHaveLength(5);
    expect(await sendDueDeliveries(later(400), {})).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      skipped: 0,
      deferred: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('changes nothing when loaded again', async () => {
    const before = await snapshot();
    const again = await loadDeliveryDemo(t.ctx(), {
      orgs: [
        { code: 'JG', kind: 'organ_committee' },
        { code: 'JG-Z01', kind: 'general_branch' },
      ],
      usernames: ['jiguan', 'shuji'],
      seed: 1,
    });
    expect(again.loaded).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});
