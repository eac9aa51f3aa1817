import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryPreferences, RobotChannel } from '#contracts/delivery';
import type { NotificationLine } from '#contracts/notification';
import { insertPartyOrg } from '../../../../test/factories.ts';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import type { Ctx } from '../../core/context.ts';
import { type DigestSource, notify, sendDailyDigest } from '../notification/index.ts';
import {
  type MailReceiver,
  type RobotReceiver,
  startMailReceiver,
  startRobotReceiver,
} from './delivery.test-receivers.ts';
import { sendDueDeliveries } from './index.ts';

// Deliveries against real receivers on loopback: an SMTP server (smtp-server) and HTTP servers standing in for a
// 企业微信 and a 钉钉 group robot (the 钉钉 one checks the 加签 signature by recomputing it). The clock is the
// context's: the tests move it past each back-off instead of waiting.

const DINGTALK_SECRET = 'SEC-test-secret-0123456789';
const WECOM_KEY = 'wecom-key-9f8e7d6c';
const DINGTALK_TOKEN = 'dingtalk-token-1a2b3c';

let t: TestApp;
let mail: MailReceiver;
let wecom: RobotReceiver;
let dingtalk: RobotReceiver;
let officer: Client;
let alice: Client;
let branchId: string;
let clock: Date;
let ctx: Ctx;
const smtp = () => ({ url: mail.url, from: 'ronghe@test.local' });
const send = (c: Ctx = ctx) => sendDueDeliveries(c, { smtp: smtp() });
let seq = 0;

const overdue = (text: string): NotificationLine => ({ text, link: '/duties', severity: 'overdue' });

