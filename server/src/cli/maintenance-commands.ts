// Backup, restore and the audit trail's integrity at the console. Each is audited: backup and checkpoint after the
// fact, restore inside its own transaction (the restored trail records that it was restored).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { restoreBackup, writeBackup } from '../core/backup.ts';
import type { Ctx } from '../core/context.ts';
import type { Db } from '../core/db.ts';
import { createAuditCheckpoint, readCheckpoint, recordAudit, verifyAudit } from '../modules/audit/index.ts';
import { cliCtx } from './cli-context.ts';
import { progressBar } from './progress.ts';
import { withRuntime } from './runtime.ts';

export function registerMaintenanceCommands(program: Command): void {
  program
    .command('backup')
    .description('备份全部数据到文件 (back up all data to a file)')
    .argument('<file>', '备份文件，例如 ronghe-2026-11-22.backup.gz')
    .action(async (file: string) => {
      await withRuntime(async (runtime) => {
        const bar = progressBar('备份 backup');
        const header = await writeBackup(runtime.database.db, file, {
          keys: runtime.secrets.fingerprints,
          onProgress: (t, d, n) => bar.update(d, n, t),
        });
        bar.stop();
        const rows = header.tables.reduce((s, t) => s + t.rows, 0);
        await recordAudit(cliCtx(runtime), {
          action: 'system.backup',
          entityType: 'system',
          details: {
            file,
            createdAt: header.createdAt,
            tables: header.tables.length,
            rows,
            keys: header.keys,
          },
        });
        console.log(`已备份 ${header.tables.length} 张表、${rows} 行到 ${file}（文件权限 0600）`);
        console.log(
          '请同时妥善保管加密密钥 (DATA_DIR/keys/master.key 或 ENCRYPTION_KEY，以及 AUDIT_KEY 如已设置)：没有它，身份证号等加密数据无法恢复，恢复时也会被拒绝。',
        );
      });
    });

  program
    .command('restore')
    .description('从备份文件恢复到空数据库 (restore a backup into an empty database)')
    .argument('<file>', '备份文件')
    .action(async (file: string) => {
      // No key is created here: a new key would make every restored number unreadable.
      await withRuntime(
        async (runtime) => {
          const bar = progressBar('恢复 restore');
          const header = await restoreBackup(runtime.database.db, file, {
            keys: runtime.secrets.fingerprints,
            decrypt: runtime.secrets.decrypt,
            onProgress: (t, d, n) => bar.update(d, n, t),
            onRestored: (trx, h) => {
              const ctx: Ctx = { ...cliCtx(runtime), db: trx as Db };
              return recordAudit(ctx, {
                action: 'system.restore',
                entityType: 'system',
                details: { file, backupCreatedAt: h.createdAt, formatVersion: h.formatVersion },
              });
            },
          });
          bar.stop();
          console.log(
            `已恢复 ${header.tables.length} 张表（备份时间 ${header.createdAt}）；会话未恢复，请重新登录。`,
          );
        },
        { createKeys: false },
      );
    });

  const audit = program.command('audit').description('审计日志 (audit trail)');
  audit
    .command('verify')
    .description(
      '校验审计日志的密钥哈希链与链头，指出第一条被篡改的记录 (verify the keyed chain and its head)',
    )
    .option(
      '--checkpoint <file>',
      '同时对照此前导出的检查点文件，发现最新记录被删除 (also check against a checkpoint)',
    )
    .action(async (opts: { checkpoint?: string }) => {
      await withRuntime(async (runtime) => {
        const checkpoint = opts.checkpoint
          ? readCheckpoint(runtime.secrets.auditMac, readFileSync(opts.checkpoint, 'utf8'))
          : undefined;
        const bar = progressBar('校验 verify');
        const result = await verifyAudit(
          { db: runtime.database.db, secrets: runtime.secrets },
          { onProgress: (n) => bar.update(n, n), ...(checkpoint ? { checkpoint } : {}) },
        );
        bar.stop();
        if (result.ok) {
          const against = checkpoint
            ? `，与检查点（序号 ${checkpoint.seq}，${checkpoint.createdAt}）一致`
            : '';
          console.log(
            `审计日志完整：已校验 ${result.checked} 条记录${against}。 (audit trail intact: ${result.checked} records)`,
          );
        } else {
          console.error(
            `审计日志被篡改：第一条异常记录序号 ${result.firstBrokenSeq ?? '?'}。${result.reason ?? ''}`,
          );
          console.error(`(audit trail broken: first bad record seq ${result.firstBrokenSeq ?? '?'})`);
          process.exitCode = 3;
        }
      });
    });
  audit
    .command('checkpoint')
    .description(
      '导出审计日志检查点（时间、最新序号与哈希，带签名），请保存在服务器以外 (write a signed checkpoint)',
    )
    .argument('<file>', '检查点文件，例如 audit-2026-12-02.checkpoint.json')
    .action(async (file: string) => {
      await withRuntime(async (runtime) => {
        const made = await createAuditCheckpoint(cliCtx(runtime));
        if (!made.ok) {
          console.error(
            `审计日志校验未通过，未导出检查点：第一条异常记录序号 ${made.verify.firstBrokenSeq ?? '?'}。${made.verify.reason ?? ''}`,
          );
          process.exitCode = 3;
          return;
        }
        writeFileSync(file, `${JSON.stringify(made.checkpoint, null, 2)}\n`, { mode: 0o600 });
        console.log(
          `已导出检查点：序号 ${made.checkpoint.seq}，共 ${made.checkpoint.records} 条记录 → ${file}。请保存在服务器以外。`,
        );
      });
    });
}
