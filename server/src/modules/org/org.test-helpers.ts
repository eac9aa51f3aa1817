// Test-only helpers for the org module's integration tests: a small organ built through the import service, member
// rows written straight into the member table, and workbooks built cell by cell.
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { DepartmentImportRow, OrgImportRow, UnitImportRow } from '#contracts/org';
import { unitOf } from '../../../../test/factories.ts';
import { type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { XLSX_MIME } from './org.export.ts';
import { applyOrganisationImport } from './org.import.apply.ts';

export type Tree = Record<
  'WC' | 'JG' | 'S1' | 'S1B1' | 'S1B2' | 'G1' | 'G1B1' | 'B1' | 'B1C1',
  { id: string; code: string; path: string; version: number }
>;

/** An organisation row of an import file, active and permanent unless `extra` says otherwise. */
export const org = (
  code: string,
  name: string,
  kind: OrgImportRow['kind'],
  parentCode: string | null,
  unitCode: string | null,
  extra: Partial<OrgImportRow> = {},
): OrgImportRow => ({
  code,
  name,
  kind,
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
  ...extra,
});

/** Rows of a small organ whose codes all start with `p` (so that tests sharing one database do not collide). */
export function organRows(p: string): {
  units: UnitImportRow[];
  orgs: OrgImportRow[];
  departments: DepartmentImportRow[];
} {
  const u = `${p}U`;
  return {
    units: [{ code: u, name: `${p}海关`, rootOrgCode: `${p}JG` }],
    departments: [
      {
        code: `${p}D1`,
        name: '综合业务处',
        kind: 'division',
        parentCode: null,
        unitCode: u,
        sortOrder: 1,
        status: 'active',
      },
      {
        code: `${p}D1S1`,
        name: '通关科',
        kind: 'section',
        parentCode: `${p}D1`,
        unitCode: u,
        sortOrder: 1,
        status: 'active',
      },
      {
        code: `${p}D1S2`,
        name: '查验科',
        kind: 'section',
        parentCode: `${p}D1`,
        unitCode: u,
        sortOrder: 2,
        status: 'active',
      },
      {
        code: `${p}D2`,
        name: '办公室',
        kind: 'division',
        parentCode: null,
        unitCode: u,
        sortOrder: 2,
        status: 'active',
      },
    ],
    orgs: [
      org(`${p}WC`, `${p}市直机关工委`, 'work_committee', null, null),
      org(`${p}JG`, `${p}海关机关党委`, 'organ_committee', `${p}WC`, u, { foundedOn: '1988-03-15' }),
      org(`${p}S1`, '第一分关党委', 'sub_committee', `${p}JG`, null, { sortOrder: 1 }),
      org(`${p}S1B1`, '通关科党支部', 'branch', `${p}S1`, null, {
        sortOrder: 1,
        departmentCodes: [`${p}D1S1`],
      }),
      org(`${p}S1B2`, '查验科党支部', 'branch', `${p}S1`, null, {
        sortOrder: 2,
        departmentCodes: [`${p}D1S2`],
      }),
      org(`${p}G1`, '办公室党总支', 'general_branch', `${p}JG`, null, { sortOrder: 2 }),
      org(`${p}G1B1`, '办公室第一党支部', 'branch', `${p}G1`, null, {
        sortOrder: 1,
        departmentCodes: [`${p}D2`],
      }),
      org(`${p}B1`, '机关第一党支部', 'branch', `${p}JG`, null, { sortOrder: 3, foundedOn: '2019-07-01' }),
      org(`${p}B1C1`, '第一党小组', 'cell', `${p}B1`, null, { sortOrder: 1 }),
    ],
  };
}

/** Imports the small organ as the console operator and returns its organisations by short key. */
export async function seedOrgan(t: TestApp, p: string): Promise<Tree> {
  const result = await applyOrganisationImport(t.ctx(), organRows(p));
  if (result.issues.length) throw new Error(`seed failed: ${JSON.stringify(result.issues)}`);
  const rows = await t.database.db
    .selectFrom('partyOrg')
    .select(['id', 'code', 'path', 'version'])
    .where('code', 'like', `${p}%`)
    .execute();
  const out = {} as Tree;
  for (const r of rows) out[r.code.slice(p.length) as keyof Tree] = r;
  return out;
}

let memberSeq = 0;

/**
 * Writes a member row directly (the member module owns the table; these tests only need rows to exist). The ID
 * number is a made-up 18-character value, stored encrypted and hashed as the member module does.
 */
export async function insertMember(t: TestApp, partyOrgId: string, status: 'active' | 'left' = 'active') {
  memberSeq++;
  const idNumber = `${(randomBytes(4).readUInt32BE() % 900000) + 100000}19900101${String(memberSeq).padStart(4, '0')}`;
  await t.database.db
    .insertInto('member')
    .values({
      unitId: await unitOf(t.database.db, partyOrgId),
      partyOrgId,
      name: `党员${memberSeq}`,
      gender: 'male',
      idNumberCipher: t.secrets.encrypt(idNumber),
      idNumberHash: t.secrets.blindIndex(idNumber),
      idNumberMasked: `${idNumber.slice(0, 4)}${'*'.repeat(14)}`,
      category: 'full',
      status,
      ...(status === 'left' ? { leftOn: '2025-01-01' } : {}),
    })
    .execute();
}

/** A workbook with the given sheets; every cell value is written as given (strings, numbers, dates). */
export async function workbookOf(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const UNIT_HEADER_ROW = ['单位编码', '单位名称', '党组织编码'];
export const ORG_HEADER_ROW = [
  '组织编码',
  '组织名称',
  '组织类别',
  '上级组织编码',
  '所属单位编码',
  '是否临时党组织',
  '临时组织开始日期',
  '临时组织结束日期',
  '成立日期',
  '排序号',
  '对应业务部门编码',
  '状态',
  '撤销日期',
];
export const DEPARTMENT_HEADER_ROW = [
  '部门编码',
  '部门名称',
  '部门类别',
  '上级部门编码',
  '所属单位编码',
  '排序号',
  '状态',
];

export function upload(client: Client, url: string, buf: Buffer, filename = 'orgs.xlsx') {
  const boundary = `----ronghe${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX_MIME}\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

export async function auditActions(t: TestApp, action: string) {
  return t.database.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

/** A bare work committee (created as the console operator) and an officer of it. */
export async function workCommittee(t: TestApp, p: string): Promise<{ officer: Client; wcId: string }> {
  const rows = organRows(p);
  const result = await applyOrganisationImport(t.ctx(), {
    units: [],
    departments: [],
    orgs: rows.orgs.slice(0, 1),
  });
  if (result.issues.length) throw new Error(`seed failed: ${JSON.stringify(result.issues)}`);
  const wc = await t.database.db
    .selectFrom('partyOrg')
    .select('id')
    .where('code', '=', `${p}WC`)
    .executeTakeFirstOrThrow();
  const officer = await userWith(t, `${p.toLowerCase()}-officer`, [
    { role: 'work_committee_officer', partyOrgId: wc.id },
  ]);
  return { officer, wcId: wc.id };
}