async function optIn(client: Client, email: string, quiet: [string, string] | null = null) {
  const current = (await client.get('/api/me/delivery-preferences')).json() as DeliveryPreferences;
  const res = await client.put('/api/me/delivery-preferences', {
    email,
    emailEnabled: true,
    quietFrom: quiet?.[0] ?? null,
    quietUntil: quiet?.[1] ?? null,
    version: current.version,
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** An account holding `member` on the branch: it belongs to the organ committee's organisation. */
async function person(name: string): Promise<Client> {
  return userWith(t, `${name}-${++seq}`, [{ role: 'member', partyOrgId: branchId }]);
}

const deliveriesOf = (userId: string) =>
  t.database.db.selectFrom('delivery').selectAll().where('userId', '=', userId).orderBy('channel').execute();

beforeAll(async () => {
  clock = new Date('2026-12-08T02:00:00Z'); // 10:00 in Beijing
  t = await buildTestApp({}, { now: () => clock });
  ctx = { ...t.ctx(), now: () => clock };
  mail = await startMailReceiver();
  wecom = await startRobotReceiver(`/cgi-bin/webhook/send?key=${WECOM_KEY}`);
  dingtalk = await startRobotReceiver(`/robot/send?access_token=${DINGTALK_TOKEN}`, {
    dingtalkSecret: DINGTALK_SECRET,
  });
  const root = await insertPartyOrg(t.database.db, { kind: 'organ_committee', name: '测试机关党委' });
  const branch = await insertPartyOrg(t.database.db, { parent: root, kind: 'branch', name: '第一党支部' });
  branchId = branch.id;
  officer = await userWith(t, 'dv-officer', [{ role: 'organ_committee_officer', partyOrgId: root.id }]);
  alice = await person('dv-alice');
  await optIn(alice, 'alice@example.gov.cn');
  // Both robots of the organ committee carry overdue lines and urgent notices.
  for (const [kind, webhookUrl, secret] of [
    ['wecom', wecom.webhook, null],
    ['dingtalk', dingtalk.webhook, DINGTALK_SECRET],
  ] as const) {
    const res = await officer.post('/api/delivery/channels', {
      partyOrgId: root.id,
      kind,
      name: kind === 'wecom' ? '机关党委企业微信群' : '机关党委钉钉群',
      webhookUrl,
      secret,
      severities: ['urgent', 'overdue'],
    });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => {
  await Promise.all([mail.close(), wecom.close(), dingtalk.close()]);
  await t.close();
});
beforeEach(() => {
  // Every test starts with all receivers answering.
  wecom.mode = 'ok';
  dingtalk.mode = 'ok';
});

describe('a digest row', () => {
  it('becomes one mail and one post per robot, and a rerun of the digest adds none', async () => {
    const source: DigestSource = {
      key: 'test.duties',
      collect: async () => [{ userId: alice.userId, lines: [overdue('年度述职报告已逾期 3 天')] }],
    };
    const mailsBefore = mail.mails.length;
    const [wecomBefore, dingBefore] = [wecom.accepted.length, dingtalk.accepted.length];
    await sendDailyDigest(ctx, [source], '2026-12-08');
    await sendDailyDigest(ctx, [source], '2026-12-08');
    expect(await send()).toMatchObject({ sent: 3, retried: 0 });
    expect(await send()).toMatchObject({ sent: 0 });

    const mails = mail.mails.slice(mailsBefore);
    expect(mails).toHaveLength(1);
    const [one] = mails;
    const [emailRow] = (await deliveriesOf(alice.userId)).filter((d) => d.channel === 'email');
    expect(one).toMatchObject({
      to: 'alice@example.gov.cn',
      subject: '今日提醒：1 项已逾期',
      messageId: `<${emailRow?.id}@delivery.ronghe>`,
    });
    expect(one?.text).toContain('· 年度述职报告已逾期 3 天');

    const posts = wecom.accepted.slice(wecomBefore);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 今日提醒：1 项已逾期\n- 年度述职报告已逾期 3 天' },
    });
    const dings = dingtalk.accepted.slice(dingBefore);
    expect(dings).toHaveLength(1);
    expect(dings[0]?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '今日提醒：1 项已逾期',
        text: '### 今日提醒：1 项已逾期\n- 年度述职报告已逾期 3 天',
      },
    });
    // Signed with the context's clock (the receiver has already checked the signature itself).
    expect(dings[0]?.query.get('timestamp')).toBe(String(clock.getTime()));
    expect(dings[0]?.query.get('access_token')).toBe(DINGTALK_TOKEN);
    expect((await deliveriesOf(alice.userId)).map((d) => [d.channel, d.status])).toEqual([
      ['dingtalk', 'sent'],
      ['email', 'sent'],
      ['wecom', 'sent'],
    ]);
  });
});

describe('a receiver that is down', () => {
  it('delays messages until it comes back: every one arrives once, none lost, none doubled', async () => {
    const bob = await person('dv-bob');
    await optIn(bob, 'bob@example.gov.cn');
    await mail.down();
    wecom.mode = 'http500';
    dingtalk.mode = 'errcode';
    const seen = { mails: mail.mails.length, wecom: wecom.accepted.length, ding: dingtalk.accepted.length };
    for (const n of [1, 2, 3])
      await notify(ctx, {
        userIds: [bob.userId],
        kind: `test.down.${n}`,
        day: '2026-12-08',
        title: `逾期提醒 ${n}`,
        lines: [overdue(`事项 ${n}`)],
      });
    // 3 notifications × (mail, 企业微信, 钉钉) = 9 deliveries, all failing now.
    expect(await send()).toMatchObject({ sent: 0, retried: 9 });
    const failing = await deliveriesOf(bob.userId);
    expect(failing.every((d) => d.status === 'pending' && d.attempts === 1)).toBe(true);
    expect(failing.find((d) => d.channel === 'wecom')?.lastError).toMatch(/^HTTP 500/);
    expect(failing.find((d) => d.channel === 'dingtalk')?.lastError).toBe('errcode 310000: sign not match');
    expect(failing.find((d) => d.channel === 'email')?.lastError).toBeTruthy();
    // Nothing is due again before the first back-off (1 minute) has passed.
    expect(await send()).toMatchObject({ sent: 0, retried: 0 });
    clock = new Date(clock.getTime() + 60_000);
    expect(await send()).toMatchObject({ sent: 0, retried: 9 });
    expect((await deliveriesOf(bob.userId)).every((d) => d.attempts === 2)).toBe(true);

    // Back up; the second back-off is 2 minutes: one minute on, still nothing is tried.
    await mail.up();
    wecom.mode = 'ok';
    dingtalk.mode = 'ok';
    clock = new Date(clock.getTime() + 60_000);
    expect(await send()).toMatchObject({ sent: 0 });
    clock = new Date(clock.getTime() + 60_000);
    expect(await send()).toMatchObject({ sent: 9, retried: 0 });
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await send()).toMatchObject({ sent: 0 });

    const subjects = mail.mails.slice(seen.mails).map((m) => m.subject);
    expect(subjects.sort()).toEqual(['逾期提醒 1', '逾期提醒 2', '逾期提醒 3']);
    const titles = (posts: { body: unknown }[]) =>
      posts
        .map((p) => (p.body as { markdown: { content?: string; text?: string } }).markdown)
        .map((m) => (m.content ?? m.text ?? '').split('\n')[0]);
    expect(titles(wecom.accepted.slice(seen.wecom)).sort()).toEqual([
      '### 逾期提醒 1',
      '### 逾期提醒 2',
      '### 逾期提醒 3',
    ]);
    expect(titles(dingtalk.accepted.slice(seen.ding)).sort()).toEqual([
      '### 逾期提醒 1',
      '### 逾期提醒 2',
      '### 逾期提醒 3',
    ]);
    expect((await deliveriesOf(bob.userId)).map((d) => d.status)).toEqual(Array(9).fill('sent'));
  });

  it('gives up after ten attempts, keeps the error, and a retry from the log sends it', async () => {
    const erin = await person('dv-erin');
    wecom.mode = 'http500';
    dingtalk.mode = 'http500';
    await notify(ctx, {
      userIds: [erin.userId],
      kind: 'test.giveup',
      day: '2026-12-08',
      title: '一直失败',
      lines: [overdue('事项')],
    });
    // Ten attempts, each after its back-off (1, 2, 4 … 60 minutes; an hour covers every one).
    for (let i = 0; i < 10; i++) {
      await send();
      clock = new Date(clock.getTime() + 3_600_000);
    }
    const rows = await deliveriesOf(erin.userId);
    expect(rows.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['dingtalk', 'failed', 10],
      ['wecom', 'failed', 10],
    ]);
    expect(rows[1]?.lastError).toMatch(/^HTTP 500/);
    wecom.mode = 'ok';
    const log = (await officer.get('/api/delivery/log?status=failed&pageSize=200')).json() as {
      items: { id: string; lastError: string | null; channel: string }[];
    };
    const failed = log.items.find((i) => i.id === rows[1]?.id);
    expect(failed?.lastError).toMatch(/^HTTP 500/);
    expect((await officer.post(`/api/delivery/log/${rows[1]?.id}/retry`)).statusCode).toBe(200);
    const before = wecom.accepted.length;
    expect(await send()).toMatchObject({ sent: 1 });
    expect(wecom.accepted.length).toBe(before + 1);
  });
});

