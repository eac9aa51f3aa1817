import { Command, Option } from 'commander';
import { ROLES } from '#contracts/identity';
import { inTransaction } from '../core/context.ts';
import { ensureFirstAdmin } from '../modules/identity/index.ts';
import { startJobs, startServer } from '../server.ts';
import { cliActor, cliCtx } from './cli-context.ts';
import { registerDataCommands } from './data-commands.ts';
import { registerMaintenanceCommands } from './maintenance-commands.ts';
import { printFirstAdmin, withRuntime } from './runtime.ts';
import { registerUserCommands } from './user-commands.ts';

const program = new Command();
program.name('ronghe').description('融合 Ronghe — 党建与业务融合平台 command line').showHelpAfterError();

program
  .command('serve')
  .description('启动服务 (start the web server)')
  .option('--demo-if-empty', '数据库为空时载入演示数据 (load the demo organ into an empty database)')
  .option(
    '--demo-organ-only',
    '演示数据只含演示机关，不含工委的其他机关（浏览器测试用，启动更快）(the demo organ alone)',
  )
  .action(async (opts: { demoIfEmpty?: boolean; demoOrganOnly?: boolean }) => {
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
          await loadDemoIfEmpty(runtime, { organOnly: opts.demoOrganOnly });
        }
        const app = await startServer(runtime);
        const scheduler = startJobs(runtime, cliActor());
        const { publishedPasswordWarning } = await import('../modules/demo/index.ts');
        const warning = await publishedPasswordWarning(runtime.database.db, runtime.config.host);
        if (warning) {
          console.warn(warning);
          app.log.warn({ host: runtime.config.host }, 'demo accounts with the published password');
        }
        const shutdown = async () => {
          await scheduler.stop();
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

registerMaintenanceCommands(program);
registerUserCommands(program, new Option('--role <role>', '角色').choices([...ROLES]));
registerDataCommands(program);

await program.parseAsync(process.argv);
