// Roster import through the mapping step (ADR 0015). An organ's own file — its own headers, a title block above
// the header, merged cells, totals and notes below — is read with the shared mapping toolkit: the header row is
// found, each column is matched to a field (the user's choice, the organ's saved mapping, or the header's
// synonyms), total and note rows are skipped with a notice, and every column that is not imported is named. A
// preview checks the whole file and writes nothing; the confirmed import is all or nothing (member.import-run.ts).
// The file is read and checked outside any transaction, so one import never holds up other requests.

import { ROLE_PERMISSIONS } from '#contracts/identity';
import type { MemberImportRow } from '#contracts/member';
import type {
  ColumnOverride,
  ImportIssue,
  ImportPreview,
  ImportResult,
  MappedImportResult,
} from '#contracts/transfer';
import type { Actor, Ctx } from '../../core/context.ts';
import { openMappedSheet } from '../../core/spreadsheet/mapped-read.ts';
import {
  type ColumnChoice,
  cellsByField,
  chooseColumns,
  type HeaderMapping,
  type MappingProblem,
  mappingProblems,
  nonDataRowReason,
  toHeaderMapping,
  unmappedHeaders,
} from '../../core/spreadsheet/mapping.ts';
import { writeIssueReport } from '../../core/spreadsheet/report.ts';
import { loadSavedMapping, mappingUnitOf, saveMapping, storeReport } from '../transfer/index.ts';
import { type RowInput, runRows } from './member.import-run.ts';
import { fieldHint, type ImportKey, parseRosterRow, ROSTER_FIELDS, ROSTER_SHEET } from './member.roster.ts';
import { requireActor } from './member.view.ts';

export type ApplyOptions = {
  /** Called after each chunk is staged (rows done so far, all rows). */
  onProgress?: (done: number, total: number) => void;
  /** Warnings do not stop the import (default for programmatic imports; the UI and CLI ask first). */
  acceptWarnings?: boolean;
};
export type ApplyOutcome = {
  created: number;
  updated: number;
  unchanged: number;
  issues: ImportIssue[];
  warnings: ImportIssue[];
};

/** The JSON answer lists this many issues at most; the downloadable report lists them all (up to the kept cap). */
export const ISSUES_IN_RESPONSE = 1000;

export type WorkbookOptions = {
  /** Choices made in the mapping step, by column. */
  overrides?: readonly ColumnOverride[];
  /** A mapping given explicitly (the CLI's --mapping file); takes the place of the organ's saved one. */
  mapping?: HeaderMapping;
  /** Whose saved mapping to use and update; by default the importer's own organ. */
  unitId?: string | null;
  apply: boolean;
  acceptWarnings?: boolean;
  /** Save the mapping used for the organ's next import (only after a successful import). */
  saveMapping?: boolean;
  onProgress?: (done: number) => void;
  /** After each chunk published into member (the embedded database publishes in chunks, ADR 19). */
  onPublished?: (done: number, total: number) => void;
};

async function* fromRows(rows: readonly MemberImportRow[]): AsyncGenerator<RowInput> {
  for (const [i, row] of rows.entries()) yield { rowNumber: i + 2, row, issues: [] };
}

/**
 * Validates and applies already-parsed roster rows (row numbers in issues count as if row 1 were the header).
 * Nothing is written when any row has an issue.
 */
export async function applyMemberImport(
  ctx: Ctx,
  rows: readonly MemberImportRow[],
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const actor = requireActor(ctx);
  const outcome = await runRows(
    { ...ctx, actor },
    fromRows(rows),
    { sheet: ROSTER_SHEET, headers: {}, auditDetails: {} },
    {
      apply: true,
      acceptWarnings: options.acceptWarnings ?? true,
      onProgress: (done) => options.onProgress?.(done, rows.length),
    },
  );
  return { ...outcome, issues: outcome.issues, warnings: outcome.warnings };
}

