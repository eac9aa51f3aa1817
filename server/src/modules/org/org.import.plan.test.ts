import { describe, expect, it } from 'vitest';
import type { OrgImportRow } from '#contracts/org';
import { checkModel } from './org.import.checks.ts';
import { buildModel, type ImportRows, type ImportScope, type Snapshot } from './org.import.model.ts';
import { planWrites } from './org.import.plan.ts';
import type { OrgRow } from './org.repository.ts';

// A database holding: unit U (root JG), WC → JG → B1 → C1 (a cell), JG → B2; 3 active members in C1.
const dbOrg = (
  id: string,
  code: string,
  kind: string,
  parentId: string | null,
  path: string,
  unitId: string | null,
): OrgRow => ({
  id,
  // An organisation of no organ of its own is kept in the work committee's unit, which is not among the organs.
  unitId: unitId ?? 'work-committee-unit',
  parentId,
  code,
  name: `${code}名称`,
  kind,
  path,
  depth: path.split('/').filter(Boolean).length - 1,
  isTemporary: false,
  tempStartOn: null,
  tempEndOn: null,
  foundedOn: null,
  status: 'active',
  closedOn: null,
  closeReason: null,
  sortOrder: 0,
  version: 1,
});

function snapshot(): Snapshot {
  return {
    units: [{ id: 'u', code: 'U', name: 'U名称', rootPartyOrgId: 'jg', version: 1 }],
    orgs: [
      dbOrg('wc', 'WC', 'work_committee', null, '/wc/', null),
      dbOrg('jg', 'JG', 'organ_committee', 'wc', '/wc/jg/', 'u'),
      dbOrg('b1', 'B1', 'branch', 'jg', '/wc/jg/b1/', 'u'),
      dbOrg('c1', 'C1', 'cell', 'b1', '/wc/jg/b1/c1/', 'u'),
      dbOrg('b2', 'B2', 'branch', 'jg', '/wc/jg/b2/', 'u'),
    ],
    departments: [],
    links: [],
    activeMembers: new Map([['c1', 3]]),
  };
}

const asRow = (
  o: OrgRow,
  unitCode: string | null,
  parentCode: string | null,
  patch: Partial<OrgImportRow> = {},
): OrgImportRow => ({
  code: o.code,
  name: o.name,
  kind: o.kind as OrgImportRow['kind'],
  parentCode,
  unitCode,
  isTemporary: false,
  tempStartOn: null,
  tempEndOn: null,
  foundedOn: null,
  sortOrder: 0,
  departmentCodes: [],
  status: 'active',
  closedOn: null,
  ...patch,
});

const ALL: ImportScope = { all: true, inScope: () => true };

function run(orgs: OrgImportRow[], snap = snapshot(), scope = ALL) {
  const rows: ImportRows = {
    units: [],
    departments: [],
    orgs: orgs.map((data, i) => ({ row: i + 2, data })),
    broken: { units: new Set(), orgs: new Set(), departments: new Set() },
    sheets: { units: '单位', orgs: '党组织', departments: '业务部门' },
  };
  let n = 0;
  const model = buildModel(rows, snap, () => `new${++n}`);
  const issues = checkModel(rows, model, snap, scope);
  // As in the import itself, writes are planned only for a model without issues.
  const plan = issues.length === 0 ? planWrites(model, snap) : null;
  return { issues, plan };
}

/** Rows expected to pass: their issues (for the assertion message) and the writes they plan. */
function planned(orgs: OrgImportRow[]) {
  const { issues, plan } = run(orgs);
  if (!plan) throw new Error(`unexpected issues: ${JSON.stringify(issues)}`);
  return { issues, plan };
}

const org = (code: string) => snapshot().orgs.find((o) => o.code === code) as OrgRow;

describe('import planning', () => {
  it('counts a row identical to the database as unchanged and plans no write', () => {
    const { issues, plan } = planned([asRow(org('B1'), 'U', 'JG'), asRow(org('C1'), null, 'B1')]);
    expect(issues).toEqual([]);
    expect(plan).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
      orgUpdates: [],
      orgPaths: [],
      newOrgs: [],
      events: [],
    });
  });

  it('creates new rows parents first, whatever their order in the file, inheriting the parent’s unit', () => {
    const { issues, plan } = planned([
      asRow(org('C1'), null, 'NB', { code: 'NC', name: '新小组' }),
      asRow(org('B1'), null, 'JG', { code: 'NB', name: '新支部' }),
    ]);
    expect(issues).toEqual([]);
    expect(plan.newOrgs.map((o) => o.code)).toEqual(['NB', 'NC']);
    expect(plan.newOrgs.map((o) => o.unitId)).toEqual(['u', 'u']);
    expect(plan.newOrgs[1]?.path).toBe(`/wc/jg/${plan.newOrgs[0]?.id}/${plan.newOrgs[1]?.id}/`);
    expect(plan.events.map((e) => e.kind)).toEqual(['created', 'created']);
  });

  it('moves a row and rewrites the paths of descendants that are not in the file', () => {
    const { issues, plan } = planned([asRow(org('B1'), 'U', 'WC')]);
    expect(issues).toEqual([]);
    expect(plan.updated).toBe(1);
    expect(plan.orgUpdates[0]?.patch).toMatchObject({ parentId: 'wc', path: '/wc/b1/', depth: 1 });
    expect(plan.orgPaths).toEqual([{ id: 'c1', path: '/wc/b1/c1/', depth: 2 }]);
    expect(plan.events.map((e) => e.kind)).toEqual(['moved']);
  });

  it('reports on the parent row a kind change that its children, absent from the file, cannot live with', () => {
    const { issues } = run([asRow(org('B1'), 'U', 'JG', { kind: 'general_branch' })]);
    expect(issues).toEqual([expect.objectContaining({ row: 2, column: '组织类别' })]);
    expect(issues[0]?.reason).toContain('党小组');
  });

  it('refuses to close an organisation with members below it or active children left', () => {
    const { issues } = run([asRow(org('B1'), 'U', 'JG', { status: 'closed', closedOn: '2026-01-01' })]);
    expect(issues.map((i) => i.reason).join('\n')).toMatch(/3 名党员/);
    expect(issues.map((i) => i.reason).join('\n')).toMatch(/未撤销/);
  });

  it('finds a cycle made by the file and an unknown parent', () => {
    const { issues } = run([asRow(org('JG'), 'U', 'B1'), asRow(org('B2'), 'U', 'NOPE')]);
    expect(issues.some((i) => i.row === 2 && /循环/.test(i.reason))).toBe(true);
    expect(issues.some((i) => i.row === 3 && i.column === '上级组织编码' && i.value === 'NOPE')).toBe(true);
  });

  it('refuses rows outside the scope even when they change nothing', () => {
    const scope: ImportScope = { all: false, inScope: (p) => p.startsWith('/wc/jg/b2/') };
    const { issues } = run([asRow(org('B2'), 'U', 'JG'), asRow(org('B1'), 'U', 'JG')], snapshot(), scope);
    expect(issues).toEqual([expect.objectContaining({ row: 3, column: '组织编码' })]);
  });
});
