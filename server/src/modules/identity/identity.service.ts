import { createHash, randomBytes } from 'node:crypto';
import {
  isAdminRole,
  type LoginBody,
  PASSWORD_MIN_LENGTH,
  passwordPolicyIssues,
  type Role,
  type Session,
} from '#contracts/identity';
import type { Actor, Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { AppError, invalid, unauthenticated } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  activeLock,
  clearLock,
  LOCKOUT_THRESHOLD,
  LOCKOUT_WINDOW_MINUTES,
  listLocks,
  lockAfterFailure,
  lockedError,
} from './identity.lockout.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './identity.password.ts';
import * as repo from './identity.repository.ts';
import { permissionsOf } from './identity.scope.ts';

export const PASSWORD_HISTORY = 5;

/** Session limits from the configuration: idle and absolute timeouts, and how many sessions one account may hold. */
export type SessionPolicy = { idleMinutes: number; absoluteHours: number; maxPerUser: number };

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await repo.findUserById(db, userId);
  if (user?.status !== 'active') return null;
  // Suspended roles (a password reset by an administrator) grant nothing until the security administrator confirms.
  const assignments = user.rolesSuspendedAt ? [] : await repo.findAssignments(db, [userId]);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
    memberId: user.memberId,
    assignments: assignments.map((a) => ({
      role: a.role as Role,
      partyOrgId: a.partyOrgId,
      path: a.path ?? null,
    })),
  };
}

export async function buildSession(
  db: Db,
  actor: Actor,
  csrfToken: string,
  policy: SessionPolicy,
): Promise<Session> {
  const row = await repo.findUserById(db, actor.userId);
  const assignments = row?.rolesSuspendedAt ? [] : await repo.findAssignments(db, [actor.userId]);
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
      memberId: actor.memberId,
      isDemo: row?.isDemo ?? false,
    },
    roles: assignments.map((a) => ({
      role: a.role as Role,
      partyOrgId: a.partyOrgId,
      partyOrgName: a.partyOrgName ?? null,
    })),
    permissions: permissionsOf(actor),
    csrfToken,
    idleTimeoutMinutes: policy.idleMinutes,
  };
}

export type LoginOutcome = { token: string; session: Session } | { error: AppError };

/**
 * Checks the password and opens a server-side session. Failures are recorded (attempt table and audit trail) and
 * returned rather than thrown, so the caller can commit that record before answering. Every answer that is not a
 * lock costs one scrypt verification, and a disabled account answers exactly as a wrong password does, so neither
 * the time nor the answer tells whether an account exists, is disabled, or whether the password was right.
 * `previousToken` is the session cookie the browser still sent: that session ends with this sign-in.
 */
export async function login(
  ctx: Ctx,
  body: LoginBody,
  userAgent: string | null,
  policy: SessionPolicy,
  previousToken: string | null = null,
): Promise<LoginOutcome> {
  const user = await repo.findUserByUsername(ctx.db, body.username);
  const lock = await activeLock(ctx.db, body.username, ctx.ip);
  if (lock) {
    // Refused without being counted: knocking on a locked account neither extends nor renews its lock.
    await recordAudit(ctx, {
      action: 'auth.login_failed',
      username: body.username,
      details: { reason: `locked_${lock.kind}` },
    });
    return { error: lockedError(lock) };
  }
  const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
  if (!passwordOk || !user || user.status !== 'active') {
    await repo.insertLoginAttempt(ctx.db, { username: body.username, ip: ctx.ip, success: false });
    const reason = !user ? 'unknown_user' : user.status !== 'active' ? 'disabled' : 'bad_password';
    await recordAudit(ctx, { action: 'auth.login_failed', username: body.username, details: { reason } });
    const locked = await lockAfterFailure(ctx.db, body.username, ctx.ip);
    if (locked) return { error: lockedError(locked) };
    return { error: unauthenticated('auth.invalid_credentials', '用户名或密码错误') };
  }
  await repo.insertLoginAttempt(ctx.db, { username: body.username, ip: ctx.ip, success: true });
  await repo.touchLastLogin(ctx.db, user.id);
  if (previousToken) await repo.deleteSession(ctx.db, sha256(previousToken));
  // Sessions nobody came back to are swept here, at the one moment that already writes sessions.
  const now = Date.now();
  await repo.deleteExpiredSessions(
    ctx.db,
    new Date(now - policy.idleMinutes * 60_000),
    new Date(now - policy.absoluteHours * 3_600_000),
  );
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const idHash = sha256(token);
  await repo.insertSession(ctx.db, { idHash, userId: user.id, csrfToken, ip: ctx.ip, userAgent });
  // The concurrent-session limit: the oldest sessions of the account end.
  await repo.deleteSessionsBeyond(ctx.db, user.id, idHash, policy.maxPerUser);
  const actor = (await loadActor(ctx.db, user.id)) as Actor;
  await recordAudit({ ...ctx, actor }, { action: 'auth.login', entityType: 'user', entityId: user.id });
  return { token, session: await buildSession(ctx.db, actor, csrfToken, policy) };
}