const importsMembers = (a: Actor['assignments'][number]) =>
  ROLE_PERMISSIONS[a.role].includes('member.import');

async function* inputRows(
  rows: AsyncIterable<{ number: number; values: readonly unknown[] }>,
  choices: readonly ColumnChoice<ImportKey>[],
  sheet: string,
  headers: Partial<Record<ImportKey, string>>,
  notices: ImportIssue[],
): AsyncGenerator<RowInput> {
  const mapped = new Set(choices.filter((c) => c.field).map((c) => c.column));
  for await (const raw of rows) {
    const kind = nonDataRowReason(raw);
    if (kind) {
      const text = raw.values.find((v) => v !== null && v !== undefined && String(v).trim() !== '');
      if (notices.length < ISSUES_IN_RESPONSE)
        notices.push({
          sheet,
          row: raw.number,
          column: '',
          value: text === undefined ? null : String(text).slice(0, 60),
          reason: kind === 'total' ? '合计行，已跳过' : '备注或落款行，已跳过',
        });
      continue;
    }
    const cells = cellsByField(raw, choices, ROSTER_FIELDS);
    const hasMapped = raw.values.some(
      (v, col) => mapped.has(col) && v !== null && v !== undefined && v !== '',
    );
    if (!hasMapped) {
      // Only unmapped columns are filled: a numbered but empty line is nothing; anything else is said.
      const others = raw.values.filter((v) => v !== null && v !== undefined && String(v).trim() !== '');
      if (others.some((v) => typeof v !== 'number') && notices.length < ISSUES_IN_RESPONSE)
        notices.push({
          sheet,
          row: raw.number,
          column: '',
          value: null,
          reason: '该行只有不导入的列有内容，已跳过',
        });
      continue;
    }
    const parsed = parseRosterRow({ rowNumber: raw.number, cells }, sheet, headers);
    yield { rowNumber: raw.number, row: parsed.row, issues: parsed.issues };
  }
}

type Reading = {
  sheet: string;
  headerRow: number;
  choices: ColumnChoice<ImportKey>[];
  problems: MappingProblem[];
  savedMapping: boolean;
  unitId: string | null;
  outcome: Awaited<ReturnType<typeof runRows>> | null;
  notices: ImportIssue[];
};

async function readAndRun(ctx: Ctx, buf: Buffer, options: WorkbookOptions): Promise<Reading> {
  const actor = requireActor(ctx);
  const unitId: string | null =
    options.unitId !== undefined ? options.unitId : await mappingUnitOf(ctx.db, actor, importsMembers);
  const saved = options.mapping ?? (unitId ? await loadSavedMapping(ctx.db, unitId, 'members') : null);
  const sheet = await openMappedSheet(buf, {
    sheetNames: [ROSTER_SHEET],
    fields: ROSTER_FIELDS,
    saved: saved ?? {},
  });
  const choices = chooseColumns(sheet.columns, ROSTER_FIELDS, {
    saved: saved ?? {},
    overrides: options.overrides ?? [],
  });
  const problems = mappingProblems(choices, ROSTER_FIELDS);
  const base = {
    sheet: sheet.sheetName,
    headerRow: sheet.headerRow,
    choices,
    problems,
    savedMapping: saved !== null && !options.mapping,
    unitId,
    notices: [] as ImportIssue[],
  };
  if (problems.length > 0) {
    await sheet.close();
    return { ...base, outcome: null };
  }
  const headers: Partial<Record<ImportKey, string>> = {};
  // Issues name the file's own header (the template's required mark dropped).
  for (const c of choices) if (c.field) headers[c.field] = c.header.replace(/\s*[*＊]+$/, '');
  const outcome = await runRows(
    { ...ctx, actor },
    inputRows(sheet.rows, choices, sheet.sheetName, headers, base.notices),
    { sheet: sheet.sheetName, headers, auditDetails: { unmappedColumns: unmappedHeaders(choices).length } },
    {
      apply: options.apply,
      acceptWarnings: options.acceptWarnings ?? false,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onPublished ? { onPublished: options.onPublished } : {}),
    },
  );
  if (outcome.applied && unitId && options.saveMapping !== false) {
    await saveMapping(ctx.db, unitId, 'members', toHeaderMapping(choices), actor.userId);
  }
  return { ...base, outcome };
}

