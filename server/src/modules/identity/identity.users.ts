import type { Page } from '#contracts/common';
import { type CreateUserBody, isAdminRole, type Role, type User } from '#contracts/identity';
import type { Actor, Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { AppError, conflict, forbidden, invalid, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { clearLock } from './identity.lockout.ts';
import { generateInitialPassword, hashPassword, verifyPassword } from './identity.password.ts';
import * as repo from './identity.repository.ts';

/**
 * The operator at the server console (`ronghe …`). Only the console creates, resets and gives roles to
 * administrator accounts (三员分立, ADR 11): whoever runs it already holds the server.
 */
export const CONSOLE_ACTOR_ID = '00000000-0000-0000-0000-000000000000';
const fromConsole = (actor: Actor | null) => actor?.userId === CONSOLE_ACTOR_ID;

const consoleOnly = () =>
  forbidden(
    'user.admin_console_only',
    '管理员账号（系统管理员、安全管理员、安全审计员）只能在服务器控制台创建、重置和授权（ronghe user …）',
  );

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;
type RoleInput = { role: Role; partyOrgId: string | null };

async function toUsers(db: Db, rows: UserRow[]): Promise<User[]> {
  const assignments = await repo.findAssignments(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    status: r.status as User['status'],
    mustChangePassword: r.mustChangePassword,
    memberId: r.memberId,
    lastLoginAt: r.lastLoginAt ? r.lastLoginAt.toISOString() : null,
    roles: assignments
      .filter((a) => a.userId === r.id)
      .map((a) => ({ role: a.role as Role, partyOrgId: a.partyOrgId, partyOrgName: a.partyOrgName ?? null })),
    rolesSuspended: r.rolesSuspendedAt !== null,
    isDemo: r.isDemo,
    version: r.version,
  }));
}

async function toUser(db: Db, row: UserRow): Promise<User> {
  return (await toUsers(db, [row]))[0] as User;
}

async function findUserOr404(db: Db, id: string): Promise<UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('not_found', 'user.not_found', '用户不存在');
  return row;
}

async function holdsAdminRole(db: Db, userId: string): Promise<boolean> {
  return (await repo.findAssignments(db, [userId])).some((a) => isAdminRole(a.role as Role));
}

/** An administrator account is out of reach of the web: no administrator can take over another's access. */
async function assertManageableFromWeb(ctx: Ctx, userId: string): Promise<void> {
  if (!fromConsole(ctx.actor) && (await holdsAdminRole(ctx.db, userId))) throw consoleOnly();
}

/**
 * 三员分立: an administrator account holds exactly one of the three administrator roles and nothing else, and
 * administrator roles are not tied to a node; every business role is tied to one.
 */
async function validateRoles(db: Db, roles: RoleInput[]): Promise<void> {
  const admin = roles.filter((r) => isAdminRole(r.role));
  if (admin.length > 0 && roles.length > 1) {
    throw invalid(
      'user.admin_role_exclusive',
      '三员分立：系统管理员、安全管理员、安全审计员须各用独立账号，且不兼任其他角色',
      [{ field: 'body.roles', message: '管理员角色不能与其他角色同时授予' }],
    );
  }
  const issues = roles.flatMap((r, i) => {
    if (isAdminRole(r.role) && r.partyOrgId)
      return [{ field: `body.roles.${i}.partyOrgId`, message: '管理员角色不限定组织' }];
    if (!isAdminRole(r.role) && !r.partyOrgId)
      return [{ field: `body.roles.${i}.partyOrgId`, message: '请选择该角色所辖的党组织' }];
    return [];
  });
  if (issues.length) throw invalid('user.invalid_roles', '角色设置有误', issues);
  const ids = [...new Set(roles.map((r) => r.partyOrgId).filter((x): x is string => !!x))];
  const found = await repo.findPartyOrgsById(db, ids);
  if (found.length !== ids.length)
    throw invalid('user.unknown_org', '所选党组织不存在', [
      { field: 'body.roles', message: '所选党组织不存在' },
    ]);
  const seen = new Set<string>();
  for (const r of roles) {
    const key = `${r.role}:${r.partyOrgId}`;
    if (seen.has(key))
      throw invalid('user.duplicate_role', '同一角色在同一组织上重复授予', [
        { field: 'body.roles', message: '重复的角色' },
      ]);
    seen.add(key);
  }
}

