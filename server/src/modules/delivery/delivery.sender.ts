// The sender (ADR 30): a scheduled job every minute claims the deliveries that are due — `FOR UPDATE SKIP LOCKED`
// and a lease, so two senders (two instances, a run taken over) never hold the same row — sends them outside any
// transaction, and marks each sent, or due again after a back-off, or failed after MAX_ATTEMPTS. A channel that is
// down delays its rows and no others; a request never waits on a channel: requests only enqueue.
//
// Reads (read-only): the notification row a delivery copies, the recipient's preferences, the robot's channel.
import { sql } from 'kysely';
import type { NotificationLine } from '#contracts/notification';
import type { Ctx } from '../../core/context.ts';
import type { JobDefinition } from '../../core/jobs.ts';
import {
  type Mailer,
  openMailer,
  postToRobot,
  SEND_TIMEOUT_MS,
  type SmtpConfig,
} from './delivery.channels.ts';
import { backoffMinutes, MAX_ATTEMPTS, quietHoursEnd } from './delivery.schedule.ts';

export const SEND_JOB = 'delivery.send';
/** A claim lasts this long: a sender that died mid-batch gives its rows back after it. */
export const LEASE_MS = 5 * 60_000;
const BATCH = 50;
/** Batches in one run: a long queue is worked off over a few minutes, not in one run that never ends. */
const MAX_BATCHES = 20;

export type SenderOptions = {
  /** The installation's mail server; absent: mail deliveries are skipped, saying why. */
  smtp?: SmtpConfig | undefined;
};

type Claimed = {
  id: string;
  notificationId: string;
  userId: string;
  channel: 'email' | 'wecom' | 'dingtalk';
  target: string;
  urgent: boolean;
  attempts: number;
  leaseUntil: Date;
};

const nowOf = (ctx: Ctx) => ctx.now?.() ?? new Date();

/** Takes up to BATCH due rows for this sender: committed before any is sent, so no lock is held while sending. */
async function claim(ctx: Ctx, now: Date): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const result = await sql<Claimed>`
    update delivery set lease_until = ${lease}, attempts = attempts + 1
    where id in (
      select id from delivery
      where status = 'pending' and next_attempt_at <= ${now} and (lease_until is null or lease_until < ${now})
      order by urgent desc, next_attempt_at, id
      limit ${BATCH}
      for update skip locked)
    returning id, notification_id, user_id, channel, target, urgent, attempts, lease_until`.execute(ctx.db);
  return result.rows;
}

type Outcome =
  | { kind: 'sent' }
  | { kind: 'error'; error: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'later'; at: Date };

/** Marks the row as its claim's holder only: a sender whose lease ran out changes nothing. */
async function settle(ctx: Ctx, row: Claimed, outcome: Outcome, now: Date): Promise<void> {
  const mine = (q: ReturnType<typeof update>) =>
    q.where('id', '=', row.id).where('leaseUntil', '=', row.leaseUntil).where('status', '=', 'pending');
  const update = () => ctx.db.updateTable('delivery');
  switch (outcome.kind) {
    case 'sent':
      await mine(update().set({ status: 'sent', sentAt: now, leaseUntil: null, lastError: null })).execute();
      return;
    case 'skipped':
      await mine(update().set({ status: 'skipped', leaseUntil: null, lastError: outcome.reason })).execute();
      return;
    case 'later':
      // Waiting out quiet hours is not an attempt.
      await mine(
        update().set({ nextAttemptAt: outcome.at, leaseUntil: null, attempts: sql`attempts - 1` }),
      ).execute();
      return;
    case 'error': {
      const error = outcome.error.slice(0, 500);
      if (row.attempts >= MAX_ATTEMPTS) {
        await mine(update().set({ status: 'failed', leaseUntil: null, lastError: error })).execute();
        return;
      }
      const next = new Date(now.getTime() + backoffMinutes(row.attempts) * 60_000);
      await mine(update().set({ nextAttemptAt: next, leaseUntil: null, lastError: error })).execute();
    }
  }
}

