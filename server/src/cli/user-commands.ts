import type { Command, Option } from 'commander';
import { type Role, UsernameSchema } from '#contracts/identity';
import { inTransaction } from '../core/context.ts';
import { createUser, findUserIdByUsername, resetPassword, unlock } from '../modules/identity/index.ts';
import { findPartyOrgByCode } from '../modules/org/index.ts';
import { cliCtx } from './cli-context.ts';
import { withRuntime } from './runtime.ts';

export function registerUserCommands(program: Command, roleOption: Option) {
  const user = program.command('user').description('账号管理 (accounts)');

  user
    .command('create')
    .description('创建账号，打印一次性初始密码 (create an account; prints its one-time initial password)')
    .argument('<username>', '用户名')
    .requiredOption('--name <displayName>', '姓名')
    .addOption(roleOption.makeOptionMandatory())
    .option('--org <code>', '角色所辖党组织编码（业务角色必填）')
    .action(async (username: string, opts: { name: string; role: Role; org?: string }) => {
      await withRuntime(async (runtime) => {
        const ctx = cliCtx(runtime);
        const partyOrgId = opts.org
          ? ((await findPartyOrgByCode(runtime.database.db, opts.org))?.id ?? null)
          : null;
        if (opts.org && !partyOrgId) throw new Error(`找不到编码为 ${opts.org} 的党组织`);
        const { user: created, initialPassword } = await inTransaction(ctx, (tx) =>
          createUser(tx, {
            username: UsernameSchema.parse(username),
            displayName: opts.name,
            roles: [{ role: opts.role, partyOrgId }],
          }),
        );
        console.log(`已创建账号 ${created.username}（${created.displayName}）`);
        console.log(`初始密码 (shown once): ${initialPassword}`);
        console.log('首次登录后必须修改密码。');
      });
    });

  user
    .command('reset-password')
    .description('重置密码，打印一次性初始密码 (reset a password)')
    .argument('<username>', '用户名')
    .action(async (username: string) => {
      await withRuntime(async (runtime) => {
        const ctx = cliCtx(runtime);
        const id = await findUserIdByUsername(runtime.database.db, username.toLowerCase());
        if (!id) throw new Error(`账号 ${username} 不存在`);
        const { initialPassword } = await inTransaction(ctx, (tx) => resetPassword(tx, id));
        console.log(`已重置 ${username} 的密码。新的初始密码 (shown once): ${initialPassword}`);
        console.log('该账号的所有会话已结束，登录锁定已解除；下次登录后必须修改密码。');
      });
    });

  // The way back in when the only security administrator is locked out: the console needs no sign-in.
  user
    .command('unlock')
    .description('解除账号的登录锁定 (end a sign-in lockout of an account)')
    .argument('<username>', '用户名')
    .option('--address <ip>', '同时解除该网络地址的锁定 (also end the lockout of this address)')
    .action(async (username: string, opts: { address?: string }) => {
      await withRuntime(async (runtime) => {
        const ctx = cliCtx(runtime);
        const name = username.trim().toLowerCase();
        await inTransaction(ctx, async (tx) => {
          await unlock(tx, 'account', name);
          if (opts.address) await unlock(tx, 'address', opts.address.trim());
        });
        console.log(`已解除 ${name} 的登录锁定${opts.address ? `及地址 ${opts.address} 的锁定` : ''}。`);
      });
    });
}