export async function listUsers(
  ctx: Ctx,
  q: { page: number; pageSize: number; q?: string | undefined },
): Promise<Page<User>> {
  const [rows, count] = await repo.listUsers(ctx.db, q);
  return { items: await toUsers(ctx.db, rows), total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  return toUser(ctx.db, await findUserOr404(ctx.db, id));
}

/**
 * An account linked to a member names an existing one. Checked here rather than by a foreign key: accounts span
 * organs and members are an organ's data, and a distributed database refuses a key between the two (ADR 20).
 * Members are never deleted (they leave), so the link cannot dangle later.
 */
async function checkMember(db: Db, memberId: string | null | undefined): Promise<void> {
  if (!memberId || (await repo.memberExists(db, memberId))) return;
  throw invalid('user.unknown_member', '所关联的党员不存在', [
    { field: 'body.memberId', message: '所关联的党员不存在，请在党员列表中重新选择' },
  ]);
}

/**
 * Creates an account with a random initial password that is returned once and must be changed at first sign-in.
 * Through the web (the system administrator) an account is created without roles; roles come with it only from the
 * console (CLI, demo loader).
 */
export async function createUser(
  ctx: Ctx,
  body: CreateUserBody & { roles?: RoleInput[] },
  options: { password?: string; mustChangePassword?: boolean; isDemo?: boolean } = {},
): Promise<{ user: User; initialPassword: string }> {
  const roles = body.roles ?? [];
  if (roles.length && !fromConsole(ctx.actor)) {
    throw roles.some((r) => isAdminRole(r.role))
      ? consoleOnly()
      : forbidden(
          'user.roles_by_security_admin',
          '角色由安全管理员授予：请先创建账号，再由安全管理员分配角色',
        );
  }
  if (await repo.findUserByUsername(ctx.db, body.username)) {
    throw conflict('user.username_taken', `用户名 ${body.username} 已被使用`);
  }
  await validateRoles(ctx.db, roles);
  await checkMember(ctx.db, body.memberId);
  const initialPassword = options.password ?? generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const row = await repo.insertUser(ctx.db, {
    username: body.username,
    displayName: body.displayName,
    passwordHash,
    mustChangePassword: options.mustChangePassword ?? true,
    memberId: body.memberId ?? null,
    isDemo: options.isDemo ?? false,
  });
  await repo.insertPasswordHistory(ctx.db, row.id, passwordHash);
  await repo.replaceAssignments(ctx.db, row.id, roles);
  const user = await toUser(ctx.db, row);
  await recordAudit(ctx, { action: 'user.create', entityType: 'user', entityId: row.id, after: user });
  if (roles.length)
    await recordAudit(ctx, { action: 'role.assign', entityType: 'user', entityId: row.id, after: roles });
  return { user, initialPassword };
}

export async function updateUser(
  ctx: Ctx,
  id: string,
  body: { displayName?: string | undefined; status?: 'active' | 'disabled' | undefined; version: number },
): Promise<User> {
  const before = await findUserOr404(ctx.db, id);
  await assertManageableFromWeb(ctx, id);
  if (before.version !== body.version) throw staleVersion(await toUser(ctx.db, before));
  if (body.status === 'disabled' && id === ctx.actor?.userId) {
    throw invalid('user.cannot_disable_self', '不能停用自己的账号');
  }
  const patch: { displayName?: string; status?: string } = {};
  if (body.displayName !== undefined) patch.displayName = body.displayName;
  if (body.status !== undefined) patch.status = body.status;
  const row = await repo.updateUserRow(ctx.db, id, body.version, patch);
  if (!row) throw staleVersion(await getUser(ctx, id));
  if (body.status === 'disabled') await repo.deleteSessionsOfUser(ctx.db, id);
  const user = await toUser(ctx.db, row);
  await recordAudit(ctx, {
    action: 'user.update',
    entityType: 'user',
    entityId: id,
    before: await toUser(ctx.db, before),
    after: user,
  });
  return user;
}

/**
 * A new one-time password, shown once; it clears a sign-in lock on the account. Done by the system administrator,
 * it also suspends the account's roles until the security administrator confirms them: the administrator who
 * learnt the password cannot use the account's access alone. Administrator accounts are reset only at the console.
 */
export async function resetPassword(
  ctx: Ctx,
  id: string,
  password?: string,
): Promise<{ user: User; initialPassword: string }> {
  const before = await findUserOr404(ctx.db, id);
  await assertManageableFromWeb(ctx, id);
  const initialPassword = password ?? generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const hasRoles = (await repo.findAssignments(ctx.db, [id])).length > 0;
  const suspend = !fromConsole(ctx.actor) && hasRoles;
  const row = await repo.updateUserRow(ctx.db, id, before.version, {
    passwordHash,
    mustChangePassword: true,
    ...(suspend ? { rolesSuspendedAt: new Date() } : {}),
  });
  if (!row) throw staleVersion(await getUser(ctx, id));
  await repo.insertPasswordHistory(ctx.db, id, passwordHash);
  await repo.deleteSessionsOfUser(ctx.db, id);
  const unlocked = await clearLock(ctx.db, 'account', before.username, ctx.actor?.username ?? 'unknown');
  await recordAudit(ctx, {
    action: 'user.reset_password',
    entityType: 'user',
    entityId: id,
    details: { rolesSuspended: suspend, unlocked: unlocked > 0 },
  });
  return { user: await toUser(ctx.db, row), initialPassword };
}

export async function setRoles(
  ctx: Ctx,
  id: string,
  body: { roles: RoleInput[]; version: number },
): Promise<User> {
  const before = await findUserOr404(ctx.db, id);
  await assertManageableFromWeb(ctx, id);
  if (before.version !== body.version) throw staleVersion(await toUser(ctx.db, before));
  if (!fromConsole(ctx.actor)) {
    const issues = body.roles.flatMap((r, i) =>
      isAdminRole(r.role)
        ? [{ field: `body.roles.${i}.role`, message: '管理员角色只能在服务器控制台授予' }]
        : [],
    );
    if (issues.length) throw invalid('user.admin_console_only', '管理员角色只能在服务器控制台授予', issues);
  }
  await validateRoles(ctx.db, body.roles);
  const beforeUser = await toUser(ctx.db, before);
  if (
    id === ctx.actor?.userId &&
    beforeUser.roles.some((r) => r.role === 'system_admin') &&
    !body.roles.some((r) => r.role === 'system_admin')
  ) {
    throw invalid('user.cannot_drop_own_admin', '不能撤销自己的系统管理员角色');
  }
  await repo.replaceAssignments(ctx.db, id, body.roles);
  // Saving the roles is the security administrator's confirmation: suspended roles take effect again.
  const row = await repo.updateUserRow(ctx.db, id, body.version, { rolesSuspendedAt: null });
  if (!row) throw staleVersion(await getUser(ctx, id));
  await repo.deleteSessionsOfUser(ctx.db, id);
  const user = await toUser(ctx.db, row);
  await recordAudit(ctx, {
    action: 'role.assign',
    entityType: 'user',
    entityId: id,
    before: beforeUser.roles,
    after: user.roles,
    ...(beforeUser.rolesSuspended ? { details: { confirmedAfterReset: true } } : {}),
  });
  return user;
}

/** On a database with no accounts: the first system administrator, with a random password printed once. */
export async function ensureFirstAdmin(ctx: Ctx): Promise<{ username: string; password: string } | null> {
  // Two instances started together on an empty database must not both create sysadmin (the second would stop on the
  // unique username); the lock holds the second until the first has committed, and then it finds an account.
  await repo.lockFirstAdmin(ctx.db);
  if ((await repo.countUsers(ctx.db)) > 0) return null;
  const { initialPassword } = await createUser(ctx, {
    username: 'sysadmin',
    displayName: '系统管理员',
    roles: [{ role: 'system_admin', partyOrgId: null }],
  });
  return { username: 'sysadmin', password: initialPassword };
}

export async function findUserIdByUsername(db: Db, username: string): Promise<string | null> {
  return (await repo.findUserByUsername(db, username))?.id ?? null;
}

/** Demo accounts that still sign in with `password` (the published demo password): the start-up warning names them. */
export async function demoAccountsUsingPassword(db: Db, password: string): Promise<string[]> {
  const found: string[] = [];
  for (const u of await repo.listActiveDemoUsers(db)) {
    if (await verifyPassword(password, u.passwordHash)) found.push(u.username);
  }
  return found;
}
