import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '#contracts/identity';
import { applyOrganisationImport } from '../server/src/modules/org/index.ts';
import { ensureDefaultTemplate } from '../server/src/modules/responsibility/index.ts';
import { type Client, signIn, TEST_PASSWORD, type TestApp, userWith } from './helpers.ts';

// The world of the authorisation matrix: two organs under different Party bodies, each with its own units and
// business departments, and every role held where it is held in real organs.
//
//   MXW       工委 (work_committee, no unit) ............ work committee officer
//   └ MXA-ROOT  甲机关党委, root of organ MXUA ........ organ committee officer, leading group member, supervisor
//     ├ MXA-SUB   甲二级机关党委 ....................... an organ committee officer held below the organ's root
//     │ ├ MXA-1     branch (department MXDA) ......... branch secretary, branch committee member, member
//     │ └ MXA-2     branch
//     └ MXA-3     branch
//   MXB-ROOT  乙机关党委, root of organ MXUB (not under MXW)
//     └ MXB-1     branch (department MXDB)
//
// Every request "in scope" targets branch MXA-1, which lies in every business role's subtree. The other branches are
// the targets "out of scope" for whoever's subtree does not hold them; MXB-1 is in another organ for everyone.

export const BRANCHES = ['MXA-1', 'MXA-2', 'MXA-3', 'MXB-1'] as const;
export type BranchCode = (typeof BRANCHES)[number];

const PARENT: Record<string, string | null> = {
  MXW: null,
  'MXA-ROOT': 'MXW',
  'MXA-SUB': 'MXA-ROOT',
  'MXA-1': 'MXA-SUB',
  'MXA-2': 'MXA-SUB',
  'MXA-3': 'MXA-ROOT',
  'MXB-ROOT': null,
  'MXB-1': 'MXB-ROOT',
};
const UNIT_OF: Record<BranchCode, { unit: string; dept: string }> = {
  'MXA-1': { unit: 'MXUA', dept: 'MXDA' },
  'MXA-2': { unit: 'MXUA', dept: 'MXDA' },
  'MXA-3': { unit: 'MXUA', dept: 'MXDA' },
  'MXB-1': { unit: 'MXUB', dept: 'MXDB' },
};

/** Who the matrix signs in as: each role once, and the organ committee officer a second time below the root. */
export const HOLDERS: { label: string; role: Role; heldOn: string | null }[] = [
  { label: 'system_admin', role: 'system_admin', heldOn: null },
  { label: 'security_admin', role: 'security_admin', heldOn: null },
  { label: 'audit_admin', role: 'audit_admin', heldOn: null },
  { label: 'work_committee_officer on the work committee', role: 'work_committee_officer', heldOn: 'MXW' },
  { label: "organ_committee_officer on organ A's root", role: 'organ_committee_officer', heldOn: 'MXA-ROOT' },
  {
    label: "organ_committee_officer on organ A's sub-committee",
    role: 'organ_committee_officer',
    heldOn: 'MXA-SUB',
  },
  { label: "leading_group_member on organ A's root", role: 'leading_group_member', heldOn: 'MXA-ROOT' },
  { label: "supervisor on organ A's root", role: 'supervisor', heldOn: 'MXA-ROOT' },
  { label: 'branch_secretary on branch A-1', role: 'branch_secretary', heldOn: 'MXA-1' },
  { label: 'branch_committee_member on branch A-1', role: 'branch_committee_member', heldOn: 'MXA-1' },
  { label: 'member on branch A-1', role: 'member', heldOn: 'MXA-1' },
];

export type Ref = { id: string; code: string };
export type Target = {
  code: BranchCode;
  org: Ref;
  unit: Ref;
  dept: Ref;
  /** A member of this branch, created with the world. */
  member: { id: string; name: string };
};
export type Holder = {
  label: string;
  role: Role | null;
  heldOn: string | null;
  /** Signed-in client; null for the anonymous caller. */
  client: Client | null;
  username: string;
  userId: string;
  password: string;
};
/** A member the test created, with the numbers it typed in, to search every answer for. */
export type KnownMember = { name: string; branch: BranchCode; idNumber: string; phone: string };

