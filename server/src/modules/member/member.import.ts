// Roster import, all or nothing: every row is checked first; only a file without a single issue is written, as an
// upsert keyed by the ID number's blind index, in chunks (multi-row INSERT, UPDATE … FROM VALUES), inside the
// caller's transaction. Identical rows are left alone, so re-importing a file changes nothing.
import type { MemberImportRow } from '#contracts/member';
import type { ImportIssue, ImportResult } from '#contracts/transfer';
import { type Ctx, inTransaction } from '../../core/context.ts';
import { conflict } from '../../core/errors.ts';
import type { Secrets } from '../../core/secrets.ts';
import { readSheetRows } from '../../core/spreadsheet/read.ts';
import { sortIssues, writeIssueReport } from '../../core/spreadsheet/report.ts';
import { storeReport } from '../../core/spreadsheet/report-store.ts';
import { recordAudit } from '../audit/index.ts';
import { type CheckedRow, checkRows, chunked, type ImportEntry } from './member.import-check.ts';
import { identityOf, phoneIndexInput, todayIso } from './member.policy.ts';
import * as repo from './member.repository.ts';
import { parseRosterRow, ROSTER_COLUMNS, ROSTER_SHEET } from './member.roster.ts';
import { idNumberColumns, phoneColumns } from './member.service.ts';
import { requireActor } from './member.view.ts';

export type ApplyOptions = {
  /** Called after each chunk is written (rows done so far, all rows); nothing is reported for a failing import. */
  onProgress?: (done: number, total: number) => void;
};
export type ApplyOutcome = { created: number; updated: number; unchanged: number; issues: ImportIssue[] };

export const APPLY_CHUNK = 500;
/** The JSON answer lists this many issues at most; the downloadable report lists them all. */
export const ISSUES_IN_RESPONSE = 1000;
const IMPORT_REASON = '名册导入';

function newMember(secrets: Secrets, r: CheckedRow): repo.NewMember {
  if (!r.idNumber) throw new Error('a new member needs a full ID number');
  const { row } = r;
  return {
    unitId: r.org.unitId,
    partyOrgId: r.org.id,
    departmentId: r.departmentId,
    name: row.name,
    ...identityOf(r.idNumber),
    ethnicity: row.ethnicity,
    education: row.education,
    // The hash was computed while checking; encrypting and masking are all that is left to do.
    ...idNumberColumns(secrets, r.idNumber, r.idNumberHash),
    ...phoneColumns(secrets, row.phone),
    category: row.category,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    partyPost: row.partyPost,
    businessPost: row.businessPost,
  };
}

/** The new state of an existing member, or null when the row says exactly what is stored. */
function changedMember(secrets: Secrets, r: CheckedRow, e: repo.MemberRow): repo.BulkMemberUpdate | null {
  const { row } = r;
  const stored = { phoneCipher: e.phoneCipher, phoneMasked: e.phoneMasked, phoneHash: e.phoneHash };
  const samePhone =
    r.keepPhone ||
    (row.phone === null
      ? e.phoneCipher === null
      : e.phoneHash === secrets.blindIndex(phoneIndexInput(row.phone)));
  const same =
    samePhone &&
    e.partyOrgId === r.org.id &&
    e.departmentId === r.departmentId &&
    e.name === row.name &&
    e.ethnicity === row.ethnicity &&
    e.education === row.education &&
    e.category === row.category &&
    e.joinedOn === row.joinedOn &&
    e.fullOn === row.fullOn &&
    e.partyPost === row.partyPost &&
    e.businessPost === row.businessPost;
  if (same) return null;
  return {
    id: e.id,
    version: e.version,
    partyOrgId: r.org.id,
    unitId: e.partyOrgId === r.org.id ? e.unitId : r.org.unitId,
    departmentId: r.departmentId,
    name: row.name,
    gender: e.gender,
    ethnicity: row.ethnicity,
    education: row.education,
    ...(samePhone ? stored : phoneColumns(secrets, row.phone)),
    category: row.category,
    joinedOn: row.joinedOn,
    fullOn: row.fullOn,
    partyPost: row.partyPost,
    businessPost: row.businessPost,
  };
}

const concurrentEdit = () =>
  conflict(
    'member.import_conflict',
    '导入期间有党员信息被他人修改或登记，本次导入未写入任何数据，请重新导入',
  );