function problemIssues(r: Reading): ImportIssue[] {
  return r.problems.map((p) => ({
    sheet: r.sheet,
    row: r.headerRow,
    column: p.field,
    value: null,
    reason: p.message,
  }));
}

async function reportFor(ctx: Ctx, actor: Actor, issues: readonly ImportIssue[]): Promise<string | null> {
  if (issues.length === 0) return null;
  return storeReport(ctx, actor.userId, await writeIssueReport(issues), '党员名册导入错误报告.xlsx');
}

/** The mapping step's answer: nothing is written. */
export async function previewMemberWorkbook(
  ctx: Ctx,
  buf: Buffer,
  token: string,
  options: Pick<WorkbookOptions, 'overrides' | 'mapping' | 'unitId'> = {},
): Promise<ImportPreview> {
  const actor = requireActor(ctx);
  const r = await readAndRun(ctx, buf, { ...options, apply: false });
  const issues = [...problemIssues(r), ...(r.outcome?.issues ?? [])];
  return {
    kind: 'members',
    token,
    sheet: r.sheet,
    headerRow: r.headerRow,
    fields: ROSTER_FIELDS.map((f) => ({
      key: f.key,
      label: f.label,
      required: f.required === true,
      hint: fieldHint(f.key),
    })),
    columns: r.choices,
    unmappedColumns: unmappedHeaders(r.choices),
    mappingProblems: r.problems.map((p) => p.message),
    savedMapping: r.savedMapping,
    rows: r.outcome?.rows ?? 0,
    created: r.outcome?.created ?? 0,
    updated: r.outcome?.updated ?? 0,
    unchanged: r.outcome?.unchanged ?? 0,
    sample: r.outcome?.sample ?? [],
    notices: r.notices,
    warnings: (r.outcome?.warnings ?? []).slice(0, ISSUES_IN_RESPONSE),
    issues: issues.slice(0, ISSUES_IN_RESPONSE),
    reportToken: await reportFor(ctx, actor, issues),
  };
}

/** Reads a roster (.xlsx; the toolkit checks the zip first) and imports it all or nothing. */
export async function importMemberWorkbook(
  ctx: Ctx,
  buf: Buffer,
  options: Omit<WorkbookOptions, 'apply'> = {},
): Promise<MappedImportResult> {
  const actor = requireActor(ctx);
  const r = await readAndRun(ctx, buf, { ...options, apply: true });
  const issues = [...problemIssues(r), ...(r.outcome?.issues ?? [])];
  if (r.outcome && r.outcome.rows === 0 && issues.length === 0) {
    issues.push({
      sheet: r.sheet,
      row: r.headerRow + 1,
      column: '',
      value: null,
      reason: '表中没有党员数据',
    });
  }
  const o = r.outcome;
  const applied = (o?.applied ?? false) && issues.length === 0;
  const result: ImportResult = {
    kind: 'members',
    applied,
    rows: o?.rows ?? 0,
    created: applied ? (o?.created ?? 0) : 0,
    updated: applied ? (o?.updated ?? 0) : 0,
    unchanged: o?.unchanged ?? 0,
    issues: issues.slice(0, ISSUES_IN_RESPONSE),
    reportToken: await reportFor(ctx, actor, issues),
  };
  return {
    ...result,
    warnings: (o?.warnings ?? []).slice(0, ISSUES_IN_RESPONSE),
    notices: r.notices,
    unmappedColumns: unmappedHeaders(r.choices),
    warningsPending: o?.warningsPending ?? false,
  };
}
