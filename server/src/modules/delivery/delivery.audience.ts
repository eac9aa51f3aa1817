// Whom a group robot speaks for (ADR 30): a robot of a Party organisation posts the notifications of the people who
// belong to it — members of it or of its subtree, and holders of a role there. Where each account sits in the tree
// is asked of the modules that keep it, through their indexes: identity (the account's member and roles), member
// (the member's organisation) and org (the organisations' paths). Three statements per thousand accounts, whatever
// their number.
import type { Db } from '../../core/db.ts';
import { accountTies } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { partyOrgRefs } from '../org/index.ts';

/** Where an account sits: the path of its member's organisation (role null) and of each role's organisation. */
export type Seat = { path: string; role: string | null };

/** account id → its seats in the tree; an account tied to nothing is absent. */
export async function seatsOfAccounts(db: Db, userIds: readonly string[]): Promise<Map<string, Seat[]>> {
  return new Map([...(await seatedAccounts(db, userIds))].map(([id, a]) => [id, a.seats]));
}

/** account id → its name and seats, for the accounts tied to the tree. */
export async function seatedAccounts(
  db: Db,
  userIds: readonly string[],
): Promise<Map<string, { displayName: string; seats: Seat[] }>> {
  const ties = await accountTies(db, userIds);
  const memberIds = [...ties.values()].flatMap((t) => (t.memberId ? [t.memberId] : []));
  const members = new Map<string, string>();
  for (let i = 0; i < memberIds.length; i += 1000)
    for (const [id, m] of await memberRefs(db, memberIds.slice(i, i + 1000))) members.set(id, m.partyOrgId);
  const orgIds = new Set<string>(members.values());
  for (const t of ties.values()) for (const r of t.roles) if (r.partyOrgId) orgIds.add(r.partyOrgId);
  const paths = new Map<string, string>();
  const ids = [...orgIds];
  for (let i = 0; i < ids.length; i += 1000)
    for (const [id, o] of await partyOrgRefs(db, ids.slice(i, i + 1000))) paths.set(id, o.path);
  const out = new Map<string, { displayName: string; seats: Seat[] }>();
  for (const [userId, t] of ties) {
    const seats: Seat[] = [];
    const memberPath = t.memberId ? paths.get(members.get(t.memberId) ?? '') : undefined;
    if (memberPath) seats.push({ path: memberPath, role: null });
    for (const r of t.roles) {
      const path = r.partyOrgId ? paths.get(r.partyOrgId) : undefined;
      if (path) seats.push({ path, role: r.role });
    }
    if (seats.length) out.set(userId, { displayName: t.displayName, seats });
  }
  return out;
}

/** Whether a robot of the organisation at `orgPath` speaks for someone sitting at `seats`. */
export const speaksFor = (orgPath: string, seats: readonly Seat[] | undefined): boolean =>
  seats?.some((s) => s.path.startsWith(orgPath)) ?? false;