export type ResolvedSession = { actor: Actor; csrfToken: string; idHash: string };

/** Finds the live session behind a cookie; idle and absolute timeouts end it. */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
): Promise<ResolvedSession | null> {
  const idHash = sha256(token);
  const s = await repo.findSessionWithActor(db, idHash);
  if (!s) return null;
  const now = Date.now();
  const idle = now - s.lastSeenAt.getTime() > policy.idleMinutes * 60_000;
  const tooOld = now - s.createdAt.getTime() > policy.absoluteHours * 3_600_000;
  // A disabled account's sessions end at its next request, wherever it comes from.
  if (idle || tooOld || s.status !== 'active') {
    await repo.deleteSession(db, idHash);
    return null;
  }
  const actor: Actor = {
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    mustChangePassword: s.mustChangePassword,
    memberId: s.memberId,
    assignments: s.assignments.map((a) => ({
      role: a.role as Role,
      partyOrgId: a.partyOrgId,
      path: a.path ?? null,
    })),
  };
  // Touch at most once a minute: a write on every request would be waste.
  if (now - s.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, idHash, new Date(now));
  return { actor, csrfToken: s.csrfToken, idHash };
}

export async function logout(ctx: Ctx, idHash: string): Promise<void> {
  await repo.deleteSession(ctx.db, idHash);
  await recordAudit(ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor?.userId ?? null });
}

async function assertPasswordAcceptable(db: Db, userId: string, password: string): Promise<void> {
  const issues = passwordPolicyIssues(password);
  if (issues.length) {
    throw invalid(
      'auth.weak_password',
      issues.join('；'),
      issues.map((message) => ({ field: 'body.newPassword', message })),
    );
  }
  for (const old of await repo.recentPasswordHashes(db, userId, PASSWORD_HISTORY)) {
    if (await verifyPassword(password, old.passwordHash)) {
      throw invalid('auth.password_reused', `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`, [
        { field: 'body.newPassword', message: `不能与最近 ${PASSWORD_HISTORY} 次的密码相同` },
      ]);
    }
  }
}

/** Sets a password chosen by the user; every other session of the user ends. */
export async function changePassword(
  ctx: Ctx & { actor: Actor },
  idHash: string,
  body: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await repo.findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw unauthenticated();
  if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
    throw invalid('auth.wrong_current_password', '当前密码不正确', [
      { field: 'body.currentPassword', message: '当前密码不正确' },
    ]);
  }
  await assertPasswordAcceptable(ctx.db, user.id, body.newPassword);
  const hash = await hashPassword(body.newPassword);
  await repo.updateUserRow(ctx.db, user.id, user.version, {
    passwordHash: hash,
    mustChangePassword: false,
    passwordChangedAt: new Date(),
  });
  await repo.insertPasswordHistory(ctx.db, user.id, hash);
  await repo.deleteSessionsOfUser(ctx.db, user.id, idHash);
  await recordAudit(ctx, { action: 'auth.password_change', entityType: 'user', entityId: user.id });
}

/** Sets a password chosen by an administrator or the CLI: it must be changed at the next sign-in. */
export async function setInitialPassword(ctx: Ctx, userId: string, password: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new AppError('not_found', 'user.not_found', '用户不存在');
  const hash = await hashPassword(password);
  await repo.updateUserRow(ctx.db, user.id, user.version, { passwordHash: hash, mustChangePassword: true });
  await repo.insertPasswordHistory(ctx.db, user.id, hash);
  await repo.deleteSessionsOfUser(ctx.db, user.id);
}

export function securityPolicy(policy: SessionPolicy) {
  return {
    passwordMinLength: PASSWORD_MIN_LENGTH,
    passwordClasses: 3,
    passwordHistory: PASSWORD_HISTORY,
    lockoutThreshold: LOCKOUT_THRESHOLD,
    lockoutWindowMinutes: LOCKOUT_WINDOW_MINUTES,
    sessionIdleMinutes: policy.idleMinutes,
    sessionAbsoluteHours: policy.absoluteHours,
    sessionMaxPerUser: policy.maxPerUser,
  };
}

export function listLockouts(ctx: Ctx) {
  return listLocks(ctx.db);
}

/**
 * Ends a lock: by the security administrator (web) or the operator (`ronghe user unlock`). An account that does not
 * exist and has no lock answers 404.
 */
export async function unlock(ctx: Ctx, kind: 'account' | 'address', key: string): Promise<void> {
  const cleared = await clearLock(ctx.db, kind, key, ctx.actor?.username ?? 'unknown');
  if (kind === 'account' && !cleared && !(await repo.findUserByUsername(ctx.db, key))) {
    throw new AppError('not_found', 'user.not_found', '用户不存在');
  }
  await recordAudit(ctx, {
    action: 'security.unlock',
    entityType: kind,
    entityId: key,
    details: { cleared },
  });
}

export { isAdminRole };
