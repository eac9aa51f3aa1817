import { type RawBuilder, sql } from 'kysely';
import { isAdminRole, type Permission, ROLE_PERMISSIONS } from '#contracts/identity';
import type { Actor } from '../../core/context.ts';

/**
 * 'all' when an administrator role (unscoped by definition) grants the permission; otherwise the tree paths of the
 * nodes the business roles are held on. A business assignment without a path reaches nothing: scope fails closed,
 * and the whole tree is the explicit root path '/', never a missing one.
 */
export function scopePaths(actor: Actor | null, permission: Permission): 'all' | string[] {
  if (!actor) return [];
  const paths: string[] = [];
  for (const a of actor.assignments) {
    if (!ROLE_PERMISSIONS[a.role].includes(permission)) continue;
    if (isAdminRole(a.role)) return 'all';
    if (a.path) paths.push(a.path);
  }
  // Drop paths inside other paths: a smaller WHERE and no double counting.
  return paths.filter((p, i) => !paths.some((q, j) => j !== i && p.startsWith(q) && (p !== q || j < i)));
}

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  const scope = scopePaths(actor, permission);
  return scope === 'all' || scope.length > 0;
}

/** True when the node at `path` lies in (or is) a node on which the actor holds `permission`. */
export function isInScope(actor: Actor | null, permission: Permission, path: string): boolean {
  const scope = scopePaths(actor, permission);
  return scope === 'all' || scope.some((p) => path.startsWith(p));
}

/** The actor's own permissions, for the session response and the web's menu. */
export function permissionsOf(actor: Actor): Permission[] {
  const set = new Set<Permission>();
  for (const a of actor.assignments) for (const p of ROLE_PERMISSIONS[a.role]) set.add(p);
  return [...set].sort();
}

/**
 * A WHERE condition limiting rows to the actor's scope for `permission`, given the column holding a party_org path
 * (e.g. 'partyOrg.path'). Paths are '/id/id/…/' built from uuids, so they hold no LIKE wildcards.
 */
export function scopeSql(
  actor: Actor | null,
  permission: Permission,
  pathColumn: string,
): RawBuilder<boolean> {
  const scope = scopePaths(actor, permission);
  if (scope === 'all') return sql<boolean>`true`;
  if (scope.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    scope.map((p) => sql`${sql.ref(pathColumn)} like ${`${p}%`}`),
    sql` or `,
  )})`;
}
