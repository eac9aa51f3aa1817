import { Command, Option } from 'commander';
import { ROLES } from '#contracts/identity';
import { restoreBackup, writeBackup } from '../core/backup.ts';
import { inTransaction } from '../core/context.ts';
import { verifyAudit } from '../modules/audit/index.ts';
import { ensureFirstAdmin } from '../modules/identity/index.ts';
import { startServer } from '../server.ts';
import { cliCtx } from './cli-context.ts';
import { registerDataCommands } from './data-commands.ts';
import { progressBar } from './progress.ts';
import { printFirstAdmin, withRuntime } from './runtime.ts';
import { registerUserCommands } from './user-commands.ts';

const program = new Command();
program.name('ronghe').description('融合 Ronghe — 党建与业务融合平台 command line').showHelpAfterError();

program
  .command('serve')
  .description('启动服务 (start the web server)')
  .option('--demo-if-empty', '数据库为空时载入演示数据 (load the demo organ into an empty database)')
  .action(async (opts: { demoIfEmpty?: boolean }) => {
    await withRuntime(
      async (runtime) => {
        const ctx = cliCtx(runtime);
        printFirstAdmin(await inTransaction(ctx, (tx) => ensureFirstAdmin(tx)));
        const { closeEndedTemporaryOrgs } = await import('../modules/org/index.ts');
        const ended = await inTransaction(ctx, (tx) =>
          closeEndedTemporaryOrgs(tx, new Date().toISOString().slice(0, 10)),
        );
        if (ended.closed.length)
          console.log(
            `临时党组织期满，已按结束日期撤销 (temporary organisations closed): ${ended.closed.join(', ')}`,
          );
        if (ended.kept.length)
          console.log(
            `以下临时党组织已过结束日期但仍有党员或下级组织，请先转接后撤销 (ended, still in use): ${ended.kept.join(', ')}`,
          );
        if (opts.demoIfEmpty) {
          const { loadDemoIfEmpty } = await import('./demo-command.ts');
          await loadDemoIfEmpty(runtime);
        }
        const app = await startServer(runtime);
        const shutdown = async () => {
          await app.close();
          await runtime.database.close();
          process.exit(0);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
        const shown = runtime.config.host === '0.0.0.0' ? 'localhost' : runtime.config.host;
        console.log(
          `融合 Ronghe 已启动: http://${shown}:${runtime.config.port}  (数据库 database: ${runtime.database.kind} ${runtime.database.location})`,
        );
      },
      { keepOpen: true },
    );
  });

program
  .command('migrate')
  .description('创建或升级数据库结构 (create or upgrade the database schema)')
  .action(async () => {
    await withRuntime(async (runtime) => {
      console.log(
        `数据库结构已是最新 (schema up to date): ${runtime.database.kind} ${runtime.database.location}`,
      );
    });
  });

program
  .command('backup')
  .description('备份全部数据到文件 (back up all data to a file)')
  .argument('<file>', '备份文件，例如 ronghe-2026-11-22.backup.gz')
  .action(async (file: string) => {
    await withRuntime(async (runtime) => {
      const bar = progressBar('备份 backup');
      const header = await writeBackup(runtime.database.db, file, (t, d, n) => bar.update(d, n, t));
      bar.stop();
      const rows = header.tables.reduce((s, t) => s + t.rows, 0);
      console.log(`已备份 ${header.tables.length} 张表、${rows} 行到 ${file}`);
      console.log(
        '请同时妥善保管加密密钥 (DATA_DIR/keys/master.key 或 ENCRYPTION_KEY)：没有它，身份证号等加密数据无法恢复。',
      );
    });
  });

program
  .command('restore')
  .description('从备份文件恢复到空数据库 (restore a backup into an empty database)')
  .argument('<file>', '备份文件')
  .action(async (file: string) => {
    await withRuntime(async (runtime) => {
      const bar = progressBar('恢复 restore');
      const header = await restoreBackup(runtime.database.db, file, (t, d, n) => bar.update(d, n, t));
      bar.stop();
      console.log(`已恢复 ${header.tables.length} 张表（备份时间 ${header.createdAt}）`);
    });
  });

const audit = program.command('audit').description('审计日志 (audit trail)');
audit
  .command('verify')
  .description('校验审计日志哈希链，指出第一条被篡改的记录 (verify the hash chain)')
  .action(async () => {
    await withRuntime(async (runtime) => {
      const bar = progressBar('校验 verify');
      const result = await verifyAudit({ db: runtime.database.db }, (n) => bar.update(n, n));
      bar.stop();
      if (result.ok) {
        console.log(
          `审计日志完整：已校验 ${result.checked} 条记录。 (audit trail intact: ${result.checked} records)`,
        );
      } else {
        console.error(`审计日志被篡改：第一条异常记录序号 ${result.firstBrokenSeq}。${result.reason ?? ''}`);
        console.error(`(audit trail broken: first bad record seq ${result.firstBrokenSeq})`);
        process.exitCode = 3;
      }
    });
  });

registerUserCommands(program, new Option('--role <role>', '角色').choices([...ROLES]));
registerDataCommands(program);

await program.parseAsync(process.argv);