export type World = {
  t: TestApp;
  /** Prepares data through the API: work committee officer on MXW and organ committee officer on MXB-ROOT. */
  fixture: Client;
  orgs: Record<string, Ref>;
  targets: Record<BranchCode, Target>;
  home: Target;
  holders: Holder[];
  anonymous: Holder;
  /** An ordinary account, the object of the account routes. */
  account: { id: string; username: string };
  /** An account the lockout routes lock and unlock. */
  lockable: string;
  /** The account the sign-in route signs in. */
  login: string;
  members: KnownMember[];
  seq: () => number;
};

/** True when the organisation `code` is `heldOn` or lies below it. */
export function within(code: string, heldOn: string): boolean {
  for (let c: string | null = code; c !== null; c = PARENT[c] ?? null) if (c === heldOn) return true;
  return false;
}
export const holderReaches = (h: Holder, branch: BranchCode) => h.heldOn !== null && within(branch, h.heldOn);
/** Held on the root organisation of this branch's organ, or above it (for organ-level data). */
export const holderAtOrganLevel = (h: Holder, branch: BranchCode) =>
  h.heldOn !== null && within(branch.startsWith('MXA') ? 'MXA-ROOT' : 'MXB-ROOT', h.heldOn);
/** Whether the holder's subtree touches the organ (unit) of this branch. */
export const holderTouchesUnit = (h: Holder, branch: BranchCode) =>
  BRANCHES.some((b) => UNIT_OF[b].unit === UNIT_OF[branch].unit && holderReaches(h, b));

// Numbers ------------------------------------------------------------------------------------------------------

