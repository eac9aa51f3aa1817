// One run over a roster's rows, for a preview or for real: rows are checked in chunks as they are read; in a real
// run each clean chunk is staged (member.import-stage.ts) and, when the whole file passed and its warnings are
// accepted, the batch is applied in one short transaction. Nothing here holds a transaction while the file is read.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { maskIdNumber, maskPhone } from '#contracts/id-number';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, PARTY_POST_LABELS } from '#contracts/member';
import type { ImportIssue } from '#contracts/transfer';
import { type Actor, type Ctx, inTransaction } from '../../core/context.ts';
import { refreshStatistics, type StatisticsTarget } from '../../core/db.ts';
import { sortIssues } from '../../core/spreadsheet/report.ts';
import { recordAudit } from '../audit/index.ts';
import {
  type CheckedRow,
  createRowChecker,
  type ImportEntry,
  NUMBER_UNAVAILABLE,
} from './member.import-check.ts';
import {
  commitAndPublish,
  dropAbandonedBatches,
  dropBatch,
  finishCommittedBatches,
  newBatchId,
  opOf,
  stageRecordOf,
  stageRecords,
} from './member.import-stage.ts';
import { identityOf } from './member.policy.ts';
import { IMPORT_LABEL, type ImportKey } from './member.roster.ts';

// The embedded database runs no autovacuum, so after a large import the planner would keep estimating the member
// table as it was (1 row where there are thousands) and choose nested loops; a server's autovacuum would catch up
// later. ANALYZE samples, so it stays cheap at any size; it is limited to the columns that filters, joins and sorts
// use, so that it holds the embedded database's thread for tens of milliseconds, not hundreds (ADR 19).
const STATISTICS_AFTER_ROWS = 1000;
const STATISTICS_TABLES: StatisticsTarget[] = [
  {
    table: 'member',
    columns: ['unit_id', 'party_org_id', 'department_id', 'status', 'category'],
  },
  { table: 'member_org_history', columns: ['member_id', 'party_org_id', 'from_on'] },
];

export const CHECK_CHUNK = 200;
/** Issues kept in memory for the answer and the report; beyond this they are only counted (memory stays flat). */
export const MAX_KEPT_ISSUES = 10_000;
export const SAMPLE_ROWS = 10;

/** What the reader hands over: a parsed row, or the problems that kept a row from parsing. */
export type RowInput = { rowNumber: number; row: ImportEntry['row'] | null; issues: readonly ImportIssue[] };

export type RunOptions = {
  apply: boolean;
  acceptWarnings: boolean;
  /** Called after each chunk is staged (rows done so far); nothing is reported for a preview. */
  onProgress?: (done: number) => void;
  /** Called after each chunk is published into member on the embedded database (rows so far, rows to publish). */
  onPublished?: (done: number, total: number) => void;
};

export type RunOutcome = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  issues: ImportIssue[];
  issueCount: number;
  warnings: ImportIssue[];
  warningCount: number;
  sample: { row: number; values: Record<string, string | null> }[];
  applied: boolean;
  warningsPending: boolean;
};

function sampleOf(r: CheckedRow, op: string): { row: number; values: Record<string, string | null> } {
  const { row } = r;
  const identity = r.idNumber ? identityOf(r.idNumber) : null;
  const gender = identity?.gender ?? (r.existing?.gender as 'male' | 'female' | undefined) ?? null;
  const L = IMPORT_LABEL;
  return {
    row: r.rowNumber,
    values: {
      操作: op,
      [L.name]: row.name,
      [L.gender]: gender ? GENDER_LABELS[gender].zh : null,
      [L.idNumber]: r.idNumber ? maskIdNumber(r.idNumber) : row.idNumber,
      [L.ethnicity]: row.ethnicity,
      [L.education]: row.education,
      [L.phone]: row.phone ? (row.phone.includes('*') ? row.phone : maskPhone(row.phone)) : null,
      [L.category]: MEMBER_CATEGORY_LABELS[row.category].zh,
      [L.joinedOn]: row.joinedOn,
      [L.fullOn]: row.fullOn,
      [L.partyOrgName]: `${r.org.name}（${r.org.code}）`,
      [L.partyPost]: row.partyPost ? PARTY_POST_LABELS[row.partyPost].zh : null,
      [L.departmentName]: r.departmentName,
      [L.businessPost]: row.businessPost,
      组织关系起始日期: op === '新增' || r.existing?.partyOrgId !== r.org.id ? r.historyFromOn : null,
    },
  };
}

const OP_LABEL = { create: '新增', update: '更新', unchanged: '不变' } as const;

