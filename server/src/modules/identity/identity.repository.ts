import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../core/db.ts';

const FIRST_ADMIN_LOCK = 7_240_021;

/** Serialises the first-start check across app instances starting together on an empty database (transaction only). */
export async function lockFirstAdmin(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`.execute(db);
}

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
  isDemo?: boolean;
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
    lastLoginAt: Date;
    rolesSuspendedAt: Date | null;
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

/** Demo accounts that can still sign in, with their hashes, for the start-up check on the published password. */
export function listActiveDemoUsers(db: Db) {
  return db
    .selectFrom('appUser')
    .select(['username', 'passwordHash'])
    .where('isDemo', '=', true)
    .where('status', '=', 'active')
    .orderBy('username')
    .execute();
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

/** Whether a member exists: the one read of the member table from here (ARCHITECTURE.md, cross-table reads). */
export async function memberExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('member').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
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

/**
 * The session behind a cookie with its account and, unless the account's roles are suspended, its role assignments
 * with their tree paths — one round trip, since it runs before every request.
 */
export function findSessionWithActor(db: Db, idHash: string) {
  return db
    .selectFrom('userSession as s')
    .innerJoin('appUser as u', 'u.id', 's.userId')
    .select((eb) => [
      's.idHash',
      's.csrfToken',
      's.createdAt',
      's.lastSeenAt',
      'u.id as userId',
      'u.username',
      'u.displayName',
      'u.mustChangePassword',
      'u.memberId',
      'u.status',
      jsonArrayFrom(
        eb
          .selectFrom('roleAssignment as ra')
          .leftJoin('partyOrg as po', 'po.id', 'ra.partyOrgId')
          .select(['ra.role', 'ra.partyOrgId', 'po.path'])
          .whereRef('ra.userId', '=', 'u.id')
          .where('u.rolesSuspendedAt', 'is', null)
          .orderBy('ra.createdAt'),
      ).as('assignments'),
    ])
    .where('s.idHash', '=', idHash)
    .executeTakeFirst();
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

/** Keeps the `keep` newest sessions of a user (the new one always among them) and ends the rest. */
export async function deleteSessionsBeyond(db: Db, userId: string, newIdHash: string, keep: number) {
  const newest = db
    .selectFrom('userSession')
    .select('idHash')
    .where('userId', '=', userId)
    .where('idHash', '!=', newIdHash)
    .orderBy('createdAt', 'desc')
    .orderBy('lastSeenAt', 'desc')
    .limit(Math.max(0, keep - 1));
  await db
    .deleteFrom('userSession')
    .where('userId', '=', userId)
    .where('idHash', '!=', newIdHash)
    .where('idHash', 'not in', newest)
    .execute();
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

export type LockKind = 'account' | 'address';

export function findActiveLock(db: Db, kind: LockKind, key: string, now: Date) {
  return db
    .selectFrom('loginLock')
    .selectAll()
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('lockedUntil', '>', now)
    .where('clearedAt', 'is', null)
    .orderBy('lockedAt', 'desc')
    .executeTakeFirst();
}

/** When the last lock on a key ended (ran out or was cleared): failures before it are spent. */
export async function lastLockEnd(db: Db, kind: LockKind, key: string): Promise<Date | null> {
  const r = await db
    .selectFrom('loginLock')
    .select(sql<Date | null>`max(least(locked_until, coalesce(cleared_at, locked_until)))`.as('end'))
    .where('kind', '=', kind)
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.end ? new Date(r.end) : null;
}

export async function lastSuccessAt(db: Db, username: string): Promise<Date | null> {
  const r = await db
    .selectFrom('loginAttempt')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('success', '=', true)
    .executeTakeFirst();
  return r?.at ? new Date(r.at as unknown as string) : null;
}

export async function countAccountFailures(db: Db, username: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('loginAttempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('success', '=', false)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Failures from an address since `since`. A failure is forgiven only by a later success of the same account from
 * the same address (a typo, then the right password): another account's success forgives nothing.
 */
export async function countAddressFailures(db: Db, ip: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('loginAttempt as f')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('f.ip', '=', ip)
    .where('f.success', '=', false)
    .where('f.at', '>=', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('loginAttempt as s')
            .select('s.id')
            .where('s.success', '=', true)
            .whereRef('s.ip', '=', 'f.ip')
            .whereRef('s.username', '=', 'f.username')
            .whereRef('s.id', '>', 'f.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertLock(
  db: Db,
  l: { kind: LockKind; key: string; failures: number; lockedAt: Date; lockedUntil: Date },
) {
  return db.insertInto('loginLock').values(l).returningAll().executeTakeFirstOrThrow();
}

export async function clearLocks(db: Db, kind: LockKind, key: string, at: Date, by: string): Promise<number> {
  const r = await db
    .updateTable('loginLock')
    .set({ clearedAt: at, clearedBy: by })
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('lockedUntil', '>', at)
    .where('clearedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listActiveLocks(db: Db, now: Date) {
  return db
    .selectFrom('loginLock')
    .selectAll()
    .where('lockedUntil', '>', now)
    .where('clearedAt', 'is', null)
    .orderBy('lockedAt')
    .execute();
}
