// The delivery log (推送记录) of the robots an officer manages: every post with its status, attempts and last error,
// and a retry of one that was given up. Mail deliveries are a person's own and stay out of it.
import { sql } from 'kysely';
import type { DeliveryLogEntry, DeliveryLogQuery } from '#contracts/delivery';
import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { scopeSql } from '../identity/index.ts';

const PERMISSION = 'delivery.manage' as const;
const NOT_FOUND = '该推送记录不存在或不在您的管辖范围内';

// The target of a robot delivery is its channel's id (text, no foreign key: ADR 20, local → tenant).
const logRows = (ctx: Ctx) =>
  ctx.db
    .selectFrom('delivery as d')
    .innerJoin('deliveryChannel as c', (j) => j.on(sql`c.id::text`, '=', sql.ref('d.target')))
    .innerJoin('partyOrg as po', (j) =>
      j.onRef('po.unitId', '=', 'c.unitId').onRef('po.id', '=', 'c.partyOrgId'),
    )
    .innerJoin('notification as n', 'n.id', 'd.notificationId')
    .where('d.channel', '<>', 'email')
    .where(scopeSql(ctx.actor, PERMISSION, 'po.path'));

export async function listLog(
  ctx: Ctx,
  query: DeliveryLogQuery,
): Promise<{ items: DeliveryLogEntry[]; total: number; page: number; pageSize: number }> {
  let q = logRows(ctx);
  if (query.status) q = q.where('d.status', '=', query.status);
  if (query.channelId) q = q.where('c.id', '=', query.channelId);
  const [rows, total] = await Promise.all([
    q
      .select([
        'd.id',
        'n.title as notificationTitle',
        'd.channel',
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
    items: rows.map((r) => ({
      ...r,
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
  const row = await logRows(ctx)
    .select(['d.id', 'd.status', 'd.lastError', 'c.id as channelId'])
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
    details: { channelId: row.channelId, lastError: row.lastError },
  });
  return { ok: true };
}
