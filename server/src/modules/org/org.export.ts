// The organisations workbook out: the empty template, and the export of everything in the actor's scope (closed
// organisations included, with their status) in exactly the form the import reads, so that export → import
// changes nothing.
import { PARTY_ORG_KIND_LABELS, type PartyOrgKind } from '#contracts/org';
import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { writeTemplate } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { scopeSql } from '../identity/index.ts';
import { unitsInScope } from './org.departments.ts';
import { DEPARTMENT_KIND_LABELS, type DepartmentKind, STATUS_LABELS, treeOrder } from './org.policy.ts';
import * as repo from './org.repository.ts';
import {
  DEPARTMENT_SHEET_COLUMNS,
  ORG_SHEET_COLUMNS,
  SHEET_DEPARTMENTS,
  SHEET_INTROS,
  SHEET_ORGS,
  SHEET_UNITS,
  UNIT_SHEET_COLUMNS,
} from './org.sheets.ts';
import * as units from './org.units.repository.ts';

export { XLSX_TYPE as XLSX_MIME } from '../../core/upload.ts';
export const TEMPLATE_FILENAME = '组织机构导入模板.xlsx';
export const EXPORT_FILENAME = '组织机构.xlsx';

type Rows = {
  units: Record<string, unknown>[];
  orgs: Record<string, unknown>[];
  departments: Record<string, unknown>[];
};

function workbook(rows: Rows): Promise<Buffer> {
  return writeTemplate([
    { name: SHEET_UNITS, columns: UNIT_SHEET_COLUMNS, intro: SHEET_INTROS.units, rows: rows.units },
    { name: SHEET_ORGS, columns: ORG_SHEET_COLUMNS, intro: SHEET_INTROS.orgs, rows: rows.orgs },
    {
      name: SHEET_DEPARTMENTS,
      columns: DEPARTMENT_SHEET_COLUMNS,
      intro: SHEET_INTROS.departments,
      rows: rows.departments,
    },
  ]);
}

export function organisationTemplate(): Promise<Buffer> {
  return workbook({ units: [], orgs: [], departments: [] });
}

/** Codes of organisations referred to from the export but possibly outside it (a parent above the actor's scope). */
async function orgCodes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = ids.length
    ? await db
        .selectFrom('partyOrg')
        .select(['id', 'code'])
        .where('id', 'in', [...ids])
        .execute()
    : [];
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function exportOrganisations(ctx: Ctx): Promise<Buffer> {
  const visibleUnits = await unitsInScope(ctx.db, ctx.actor, 'org.export');
  const orgs = treeOrder(
    await repo.listOrgs(ctx.db, scopeSql(ctx.actor, 'org.export', 'partyOrg.path'), true),
  );
  const departments = await units.listDepartments(
    ctx.db,
    visibleUnits.map((u) => u.id),
  );
  const links = await repo.linksOfOrgs(ctx.db, orgs);

  const allUnits = await units.listAllUnits(ctx.db);
  const unitCode = new Map(allUnits.map((u) => [u.id, u.code]));
  const deptCode = new Map(departments.map((d) => [d.id, d.code]));
  const referenced = [...orgs.map((o) => o.parentId), ...visibleUnits.map((u) => u.rootPartyOrgId)].filter(
    (id): id is string => id !== null,
  );
  const orgCode = await orgCodes(ctx.db, [...new Set(referenced)]);
  const code = (map: Map<string, string>, id: string | null) => (id === null ? null : (map.get(id) ?? null));
  const linkCodes = new Map<string, string[]>();
  for (const l of links) {
    const c = deptCode.get(l.departmentId);
    if (c) linkCodes.set(l.partyOrgId, [...(linkCodes.get(l.partyOrgId) ?? []), c]);
  }

  const rows: Rows = {
    units: visibleUnits.map((u) => ({
      code: u.code,
      name: u.name,
      rootOrgCode: code(orgCode, u.rootPartyOrgId),
    })),
    orgs: orgs.map((o) => ({
      code: o.code,
      name: o.name,
      kind: PARTY_ORG_KIND_LABELS[o.kind as PartyOrgKind].zh,
      parentCode: code(orgCode, o.parentId),
      unitCode: code(unitCode, o.unitId),
      isTemporary: o.isTemporary,
      tempStartOn: o.tempStartOn,
      tempEndOn: o.tempEndOn,
      foundedOn: o.foundedOn,
      sortOrder: o.sortOrder,
      departmentCodes: (linkCodes.get(o.id) ?? []).sort().join(','),
      status: STATUS_LABELS[o.status as 'active' | 'closed'].zh,
      closedOn: o.closedOn,
    })),
    departments: treeOrder(departments).map((d) => ({
      code: d.code,
      name: d.name,
      kind: DEPARTMENT_KIND_LABELS[d.kind as DepartmentKind].zh,
      parentCode: code(deptCode, d.parentId),
      unitCode: code(unitCode, d.unitId),
      sortOrder: d.sortOrder,
      status: STATUS_LABELS[d.status as 'active' | 'closed'].zh,
    })),
  };
  const buf = await workbook(rows);
  await recordAudit(ctx, {
    action: 'org.export',
    entityType: 'party_org',
    details: {
      filter: {},
      units: rows.units.length,
      orgs: rows.orgs.length,
      departments: rows.departments.length,
    },
  });
  return buf;
}
