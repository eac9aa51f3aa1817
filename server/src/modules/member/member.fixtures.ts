// Test helpers for the member module's integration tests: an organisation tree, valid ID numbers, uploads and
// workbooks read back. Not used by the application.
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '#contracts/id-number';
import { insertPartyOrg } from '../../../../test/factories.ts';
import type { Client, TestApp } from '../../../../test/helpers.ts';

let serial = 0;

/** A valid ID number, different at each call; odd 17th digit for men. */
export function newIdNumber(gender: 'male' | 'female' = 'male', birth = '19850612'): string {
  serial++;
  const seq = String(Math.floor(serial / 5) % 100).padStart(2, '0');
  const last = ((serial % 5) * 2 + (gender === 'male' ? 1 : 0)) % 10;
  const region = String(110101 + Math.floor(serial / 500)).padStart(6, '0');
  const first17 = `${region}${birth}${seq}${last}`;
  return first17 + idNumberCheckChar(first17);
}

export type Tree = Awaited<ReturnType<typeof buildTree>>;

/**
 * organ committee A ─┬─ branch B1 ── cell C1
 *                    ├─ branch B2
 *                    └─ general branch G
 * organ committee X ─── branch XB   (outside A)
 * Each organ committee heads its own unit (unitA, unitX), as in the product: departments belong to one of them.
 */
export async function buildTree(t: TestApp, prefix: string) {
  const db = t.database.db;
  const a = await insertPartyOrg(db, {
    kind: 'organ_committee',
    code: `${prefix}A`,
    name: `${prefix}机关党委`,
  });
  const b1 = await insertPartyOrg(db, {
    parent: a,
    kind: 'branch',
    code: `${prefix}B1`,
    name: `${prefix}第一支部`,
  });
  const c1 = await insertPartyOrg(db, {
    parent: b1,
    kind: 'cell',
    code: `${prefix}C1`,
    name: `${prefix}第一小组`,
  });
  const b2 = await insertPartyOrg(db, {
    parent: a,
    kind: 'branch',
    code: `${prefix}B2`,
    name: `${prefix}第二支部`,
  });
  const g = await insertPartyOrg(db, {
    parent: a,
    kind: 'general_branch',
    code: `${prefix}G`,
    name: `${prefix}党总支`,
  });
  const x = await insertPartyOrg(db, {
    kind: 'organ_committee',
    code: `${prefix}X`,
    name: `${prefix}外单位党委`,
  });
  const xb = await insertPartyOrg(db, {
    parent: x,
    kind: 'branch',
    code: `${prefix}XB`,
    name: `${prefix}外单位支部`,
  });
  const unitA = await insertUnit(t, `${prefix}UA`, a.path);
  const unitX = await insertUnit(t, `${prefix}UX`, x.path);
  return { a, b1, c1, b2, g, x, xb, unitA, unitX };
}

/** A unit whose organisations are the subtree at `path`. */
async function insertUnit(t: TestApp, code: string, path: string): Promise<string> {
  const db = t.database.db;
  const unit = await db
    .insertInto('unit')
    .values({ code, name: `${code}单位` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('partyOrg').set({ unitId: unit.id }).where('path', 'like', `${path}%`).execute();
  return unit.id;
}

export async function closeOrg(t: TestApp, id: string): Promise<void> {
  await t.database.db
    .updateTable('partyOrg')
    .set({ status: 'closed', closedOn: '2026-01-01' })
    .where('id', '=', id)
    .execute();
}

/** A division of the unit `unitId` (e.g. tree.unitA). */
export async function insertDepartment(
  t: TestApp,
  code: string,
  name: string,
  unitId: string,
): Promise<string> {
  const id = crypto.randomUUID();
  await t.database.db
    .insertInto('department')
    .values({ id, unitId, code, name, kind: 'division', path: `/${id}/` })
    .execute();
  return id;
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Posts `buf` as the multipart field `file`, the way a browser does. */
export async function upload(client: Client, url: string, buf: Buffer, filename = '党员名册.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(buf)], { type: XLSX }), filename);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  return client.request({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  });
}

export const ROSTER_HEADERS = [
  '姓名*',
  '性别',
  '身份证号*',
  '民族',
  '学历',
  '手机号',
  '党员类别*',
  '入党日期',
  '转正日期',
  '所在党组织编码*',
  '所在党组织名称',
  '党内职务',
  '所在部门编码',
  '业务职务',
];

/** A roster as a person might type it: the values go into the cells as given (numbers stay numbers). */
export async function rosterWorkbook(
  rows: readonly (readonly unknown[])[],
  sheet = '党员名册',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(ROSTER_HEADERS);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The data rows of a roster workbook as text, keyed by header (the '*' of required headers dropped). */
export async function readRoster(buf: Buffer, sheet = '党员名册'): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  let headerRow = 0;
  const headers: string[] = [];
  const out: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    const values = (row.values as unknown[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : String(v)));
    if (!headerRow) {
      if (values.includes('姓名*')) {
        headerRow = n;
        headers.push(...values.map((v) => v.replace(/\*$/, '')));
      }
      return;
    }
    out.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? ''])));
  });
  return out;
}