let numberSeq = 0;
/** A valid 18-character 公民身份号码 (GB 11643: ISO 7064 MOD 11-2 check character), unique in this process. */
export function newIdNumber(): string {
  numberSeq++;
  // Born 1960–1994: every case's 入党日期 (2015) then falls after the 18th birthday.
  const year = 1960 + (numberSeq % 35);
  const month = String((numberSeq % 12) + 1).padStart(2, '0');
  const day = String((numberSeq % 28) + 1).padStart(2, '0');
  const order = String(numberSeq % 1000).padStart(3, '0');
  const first17 = `330203${year}${month}${day}${order}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, wt, i) => s + wt * Number(first17[i]), 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}
export const newPhone = () => `139${String(numberSeq * 7919 + 10_000_000).slice(-8)}`;

// Workbooks and uploads ----------------------------------------------------------------------------------------

export async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every non-empty cell's text, of every sheet. */
export async function workbookCells(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.text ?? ''));
      });
    });
  });
  return cells;
}

export const isWorkbook = (res: LightMyRequestResponse) =>
  String(res.headers['content-type'] ?? '').includes('spreadsheetml');

export function multipart(buf: Buffer) {
  const boundary = `----ronghe${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

// Building -----------------------------------------------------------------------------------------------------

const org = (
  code: string,
  name: string,
  kind: string,
  unitCode: string | null,
  departmentCodes: string[] = [],
) => ({
  code,
  name,
  kind: kind as 'branch',
  parentCode: PARENT[code] ?? null,
  unitCode,
  isTemporary: false,
  tempStartOn: null,
  tempEndOn: null,
  foundedOn: null,
  sortOrder: 0,
  departmentCodes,
  status: 'active' as const,
  closedOn: null,
});
const dept = (code: string, name: string, unitCode: string) => ({
  code,
  name,
  kind: 'section' as const,
  parentCode: null,
  unitCode,
  sortOrder: 0,
  status: 'active' as const,
});

async function ok<T>(p: Promise<LightMyRequestResponse>): Promise<T> {
  const r = await p;
  if (r.statusCode !== 200) throw new Error(`world setup: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

/** A member created by the fixture in `branch` (or in an organisation below it), with full numbers. */
export async function fixtureMember(
  w: Pick<World, 'fixture' | 'members' | 'seq'>,
  branch: BranchCode,
  partyOrgId: string,
  name = `矩阵党员${w.seq()}`,
): Promise<{ id: string; version: number; name: string }> {
  const idNumber = newIdNumber();
  const phone = newPhone();
  const m = await ok<{ id: string; version: number }>(
    w.fixture.post('/api/members', {
      name,
      category: 'full',
      partyOrgId,
      idNumber,
      phone,
      joinedOn: '2010-07-01',
      // Transferred in long ago, so that the transfer and leave cases (dated OLD_DATE) come after it.
      transferInOn: '2012-03-01',
    }),
  );
  w.members.push({ name, branch, idNumber, phone });
  return { ...m, name };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const result = await applyOrganisationImport(t.ctx(), {
    units: [
      { code: 'MXUA', name: '甲机关', rootOrgCode: 'MXA-ROOT' },
      { code: 'MXUB', name: '乙机关', rootOrgCode: 'MXB-ROOT' },
    ],
    orgs: [
      org('MXW', '矩阵工委', 'work_committee', null),
      org('MXA-ROOT', '甲机关党委', 'organ_committee', 'MXUA'),
      org('MXA-SUB', '甲二级机关党委', 'sub_committee', 'MXUA'),
      org('MXA-1', '甲一支部', 'branch', 'MXUA', ['MXDA']),
      org('MXA-2', '甲二支部', 'branch', 'MXUA'),
      org('MXA-3', '甲三支部', 'branch', 'MXUA'),
      org('MXB-ROOT', '乙机关党委', 'organ_committee', 'MXUB'),
      org('MXB-1', '乙一支部', 'branch', 'MXUB', ['MXDB']),
    ],
    departments: [dept('MXDA', '甲科', 'MXUA'), dept('MXDB', '乙科', 'MXUB')],
  });
  if (result.issues.length) throw new Error(`world setup: ${JSON.stringify(result.issues)}`);
  // What the server does at every start (server.ts): the work committee, now imported, gets the standard template.
  await ensureDefaultTemplate(t.ctx());
  const db = t.database.db;
  const refs = async (table: 'partyOrg' | 'unit' | 'department') =>
    Object.fromEntries(
      (await db.selectFrom(table).select(['id', 'code']).execute()).map((r) => [r.code, r]),
    ) as Record<string, Ref>;
  const orgs = await refs('partyOrg');
  const units = await refs('unit');
  const depts = await refs('department');
  const id = (code: string) => (orgs[code] as Ref).id;

  const fixture = await userWith(t, 'mx-fixture', [
    { role: 'work_committee_officer', partyOrgId: id('MXW') },
    { role: 'organ_committee_officer', partyOrgId: id('MXB-ROOT') },
  ]);
  let n = 0;
  const partial = { fixture, members: [] as KnownMember[], seq: () => ++n };
  const targets = {} as Record<BranchCode, Target>;
  for (const code of BRANCHES) {
    const m = await fixtureMember(partial, code, id(code), `${code}党员`);
    targets[code] = {
      code,
      org: orgs[code] as Ref,
      unit: units[UNIT_OF[code].unit] as Ref,
      dept: depts[UNIT_OF[code].dept] as Ref,
      member: { id: m.id, name: m.name },
    };
  }

  const holders: Holder[] = [];
  for (const h of HOLDERS) {
    const username = `mx-h${holders.length}`;
    const client = await userWith(t, username, [
      { role: h.role, partyOrgId: h.heldOn === null ? null : id(h.heldOn) },
    ]);
    holders.push({ ...h, client, username, userId: client.userId, password: TEST_PASSWORD });
  }
  const account = await userWith(t, 'mx-account', []);
  await userWith(t, 'mx-lockable', []);
  await userWith(t, 'mx-login', []);
  return {
    t,
    ...partial,
    orgs,
    targets,
    home: targets['MXA-1'],
    holders,
    anonymous: {
      label: 'anonymous',
      role: null,
      heldOn: null,
      client: null,
      username: '',
      userId: '',
      password: TEST_PASSWORD,
    },
    account: { id: account.userId, username: 'mx-account' },
    lockable: 'mx-lockable',
    login: 'mx-login',
  };
}

/** A second session of the holder's account (for sign-out, which ends the session it rides on). */
export const secondSession = (w: World, h: Holder) => signIn(w.t, h.username, h.password);
