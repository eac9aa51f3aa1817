// Validates and applies organisation rows, all or nothing: any issue and nothing is written. Used by the workbook
// import and directly by the demo loader (hundreds of rows: inserts are set-based).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  type DepartmentImportRow,
  DepartmentImportRowSchema,
  type OrgImportRow,
  OrgImportRowSchema,
  type UnitImportRow,
  UnitImportRowSchema,
} from '#contracts/org';
import type { ImportIssue } from '#contracts/transfer';
import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { conflict } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopePaths } from '../identity/index.ts';
import { checkModel } from './org.import.checks.ts';
import {
  buildModel,
  dedupe,
  type ImportRows,
  type ImportScope,
  type Model,
  type Snapshot,
} from './org.import.model.ts';
import { planWrites, type WritePlan } from './org.import.plan.ts';
import * as repo from './org.repository.ts';
import {
  DEPARTMENT_HEADERS,
  type Located,
  ORG_HEADERS,
  SHEET_DEPARTMENTS,
  SHEET_ORGS,
  SHEET_UNITS,
  UNIT_HEADERS,
} from './org.sheets.ts';
import * as units from './org.units.repository.ts';

export type ImportCounts = { created: number; updated: number; unchanged: number; issues: ImportIssue[] };

export type LocatedInput = {
  units: Located<unknown>[];
  orgs: Located<unknown>[];
  departments: Located<unknown>[];
  broken?: ImportRows['broken'];
  /** Problems already found while reading cells; they make the import fail but the rest is still checked. */
  issues?: ImportIssue[];
  sheets?: ImportRows['sheets'];
  /** Rows set aside while reading (counted in `rows`). */
  setAside?: number;
};

/** Runs a row through its contract schema; every problem names the Chinese header of its column. */
function validateRows<T extends { code: string }>(
  rows: readonly Located<unknown>[],
  schema: z.ZodType<T>,
  sheet: string,
  headers: Record<string, string>,
  issues: ImportIssue[],
  broken: Set<string>,
): Located<T>[] {
  const out: Located<T>[] = [];
  for (const loc of rows) {
    const parsed = schema.safeParse(loc.data);
    if (parsed.success) {
      out.push({ row: loc.row, data: parsed.data });
      continue;
    }
    const raw = (loc.data ?? {}) as Record<string, unknown>;
    for (const problem of parsed.error.issues) {
      const key = String(problem.path[0] ?? '');
      const value = raw[key];
      issues.push({
        sheet,
        row: loc.row,
        column: headers[key] ?? key,
        value:
          value === null || value === undefined
            ? null
            : Array.isArray(value)
              ? value.join(',')
              : String(value),
        reason: problem.message,
      });
    }
    if (typeof raw.code === 'string' && raw.code) broken.add(raw.code);
  }
  return out;
}

/**
 * The part of the database an import can touch: the organs its rows name (by unit code, or through the codes of
 * organisations and departments that already exist, via the code registry) and the work committee's own tier, whole.
 * An organ's officer importing their organ's tree reads that organ, not the province (at W2: 300 organisations
 * instead of 30,000, and the member counts of one organ instead of 300,000 members). 'all' reads everything.
 */
export async function loadSnapshot(db: Db, rows: ImportRows | 'all'): Promise<Snapshot> {
  if (rows === 'all') {
    const [unitRows, orgs, departments, links, activeMembers] = await Promise.all([
      units.listAllUnits(db),
      repo.listAllOrgs(db),
      units.listDepartments(db, 'all'),
      repo.linksOfOrgs(db, 'all'),
      repo.countMembersByOrg(db, sqlTrue),
    ]);
    return { units: unitRows, orgs, departments, links, activeMembers };
  }
  const codes = (list: (string | null | undefined)[]) => [
    ...new Set(list.filter((c): c is string => typeof c === 'string' && c !== '')),
  ];
  const unitIds = await units.unitsNamed(db, {
    unitCodes: codes([
      ...rows.units.map((r) => r.data.code),
      ...rows.orgs.map((r) => r.data.unitCode),
      ...rows.departments.map((r) => r.data.unitCode),
    ]),
    orgCodes: codes([
      ...rows.orgs.flatMap((r) => [r.data.code, r.data.parentCode]),
      ...rows.units.map((r) => r.data.rootOrgCode),
    ]),
    departmentCodes: codes([
      ...rows.departments.flatMap((r) => [r.data.code, r.data.parentCode]),
      ...rows.orgs.flatMap((r) => r.data.departmentCodes),
    ]),
  });
  if (unitIds.length === 0)
    return { units: [], orgs: [], departments: [], links: [], activeMembers: new Map() };
  const [unitRows, orgs, departments] = await Promise.all([
    units.listUnitsByIds(db, unitIds),
    repo.listOrgsOfUnits(db, unitIds),
    units.listDepartments(db, unitIds),
  ]);
  const [links, activeMembers] = await Promise.all([
    repo.linksOfOrgs(db, orgs),
    repo.countMembersByOrg(db, sql<boolean>`${sql.ref('partyOrg.unitId')} in (${sql.join(unitIds)})`),
  ]);
  return { units: unitRows, orgs, departments, links, activeMembers };
}

