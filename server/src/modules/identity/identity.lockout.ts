import type { Db } from '../../core/db.ts';
import { AppError } from '../../core/errors.ts';
import * as repo from './identity.repository.ts';

// Sign-in lockout (等保 2.0: 限制非法登录次数). A lock is a stored row with a fixed start and end (ADR 11): attempts
// made while it runs are refused without being counted, so nobody can keep an account locked by knocking on it;
// the count starts again when the lock ends or is cleared. Accounts are counted by user name (known or not, so a
// lock says nothing about whether the account exists); addresses across all user names.

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;

export type LockKind = repo.LockKind;
export type ActiveLock = { kind: LockKind; until: Date };

const minutes = (n: number) => n * 60_000;

/** The lock in force on the account or the address, account first. */
export async function activeLock(db: Db, username: string, ip: string): Promise<ActiveLock | null> {
  const now = new Date();
  const [account, address] = await Promise.all([
    repo.findActiveLock(db, 'account', username, now),
    repo.findActiveLock(db, 'address', ip, now),
  ]);
  if (account) return { kind: 'account', until: account.lockedUntil };
  if (address) return { kind: 'address', until: address.lockedUntil };
  return null;
}

function latest(...dates: (Date | null)[]): Date {
  return new Date(Math.max(...dates.map((d) => d?.getTime() ?? 0)));
}

/**
 * Called after a failed attempt was recorded: starts a lock on the account and/or the address when the failures
 * counted since the window start (and since the last lock ended) reach the threshold.
 */
export async function lockAfterFailure(db: Db, username: string, ip: string): Promise<ActiveLock | null> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - minutes(LOCKOUT_WINDOW_MINUTES));
  const [accountLockEnd, addressLockEnd, success] = await Promise.all([
    repo.lastLockEnd(db, 'account', username),
    repo.lastLockEnd(db, 'address', ip),
    repo.lastSuccessAt(db, username),
  ]);
  const [accountFailures, addressFailures] = await Promise.all([
    repo.countAccountFailures(db, username, latest(windowStart, accountLockEnd, success)),
    repo.countAddressFailures(db, ip, latest(windowStart, addressLockEnd)),
  ]);
  const until = new Date(now.getTime() + minutes(LOCKOUT_WINDOW_MINUTES));
  let result: ActiveLock | null = null;
  if (addressFailures >= LOCKOUT_THRESHOLD) {
    await repo.insertLock(db, {
      kind: 'address',
      key: ip,
      failures: addressFailures,
      lockedAt: now,
      lockedUntil: until,
    });
    result = { kind: 'address', until };
  }
  if (accountFailures >= LOCKOUT_THRESHOLD) {
    await repo.insertLock(db, {
      kind: 'account',
      key: username,
      failures: accountFailures,
      lockedAt: now,
      lockedUntil: until,
    });
    result = { kind: 'account', until };
  }
  return result;
}

export function lockedError(lock: ActiveLock): AppError {
  const left = Math.max(1, Math.ceil((lock.until.getTime() - Date.now()) / 60_000));
  const who = lock.kind === 'account' ? '该账号' : '当前网络地址';
  return new AppError(
    'locked',
    lock.kind === 'account' ? 'auth.account_locked' : 'auth.address_locked',
    `${who}因连续 ${LOCKOUT_THRESHOLD} 次登录失败已被锁定，请 ${left} 分钟后再试，或联系安全管理员解锁`,
    { details: { lockedUntil: lock.until.toISOString() }, headers: { 'retry-after': String(left * 60) } },
  );
}

/** Ends the locks in force on a key; answers how many there were. */
export function clearLock(db: Db, kind: LockKind, key: string, by: string): Promise<number> {
  return repo.clearLocks(db, kind, key, new Date(), by);
}

export async function listLocks(db: Db) {
  const rows = await repo.listActiveLocks(db, new Date());
  return rows.map((r) => ({
    kind: r.kind as LockKind,
    key: r.key,
    failures: r.failures,
    lockedUntil: r.lockedUntil.toISOString(),
  }));
}
