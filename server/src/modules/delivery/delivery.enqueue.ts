// Enqueueing (ADR 30): told of every notification row created (the notification module's listener registry), in the
// transaction that created it, this writes one delivery per row and channel — mail for those who opted in, a post
// for each enabled robot of a Party organisation the recipient belongs to that carries what the row says. The
// key (notification, channel, target) makes a second enqueue add nothing.
//
// Whom a robot speaks for is asked of identity, member and org through their indexes (delivery.audience.ts); this
// module reads only its own tables.
import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { CreatedNotification, NotificationListener } from '../notification/index.ts';
import { partyOrgRefs } from '../org/index.ts';
import { seatsOfAccounts, speaksFor } from './delivery.audience.ts';

/** Rows per statement: 5 parameters a row stays far below PostgreSQL's bound-parameter limit. */
const CHUNK = 1000;

/** What a robot may be set to carry that this notification says: its lines' severities, and urgent if it is. */
export function carried(row: Pick<CreatedNotification, 'lines' | 'urgent'>): string[] {
  const tags = new Set<string>(row.lines.map((l) => l.severity));
  if (row.urgent || row.lines.some((l) => (l.severity as string) === 'red')) tags.add('urgent');
  return [...tags];
}

const isUrgent = (row: CreatedNotification) => carried(row).includes('urgent');

export async function enqueueDeliveries(ctx: Ctx, rows: readonly CreatedNotification[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.userId}::uuid, ${isUrgent(r)}::boolean, ${sql`${`{${carried(r).join(',')}}`}::text[]`})`,
    );
    await sql`
      insert into delivery (notification_id, user_id, channel, target, urgent)
      select n.id, n.user_id, 'email', n.user_id::text, n.urgent
      from (values ${sql.join(values)}) as n(id, user_id, urgent, tags)
      join delivery_preference p on p.user_id = n.user_id and p.email_enabled and p.email is not null
      on conflict (notification_id, channel, target) do nothing`.execute(ctx.db);
    await enqueueRobots(ctx, chunk);
  }
}

/** One post per notice and enabled robot that carries what it says and speaks for one of its recipients. */
async function enqueueRobots(ctx: Ctx, rows: readonly CreatedNotification[]): Promise<void> {
  const tags = [...new Set(rows.flatMap(carried))];
  if (tags.length === 0) return;
  const robots = await ctx.db
    .selectFrom('deliveryChannel')
    .select(['id', 'kind', 'partyOrgId', 'severities'])
    .where('enabled', '=', true)
    .where(sql<boolean>`severities && ${sql`${`{${tags.join(',')}}`}::text[]`}`)
    .execute();
  if (robots.length === 0) return;
  const [seats, orgs] = await Promise.all([
    seatsOfAccounts(
      ctx.db,
      rows.map((r) => r.userId),
    ),
    partyOrgRefs(
      ctx.db,
      robots.map((c) => c.partyOrgId),
    ),
  ]);
  // A group hears a message once: the same notice to several of its people (one row each) is one post per robot.
  const posted = new Set<string>();
  const values = rows.flatMap((r) => {
    const says = carried(r);
    return robots
      .filter((c) => {
        const path = orgs.get(c.partyOrgId)?.path;
        const once = `${c.id}\u0000${r.kind}\u0000${r.day}\u0000${r.title}`;
        if (
          path === undefined ||
          !c.severities.some((s) => says.includes(s)) ||
          !speaksFor(path, seats.get(r.userId)) ||
          posted.has(once)
        )
          return false;
        posted.add(once);
        return true;
      })
      .map(
        (c) =>
          sql`(${r.id}::uuid, ${r.userId}::uuid, ${c.kind}::text, ${c.id}::text, ${isUrgent(r)}::boolean)`,
      );
  });
  // …and once across calls: a post of the same notice (kind, day, title) already queued for the robot is enough.
  for (let i = 0; i < values.length; i += CHUNK)
    await sql`
      insert into delivery (notification_id, user_id, channel, target, urgent)
      select v.* from (values ${sql.join(values.slice(i, i + CHUNK))}) as v(notification_id, user_id, channel, target, urgent)
      join notification n on n.id = v.notification_id
      where not exists (
        select 1 from delivery d join notification m on m.id = d.notification_id
        where d.target = v.target and d.channel = v.channel and m.kind = n.kind and m.day = n.day and m.title = n.title)
      on conflict (notification_id, channel, target) do nothing`.execute(ctx.db);
}

export const DELIVERY_LISTENER: NotificationListener = {
  key: 'delivery.enqueue',
  created: enqueueDeliveries,
};
