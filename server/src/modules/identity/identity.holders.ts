// Who holds a role over an organisation (issue 13's escalation ladder): the enabled accounts whose assignment of that
// role sits at the organisation or above it — a branch secretary at the branch, the organ committee's officers and
// the leading group at the organ's root.
import { sql } from 'kysely';
import type { Db } from '../../core/db.ts';

/**
 * For each organisation path given, the accounts holding each role at it or above, as `path → role → user ids`.
 * One statement for all of them.
 */
export async function holdersCovering(
  db: Db,
  paths: readonly string[],
  roles: readonly string[],
): Promise<Map<string, Map<string, string[]>>> {
  const out = new Map<string, Map<string, string[]>>();
  const unique = [...new Set(paths)];
  if (unique.length === 0 || roles.length === 0) return out;
  const rows = await db
    .selectFrom('roleAssignment as a')
    .innerJoin('appUser as u', 'u.id', 'a.userId')
    .innerJoin('partyOrg as o', 'o.id', 'a.partyOrgId')
    .select(['a.userId', 'a.role', 'o.path'])
    .where('a.role', 'in', [...roles])
    .where('u.status', '=', 'active')
    .where(
      sql<boolean>`exists (select 1 from unnest(${unique}::text[]) as t(p) where t.p like o.path || '%')`,
    )
    .execute();
  for (const target of unique)
    for (const r of rows) {
      if (!target.startsWith(r.path)) continue;
      let byRole = out.get(target);
      if (!byRole) {
        byRole = new Map();
        out.set(target, byRole);
      }
      const list = byRole.get(r.role) ?? [];
      if (!list.includes(r.userId)) list.push(r.userId);
      byRole.set(r.role, list);
    }
  return out;
}
