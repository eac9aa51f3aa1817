import { sql } from 'kysely';
import type { Db } from '../../core/db.ts';

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('appUser')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewUser = {
  username: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  memberId: string | null;
};

export async function insertUser(db: Db, u: NewUser) {
  return db.insertInto('appUser').values(u).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(
  db: Db,
  id: string,
  version: number,
  patch: Partial<{
    displayName: string;
    status: string;
    passwordHash: string;
    mustChangePassword: boolean;
    passwordChangedAt: Date;
    lockoutClearedAt: Date;
    lastLoginAt: Date;
  }>,
) {
  return db
    .updateTable('appUser')
    .set({ ...patch, version: sql`version + 1`, updatedAt: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Sign-in bookkeeping that must not bump the version a person edits against. */
export async function touchLastLogin(db: Db, id: string) {
  await db.updateTable('appUser').set({ lastLoginAt: new Date() }).where('id', '=', id).execute();
}

export async function setLockoutCleared(db: Db, username: string, at: Date) {
  return db
    .updateTable('appUser')
    .set({ lockoutClearedAt: at })
    .where('username', '=', username)
    .executeTakeFirst();
}

export function listUsers(db: Db, q: { page: number; pageSize: number; q?: string | undefined }) {
  let query = db.selectFrom('appUser');
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('username', 'like', like), eb('displayName', 'like', like)]));
  }
  return Promise.all([
    query
      .selectAll()
      .orderBy('username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

/** Role assignments with the tree path of their node (read from party_org: scopes follow the tree as it moves). */
export function findAssignments(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('roleAssignment as ra')
    .leftJoin('partyOrg as po', 'po.id', 'ra.partyOrgId')
    .select(['ra.userId', 'ra.role', 'ra.partyOrgId', 'po.path', 'po.name as partyOrgName'])
    .where('ra.userId', 'in', userIds)
    .orderBy('ra.createdAt')
    .execute();
}

export async function replaceAssignments(
  db: Db,
  userId: string,
  roles: { role: string; partyOrgId: string | null }[],
) {
  await db.deleteFrom('roleAssignment').where('userId', '=', userId).execute();
  if (roles.length) {
    await db
      .insertInto('roleAssignment')
      .values(roles.map((r) => ({ userId, role: r.role, partyOrgId: r.partyOrgId })))
      .execute();
  }
}

export function findPartyOrgsById(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('partyOrg').select(['id', 'path', 'name']).where('id', 'in', ids).execute();
}

/** Whether a member record exists, so that linking an account to a missing one is a 400, not a failed insert. */
export async function memberExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('member').select('id').where('id', '=', id).executeTakeFirst());
}

export async function insertPasswordHistory(db: Db, userId: string, passwordHash: string) {
  await db.insertInto('passwordHistory').values({ userId, passwordHash }).execute();
}

export function recentPasswordHashes(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('passwordHistory')
    .select('passwordHash')
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute();
}

// Sessions ------------------------------------------------------------------------------------------------------

export async function insertSession(
  db: Db,
  s: { idHash: string; userId: string; csrfToken: string; ip: string; userAgent: string | null },
) {
  await db.insertInto('userSession').values(s).execute();
}

export function findSession(db: Db, idHash: string) {
  return db.selectFrom('userSession').selectAll().where('idHash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: Date) {
  await db.updateTable('userSession').set({ lastSeenAt: at }).where('idHash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('userSession').where('idHash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptIdHash?: string) {
  let q = db.deleteFrom('userSession').where('userId', '=', userId);
  if (exceptIdHash) q = q.where('idHash', '!=', exceptIdHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, idleBefore: Date, createdBefore: Date) {
  await db
    .deleteFrom('userSession')
    .where((eb) => eb.or([eb('lastSeenAt', '<', idleBefore), eb('createdAt', '<', createdBefore)]))
    .execute();
}

// Sign-in attempts ----------------------------------------------------------------------------------------------

export async function insertLoginAttempt(db: Db, a: { username: string; ip: string; success: boolean }) {
  await db.insertInto('loginAttempt').values(a).execute();
}

/** Failures for an account since its last success or unlock, within the window. */
export async function countRecentFailures(
  db: Db,
  by: { username: string } | { ip: string },
  since: Date,
): Promise<{ failures: number; last: Date | null }> {
  const key = 'username' in by ? ('username' as const) : ('ip' as const);
  const value = 'username' in by ? by.username : by.ip;
  const lastSuccess = db
    .selectFrom('loginAttempt')
    .select((eb) => eb.fn.max('at').as('at'))
    .where(key, '=', value)
    .where('success', '=', true);
  const r = await db
    .selectFrom('loginAttempt')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where(key, '=', value)
    .where('success', '=', false)
    .where('at', '>=', since)
    .where((eb) => eb.or([eb(lastSuccess, 'is', null), eb('at', '>', lastSuccess)]))
    .executeTakeFirstOrThrow();
  return { failures: Number(r.n), last: r.last ? new Date(r.last as unknown as string) : null };
}

export function listRecentFailureGroups(db: Db, since: Date) {
  return Promise.all([
    db
      .selectFrom('loginAttempt')
      .select((eb) => ['username', eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
      .where('success', '=', false)
      .where('at', '>=', since)
      .groupBy('username')
      .execute(),
    db
      .selectFrom('loginAttempt')
      .select((eb) => ['ip', eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
      .where('success', '=', false)
      .where('at', '>=', since)
      .groupBy('ip')
      .execute(),
  ]);
}
