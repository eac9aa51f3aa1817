// Which accounts belong to which members: how a duty owned by a member reaches a person's notification centre.
import type { Db } from '../../core/db.ts';

/** member id → the enabled accounts linked to it (usually one). */
export async function accountsOfMembers(
  db: Db,
  memberIds: readonly string[],
): Promise<Map<string, string[]>> {
  const unique = [...new Set(memberIds)];
  const out = new Map<string, string[]>();
  if (unique.length === 0) return out;
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .selectFrom('appUser')
      .select(['id', 'memberId'])
      .where('memberId', 'in', unique.slice(i, i + 1000))
      .where('status', '=', 'active')
      .execute();
    for (const r of rows) {
      if (!r.memberId) continue;
      out.set(r.memberId, [...(out.get(r.memberId) ?? []), r.id]);
    }
  }
  return out;
}
