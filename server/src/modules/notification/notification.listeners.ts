// Listeners to the notifications written (ADR 24, ADR 30): another module — deliveries by mail and group robots —
// registers here at start-up and is told of every notification row created, inside the transaction that created it,
// so that what it writes commits or rolls back with the row. The notification module knows none of them.
import type { NotificationLine } from '#contracts/notification';
import type { Ctx } from '../../core/context.ts';

export type CreatedNotification = {
  id: string;
  userId: string;
  kind: string;
  day: string;
  title: string;
  lines: readonly NotificationLine[];
  /** Marked urgent by its notify call: it may not wait for quiet hours or the morning. */
  urgent: boolean;
};

export type NotificationListener = {
  /** Names the listener; registering the same key again replaces it (every app built registers once). */
  key: string;
  /** Runs in the transaction of the insert: a listener that throws undoes the notifications with it. */
  created: (ctx: Ctx, rows: readonly CreatedNotification[]) => Promise<void>;
};

const listeners = new Map<string, NotificationListener>();

export function registerNotificationListeners(list: readonly NotificationListener[]): void {
  for (const listener of list) listeners.set(listener.key, listener);
}

export async function notifyListeners(ctx: Ctx, rows: readonly CreatedNotification[]): Promise<void> {
  if (rows.length === 0) return;
  for (const listener of listeners.values()) await listener.created(ctx, rows);
}