async function writeRows(ctx: Ctx, rows: readonly CheckedRow[], options: ApplyOptions) {
  const today = todayIso();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  let done = 0;
  for (const chunk of chunked(rows, APPLY_CHUNK)) {
    const creates: repo.NewMember[] = [];
    const updates: repo.BulkMemberUpdate[] = [];
    const moves: { memberId: string; partyOrgId: string }[] = [];
    for (const r of chunk) {
      if (!r.existing) {
        creates.push(newMember(ctx.secrets, r));
        continue;
      }
      const next = changedMember(ctx.secrets, r, r.existing);
      if (!next) counts.unchanged++;
      else {
        updates.push(next);
        if (next.partyOrgId !== r.existing.partyOrgId)
          moves.push({ memberId: next.id, partyOrgId: next.partyOrgId });
      }
    }
    let inserted: { id: string; idNumberHash: string }[];
    try {
      inserted = await repo.insertMembers(ctx.db, creates);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw concurrentEdit();
      throw error;
    }
    const idOf = new Map(inserted.map((m) => [m.idNumberHash, m.id]));
    await repo.insertHistory(
      ctx.db,
      creates.map((c) => ({
        memberId: idOf.get(c.idNumberHash) ?? '',
        partyOrgId: c.partyOrgId,
        fromOn: c.joinedOn ?? today,
        reason: IMPORT_REASON,
      })),
    );
    if ((await repo.updateMembers(ctx.db, updates)) !== updates.length) throw concurrentEdit();
    await repo.closeOpenHistory(
      ctx.db,
      moves.map((m) => m.memberId),
      today,
    );
    await repo.insertHistory(
      ctx.db,
      moves.map((m) => ({ ...m, fromOn: today, reason: IMPORT_REASON })),
    );
    counts.created += creates.length;
    counts.updated += updates.length;
    done += chunk.length;
    options.onProgress?.(done, rows.length);
  }
  return counts;
}

async function runImport(
  ctx: Ctx,
  entries: readonly ImportEntry[],
  earlier: readonly ImportIssue[],
  details: { rows: number; sheet: string },
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const actor = requireActor(ctx);
  // Safe when the caller already holds a transaction (a request): then this is that transaction.
  return inTransaction(ctx, async (tx) => {
    const checked = await checkRows({ ...tx, actor }, entries, details.sheet);
    const issues = sortIssues([...earlier, ...checked.issues]);
    const counts =
      issues.length === 0
        ? await writeRows(tx, checked.rows, options)
        : { created: 0, updated: 0, unchanged: 0 };
    await recordAudit(tx, {
      action: 'member.import',
      entityType: 'member',
      details: { applied: issues.length === 0, rows: details.rows, ...counts, issues: issues.length },
    });
    return { ...counts, issues };
  });
}

/**
 * Validates and applies already-parsed roster rows (row numbers in issues count as if row 1 were the header).
 * Nothing is written when any row has an issue.
 */
export function applyMemberImport(
  ctx: Ctx,
  rows: readonly MemberImportRow[],
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const entries = rows.map((row, i) => ({ rowNumber: i + 2, row }));
  return runImport(ctx, entries, [], { rows: rows.length, sheet: ROSTER_SHEET }, options);
}

/** Reads an uploaded roster (.xlsx; the toolkit checks the zip first), then imports it all or nothing. */
export async function importMemberWorkbook(
  ctx: Ctx,
  buf: Buffer,
  options: ApplyOptions = {},
): Promise<ImportResult> {
  const actor = requireActor(ctx);
  const sheet = await readSheetRows(buf, { sheet: [ROSTER_SHEET], columns: ROSTER_COLUMNS });
  const issues: ImportIssue[] = sheet.missingColumns.map((column) => ({
    sheet: sheet.sheetName,
    row: sheet.headerRow,
    column,
    value: null,
    reason: '缺少必填列，请使用导入模板',
  }));
  const entries: ImportEntry[] = [];
  let rows = 0;
  if (issues.length > 0) await sheet.close();
  else {
    for await (const dataRow of sheet.rows) {
      rows++;
      const parsed = parseRosterRow(dataRow, sheet.sheetName);
      issues.push(...parsed.issues);
      if (parsed.row) entries.push({ rowNumber: dataRow.rowNumber, row: parsed.row });
    }
    if (rows === 0) {
      issues.push({
        sheet: sheet.sheetName,
        row: sheet.headerRow + 1,
        column: '',
        value: null,
        reason: '表中没有党员数据',
      });
    }
  }
  const outcome = await runImport(ctx, entries, issues, { rows, sheet: sheet.sheetName }, options);
  const applied = outcome.issues.length === 0;
  const reportToken = applied
    ? null
    : storeReport(actor.userId, await writeIssueReport(outcome.issues), '党员名册导入错误报告.xlsx');
  return {
    kind: 'members',
    applied,
    rows,
    created: outcome.created,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    issues: outcome.issues.slice(0, ISSUES_IN_RESPONSE),
    reportToken,
  };
}
