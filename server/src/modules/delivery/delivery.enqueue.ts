// Enqueueing (ADR 30): told of every notification row created (the notification module's listener registry), in the
// transaction that created it, this writes one delivery per row and channel — mail for those who opted in, a post
// for each enabled robot of a Party organisation the recipient belongs to that carries what the row says. The
// key (notification, channel, target) makes a second enqueue add nothing.
//
// Cross-table reads (read-only): `app_user` → `member` → `party_org` and `role_assignment` → `party_org` tell
// whose organisation a robot speaks for; a robot posts for its organisation's members and role holders.
import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { CreatedNotification, NotificationListener } from '../notification/index.ts';

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
    await sql`
      insert into delivery (notification_id, user_id, channel, target, urgent)
      select distinct n.id, n.user_id, c.kind, c.id::text, n.urgent
      from (values ${sql.join(values)}) as n(id, user_id, urgent, tags)
      join delivery_channel c on c.enabled and c.severities && n.tags
      join party_org po on po.unit_id = c.unit_id and po.id = c.party_org_id
      where exists (
          select 1 from app_user u
          join member m on m.id = u.member_id
          join party_org mo on mo.id = m.party_org_id
          where u.id = n.user_id and mo.path like po.path || '%')
        or exists (
          select 1 from role_assignment ra
          join party_org ro on ro.id = ra.party_org_id
          where ra.user_id = n.user_id and ro.path like po.path || '%')
      on conflict (notification_id, channel, target) do nothing`.execute(ctx.db);
  }
}

export const DELIVERY_LISTENER: NotificationListener = {
  key: 'delivery.enqueue',
  created: enqueueDeliveries,
};
