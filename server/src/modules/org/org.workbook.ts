import type { ImportResult } from '#contracts/transfer';
import type { Ctx } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import { writeIssueReport } from '../../core/spreadsheet/report.ts';
import { storeReport } from '../../core/spreadsheet/report-store.ts';
import { applyLocatedImport } from './org.import.apply.ts';
import { parseOrganisationWorkbook } from './org.import.ts';

export const REPORT_FILENAME = '组织机构导入问题报告.xlsx';

/**
 * Imports an organisations workbook (单位 / 党组织 / 业务部门) all-or-nothing in the caller's transaction. With any
 * issue nothing is written and the issue report is kept for the importer to download.
 */
export async function importOrganisationWorkbook(ctx: Ctx, buf: Buffer): Promise<ImportResult> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const parsed = await parseOrganisationWorkbook(buf);
  const result = await applyLocatedImport(ctx, parsed);
  const applied = result.issues.length === 0;
  return {
    kind: 'organisations',
    applied,
    rows: result.rows,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    issues: result.issues,
    reportToken: applied
      ? null
      : storeReport(actor.userId, await writeIssueReport(result.issues), REPORT_FILENAME),
  };
}
