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

/** What ties an account to the tree: its member (if linked) and the organisations of its roles (null: not tied). */
export type AccountTies = {
  displayName: string;
  memberId: string | null;
  roles: { role: string; partyOrgId: string | null }[];
};

/**
 * account id → its ties, for the accounts that exist, whatever their status: two statements per thousand accounts.
 * Deliveries ask it whom a group robot speaks for (ADR 30).
 */
export async function accountTies(db: Db, userIds: readonly string[]): Promise<Map<string, AccountTies>> {
  const unique = [...new Set(userIds)];
  const out = new Map<string, AccountTies>();
  for (let i = 0; i < unique.length; i += 1000) {
    const slice = unique.slice(i, i + 1000);
    const [users, roles] = await Promise.all([
      db.selectFrom('appUser').select(['id', 'displayName', 'memberId']).where('id', 'in', slice).execute(),
      db
        .selectFrom('roleAssignment')
        .select(['userId', 'role', 'partyOrgId'])
        .where('userId', 'in', slice)
        .orderBy('userId')
        .orderBy('role')
        .execute(),
    ]);
    for (const u of users) out.set(u.id, { displayName: u.displayName, memberId: u.memberId, roles: [] });
    for (const r of roles) out.get(r.userId)?.roles.push({ role: r.role, partyOrgId: r.partyOrgId });
  }
  return out;
}
