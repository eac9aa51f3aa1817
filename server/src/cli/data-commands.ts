import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ImportResult } from '#contracts/transfer';
import { inTransaction } from '../core/context.ts';
import { writeIssueReport } from '../core/spreadsheet/report.ts';
import { takeReport } from '../core/spreadsheet/report-store.ts';
import { exportMemberWorkbook, importMemberWorkbook } from '../modules/member/index.ts';
import { exportOrganisations, importOrganisationWorkbook } from '../modules/org/index.ts';
import { cliCtx } from './cli-context.ts';
import { registerDemoCommand } from './demo-command.ts';
import { progressBar } from './progress.ts';
import { withRuntime } from './runtime.ts';

const KINDS = ['members', 'organisations'] as const;
type Kind = (typeof KINDS)[number];

function parseKind(value: string): Kind {
  if ((KINDS as readonly string[]).includes(value)) return value as Kind;
  throw new Error(`不认识的类型 ${value}：请用 members（党员名册）或 organisations（党组织与部门）`);
}

async function report(result: ImportResult, file: string, ownerId: string) {
  if (result.applied) {
    console.log(
      `导入完成：共 ${result.rows} 行，新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}。`,
    );
    return;
  }
  const reportFile = `${file.replace(/\.xlsx$/i, '')}.错误报告.xlsx`;
  // The stored report lists every issue; the result itself carries at most the first thousand.
  const stored = result.reportToken ? takeReport(ownerId, result.reportToken) : null;
  writeFileSync(reportFile, stored?.buf ?? (await writeIssueReport(result.issues)));
  console.error(
    `文件中有 ${result.issues.length}${result.issues.length >= 1000 ? '+' : ''} 处问题，未导入任何数据。前几处：`,
  );
  for (const i of result.issues.slice(0, 10)) {
    console.error(`  ${i.sheet} 第 ${i.row} 行 「${i.column}」 ${i.value ?? ''}: ${i.reason}`);
  }
  console.error(`完整的错误报告已写入 ${reportFile}。修改后重新导入即可。`);
  process.exitCode = 2;
}

export function registerDataCommands(program: Command) {
  program
    .command('import')
    .description('从 Excel 导入，全部成功才写入 (import all-or-nothing from .xlsx)')
    .argument('<kind>', 'members | organisations')
    .argument('<file>', '.xlsx 文件')
    .action(async (kindArg: string, file: string) => {
      const kind = parseKind(kindArg);
      await withRuntime(async (runtime) => {
        const buf = readFileSync(file);
        const ctx = cliCtx(runtime);
        const bar = progressBar('导入 import');
        const result = await inTransaction(ctx, (tx) =>
          kind === 'members'
            ? importMemberWorkbook(tx, buf, {
                onProgress: (done, total) => bar.update(done, total, '写入 writing'),
              })
            : importOrganisationWorkbook(tx, buf),
        );
        bar.stop();
        await report(result, file, ctx.actor?.userId ?? '');
      });
    });

  program
    .command('export')
    .description('导出到 Excel，可无损重新导入 (export to .xlsx; re-importable without loss)')
    .argument('<kind>', 'members | organisations')
    .argument('<file>', '.xlsx 文件')
    .action(async (kindArg: string, file: string) => {
      const kind = parseKind(kindArg);
      await withRuntime(async (runtime) => {
        const ctx = cliCtx(runtime);
        if (kind === 'members') {
          const { buffer, rows } = await inTransaction(ctx, (tx) =>
            // The console moves data between installations: numbers in full, audited as such (ADR 14).
            exportMemberWorkbook(tx, { status: 'active', sort: 'partyOrg', full: true }),
          );
          writeFileSync(file, buffer);
          console.log(`已导出 ${rows} 名党员到 ${file}`);
        } else {
          const buffer = await inTransaction(ctx, (tx) => exportOrganisations(tx));
          writeFileSync(file, buffer);
          console.log(`已导出党组织与业务部门到 ${file}`);
        }
      });
    });

  registerDemoCommand(program);
}
