import type { Page } from '#contracts/common';
import { type CreateUserBody, isAdminRole, type Role, type User } from '#contracts/identity';
import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { AppError, conflict, invalid, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { generateInitialPassword, hashPassword } from './identity.password.ts';
import * as repo from './identity.repository.ts';

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

/** Creates an account with a random initial password that is returned once and must be changed at first sign-in. */
export async function createUser(
  ctx: Ctx,
  body: Omit<CreateUserBody, 'roles'> & { roles?: RoleInput[] },
  options: { password?: string; mustChangePassword?: boolean } = {},
): Promise<{ user: User; initialPassword: string }> {
  if (await repo.findUserByUsername(ctx.db, body.username)) {
    throw conflict('user.username_taken', `用户名 ${body.username} 已被使用`);
  }
  if (body.memberId && !(await repo.memberExists(ctx.db, body.memberId))) {
    throw invalid('user.unknown_member', '所选党员不存在', [
      { field: 'body.memberId', message: '所选党员不存在' },
    ]);
  }
  const roles = body.roles ?? [];
  await validateRoles(ctx.db, roles);
  const initialPassword = options.password ?? generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const row = await repo.insertUser(ctx.db, {
    username: body.username,
    displayName: body.displayName,
    passwordHash,
    mustChangePassword: options.mustChangePassword ?? true,
    memberId: body.memberId ?? null,
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

export async function resetPassword(
  ctx: Ctx,
  id: string,
  password?: string,
): Promise<{ user: User; initialPassword: string }> {
  const before = await findUserOr404(ctx.db, id);
  const initialPassword = password ?? generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const row = await repo.updateUserRow(ctx.db, id, before.version, {
    passwordHash,
    mustChangePassword: true,
  });
  if (!row) throw staleVersion(await getUser(ctx, id));
  await repo.insertPasswordHistory(ctx.db, id, passwordHash);
  await repo.deleteSessionsOfUser(ctx.db, id);
  await recordAudit(ctx, { action: 'user.reset_password', entityType: 'user', entityId: id });
  return { user: await toUser(ctx.db, row), initialPassword };
}

export async function setRoles(
  ctx: Ctx,
  id: string,
  body: { roles: RoleInput[]; version: number },
): Promise<User> {
  const before = await findUserOr404(ctx.db, id);
  if (before.version !== body.version) throw staleVersion(await toUser(ctx.db, before));
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
  const row = await repo.updateUserRow(ctx.db, id, body.version, {});
  if (!row) throw staleVersion(await getUser(ctx, id));
  await repo.deleteSessionsOfUser(ctx.db, id);
  const user = await toUser(ctx.db, row);
  await recordAudit(ctx, {
    action: 'role.assign',
    entityType: 'user',
    entityId: id,
    before: beforeUser.roles,
    after: user.roles,
  });
  return user;
}

/** On a database with no accounts: the first system administrator, with a random password printed once. */
export async function ensureFirstAdmin(ctx: Ctx): Promise<{ username: string; password: string } | null> {
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
