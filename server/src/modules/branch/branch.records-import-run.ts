// Running an import of historical records, all or nothing (ADR 15's shape, as the other imports): the file is read
// and its cells checked outside any transaction; organisations and people are resolved and the rows written in one
// transaction that any problem rolls back. A refused file answers 400 with every problem by row and column, and
// keeps the problem report for the importer to download.
import type { RecordImportResult } from '#contracts/branch-files';
import { type Ctx, inTransaction, todayOf } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { type Issue, sortIssues, writeIssueReport } from '../../core/spreadsheet/report.ts';
import { recordAudit } from '../audit/index.ts';
import { storeReport } from '../transfer/index.ts';
import { requireActor } from './branch.access.ts';
import { readRecordRows } from './branch.records-import.ts';
import { applyRecords } from './branch.records-import-apply.ts';

const IN_ANSWER = 200;
const REPORT_NAME = '三会一课导入问题报告.xlsx';

class Refused extends Error {
  constructor(readonly issues: Issue[]) {
    super('import refused');
  }
}

async function refuse(ctx: Ctx, issues: readonly Issue[]): Promise<never> {
  const actor = requireActor(ctx).actor;
  const sorted = sortIssues(issues);
  const reportToken = await storeReport(ctx, actor.userId, await writeIssueReport(sorted), REPORT_NAME);
  const rows = new Set(sorted.filter((i) => i.row > 0).map((i) => i.row)).size;
  throw new AppError(
    'invalid',
    'branch.import_invalid',
    `文件中有 ${sorted.length} 处问题（涉及 ${rows} 行），未导入任何内容；请按提示修改后重新导入`,
    {
      issues: sorted.slice(0, IN_ANSWER).map((i) => ({
        field: i.row > 0 ? `第${i.row}行 ${i.column}` : i.column || i.sheet,
        message: i.reason,
      })),
      details: { issues: sorted.slice(0, IN_ANSWER), total: sorted.length, reportToken },
    },
  );
}

export async function importRecords(ctx: Ctx, buf: Buffer): Promise<RecordImportResult> {
  requireActor(ctx);
  const read = await readRecordRows(buf, todayOf(ctx));
  if (read.rows.length === 0) return refuse(ctx, read.issues);
  try {
    return await inTransaction(ctx, async (tx) => {
      const applied = await applyRecords(requireActor(tx), read.sheet, read.rows, read.issues.length === 0);
      // Problems of the cells come first; the rows whose cells were right were resolved and checked too.
      const issues = [...read.issues, ...applied.issues];
      if (issues.length > 0) throw new Refused(issues);
      await recordAudit(tx, {
        action: 'branch.records_import',
        entityType: 'branch_record',
        details: applied.counts,
      });
      return applied.counts;
    });
  } catch (error) {
    if (error instanceof Refused) return refuse(ctx, error.issues);
    throw error;
  }
}
