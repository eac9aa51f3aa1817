import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '#contracts/id-number';
import type { Role } from '#contracts/identity';
import { type Client, type TestApp, userWith } from './helpers.ts';

// The fixture world of the authorisation matrix: one organ with two branches. Business roles are held on branch A;
// branch B is out of their scope. An officer on the organ committee prepares data through the API.

export type Ref = { id: string; code: string; version: number };
export type World = {
  officer: Client;
  unitId: string;
  root: Ref;
  a: Ref;
  b: Ref;
  deptA: Ref;
  memberA: Ref;
  memberB: Ref;
  userId: string;
  seq: () => number;
};

let idSeq = 1000;
export function validIdNumber(): string {
  idSeq++;
  const first17 =
    `330203198${String(idSeq % 10)}0${(idSeq % 9) + 1}1${String(idSeq).slice(-1)}${String(idSeq).padStart(3, '0').slice(-3)}`.slice(
      0,
      17,
    );
  return `${first17}${idNumberCheckChar(first17)}`;
}

async function json<T>(p: Promise<{ statusCode: number; body: string }>, expectStatus = 200): Promise<T> {
  const r = await p;
  if (r.statusCode !== expectStatus) throw new Error(`setup request failed: ${r.statusCode} ${r.body}`);
  return JSON.parse(r.body) as T;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const { applyOrganisationImport } = await import('../server/src/modules/org/index.ts');
  const result = await applyOrganisationImport(t.ctx(), {
    units: [{ code: 'MU', name: '矩阵机关', rootOrgCode: 'M-ROOT' }],
    orgs: [
      {
        code: 'M-ROOT',
        name: '矩阵机关党委',
        kind: 'organ_committee',
        parentCode: null,
        unitCode: 'MU',
        isTemporary: false,
        tempStartOn: null,
        tempEndOn: null,
        foundedOn: null,
        sortOrder: 0,
        departmentCodes: [],
        status: 'active',
        closedOn: null,
      },
      {
        code: 'M-A',
        name: '甲支部',
        kind: 'branch',
        parentCode: 'M-ROOT',
        unitCode: 'MU',
        isTemporary: false,
        tempStartOn: null,
        tempEndOn: null,
        foundedOn: null,
        sortOrder: 1,
        departmentCodes: ['M-DA'],
        status: 'active',
        closedOn: null,
      },
      {
        code: 'M-B',
        name: '乙支部',
        kind: 'branch',
        parentCode: 'M-ROOT',
        unitCode: 'MU',
        isTemporary: false,
        tempStartOn: null,
        tempEndOn: null,
        foundedOn: null,
        sortOrder: 2,
        departmentCodes: [],
        status: 'active',
        closedOn: null,
      },
    ],
    departments: [
      {
        code: 'M-DA',
        name: '甲科',
        kind: 'section',
        parentCode: null,
        unitCode: 'MU',
        sortOrder: 0,
        status: 'active',
      },
    ],
  });
  if (result.issues.length) throw new Error(JSON.stringify(result.issues));
  const orgs = await t.database.db.selectFrom('partyOrg').select(['id', 'code', 'version']).execute();
  const byCode = (code: string) => {
    const o = orgs.find((x) => x.code === code);
    if (!o) throw new Error(`no org ${code}`);
    return o;
  };
  const root = byCode('M-ROOT');
  const realOfficer = await userWith(t, 'm-officer', [
    { role: 'organ_committee_officer', partyOrgId: root.id },
  ]);
  const units = await json<{ id: string; code: string }[]>(realOfficer.get('/api/units'));
  const depts = await json<{ id: string; code: string; version: number }[]>(
    realOfficer.get('/api/departments'),
  );
  const deptA = depts.find((d) => d.code === 'M-DA');
  if (!deptA) throw new Error('no department');
  const member = async (org: Ref, name: string) =>
    json<{ id: string; version: number }>(
      realOfficer.post('/api/members', {
        name,
        category: 'full',
        partyOrgId: org.id,
        idNumber: validIdNumber(),
        joinedOn: '2010-07-01',
      }),
    );
  const a = byCode('M-A');
  const b = byCode('M-B');
  const memberA = await member(a, '甲党员');
  const memberB = await member(b, '乙党员');
  // The target of the account routes: not the officer, whose session prepares the data.
  const target = await userWith(t, 'm-target', []);
  let n = 0;
  return {
    officer: realOfficer,
    unitId: units[0]?.id ?? '',
    root,
    a,
    b,
    deptA: { id: deptA.id, code: deptA.code, version: deptA.version },
    memberA: { ...memberA, code: '' },
    memberB: { ...memberB, code: '' },
    userId: target.userId,
    seq: () => ++n,
  };
}

/** A roster workbook with one member in the given branch (template headers). */
export async function rosterWorkbook(orgCode: string, name: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(['姓名', '身份证号', '人员类别', '所在党组织编码', '入党日期']);
  ws.addRow([name, validIdNumber(), '正式党员', orgCode, '2015-07-01']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function multipart(buf: Buffer, filename = 'upload.xlsx') {
  const boundary = `----ronghe${Date.now()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function workbookText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const parts: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        parts.push(String(cell.text ?? ''));
      });
    });
  });
  return parts.join('\n');
}

export const ROLE_LIST: Role[] = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'work_committee_officer',
  'organ_committee_officer',
  'leading_group_member',
  'branch_secretary',
  'branch_committee_member',
  'member',
  'supervisor',
];
