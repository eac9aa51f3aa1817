// The delivery log (推送记录) an officer keeps: every post of the robots they manage, and every mail to a person seated
// in their subtree (a member of it or a role holder there), with status, attempts and last error; and a retry of one
// that was given up. A mail shows whom it was for, never the address: that is the person's own.
import { sql } from 'kysely';
import { CHANNEL_LABELS, type DeliveryLogEntry, type DeliveryLogQuery } from '#contracts/delivery';
import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { scopePaths, scopeSql } from '../identity/index.ts';
import { seatedAccounts } from './delivery.audience.ts';

const PERMISSION = 'delivery.manage' as const;
const NOT_FOUND = '该推送记录不存在或不在您的管辖范围内';

/**
 * The recipients of mail the officer may see, with their names: those seated in the officer's subtree, among the
 * accounts that ever chose mail.
 */
async function mailRecipients(ctx: Ctx): Promise<Map<string, string>> {
  const scope = scopePaths(ctx.actor, PERMISSION);
  if (scope !== 'all' && scope.length === 0) return new Map();
  // Whoever was ever sent mail saved preferences (kept when mail is switched off): a small table, not the queue.
  const ids = await ctx.db.selectFrom('deliveryPreference').select('userId').execute();
  const seated = await seatedAccounts(
    ctx.db,
    ids.map((r) => r.userId),
  );
  const out = new Map<string, string>();
  for (const [id, a] of seated)
    if (scope === 'all' || a.seats.some((s) => scope.some((p) => s.path.startsWith(p))))
      out.set(id, a.displayName);
  return out;
}

// The target of a robot delivery is its channel's id, of a mail its recipient's account id (text, no foreign key:
// ADR 20, local → tenant).
const logRows = (ctx: Ctx, mailTo: readonly string[]) =>
  ctx.db
    .selectFrom('delivery as d')
    .leftJoin('deliveryChannel as c', (j) =>
      j.on(sql`c.id::text`, '=', sql.ref('d.target')).on('d.channel', '<>', 'email'),
    )
    .leftJoin('partyOrg as po', (j) =>
      j.onRef('po.unitId', '=', 'c.unitId').onRef('po.id', '=', 'c.partyOrgId'),
    )
    .innerJoin('notification as n', 'n.id', 'd.notificationId')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('d.channel', '<>', 'email'),
          eb('po.id', 'is not', null),
          scopeSql(ctx.actor, PERMISSION, 'po.path'),
        ]),
        eb.and([eb('d.channel', '=', 'email'), sql<boolean>`d.user_id = any(${[...mailTo]}::uuid[])`]),
      ]),
    );

export async function listLog(
  ctx: Ctx,
  query: DeliveryLogQuery,
): Promise<{ items: DeliveryLogEntry[]; total: number; page: number; pageSize: number }> {
  const mailTo = await mailRecipients(ctx);
  let q = logRows(ctx, [...mailTo.keys()]);
  if (query.status) q = q.where('d.status', '=', query.status);
  if (query.channelId) q = q.where('c.id', '=', query.channelId);
  const [rows, total] = await Promise.all([
    q
      .select([
        'd.id',
        'n.title as notificationTitle',
        'd.channel',
        'd.target',
        'd.userId',
        'c.id as channelId',
        'c.name as channelName',
        'd.status',
        'd.urgent',
        'd.attempts',
        'd.nextAttemptAt',
        'd.lastError',
        'd.sentAt',
        'd.createdAt',
      ])
      .orderBy('d.createdAt', 'desc')
      .orderBy('d.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(({ target, userId, ...r }) => ({
      ...r,
      // A mail is named by its recipient, its "channel" the recipient's account.
      channelId: r.channelId ?? target,
      channelName: r.channelName ?? `${CHANNEL_LABELS.email.zh}：${mailTo.get(userId) ?? ''}`,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Puts a given-up delivery back in the queue, due now, with its attempts counted afresh. */
export async function retryDelivery(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const row = await logRows(ctx, [...(await mailRecipients(ctx)).keys()])
    .select(['d.id', 'd.status', 'd.lastError', 'd.channel', 'c.id as channelId'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('delivery.not_found', NOT_FOUND);
  if (row.status !== 'failed')
    throw conflict('delivery.not_failed', '只有发送失败的记录可以重试；待发送的记录会自动重试');
  await ctx.db
    .updateTable('delivery')
    .set({ status: 'pending', attempts: 0, nextAttemptAt: ctx.now?.() ?? new Date(), leaseUntil: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .execute();
  await recordAudit(ctx, {
    action: 'delivery.retry',
    entityType: 'delivery',
    entityId: id,
    details: { channel: row.channel, channelId: row.channelId, lastError: row.lastError },
  });
  return { ok: true };
}
