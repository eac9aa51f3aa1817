import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '#contracts/notification';
import { buildTestApp, type Client, expectError, type TestApp, userWith } from '../../../../test/helpers.ts';
import { startScheduler } from '../../core/jobs.ts';
import { DIGEST_JOB, type DigestLine, type DigestSource, digestJobs, notify } from './index.ts';

// The notification centre: the daily digest writes one notification per person per day whatever runs it (two
// instances, a rerun), merges what the sources say, leaves out disabled accounts; the routes show a person their
// own notifications only.

let t: TestApp;
let alice: Client;
let bob: Client;
let carolId: string;
const calls: string[] = [];

const line = (severity: DigestLine['severity'], n: number): DigestLine => ({
  text: `职责 ${n}`,
  link: `/duties?period=${n}`,
  severity,
});

// 30 lines for Alice (12 overdue, 10 due soon, 8 other, interleaved), 2 for Bob; Carol's account is disabled.
const duties: DigestSource = {
  key: 'test.duties',
  collect: async (_ctx, day) => {
    calls.push(day);
    const kinds = ['due_soon', 'overdue', 'info', 'overdue', 'due_soon'] as const;
    const severities = Array.from({ length: 30 }, (_, i) =>
      i < 28 ? (kinds[i % 5] as DigestLine['severity']) : 'overdue',
    );
    return [
      { userId: alice.userId, lines: severities.map((s, i) => line(s, i)) },
      { userId: bob.userId, lines: [line('due_soon', 100), line('overdue', 101)] },
      { userId: carolId, lines: [line('overdue', 200)] },
    ];
  },
};
// A second source: its lines join Bob's digest rather than making a second one.
const meetings: DigestSource = {
  key: 'test.meetings',
  collect: async () => [{ userId: bob.userId, lines: [line('info', 300)] }],
};
const SOURCES = [duties, meetings];

const digests = (userId: string) =>
  t.database.db
    .selectFrom('notification')
    .selectAll()
    .where('userId', '=', userId)
    .where('kind', '=', 'digest')
    .orderBy('day')
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  alice = await userWith(t, 'nt-alice', []);
  bob = await userWith(t, 'nt-bob', []);
  const carol = await userWith(t, 'nt-carol', []);
  carolId = carol.userId;
  await t.database.db.updateTable('appUser').set({ status: 'disabled' }).where('id', '=', carolId).execute();
});
afterAll(async () => {
  await t.close();
});

