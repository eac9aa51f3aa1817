// The notification centre's rules: a person reads and marks only their own notifications; another account's
// notification does not exist for them (404, as out-of-scope records everywhere). Reading is not audited: it
// changes nothing but the reader's own marker.
import type { PageQuery } from '#contracts/common';
import type { Notification, NotificationLine } from '#contracts/notification';
import { type Ctx, inTransaction } from '../../core/context.ts';
import { notFound, unauthenticated } from '../../core/errors.ts';
import { notifyListeners } from './notification.listeners.ts';
import * as repo from './notification.repository.ts';

const NOT_FOUND = '找不到这条通知：它可能不属于当前账号。请刷新通知中心后再试';

function ownerOf(ctx: Ctx): string {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor.userId;
}

const toNotification = (r: repo.NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  day: r.day,
  title: r.title,
  lines: r.lines as NotificationLine[],
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export type NotifyInput = {
  userIds: readonly string[];
  kind: string;
  /** China date (YYYY-MM-DD) the notification is for; one per person, kind and day. */
  day: string;
  title: string;
  lines: readonly NotificationLine[];
  /** Goes out on every channel at once, whatever the recipient's quiet hours (a red warning). */
  urgent?: boolean;
};

/**
 * Notifies each account at once (for modules with something that cannot wait for the morning digest). The same
 * rule as the digest: one per person, kind and day — a second call that day adds nothing — and disabled accounts
 * get none. Answers the notifications created.
 */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<{ id: string; userId: string }[]> {
  return notifyEach(ctx, [input]);
}

/**
 * Several notify calls in one: every row in one insert (a few per thousand rows) and the listeners told once, for a
 * module that tells many at a time (an organ's first evaluation of warnings). Each input keeps notify's rules; of
 * two inputs of the same kind, the first is sent (a kind names one thing to tell, once).
 */
export async function notifyEach(
  ctx: Ctx,
  inputs: readonly NotifyInput[],
): Promise<{ id: string; userId: string }[]> {
  const byKind = new Map<string, NotifyInput>();
  for (const i of inputs) if (!byKind.has(i.kind)) byKind.set(i.kind, i);
  const rows = [...byKind.values()].flatMap(({ userIds, kind, day, title, lines }) =>
    [...new Set(userIds)].map((userId) => ({ userId, kind, day, title, lines })),
  );
  if (rows.length === 0) return [];
  // The listeners' writes (deliveries) share the rows' transaction: a notification never exists without them.
  return inTransaction(ctx, async (tx) => {
    const created = await repo.insertNotifications(tx.db, rows);
    await notifyListeners(
      tx,
      created.map((c) => {
        const input = byKind.get(c.kind) as NotifyInput;
        const { day, title, lines } = input;
        return { id: c.id, userId: c.userId, kind: c.kind, day, title, lines, urgent: input.urgent === true };
      }),
    );
    return created.map((c) => ({ id: c.id, userId: c.userId }));
  });
}

export async function listOwnNotifications(
  ctx: Ctx,
  query: PageQuery & { unread?: boolean | undefined },
): Promise<{ items: Notification[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await repo.listNotifications(ctx.db, ownerOf(ctx), {
    unread: query.unread,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(toNotification), total, page: query.page, pageSize: query.pageSize };
}

export async function countOwnUnread(ctx: Ctx): Promise<{ count: number }> {
  return { count: await repo.countUnread(ctx.db, ownerOf(ctx)) };
}

export async function markOwnRead(ctx: Ctx, id: string): Promise<Notification> {
  const row = await repo.markRead(ctx.db, ownerOf(ctx), id);
  if (!row) throw notFound('notification.not_found', NOT_FOUND);
  return toNotification(row);
}

export async function markAllOwnRead(ctx: Ctx): Promise<{ count: number }> {
  return { count: await repo.markAllRead(ctx.db, ownerOf(ctx)) };
}