/**
 * An organisation or department of the work committee's own tier whose path the import changes moves everything
 * below it, in every organ: such an import needs the whole database.
 */
function movesTheTopTier(model: Model, snap: Snapshot): boolean {
  const organs = new Set(snap.units.map((u) => u.id));
  const moved = (rows: Iterable<{ db: { unitId: string; path: string } | null; path: string | null }>) =>
    [...rows].some((r) => r.db !== null && !organs.has(r.db.unitId) && r.path !== r.db.path);
  return moved(model.orgs.values()) || moved(model.departments.values());
}

const sqlTrue = sql<boolean>`true`;

async function write(ctx: Ctx, plan: WritePlan): Promise<void> {
  const db = ctx.db;
  const stale = () => conflict('org.import_concurrent', '导入期间数据已被他人修改，请重新导入');
  await units.insertUnits(db, plan.newUnits);
  await units.insertDepartments(db, plan.newDepartments);
  for (const u of plan.departmentUpdates) {
    if (!(await units.updateDepartment(db, u.id, u.version, u.patch))) throw stale();
  }
  await units.setDepartmentPaths(db, plan.departmentPaths);
  await repo.insertOrgs(db, plan.newOrgs);
  for (const u of plan.orgUpdates) {
    if (!(await repo.updateOrg(db, u.id, u.version, u.patch))) throw stale();
  }
  await repo.setOrgPaths(db, plan.orgPaths);
  await repo.replaceLinks(db, plan.linkOrgIds, plan.links);
  const actorUserId = ctx.actor?.userId ?? null;
  await repo.insertEvents(
    db,
    plan.events.map((e) => ({ ...e, actorUserId })),
  );
  for (const u of plan.unitUpdates) await units.updateUnit(db, u.id, u.patch, u.bump);
}

/**
 * Checks rows (with their Excel row numbers) against the contracts and the database, and writes them when there
 * is no issue at all. Runs in the caller's transaction; records one 'org.import' audit entry either way.
 */
export async function applyLocatedImport(
  ctx: Ctx,
  input: LocatedInput,
): Promise<ImportCounts & { rows: number }> {
  const issues: ImportIssue[] = [...(input.issues ?? [])];
  const sheets = input.sheets ?? { units: SHEET_UNITS, orgs: SHEET_ORGS, departments: SHEET_DEPARTMENTS };
  const broken = input.broken ?? {
    units: new Set<string>(),
    orgs: new Set<string>(),
    departments: new Set<string>(),
  };
  const rowCount = input.units.length + input.orgs.length + input.departments.length + (input.setAside ?? 0);
  const valid = <T extends { code: string }>(
    rows: readonly Located<unknown>[],
    schema: z.ZodType<T>,
    sheet: string,
    headers: Record<string, string>,
    brokenCodes: Set<string>,
  ) =>
    dedupe(
      validateRows(rows, schema, sheet, headers, issues, brokenCodes),
      sheet,
      headers.code ?? '编码',
      issues,
    );
  const rows: ImportRows = {
    units: valid<UnitImportRow>(input.units, UnitImportRowSchema, sheets.units, UNIT_HEADERS, broken.units),
    departments: valid<DepartmentImportRow>(
      input.departments,
      DepartmentImportRowSchema,
      sheets.departments,
      DEPARTMENT_HEADERS,
      broken.departments,
    ),
    orgs: valid<OrgImportRow>(input.orgs, OrgImportRowSchema, sheets.orgs, ORG_HEADERS, broken.orgs),
    broken,
    sheets,
  };

  await repo.lockTree(ctx.db);
  let snap = await loadSnapshot(ctx.db, rows);
  let model = buildModel(rows, snap, randomUUID);
  if (movesTheTopTier(model, snap)) {
    snap = await loadSnapshot(ctx.db, 'all');
    model = buildModel(rows, snap, randomUUID);
  }
  const scope: ImportScope = {
    all: scopePaths(ctx.actor, 'org.import') === 'all',
    inScope: (path) => isInScope(ctx.actor, 'org.import', path),
  };
  issues.push(...checkModel(rows, model, snap, scope));

  let counts = { created: 0, updated: 0, unchanged: 0 };
  if (issues.length === 0) {
    const plan = planWrites(model, snap);
    await write(ctx, plan);
    counts = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged };
  }
  await recordAudit(ctx, {
    action: 'org.import',
    entityType: 'party_org',
    details: {
      applied: issues.length === 0,
      rows: rowCount,
      units: input.units.length,
      orgs: input.orgs.length,
      departments: input.departments.length,
      ...counts,
      issues: issues.length,
    },
  });
  return { ...counts, issues, rows: rowCount };
}

/**
 * Validates and applies already-parsed rows (the demo loader's entry point). Row numbers in issues count as in a
 * sheet whose header is row 1.
 */
export async function applyOrganisationImport(
  ctx: Ctx,
  input: { units: UnitImportRow[]; orgs: OrgImportRow[]; departments: DepartmentImportRow[] },
): Promise<ImportCounts> {
  const locate = (rows: readonly unknown[]) => rows.map((data, i) => ({ row: i + 2, data }));
  const { rows: _rows, ...result } = await applyLocatedImport(ctx, {
    units: locate(input.units),
    orgs: locate(input.orgs),
    departments: locate(input.departments),
  });
  return result;
}
