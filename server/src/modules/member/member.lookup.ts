// Look-ups other modules need about people: names, where they are, whether they are still active, who holds a
// Party post. Read-only, set-based (one query for many ids), no scope: callers decide what their user may see.
import type { Db } from '../../core/db.ts';
import type { Secrets } from '../../core/secrets.ts';

export type MemberRef = {
  id: string;
  unitId: string;
  name: string;
  partyOrgId: string;
  partyPost: string | null;
  status: 'active' | 'left';
};

/** id → member for the ids that exist, in any organ. */
export async function memberRefs(db: Db, ids: readonly string[]): Promise<Map<string, MemberRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('member')
    .select(['id', 'unitId', 'name', 'partyOrgId', 'partyPost', 'status'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, status: r.status as MemberRef['status'] }]));
}

/** Organisation id → its active members holding `post` (e.g. 'secretary'), in name order. */
export async function postHoldersOf(
  db: Db,
  unitId: string,
  orgIds: readonly string[],
  post: 'secretary' | 'deputy_secretary' | 'committee_member',
): Promise<Map<string, MemberRef[]>> {
  const unique = [...new Set(orgIds)];
  const out = new Map<string, MemberRef[]>();
  if (unique.length === 0) return out;
  const rows = await db
    .selectFrom('member')
    .select(['id', 'unitId', 'name', 'partyOrgId', 'partyPost', 'status'])
    .where('unitId', '=', unitId)
    .where('partyOrgId', 'in', unique)
    .where('partyPost', '=', post)
    .where('status', '=', 'active')
    .orderBy('nameSortKey')
    .execute();
  for (const r of rows) {
    const list = out.get(r.partyOrgId) ?? [];
    list.push({ ...r, status: 'active' });
    out.set(r.partyOrgId, list);
  }
  return out;
}

export type NamedMember = MemberRef & { orgPath: string; idTail: string };

/**
 * The active members of organ `unitId` bearing one of `names`, with their organisation's path and the last four
 * characters of their ID number, which an import row may give to tell namesakes apart. Only the tail leaves here.
 */
export async function activeMembersNamed(
  ctx: { db: Db; secrets: Secrets },
  unitId: string,
  names: readonly string[],
): Promise<NamedMember[]> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('member as m')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'm.unitId').onRef('o.id', '=', 'm.partyOrgId'),
    )
    .select(['m.id', 'm.unitId', 'm.name', 'm.partyOrgId', 'm.partyPost', 'm.idNumberCipher', 'o.path'])
    .where('m.unitId', '=', unitId)
    .where('m.status', '=', 'active')
    .where('m.name', 'in', unique)
    .execute();
  return rows.map(({ idNumberCipher, path, ...r }) => ({
    ...r,
    status: 'active',
    orgPath: path,
    idTail: ctx.secrets.decrypt(idNumberCipher).slice(-4).toUpperCase(),
  }));
}

export type RosterMember = { id: string; name: string; partyOrgId: string; partyPost: string | null };

/**
 * The members of organisations `orgIds` of organ `unitId` on day `on`, from their organisation history (a transfer
 * on day D counts in the new organisation from D; leaving on D ends membership on D). Before a member's first
 * history row — members entered when the system began — they count where they were first recorded, once they had
 * joined the Party. In name order; one query.
 */
export async function rosterOn(
  db: Db,
  unitId: string,
  orgIds: readonly string[],
  on: string,
): Promise<RosterMember[]> {
  const unique = [...new Set(orgIds)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('member as m')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('memberOrgHistory as h')
          .select(['h.memberId', 'h.partyOrgId'])
          .where('h.unitId', '=', unitId)
          .where('h.partyOrgId', 'in', unique)
          .where((w) =>
            w.or([
              w.and([w('h.fromOn', '<=', on), w.or([w('h.toOn', 'is', null), w('h.toOn', '>', on)])]),
              // The first known row, for days before it.
              w.and([
                w('h.fromOn', '>', on),
                w.not(
                  w.exists(
                    w
                      .selectFrom('memberOrgHistory as e')
                      .select('e.memberId')
                      .whereRef('e.unitId', '=', 'h.unitId')
                      .whereRef('e.memberId', '=', 'h.memberId')
                      .whereRef('e.fromOn', '<', 'h.fromOn'),
                  ),
                ),
              ]),
            ]),
          )
          .as('x'),
      (j) => j.onRef('x.memberId', '=', 'm.id'),
    )
    .select(['m.id', 'm.name', 'x.partyOrgId', 'm.partyPost'])
    .where('m.unitId', '=', unitId)
    .where((w) => w.or([w('m.joinedOn', 'is', null), w('m.joinedOn', '<=', on)]))
    .where((w) => w.or([w('m.status', '=', 'active'), w('m.leftOn', '>', on)]))
    .orderBy('m.nameSortKey')
    .orderBy('m.id')
    .execute();
  // Members with no history at all (written before histories were kept) count where they are now.
  const unrecorded = await db
    .selectFrom('member as m')
    .select(['m.id', 'm.name', 'm.partyOrgId', 'm.partyPost'])
    .where('m.unitId', '=', unitId)
    .where('m.partyOrgId', 'in', unique)
    .where((w) => w.or([w('m.joinedOn', 'is', null), w('m.joinedOn', '<=', on)]))
    .where((w) => w.or([w('m.status', '=', 'active'), w('m.leftOn', '>', on)]))
    .where((w) =>
      w.not(
        w.exists(
          w
            .selectFrom('memberOrgHistory as h')
            .select('h.memberId')
            .whereRef('h.unitId', '=', 'm.unitId')
            .whereRef('h.memberId', '=', 'm.id'),
        ),
      ),
    )
    .orderBy('m.nameSortKey')
    .execute();
  // A transfer between two of `orgIds` on the same day leaves one row per organisation: the newer one counts.
  const seen = new Map<string, RosterMember>();
  for (const r of [...rows, ...unrecorded]) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
}