async function sendOne(ctx: Ctx, row: Claimed, now: Date, mailer: () => Mailer | null): Promise<Outcome> {
  const note = await ctx.db
    .selectFrom('notification')
    .select(['title', 'lines'])
    .where('id', '=', row.notificationId)
    .executeTakeFirst();
  if (!note) return { kind: 'skipped', reason: '通知已不存在' };
  const message = { title: note.title, lines: note.lines as NotificationLine[] };
  if (row.channel === 'email') {
    const pref = await ctx.db
      .selectFrom('deliveryPreference')
      .select(['email', 'emailEnabled', 'quietFrom', 'quietUntil'])
      .where('userId', '=', row.userId)
      .executeTakeFirst();
    if (!pref?.emailEnabled || !pref.email) return { kind: 'skipped', reason: '收件人已关闭邮件接收' };
    if (!row.urgent && pref.quietFrom !== null && pref.quietUntil !== null) {
      const end = quietHoursEnd(now, pref.quietFrom, pref.quietUntil);
      if (end) return { kind: 'later', at: end };
    }
    const m = mailer();
    if (!m) return { kind: 'skipped', reason: '本系统未配置邮件服务器（SMTP_URL），无法发送邮件' };
    const error = await m.send(pref.email, message, `<${row.id}@delivery.ronghe>`);
    return error === null ? { kind: 'sent' } : { kind: 'error', error };
  }
  const channel = await ctx.db
    .selectFrom('deliveryChannel')
    .select(['kind', 'webhookCipher', 'secretCipher', 'enabled'])
    .where('id', '=', row.target)
    .executeTakeFirst();
  if (!channel?.enabled) return { kind: 'skipped', reason: '推送渠道已删除或停用' };
  const webhook = ctx.secrets.decrypt(channel.webhookCipher);
  const secret = channel.secretCipher ? ctx.secrets.decrypt(channel.secretCipher) : null;
  const error = await postToRobot(channel.kind, webhook, secret, message, now.getTime());
  return error === null ? { kind: 'sent' } : { kind: 'error', error };
}

export type SendRun = { sent: number; retried: number; failed: number; skipped: number; deferred: number };

/** Sends what is due now (by the context's clock). */
export async function sendDueDeliveries(ctx: Ctx, options: SenderOptions = {}): Promise<SendRun> {
  const run: SendRun = { sent: 0, retried: 0, failed: 0, skipped: 0, deferred: 0 };
  let mailer: Mailer | null = null;
  const lazyMailer = () => {
    if (!options.smtp) return null;
    mailer ??= openMailer(options.smtp);
    return mailer;
  };
  try {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const rows = await claim(ctx, nowOf(ctx));
      for (const row of rows) {
        let outcome: Outcome;
        // A send begun this late could end after the lease, when another sender may have claimed the row: the row
        // is handed back instead, so that it goes out once, not twice.
        if (nowOf(ctx).getTime() > row.leaseUntil.getTime() - 3 * SEND_TIMEOUT_MS) {
          await settle(ctx, row, { kind: 'later', at: nowOf(ctx) }, nowOf(ctx));
          continue;
        }
        try {
          outcome = await sendOne(ctx, row, nowOf(ctx), lazyMailer);
        } catch (error) {
          outcome = { kind: 'error', error: error instanceof Error ? error.message : String(error) };
        }
        await settle(ctx, row, outcome, nowOf(ctx));
        if (outcome.kind === 'sent') run.sent++;
        else if (outcome.kind === 'skipped') run.skipped++;
        else if (outcome.kind === 'later') run.deferred++;
        else if (row.attempts >= MAX_ATTEMPTS) run.failed++;
        else run.retried++;
      }
      if (rows.length < BATCH) break;
    }
  } finally {
    (mailer as Mailer | null)?.close();
  }
  return run;
}

/** The sender as a scheduled job, every minute (server.ts passes the installation's mail server). */
export function deliveryJobs(options: SenderOptions): JobDefinition[] {
  return [
    {
      name: SEND_JOB,
      schedule: { everyMinutes: 1 },
      run: async (ctx) => {
        const r = await sendDueDeliveries(ctx, options);
        return `${r.sent} sent, ${r.retried} to retry, ${r.failed} given up, ${r.skipped} skipped, ${r.deferred} after quiet hours`;
      },
    },
  ];
}
