import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ImportIssue, ImportPreview, ImportResult } from '#contracts/transfer';
import { type Ctx, inTransaction } from '../core/context.ts';
import type { Db } from '../core/db.ts';
import { writeIssueReport } from '../core/spreadsheet/report.ts';
import {
  exportMemberWorkbook,
  importMemberWorkbook,
  previewMemberWorkbook,
} from '../modules/member/index.ts';
import { exportOrganisations, importOrganisationWorkbook } from '../modules/org/index.ts';
import { takeReport } from '../modules/transfer/index.ts';
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

type ImportFlags = { mapping?: string; unit?: string; acceptWarnings?: boolean; preview?: boolean };

/** A mapping file: {"表头": "字段或字段名", …} (or the same under "columns"); null leaves a column out. */
function readMappingFile(path: string): Record<string, string | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`列映射文件 ${path} 不是有效的 JSON`);
  }
  const body =
    parsed && typeof parsed === 'object' && 'columns' in parsed
      ? (parsed as { columns: unknown }).columns
      : parsed;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new Error(`列映射文件 ${path} 应为 {"表头": "字段"}`);
  const out: Record<string, string | null> = {};
  for (const [header, field] of Object.entries(body)) {
    if (field !== null && typeof field !== 'string')
      throw new Error(`列映射文件中“${header}”的值应为字段名或 null`);
    out[header] = field;
  }
  return out;
}

async function unitIdByCode(db: Db, code: string): Promise<string> {
  const unit = await db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirst();
  if (!unit) throw new Error(`没有编码为 ${code} 的单位`);
  return unit.id;
}

function printNotes(unmapped: readonly string[], notices: readonly ImportIssue[]) {
  if (unmapped.length > 0) console.log(`不导入的列：${unmapped.join('、')}`);
  for (const n of notices.slice(0, 10)) console.log(`  第 ${n.row} 行 ${n.value ?? ''}: ${n.reason}`);
}

function printWarnings(warnings: readonly ImportIssue[]) {
  for (const w of warnings.slice(0, 10))
    console.error(`  提醒 第 ${w.row} 行 「${w.column}」 ${w.value ?? ''}: ${w.reason}`);
}

function printPreview(p: ImportPreview) {
  console.log(
    `工作表 ${p.sheet}，表头在第 ${p.headerRow} 行${p.savedMapping ? '（使用已保存的列映射）' : ''}`,
  );
  for (const c of p.columns) {
    const field = p.fields.find((f) => f.key === c.field);
    console.log(`  ${c.header} → ${field ? `${field.label} (${field.key})` : '不导入'}`);
  }
  for (const problem of p.mappingProblems) console.error(`映射问题：${problem}`);
  printNotes(p.unmappedColumns, p.notices);
  console.log(
    `共 ${p.rows} 行：将新增 ${p.created}，更新 ${p.updated}，未变 ${p.unchanged}；问题 ${p.issues.length}，提醒 ${p.warnings.length}`,
  );
  for (const i of p.issues.slice(0, 10))
    console.error(`  第 ${i.row} 行 「${i.column}」 ${i.value ?? ''}: ${i.reason}`);
  printWarnings(p.warnings);
  if (p.issues.length > 0) process.exitCode = 2;
}

async function report(ctx: Ctx, result: ImportResult, file: string) {
  if (result.applied) {
    console.log(
      `导入完成：共 ${result.rows} 行，新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}。`,
    );
    return;
  }
  const reportFile = `${file.replace(/\.xlsx$/i, '')}.错误报告.xlsx`;
  // The stored report lists every issue; the result itself carries at most the first thousand.
  const stored =
    result.reportToken && ctx.actor ? await takeReport(ctx, ctx.actor.userId, result.reportToken) : null;
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
    .option('--mapping <file>', '列映射文件 (JSON: {"表头": "字段"}，null 表示不导入该列)')
    .option('--unit <code>', "使用并更新该单位保存的列映射 (use and update this unit's saved mapping)")
    .option('--accept-warnings', '接受提醒（如入党超过一年仍为预备党员）后导入 (accept warnings)')
    .option('--preview', '只检查并列出映射、问题与提醒，不写入 (check only, write nothing)')
    .action(async (kindArg: string, file: string, opts: ImportFlags) => {
      const kind = parseKind(kindArg);
      const mapping = opts.mapping ? readMappingFile(opts.mapping) : undefined;
      await withRuntime(async (runtime) => {
        const buf = readFileSync(file);
        const ctx = cliCtx(runtime);
        if (kind === 'organisations') {
          const result = await importOrganisationWorkbook(ctx, buf);
          await report(ctx, result, file);
          return;
        }
        const unitId = opts.unit ? await unitIdByCode(ctx.db, opts.unit) : null;
        const common = { ...(mapping ? { mapping } : {}), unitId };
        if (opts.preview) {
          printPreview(await previewMemberWorkbook(ctx, buf, '-', common));
          return;
        }
        const bar = progressBar('导入 import');
        // The import opens its own short transactions; the file is read and checked outside them.
        const result = await importMemberWorkbook(ctx, buf, {
          ...common,
          acceptWarnings: opts.acceptWarnings === true,
          onProgress: (done) => bar.update(done, done, '已检查 checked'),
          onPublished: (done, total) => bar.update(done, total, '已写入 written'),
        });
        bar.stop();
        printNotes(result.unmappedColumns, result.notices);
        if (result.warningsPending) {
          printWarnings(result.warnings);
          console.error('文件中有需要确认的提醒，未导入任何数据。核实无误后加 --accept-warnings 重新导入。');
          process.exitCode = 2;
          return;
        }
        await report(ctx, result, file);
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
            exportMemberWorkbook(tx, { status: 'active', sort: 'partyOrg', order: 'asc', full: true }),
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