export async function runRows(
  ctx: Ctx & { actor: Actor },
  input: AsyncIterable<RowInput>,
  context: {
    sheet: string;
    headers: Partial<Record<ImportKey, string>>;
    auditDetails: Record<string, unknown>;
  },
  options: RunOptions,
): Promise<RunOutcome> {
  const checker = await createRowChecker(ctx, context.sheet, context.headers);
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  let issueCount = 0;
  let warningCount = 0;
  let refused = 0;
  const keep = (list: ImportIssue[], more: readonly ImportIssue[]) => {
    for (const i of more) if (list.length < MAX_KEPT_ISSUES) list.push(i);
  };
  const counts = { rows: 0, created: 0, updated: 0, unchanged: 0 };
  const sample: RunOutcome['sample'] = [];
  const batchId = options.apply ? newBatchId() : null;
  let staged = 0;
  let staging = batchId !== null;
  if (batchId) {
    // A batch committed before a crash is published before this one is checked against the roster.
    await finishCommittedBatches(ctx);
    await dropAbandonedBatches(ctx.db);
  }

  let pending: ImportEntry[] = [];
  const flush = async () => {
    const entries = pending;
    pending = [];
    if (entries.length === 0) return;
    const out = await checker.check(entries);
    issueCount += out.issues.length;
    warningCount += out.warnings.length;
    refused += out.issues.filter((i) => i.reason === NUMBER_UNAVAILABLE).length;
    keep(issues, out.issues);
    keep(warnings, out.warnings);
    const records: NonNullable<ReturnType<typeof stageRecordOf>>[] = [];
    for (const r of out.rows) {
      const op = opOf(ctx.secrets, r);
      counts[op === 'create' ? 'created' : op === 'update' ? 'updated' : 'unchanged']++;
      if (sample.length < SAMPLE_ROWS) sample.push(sampleOf(r, OP_LABEL[op]));
      if (staging) {
        const record = stageRecordOf(ctx.secrets, r);
        if (record) records.push(record);
      }
    }
    if (issueCount > 0 || (warningCount > 0 && !options.acceptWarnings)) staging = false;
    if (staging && batchId && records.length > 0) {
      await inTransaction(ctx, (tx) => stageRecords(tx.db, batchId, staged, records));
      staged += records.length;
    }
    if (staging) options.onProgress?.(counts.rows);
    await yieldToLoop();
  };

  try {
    for await (const item of input) {
      counts.rows++;
      if (item.issues.length > 0) {
        issueCount += item.issues.length;
        keep(issues, item.issues);
        staging = false;
      }
      if (item.row) pending.push({ rowNumber: item.rowNumber, row: item.row });
      if (pending.length >= CHECK_CHUNK) await flush();
    }
    await flush();
  } catch (error) {
    if (batchId) await dropBatch(ctx.db, batchId).catch(() => undefined);
    throw error;
  }

  const warningsPending = issueCount === 0 && warningCount > 0 && !options.acceptWarnings;
  const apply = options.apply && issueCount === 0 && !warningsPending;
  const details = {
    ...context.auditDetails,
    applied: apply,
    rows: counts.rows,
    created: apply ? counts.created : 0,
    updated: apply ? counts.updated : 0,
    unchanged: counts.unchanged,
    issues: issueCount,
    warnings: warningCount,
    // Refused numbers are counted so that someone probing which numbers exist shows in the audit trail.
    refusedNumbers: refused,
  };
  try {
    if (apply && batchId) {
      await commitAndPublish(
        ctx,
        batchId,
        async (tx) => {
          await recordAudit(tx, { action: 'member.import', entityType: 'member', details });
        },
        options.onPublished ? { onPublished: options.onPublished } : {},
      );
      if (counts.created + counts.updated >= STATISTICS_AFTER_ROWS)
        await refreshStatistics(ctx.db, STATISTICS_TABLES);
    } else {
      if (batchId) await dropBatch(ctx.db, batchId);
      if (options.apply || refused > 0) {
        await inTransaction(ctx, (tx) =>
          recordAudit(tx, {
            action: options.apply ? 'member.import' : 'member.import_preview',
            entityType: 'member',
            details,
          }),
        );
      }
    }
  } catch (error) {
    if (batchId) await dropBatch(ctx.db, batchId).catch(() => undefined);
    throw error;
  }
  return {
    rows: counts.rows,
    created: apply || !options.apply ? counts.created : 0,
    updated: apply || !options.apply ? counts.updated : 0,
    unchanged: counts.unchanged,
    issues: sortIssues(issues),
    issueCount,
    warnings: sortIssues(warnings),
    warningCount,
    sample,
    applied: apply,
    warningsPending,
  };
}
