// Notification rows (Kysely, no rules). Accounts are local and so is this table: no organ's scope applies, only
// the account a row belongs to.
import { sql } from 'kysely';
import type { NotificationLine } from '#contracts/notification';
import { chunked } from '../../core/chunked.ts';
import type { Db } from '../../core/db.ts';

/** Rows per insert: 4 parameters a row stays far below PostgreSQL's 65,535 bound parameters. */
const CHUNK = 1000;

export type NewNotification = {
  userId: string;
  kind: string;
  day: string;
  title: string;
  lines: readonly NotificationLine[];
};

/**
 * Inserts the notifications of active accounts, several rows a statement. One per (account, kind, day): a row
 * already there is kept as it is, whoever wrote it first, so a second run or a second instance adds nothing.
 * Disabled and unknown accounts are left out in the same statement. Answers the rows it created.
 */
export async function insertNotifications(
  db: Db,
  rows: readonly NewNotification[],
): Promise<{ id: string; userId: string; kind: string }[]> {
  const created: { id: string; userId: string; kind: string }[] = [];
  for (const chunk of chunked(rows, CHUNK)) {
    const values = chunk.map(
      (r) =>
        sql`(${r.userId}::uuid, ${r.kind}::text, ${r.day}::date, ${r.title}::text, ${JSON.stringify(r.lines)}::jsonb)`,
    );
    const result = await sql<{ id: string; userId: string; kind: string }>`
      insert into notification (user_id, kind, day, title, lines)
      select v.user_id, v.kind, v.day, v.title, v.lines
      from (values ${sql.join(values)}) as v(user_id, kind, day, title, lines)
      join app_user u on u.id = v.user_id and u.status = 'active'
      on conflict (user_id, kind, day) do nothing
      returning id, user_id, kind`.execute(db);
    created.push(...result.rows);
  }
  return created;
}

const COLUMNS = ['id', 'kind', 'day', 'title', 'lines', 'createdAt', 'readAt'] as const;

export async function listNotifications(
  db: Db,
  userId: string,
  options: { unread: boolean | undefined; limit: number; offset: number },
) {
  let query = db.selectFrom('notification').where('userId', '=', userId);
  if (options.unread === true) query = query.where('readAt', 'is', null);
  if (options.unread === false) query = query.where('readAt', 'is not', null);
  const [rows, total] = await Promise.all([
    query
      .select(COLUMNS)
      // Unread first, then the newest: what still asks for attention is at the top.
      .orderBy(sql`read_at is null`, 'desc')
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>['rows'][number];

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the account's notifications read (a read one keeps the time it was first read). */
export async function markRead(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  await db
    .updateTable('notification')
    .set({ readAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .execute();
  return db
    .selectFrom('notification')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ readAt: sql<Date>`now()` })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
