import { BackupError } from '../core/backup.ts';
import { ConfigError, loadConfig } from '../core/config.ts';
import { DataDirLockedError } from '../core/data-lock.ts';
import { AppError } from '../core/errors.ts';
import { KeyMissingError } from '../core/secrets.ts';
import { CheckpointError } from '../modules/audit/index.ts';
import { openRuntime, type Runtime } from '../server.ts';

/** Opens the runtime, runs `fn`, closes; errors become a readable message and a non-zero exit code. */
export async function withRuntime(
  fn: (runtime: Runtime) => Promise<void>,
  options: { keepOpen?: boolean; createKeys?: boolean } = {},
) {
  let runtime: Runtime | null = null;
  try {
    runtime = await openRuntime(loadConfig(), { createKeys: options.createKeys ?? true });
    await fn(runtime);
  } catch (error) {
    process.exitCode = 1;
    if (
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof BackupError ||
      error instanceof KeyMissingError ||
      error instanceof CheckpointError
    ) {
      console.error(error.message);
    } else if (error instanceof AppError) {
      console.error(
        `${error.message}${error.extra.issues ? `\n${error.extra.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}` : ''}`,
      );
    } else {
      console.error(error);
    }
  } finally {
    if (runtime && (!options.keepOpen || process.exitCode)) await runtime.database.close();
  }
}

export function printFirstAdmin(admin: { username: string; password: string } | null) {
  if (!admin) return;
  console.log(
    [
      '',
      '================================================================',
      ' 已创建首个系统管理员 (first system administrator created)',
      `   用户名 username: ${admin.username}`,
      `   初始密码 password: ${admin.password}`,
      ' 此密码只显示这一次，首次登录后必须修改。',
      ' This password is shown only once and must be changed at first sign-in.',
      '================================================================',
      '',
    ].join('\n'),
  );
}
