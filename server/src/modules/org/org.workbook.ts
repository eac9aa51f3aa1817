// The organisations workbook (单位 / 党组织 / 业务部门) imported through the mapping step. The file is read outside
// any transaction; the checks and writes are one short transaction, all or nothing. A preview runs the same checks
// in a transaction that is rolled back, so that it shows exactly what the import would do and writes nothing.
import { ROLE_PERMISSIONS } from '#contracts/identity';
import type { ColumnOverride, ImportIssue, ImportPreview, MappedImportResult } from '#contracts/transfer';
import { type Actor, type Ctx, inTransaction } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import type { HeaderMapping } from '../../core/spreadsheet/mapping.ts';
import { writeIssueReport } from '../../core/spreadsheet/report.ts';
import { loadSavedMapping, mappingUnitOf, saveMapping, storeReport } from '../transfer/index.ts';
import { applyLocatedImport } from './org.import.apply.ts';
import { ORG_IMPORT_SHEETS, type SheetMapping, toSavedMapping } from './org.import.mapping.ts';
import { type ParsedWorkbook, parseOrganisationWorkbook } from './org.import.ts';

export const REPORT_FILENAME = '组织机构导入问题报告.xlsx';
const IN_RESPONSE = 1000;

export type OrgWorkbookOptions = {
  overrides?: readonly ColumnOverride[];
  /** Whose saved mapping to use and update; by default the importer's own organ. */
  unitId?: string | null;
  saveMapping?: boolean;
};

const importsOrgs = (a: Actor['assignments'][number]) => ROLE_PERMISSIONS[a.role].includes('org.import');

class Rollback extends Error {
  constructor(readonly outcome: Awaited<ReturnType<typeof applyLocatedImport>>) {
    super('preview rollback');
  }
}

async function prepare(ctx: Ctx, buf: Buffer, options: OrgWorkbookOptions) {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const unitId: string | null =
    options.unitId !== undefined ? options.unitId : await mappingUnitOf(ctx.db, actor, importsOrgs);
  const saved: HeaderMapping | null = unitId ? await loadSavedMapping(ctx.db, unitId, 'organisations') : null;
  const parsed = await parseOrganisationWorkbook(buf, {
    saved: saved ?? {},
    overrides: options.overrides ?? [],
  });
  return { actor, unitId, saved, parsed };
}

const unmapped = (sheets: readonly SheetMapping[]) =>
  sheets.flatMap((s) => s.choices.filter((c) => c.field === null).map((c) => `${s.sheet}：${c.header}`));

async function report(ctx: Ctx, actor: Actor, issues: readonly ImportIssue[]): Promise<string | null> {
  return issues.length === 0
    ? null
    : storeReport(ctx, actor.userId, await writeIssueReport(issues), REPORT_FILENAME);
}

function sampleOf(parsed: ParsedWorkbook): ImportPreview['sample'] {
  const labels = Object.fromEntries(
    ORG_IMPORT_SHEETS.flatMap((s) => s.fields.map((f) => [`${s.id}.${f.key}`, f.label])),
  );
  const rows = [
    ...parsed.units.map((r) => ({ id: 'units', ...r })),
    ...parsed.orgs.map((r) => ({ id: 'orgs', ...r })),
    ...parsed.departments.map((r) => ({ id: 'departments', ...r })),
  ].slice(0, 10);
  return rows.map((r) => {
    const sheet = ORG_IMPORT_SHEETS.find((s) => s.id === r.id)?.name ?? '';
    const values: Record<string, string | null> = { 工作表: sheet };
    for (const [key, value] of Object.entries(r.data as Record<string, unknown>)) {
      const label = labels[`${r.id}.${key}`];
      if (!label) continue;
      values[label] =
        value === null || value === undefined
          ? null
          : Array.isArray(value)
            ? value.join('、')
            : typeof value === 'boolean'
              ? value
                ? '是'
                : '否'
              : String(value);
    }
    return { row: r.row, values };
  });
}

/** Checks the whole workbook as the import would, and writes nothing. */
export async function previewOrganisationWorkbook(
  ctx: Ctx,
  buf: Buffer,
  token: string,
  options: OrgWorkbookOptions = {},
): Promise<ImportPreview> {
  const { actor, saved, parsed } = await prepare(ctx, buf, options);
  let outcome: Awaited<ReturnType<typeof applyLocatedImport>>;
  try {
    await inTransaction(ctx, async (tx) => {
      throw new Rollback(await applyLocatedImport(tx, parsed));
    });
    throw new Error('unreachable');
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    outcome = error.outcome;
  }
  const first = parsed.mapping[0];
  return {
    kind: 'organisations',
    token,
    sheet: first?.sheet ?? '',
    headerRow: first?.headerRow ?? 0,
    fields: ORG_IMPORT_SHEETS.flatMap((s) =>
      s.fields.map((f) => ({
        key: f.key,
        label: f.label,
        required: f.required === true,
        hint: null,
        sheet: s.name,
      })),
    ),
    columns: parsed.mapping.flatMap((s) => s.choices),
    unmappedColumns: unmapped(parsed.mapping),
    mappingProblems: parsed.mapping.flatMap((s) => s.problems.map((p) => `${s.sheet}：${p.message}`)),
    savedMapping: saved !== null,
    rows: outcome.rows,
    created: outcome.created,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    sample: sampleOf(parsed),
    notices: parsed.notices.slice(0, IN_RESPONSE),
    warnings: [],
    issues: outcome.issues.slice(0, IN_RESPONSE),
    reportToken: await report(ctx, actor, outcome.issues),
  };
}

/**
 * Imports an organisations workbook all or nothing. With any issue nothing is written and the issue report is kept
 * for the importer to download; after a successful import the mapping is saved for the organ.
 */
export async function importOrganisationWorkbook(
  ctx: Ctx,
  buf: Buffer,
  options: OrgWorkbookOptions = {},
): Promise<MappedImportResult> {
  const { actor, unitId, parsed } = await prepare(ctx, buf, options);
  const result = await inTransaction(ctx, async (tx) => {
    const outcome = await applyLocatedImport(tx, parsed);
    if (outcome.issues.length === 0 && unitId && options.saveMapping !== false)
      await saveMapping(tx.db, unitId, 'organisations', toSavedMapping(parsed.mapping), actor.userId);
    return outcome;
  });
  const applied = result.issues.length === 0;
  return {
    kind: 'organisations',
    applied,
    rows: result.rows,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    issues: result.issues,
    reportToken: applied ? null : await report(ctx, actor, result.issues),
    warnings: [],
    notices: parsed.notices.slice(0, IN_RESPONSE),
    unmappedColumns: unmapped(parsed.mapping),
    warningsPending: false,
  };
}