describe('daily digest', () => {
  it('writes one notification per person per day, across instances and reruns, and a new one the next day', async () => {
    // 08:00 in Beijing on 7 December: the 07:30 digest is due.
    let clock = new Date('2026-12-07T00:00:00Z');
    const jobs = digestJobs(SOURCES);
    const a = startScheduler({ ctx: t.ctx(), jobs, now: () => clock, tickMs: 0, instance: 'A' });
    const b = startScheduler({ ctx: t.ctx(), jobs, now: () => clock, tickMs: 0, instance: 'B' });
    const ran = [...(await a.tick()), ...(await b.tick())];
    expect(ran.map((r) => [r.job, r.status])).toEqual([[DIGEST_JOB, 'done']]);
    expect(calls).toEqual(['2026-12-07']);

    const [own] = await digests(alice.userId);
    expect(own).toMatchObject({
      day: '2026-12-07',
      title: '今日提醒：11 项即将到期，13 项已逾期，6 条其他提醒',
    });
    const lines = (own?.lines ?? []) as DigestLine[];
    expect(lines).toHaveLength(30);
    expect(lines.slice(0, 13).every((l) => l.severity === 'overdue')).toBe(true);
    expect(lines.slice(13, 24).every((l) => l.severity === 'due_soon')).toBe(true);
    expect(lines.slice(0, 2).map((l) => l.link)).toEqual(['/duties?period=1', '/duties?period=3']);
    const [bobs] = await digests(bob.userId);
    expect(bobs?.title).toBe('今日提醒：1 项即将到期，1 项已逾期，1 条其他提醒');
    expect(((bobs?.lines ?? []) as DigestLine[]).map((l) => l.text)).toEqual([
      '职责 101',
      '职责 100',
      '职责 300',
    ]);
    expect(await digests(carolId)).toEqual([]);

    // The same due time run again, bypassing the scheduler's claim (a run taken over after its lease): nothing new.
    const job = jobs[0];
    if (!job) throw new Error('no digest job');
    const again = await job.run(t.ctx(), new Date('2026-12-06T23:30:00Z'));
    expect(again).toMatch(/0 digests created for 3 people/);
    expect(await digests(alice.userId)).toHaveLength(1);
    expect(await digests(bob.userId)).toHaveLength(1);

    // Later the same day nothing is due; the next morning brings a new digest.
    clock = new Date('2026-12-07T12:00:00Z');
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
    clock = new Date('2026-12-08T00:00:00Z');
    await Promise.all([a.tick(), b.tick()]);
    expect((await digests(alice.userId)).map((d) => d.day)).toEqual(['2026-12-07', '2026-12-08']);
    expect((await digests(bob.userId)).map((d) => d.day)).toEqual(['2026-12-07', '2026-12-08']);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('still delivers what the other sources said when one fails, and marks the run failed with the reason', async () => {
    const broken: DigestSource = {
      key: 'test.broken',
      collect: async () => {
        throw new Error('职责表不可读');
      },
    };
    const [job] = digestJobs([broken, meetings]);
    await expect(job?.run(t.ctx(), new Date('2026-12-09T23:30:00Z'))).rejects.toThrow(
      /1 digests created.*test\.broken: 职责表不可读/,
    );
    expect((await digests(bob.userId)).map((d) => d.day)).toContain('2026-12-10');
  });

  it('notify: one per person, kind and day, none for a disabled account', async () => {
    const input = {
      userIds: [alice.userId, alice.userId, carolId],
      kind: 'test.immediate',
      day: '2026-12-07',
      title: '交接待确认',
      lines: [line('info', 1)],
    };
    expect((await notify(t.ctx(), input)).map((r) => r.userId)).toEqual([alice.userId]);
    expect(await notify(t.ctx(), { ...input, title: '又一次' })).toEqual([]);
  });
});

describe('routes', () => {
  const list = async (c: Client, query = '') => {
    const res = await c.get(`/api/me/notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Notification[]; total: number };
  };
  const unread = async (c: Client) => (await c.get('/api/me/notifications/unread-count')).json().count;

  it('lists only the own notifications, unread first and newest first (as written), and marks them read', async () => {
    const all = await list(alice);
    expect(all.total).toBe(3);
    expect(all.items.map((n) => [n.kind, n.day])).toEqual([
      ['test.immediate', '2026-12-07'],
      ['digest', '2026-12-08'],
      ['digest', '2026-12-07'],
    ]);
    expect(all.items.every((n) => n.readAt === null)).toBe(true);
    expect(await unread(alice)).toBe(3);

    // The digest of 8 December, newer than that of the 7th: once read, it goes below it.
    const marking = all.items[1] as Notification;
    const read = await alice.post(`/api/me/notifications/${marking.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    const marked = read.json() as Notification;
    expect(marked.readAt).not.toBeNull();
    expect(marked.lines).toHaveLength(30);
    // Reading again keeps the time it was first read.
    expect(
      ((await alice.post(`/api/me/notifications/${marking.id}/read`)).json() as Notification).readAt,
    ).toBe(marked.readAt);
    expect(await unread(alice)).toBe(2);
    expect((await list(alice, '?unread=true')).items.map((n) => n.id)).not.toContain(marking.id);
    expect((await list(alice, '?unread=false')).items.map((n) => n.id)).toEqual([marking.id]);
    expect((await list(alice)).items.map((n) => n.day)).toEqual(['2026-12-07', '2026-12-07', '2026-12-08']);
    expect((await list(alice, '?page=2&pageSize=2')).items.map((n) => n.id)).toEqual([marking.id]);

    const readAll = await alice.post('/api/me/notifications/read-all');
    expect(readAll.json()).toEqual({ count: 2 });
    expect(await unread(alice)).toBe(0);
    expect((await alice.post('/api/me/notifications/read-all')).json()).toEqual({ count: 0 });
    // Bob's are untouched by Alice's "read all".
    expect(await unread(bob)).toBe(3);
  });

  it("answers 404 for another account's notification and changes nothing", async () => {
    const [bobs] = await digests(bob.userId);
    expectError(await alice.post(`/api/me/notifications/${bobs?.id}/read`), 404, 'notification.not_found');
    expect((await list(alice)).items.map((n) => n.id)).not.toContain(bobs?.id);
    expect((await digests(bob.userId))[0]?.readAt).toBeNull();
  });

  it('refuses a caller without a session, and a malformed filter', async () => {
    const [bobs] = await digests(bob.userId);
    for (const [method, url] of [
      ['GET', '/api/me/notifications'],
      ['GET', '/api/me/notifications/unread-count'],
      ['POST', `/api/me/notifications/${bobs?.id}/read`],
      ['POST', '/api/me/notifications/read-all'],
    ] as const)
      expectError(await t.app.inject({ method, url }), 401, 'auth.required');
    expectError(await alice.get('/api/me/notifications?unread=yes'), 400, 'common.invalid_input');
    expectError(await alice.get('/api/me/notifications?other=1'), 400, 'common.invalid_input');
  });
});