describe('two senders at once', () => {
  it('never send a row twice', async () => {
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => person('dv-many')));
    for (const p of people) await optIn(p, `${p.username}@example.gov.cn`);
    const seen = { mails: mail.mails.length, wecom: wecom.accepted.length, ding: dingtalk.accepted.length };
    await notify(ctx, {
      userIds: people.map((p) => p.userId),
      kind: 'test.race',
      day: '2026-12-08',
      title: '并发',
      lines: [overdue('事项')],
    });
    const other: Ctx = { ...t.ctx(), now: () => clock };
    const [a, b] = await Promise.all([send(ctx), send(other)]);
    // 6 mails, and one post per group robot (its group hears the notice once): 8 deliveries, shared between the
    // two senders.
    expect(a.sent + b.sent).toBe(8);
    expect(mail.mails.length - seen.mails).toBe(6);
    expect(new Set(mail.mails.slice(seen.mails).map((m) => m.messageId)).size).toBe(6);
    expect(wecom.accepted.length - seen.wecom).toBe(1);
    expect(dingtalk.accepted.length - seen.ding).toBe(1);
  });
});

describe('a sender whose claim has passed to another', () => {
  it('marks nothing, and hands back the rows of a batch whose lease is nearly spent', async () => {
    const hana = await person('dv-hana');
    await notify(ctx, {
      userIds: [hana.userId],
      kind: 'test.lease',
      day: '2026-12-08',
      title: '租约',
      lines: [overdue('事项')],
    });
    // While the first post is under way, another sender takes the rows over (its lease replaces this one's).
    const taken = new Date(clock.getTime() + 10 * 60_000);
    const takeOver = async () => {
      await t.database.db
        .updateTable('delivery')
        .set({ leaseUntil: taken })
        .where('userId', '=', hana.userId)
        .execute();
    };
    wecom.onPost = takeOver;
    dingtalk.onPost = takeOver;
    try {
      await send();
    } finally {
      wecom.onPost = null;
      dingtalk.onPost = null;
    }
    // Neither row is marked by the sender that lost its claim: the one holding it now settles it.
    expect((await deliveriesOf(hana.userId)).map((d) => [d.channel, d.status])).toEqual([
      ['dingtalk', 'pending'],
      ['wecom', 'pending'],
    ]);

    // A clock that runs six minutes a reading: the lease (5 minutes) is spent before the first send starts.
    const ivan = await person('dv-ivan');
    await notify(ctx, {
      userIds: [ivan.userId],
      kind: 'test.slow',
      day: '2026-12-08',
      title: '慢',
      lines: [overdue('事项')],
    });
    let slow = clock.getTime();
    const before = wecom.seen.length + dingtalk.seen.length;
    const sixMinutesEachReading = () => {
      slow += 6 * 60_000;
      return new Date(slow);
    };
    await send({ ...ctx, now: sixMinutesEachReading });
    expect(wecom.seen.length + dingtalk.seen.length).toBe(before);
    expect((await deliveriesOf(ivan.userId)).map((d) => [d.status, d.attempts, d.leaseUntil])).toEqual([
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
  });
});

describe('quiet hours and urgency', () => {
  it('hold a normal mail until they end and let an urgent one through', async () => {
    const carol = await person('dv-carol');
    await optIn(carol, 'carol@example.gov.cn', ['22:00', '07:30']);
    clock = new Date('2026-12-08T15:00:00Z'); // 23:00 in Beijing
    const before = mail.mails.length;
    await notify(ctx, {
      userIds: [carol.userId],
      kind: 'test.normal',
      day: '2026-12-08',
      title: '普通提醒',
      lines: [{ text: '明天到期', link: '/duties', severity: 'due_soon' }],
    });
    await notify(ctx, {
      userIds: [carol.userId],
      kind: 'test.urgent',
      day: '2026-12-08',
      title: '红色预警',
      lines: [{ text: '严重逾期', link: '/duties', severity: 'info' }],
      urgent: true,
    });
    await send();
    expect(mail.mails.slice(before).map((m) => m.subject)).toEqual(['红色预警']);
    const waiting = (await deliveriesOf(carol.userId)).find((d) => d.status === 'pending');
    // 07:30 on 9 Dec in Beijing = 23:30Z on 8 Dec; waiting is not an attempt.
    expect(waiting?.nextAttemptAt.toISOString()).toBe('2026-12-08T23:30:00.000Z');
    expect(waiting?.attempts).toBe(0);
    clock = new Date('2026-12-08T23:29:00Z');
    await send();
    expect(mail.mails.length - before).toBe(1);
    clock = new Date('2026-12-08T23:30:00Z');
    await send();
    expect(mail.mails.slice(before).map((m) => m.subject)).toEqual(['红色预警', '普通提醒']);
  });
});

describe('preferences', () => {
  it('send no mail to who has not opted in, and skip one queued before opting out', async () => {
    const dave = await person('dv-dave');
    const frank = await person('dv-frank');
    await optIn(frank, 'frank@example.gov.cn');
    const before = mail.mails.length;
    await notify(ctx, {
      userIds: [dave.userId, frank.userId],
      kind: 'test.prefs',
      day: '2026-12-08',
      title: '偏好',
      lines: [{ text: '一条信息', link: '/', severity: 'info' }],
    });
    // Dave never opted in: no mail is queued. Nor does a robot set to carry urgent and overdue take an info line.
    expect(await deliveriesOf(dave.userId)).toEqual([]);
    const current = (await frank.get('/api/me/delivery-preferences')).json() as DeliveryPreferences;
    const off = await frank.put('/api/me/delivery-preferences', {
      email: current.email,
      emailEnabled: false,
      quietFrom: null,
      quietUntil: null,
      version: current.version,
    });
    expect(off.statusCode).toBe(200);
    await send();
    expect(mail.mails.length).toBe(before);
    expect((await deliveriesOf(frank.userId)).map((d) => [d.channel, d.status, d.lastError])).toEqual([
      ['email', 'skipped', '收件人已关闭邮件接收'],
    ]);
  });

  it('answer a stale edit with 409 and say when the installation has no mail server', async () => {
    const gina = await person('dv-gina');
    const first = (await gina.get('/api/me/delivery-preferences')).json() as DeliveryPreferences;
    expect(first).toMatchObject({ emailEnabled: false, version: 0, emailAvailable: false });
    const body = {
      email: 'g@example.gov.cn',
      emailEnabled: true,
      quietFrom: null,
      quietUntil: null,
      version: 0,
    };
    expect((await gina.put('/api/me/delivery-preferences', body)).statusCode).toBe(200);
    expect((await gina.put('/api/me/delivery-preferences', body)).statusCode).toBe(409);
    const bad = await gina.put('/api/me/delivery-preferences', { ...body, quietFrom: '22:00', version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('免打扰的开始和结束时间须同时填写');
    // Without SMTP_URL the mail is skipped, saying why.
    await notify(ctx, {
      userIds: [gina.userId],
      kind: 'test.nosmtp',
      day: '2026-12-08',
      title: '无邮件服务器',
      lines: [{ text: '一条信息', link: '/', severity: 'info' }],
    });
    await sendDueDeliveries(ctx, {});
    expect((await deliveriesOf(gina.userId))[0]?.lastError).toContain('未配置邮件服务器');
  });
});

describe('robot secrets', () => {
  it('are stored encrypted and never answered', async () => {
    const raw = await t.database.db.selectFrom('deliveryChannel').selectAll().execute();
    const dump = JSON.stringify(raw);
    for (const secret of [WECOM_KEY, DINGTALK_TOKEN, DINGTALK_SECRET]) expect(dump).not.toContain(secret);
    const listed = await officer.get('/api/delivery/channels');
    const channels = listed.json() as RobotChannel[];
    const shown = channels.map((c) => [c.kind, c.host.startsWith('127.0.0.1:'), c.hasSecret]);
    expect(shown.sort()).toEqual([
      ['dingtalk', true, true],
      ['wecom', true, false],
    ]);
    const ding = channels.find((c) => c.kind === 'dingtalk') as RobotChannel;
    const patched = await officer.patch(`/api/delivery/channels/${ding.id}`, {
      webhookUrl: `${dingtalk.webhook}&x=1`,
      version: ding.version,
    });
    expect(patched.statusCode).toBe(200);
    const stale = await officer.patch(`/api/delivery/channels/${ding.id}`, {
      name: '旧',
      version: ding.version,
    });
    expect(stale.statusCode).toBe(409);
    const tested = await officer.post(`/api/delivery/channels/${ding.id}/test`);
    expect(tested.json()).toEqual({ ok: true, error: null });
    const log = await officer.get('/api/delivery/log?pageSize=200');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', 'like', 'delivery.%')
      .execute();
    for (const answer of [
      listed.body,
      patched.body,
      stale.body,
      tested.body,
      log.body,
      JSON.stringify(audit),
    ])
      for (const secret of [WECOM_KEY, DINGTALK_TOKEN, DINGTALK_SECRET]) expect(answer).not.toContain(secret);
    expect(audit.map((a) => a.action)).toContain('delivery.channel_test');
  });

  it('are out of reach of an officer of another organisation (404) and of a member (403)', async () => {
    const elsewhere = await insertPartyOrg(t.database.db, { kind: 'organ_committee', name: '另一机关党委' });
    const stranger = await userWith(t, 'dv-stranger', [
      { role: 'organ_committee_officer', partyOrgId: elsewhere.id },
    ]);
    const [channel] = (await officer.get('/api/delivery/channels')).json() as RobotChannel[];
    expect((await stranger.get('/api/delivery/channels')).json()).toEqual([]);
    expect((await stranger.post(`/api/delivery/channels/${channel?.id}/test`)).statusCode).toBe(404);
    expect((await stranger.del(`/api/delivery/channels/${channel?.id}`)).statusCode).toBe(404);
    expect((await alice.get('/api/delivery/channels')).statusCode).toBe(403);
  });
});
