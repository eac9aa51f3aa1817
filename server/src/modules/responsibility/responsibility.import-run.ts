// Running an import of duties or work points, all or nothing (ADR 15's shape): the file is read and its cells checked
// outside any transaction; the names are resolved and the rows written in one short transaction that is rolled back
// on the first sign of a problem. A refused import answers 400 with every problem by row and column, and keeps the
// problem report for the importer to download.
import type { z } from 'zod';
import { WorkPointBodySchema } from '#contracts/responsibility';
import type { FileImportResult } from '#contracts/responsibility-files';
import { type Ctx, inTransaction } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { sortIssues, writeIssueReport } from '../../core/spreadsheet/report.ts';
import { recordAudit } from '../audit/index.ts';
import { storeReport } from '../transfer/index.ts';
import { listInScope, requireActor } from './responsibility.access.ts';
import {
  type Issue,
  plain,
  readItemRows,
  readWorkPointRows,
  sameText,
  type WorkPointInput,
} from './responsibility.import.ts';
import { applyItems, titleKey } from './responsibility.import-apply.ts';
import { WORK_POINT_COLUMNS } from './responsibility.sheets.ts';
import { createWorkPoint, listWorkPoints, updateWorkPoint } from './responsibility.templates.ts';

/** Issues shown in the answer itself; the report holds them all. */
const IN_ANSWER = 200;

class Refused extends Error {
  constructor(readonly issues: Issue[]) {
    super('import refused');
  }
}

async function refuse(ctx: Ctx, issues: readonly Issue[], reportName: string): Promise<never> {
  const actor = requireActor(ctx).actor;
  const sorted = sortIssues(issues);
  const reportToken = await storeReport(ctx, actor.userId, await writeIssueReport(sorted), reportName);
  const rows = new Set(sorted.filter((i) => i.row > 0).map((i) => i.row)).size;
  throw new AppError(
    'invalid',
    'responsibility.import_invalid',
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

/** Writes in one transaction; any issue rolls everything back and refuses the file. */
async function allOrNothing(
  ctx: Ctx,
  reportName: string,
  work: (tx: Ctx) => Promise<{ counts: FileImportResult; issues: Issue[] }>,
): Promise<FileImportResult> {
  try {
    return await inTransaction(ctx, async (tx) => {
      const { counts, issues } = await work(tx);
      if (issues.length > 0) throw new Refused(issues);
      return counts;
    });
  } catch (error) {
    if (error instanceof Refused) return refuse(ctx, error.issues, reportName);
    throw error;
  }
}

export async function importListItems(ctx: Ctx, listId: string, buf: Buffer): Promise<FileImportResult> {
  // Out of scope is a 404 before the file is even read.
  const list = await listInScope(ctx, listId, 'responsibility.manage');
  const read = await readItemRows(buf);
  const reportName = '责任清单导入问题报告.xlsx';
  if (read.rows.length === 0) return refuse(ctx, read.issues, reportName);
  return allOrNothing(ctx, reportName, async (tx) => {
    const fresh = await listInScope(tx, listId, 'responsibility.manage');
    const applied = await applyItems(tx, fresh, read.sheet, read.rows, read.issues.length === 0);
    // Problems of the cells come first; the resolution ran only over the rows whose cells were right.
    const issues = [...read.issues, ...applied.issues];
    if (issues.length === 0)
      await recordAudit(tx, {
        action: 'responsibility.import',
        entityType: 'responsibility_list',
        entityId: list.id,
        details: applied.counts,
      });
    return { counts: applied.counts, issues };
  });
}

// Work points of the work committee ---------------------------------------------------------------------------------

const WP_HEADER = new Map(WORK_POINT_COLUMNS.map((c) => [c.key, c.header]));

async function applyWorkPoints(
  ctx: Ctx,
  year: number,
  sheet: string,
  rows: readonly WorkPointInput[],
  write: boolean,
): Promise<{ counts: FileImportResult; issues: Issue[] }> {
  const issues: Issue[] = [];
  const writing = () => write && issues.length === 0;
  const fail = (input: WorkPointInput, key: string, reason: string) =>
    issues.push({
      sheet,
      row: input.row,
      column: WP_HEADER.get(key as 'title') ?? key,
      value: plain(input[key as keyof WorkPointInput]),
      reason,
    });
  const points = await listWorkPoints(ctx, year);
  const counts = { rows: rows.length, created: 0, updated: 0, unchanged: 0 };
  const seen = new Map<string, number>();
  for (const input of rows.filter((r) => !r.failed)) {
    const key = titleKey(input.title ?? '');
    const first = seen.get(key);
    if (first !== undefined) {
      fail(input, 'title', `与第 ${first} 行的工作要点重复，同一年度每项要点的内容应不同`);
      continue;
    }
    seen.set(key, input.row);
    const same = points.filter((p) => titleKey(p.title) === key);
    if (same.length > 1) {
      fail(input, 'title', `${year} 年度已有 ${same.length} 项内容相同的要点，无法确定更新哪一项`);
      continue;
    }
    const match = same[0];
    if (!match) {
      const body = WorkPointBodySchema.safeParse({
        year,
        domain: input.domain,
        category: input.category,
        title: input.title,
        detail: input.detail,
        weight: input.weight ?? 1,
      });
      if (!body.success)
        for (const i of body.error.issues) fail(input, String(i.path[0] ?? 'title'), i.message);
      else if (writing()) {
        await createWorkPoint(ctx, body.data);
        counts.created++;
      }
      continue;
    }
    const patch: Partial<z.output<typeof WorkPointBodySchema>> = {};
    if (input.domain && input.domain !== match.domain) patch.domain = input.domain;
    if (input.category && !sameText(input.category, match.category)) patch.category = input.category;
    if (!sameText(input.detail, match.detail)) patch.detail = input.detail;
    if (input.weight !== null && input.weight !== Number(match.weight)) patch.weight = input.weight;
    if (Object.keys(patch).length === 0) counts.unchanged++;
    else if (writing()) {
      await updateWorkPoint(ctx, match.id, { ...patch, version: match.version });
      counts.updated++;
    }
  }
  return { counts, issues };
}

export async function importWorkPoints(ctx: Ctx, year: number, buf: Buffer): Promise<FileImportResult> {
  requireActor(ctx);
  const read = await readWorkPointRows(buf);
  const reportName = '工作要点导入问题报告.xlsx';
  if (read.rows.length === 0) return refuse(ctx, read.issues, reportName);
  return allOrNothing(ctx, reportName, async (tx) => {
    const applied = await applyWorkPoints(tx, year, read.sheet, read.rows, read.issues.length === 0);
    const issues = [...read.issues, ...applied.issues];
    if (issues.length === 0)
      await recordAudit(tx, {
        action: 'responsibility.import',
        entityType: 'work_point',
        details: { year, ...applied.counts },
      });
    return { counts: applied.counts, issues };
  });
}
