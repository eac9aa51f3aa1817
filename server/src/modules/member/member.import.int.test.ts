import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_NUMBER_MESSAGES, maskIdNumber } from '#contracts/id-number';
import type { MemberImportRow } from '#contracts/member';
import type { ImportResult } from '#contracts/transfer';
import { buildTestApp, type Client, expectError, type TestApp, userWith } from '../../../../test/helpers.ts';
import { applyMemberImport, findMemberIdByIdNumber } from './index.ts';
import {
  buildTree,
  insertDepartment,
  newIdNumber,
  ROSTER_HEADERS,
  readRoster,
  rosterWorkbook,
  type Tree,
  upload,
} from './member.fixtures.ts';
import { NUMBER_UNAVAILABLE } from './member.import-check.ts';

let t: TestApp;
let tree: Tree;
let officer: Client;
let leader: Client;
let secretary: Client;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildTree(t, 'I');
  await insertDepartment(t, 'ID1', '综合处', tree.unitA);
  officer = await userWith(t, 'officer', [{ role: 'organ_committee_officer', partyOrgId: tree.a.id }]);
  leader = await userWith(t, 'leader', [{ role: 'leading_group_member', partyOrgId: tree.a.id }]);
  secretary = await userWith(t, 'secretary', [{ role: 'branch_secretary', partyOrgId: tree.b1.id }]);
});
afterAll(async () => {
  await t.close();
});

let nameSeq = 0;
type RowInput = {
  name?: string;
  gender?: unknown;
  idNumber?: unknown;
  phone?: unknown;
  category?: unknown;
  joinedOn?: unknown;
  fullOn?: unknown;
  org?: string;
  post?: unknown;
  dept?: unknown;
  businessPost?: unknown;
};
/** One roster line in template column order. */
const line = (r: RowInput = {}) => [
  r.name ?? `党员${++nameSeq}号`,
  r.gender ?? null,
  r.idNumber ?? newIdNumber(),
  '汉族',
  '大学本科',
  r.phone ?? null,
  r.category ?? '正式党员',
  r.joinedOn ?? '2012-07-01',
  r.fullOn === undefined ? '2013-07-01' : r.fullOn,
  r.org ?? 'IB1',
  '（仅供核对）',
  r.post ?? null,
  r.dept ?? null,
  r.businessPost ?? '科员',
];

const countMembers = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const importFile = async (client: Client, buf: Buffer) => {
  const res = await upload(client, '/api/members/import', buf);
  if (res.statusCode !== 200) throw new Error(`import answered ${res.statusCode}: ${res.body}`);
  return res.json() as ImportResult;
};

const exportFile = async (client: Client, query = '') => {
  const res = await client.get(`/api/members/export${query}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return res.rawPayload;
};

describe('template', () => {
  it('has the roster headers, drop-downs and an instructions sheet', async () => {
    const res = await secretary.get('/api/members/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['党员名册', '说明']));
    const ws = wb.getWorksheet('党员名册');
    if (!ws) throw new Error('no roster sheet');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(ROSTER_HEADERS);
    expect(ws.getCell('G3').dataValidation?.formulae?.[0]).toBe('"正式党员,预备党员"');
    expect(ws.getCell('L3').dataValidation?.formulae?.[0]).toBe('"书记,副书记,委员"');
    expectError(await leader.get('/api/members/template'), 403, 'auth.forbidden');
  });
});

describe('all-or-nothing import', () => {
  it('writes nothing when one row is wrong, names row, column and reason, and offers a report', async () => {
    const good1 = line();
    const good2 = line({ category: '预备党员', joinedOn: '2026-05-01', fullOn: null });
    const wrongId = newIdNumber();
    const bad = line({ idNumber: wrongId.slice(0, 17) + (wrongId[17] === '1' ? '2' : '1') }); // Excel row 3
    const before = await countMembers();
    const result = await importFile(officer, await rosterWorkbook([good1, bad, good2]));
    expect(result).toMatchObject({
      kind: 'members',
      applied: false,
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 0,
    });
    expect(result.issues).toEqual([
      {
        sheet: '党员名册',
        row: 3,
        column: '身份证号',
        value: expect.stringContaining('*'),
        reason: ID_NUMBER_MESSAGES.check_digit,
      },
    ]);
    expect(await countMembers()).toBe(before);
    const report = await officer.get(`/api/import-reports/${result.reportToken}`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(wb.getWorksheet('错误报告')?.getSheetValues())).toContain(
      ID_NUMBER_MESSAGES.check_digit,
    );

    const fixed = line({ name: String(bad[0]) });
    const ok = await importFile(officer, await rosterWorkbook([good1, fixed, good2]));
    expect(ok).toMatchObject({
      applied: true,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      issues: [],
      reportToken: null,
    });
    expect(await countMembers()).toBe(before + 3);

    const versions = await t.database.db
      .selectFrom('member')
      .select(['id', 'version'])
      .orderBy('id')
      .execute();
    const again = await importFile(officer, await rosterWorkbook([good1, fixed, good2]));
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3 });
    expect(
      await t.database.db.selectFrom('member').select(['id', 'version']).orderBy('id').execute(),
    ).toEqual(versions);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'details', 'entityId'])
      .where('action', '=', 'member.import')
      .orderBy('seq')
      .execute();
    const quiet = { unmappedColumns: 0, warnings: 0, refusedNumbers: 0 };
    expect(audit.map((a) => a.details)).toEqual([
      { applied: false, rows: 3, created: 0, updated: 0, unchanged: 0, issues: 1, ...quiet },
      { applied: true, rows: 3, created: 3, updated: 0, unchanged: 0, issues: 0, ...quiet },
      { applied: true, rows: 3, created: 0, updated: 0, unchanged: 3, issues: 0, ...quiet },
    ]);
    expect(
      await t.database.db
        .selectFrom('auditLog')
        .select('seq')
        .where('action', '=', 'member.create')
        .execute(),
    ).toEqual([]);
  });

  it('accepts Excel serial dates, 2019.07.01, 2019年7月1日 and full-width digits', async () => {
    const id = newIdNumber('female', '19920315');
    const wide = id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const result = await importFile(
      officer,
      await rosterWorkbook([
        line({
          name: '韩梅梅',
          idNumber: ` ${wide} `,
          phone: '１３９ ００００ １１１１',
          joinedOn: 43647,
          fullOn: '2020.07.01',
          gender: '女',
          post: '书记',
          dept: 'ID1',
        }),
        line({ name: '李雷', joinedOn: '2019年7月1日', fullOn: '2020年7月1日', org: 'ＩＣ１' }),
      ]),
    );
    expect(result.issues).toEqual([]);
    expect(result.created).toBe(2);
    const m = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('idNumberHash', '=', t.secrets.blindIndex(id))
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      name: '韩梅梅',
      gender: 'female',
      birthDate: '1992-03-15',
      joinedOn: '2019-07-01',
      fullOn: '2020-07-01',
      partyPost: 'secretary',
    });
    expect(t.secrets.decrypt(m.phoneCipher ?? '')).toBe('13900001111');
    expect(m.departmentId).not.toBeNull();
    const lilei = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('name', '=', '李雷')
      .executeTakeFirstOrThrow();
    expect(lilei).toMatchObject({ partyOrgId: tree.c1.id, joinedOn: '2019-07-01' });
  });

  it('reports every kind of problem, never skipping a row silently', async () => {
    const known = line({ name: '已登记', org: 'IB2' });
    await importFile(officer, await rosterWorkbook([known]));
    const dup = newIdNumber();
    const before = await countMembers();
    const result = await importFile(
      secretary,
      await rosterWorkbook([
        line({ org: 'IXB' }), // row 2 (row 1 is the header): outside the secretary's branch
        line({ org: 'NOPE' }), // 3
        line({ org: 'IG' }), // 4: the general branch is outside the branch too
        line({ dept: 'NODEPT' }), // 5
        line({ idNumber: dup }), // 6
        line({ idNumber: dup }), // 7: same person twice
        line({ idNumber: newIdNumber('male'), gender: '女' }), // 8
        line({ idNumber: maskIdNumber(newIdNumber()) }), // 9: masked, matches nobody
        line({ joinedOn: '2015-07-01', fullOn: '2014-07-01' }), // 10
        line({ category: '预备党员', fullOn: '2014-07-01' }), // 11
        line({ phone: '12345' }), // 12
        line({ name: '已登记', idNumber: known[2] }), // 13: a member of B2, outside the secretary's scope
      ]),
    );
    expect(result.applied).toBe(false);
    expect(await countMembers()).toBe(before);
    const got = result.issues.map((i) => [i.row, i.column]);
    expect(got).toEqual([
      [2, '所在党组织编码'],
      [3, '所在党组织编码'],
      [4, '所在党组织编码'],
      [5, '所在部门编码'],
      [7, '身份证号'],
      [8, '性别'],
      [9, '身份证号'],
      [10, '转正日期'],
      [11, '转正日期'],
      [12, '手机号'],
      [13, '身份证号'],
    ]);
    const reason = (row: number) => result.issues.find((i) => i.row === row)?.reason;
    expect(reason(2)).toBe('该党组织不在您的管理范围内');
    expect(reason(4)).toBe('该党组织不在您的管理范围内');
    expect(reason(7)).toBe('与第 6 行身份证号相同，同一党员只能出现一次');
    expect(reason(8)).toMatch(/性别与身份证号不一致/);
    // Registered elsewhere: refused without saying where (ADR 0015).
    expect(reason(13)).toBe(NUMBER_UNAVAILABLE);
    expect(reason(13)).not.toMatch(/范围|党组织“|支部/);
    expect(result.issues.every((i) => !/\d{17}/.test(i.value ?? ''))).toBe(true);

    // For the officer the general branch is in scope, but it holds no members of its own.
    const general = await importFile(officer, await rosterWorkbook([line({ org: 'IG' })]));
    expect(general.issues.map((i) => [i.row, i.column, i.reason])).toEqual([
      [2, '所在党组织编码', '党员只能登记在党支部或党小组'],
    ]);
  });

  it('applies already-parsed rows in chunks for the demo loader, reporting progress', async () => {
    const rows: MemberImportRow[] = Array.from({ length: 1200 }, (_, i) => ({
      name: `批量${i}`,
      gender: null,
      idNumber: newIdNumber(i % 2 ? 'male' : 'female', '19800101'),
      ethnicity: null,
      education: null,
      phone: `137${String(i).padStart(8, '0')}`,
      category: 'full',
      joinedOn: '2005-07-01',
      fullOn: null,
      partyOrgCode: i % 3 ? 'IB2' : 'IC1',
      partyPost: null,
      departmentCode: null,
      businessPost: null,
    }));
    const progress: [number, number][] = [];
    const first = await applyMemberImport(t.ctx(), rows, { onProgress: (d, n) => progress.push([d, n]) });
    expect(first).toMatchObject({ created: 1200, updated: 0, unchanged: 0, issues: [] });
    const id7 = await findMemberIdByIdNumber(t.ctx(), ` ${rows[7]?.idNumber.toLowerCase()} `);
    expect(id7).not.toBeNull();
    expect(await findMemberIdByIdNumber(t.ctx(), newIdNumber())).toBeNull();
    // Checked and staged 200 rows at a time (ADR 19).
    expect(progress).toEqual([
      [200, 1200],
      [400, 1200],
      [600, 1200],
      [800, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
    const moved = rows.map((r, i) => (i === 5 ? { ...r, partyOrgCode: 'IB1' } : r));
    const second = await applyMemberImport(t.ctx(), moved);
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 1199 });
    const m = await t.database.db
      .selectFrom('member')
      .select('id')
      .where('name', '=', '批量5')
      .executeTakeFirstOrThrow();
    const history = await t.database.db
      .selectFrom('memberOrgHistory')
      .select(['partyOrgId', 'toOn', 'reason'])
      .where('memberId', '=', m.id)
      .orderBy('toOn', 'asc')
      .execute();
    expect(history).toHaveLength(2);
    expect(history.find((h) => h.toOn === null)).toMatchObject({
      partyOrgId: tree.b1.id,
      reason: '名册导入',
    });
  });

  it('refuses files that are not roster workbooks', async () => {
    const notXlsx = await upload(officer, '/api/members/import', Buffer.from('name,id\n张三,1'));
    expectError(notXlsx, 415, 'spreadsheet.not_xlsx');
    const json = await officer.post('/api/members/import', { file: 'x' });
    expectError(json, 415, 'common.multipart_required');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('党员名册').addRow(['姓名', '民族']);
    const missing = await importFile(officer, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing.applied).toBe(false);
    expect(missing.issues.map((i) => i.column)).toEqual(['身份证号', '党员类别', '所在党组织编码']);
  });
});

describe('export and round trip', () => {
  it('exports the full numbers to an officer who asks for them and re-imports losslessly', async () => {
    const buf = await exportFile(officer, '?full=1');
    const lines = await readRoster(buf);
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.every((l) => /^\d{17}[\dX]$/.test(l.身份证号 ?? ''))).toBe(true);
    const result = await importFile(officer, buf);
    expect(result).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: lines.length });
  });

  it('exports masked numbers to a leading group member, and that file still re-imports without loss', async () => {
    const ciphersNow = () =>
      t.database.db
        .selectFrom('member')
        .select(['id', 'idNumberCipher', 'phoneCipher'])
        .orderBy('id')
        .execute();
    const ciphers = await ciphersNow();
    const buf = await exportFile(leader, `?partyOrgId=${tree.b1.id}`);
    const lines = await readRoster(buf);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.身份证号?.includes('*'))).toBe(true);
    expect(lines.filter((l) => l.手机号).every((l) => l.手机号?.includes('*'))).toBe(true);
    expect(lines.every((l) => ['IB1', 'IC1'].includes(l.所在党组织编码 ?? ''))).toBe(true);

    const same = await importFile(officer, buf);
    expect(same).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: lines.length });
    expect(await ciphersNow()).toEqual(ciphers);

    // Edit the masked export: a new business post for one member and another organisation for a second.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('党员名册');
    if (!ws) throw new Error('no roster sheet');
    ws.getCell('N3').value = '处长';
    ws.getCell('J4').value = 'IB2';
    const edited = await importFile(officer, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(edited).toMatchObject({ applied: true, created: 0, updated: 2, unchanged: lines.length - 2 });
    const after = await ciphersNow();
    const cipherOf = new Map(ciphers.map((c) => [c.id, c.idNumberCipher]));
    expect(after.every((a) => cipherOf.get(a.id) === a.idNumberCipher)).toBe(true);

    const secretaryExport = await exportFile(secretary);
    expect((await readRoster(secretaryExport)).every((l) => l.身份证号?.includes('*'))).toBe(true);
    const own = await importFile(secretary, secretaryExport);
    expect(own).toMatchObject({ applied: true, created: 0, updated: 0 });

    const exports = await t.database.db
      .selectFrom('auditLog')
      .select(['actorUsername', 'details'])
      .where('action', '=', 'member.export')
      .orderBy('seq')
      .execute();
    expect(exports.map((e) => e.actorUsername).slice(0, 3)).toEqual(['officer', 'leader', 'secretary']);
    expect(exports[1]?.details).toMatchObject({
      rows: lines.length,
      filter: { partyOrgId: tree.b1.id, status: 'active' },
    });
  });

  it('exports only where the actor holds member.export, even when they may read more', async () => {
    const mixed = await userWith(t, 'mixed', [
      { role: 'branch_committee_member', partyOrgId: tree.a.id },
      { role: 'branch_secretary', partyOrgId: tree.b1.id },
    ]);
    const readable = (await mixed.get('/api/members?pageSize=1')).json().total;
    const lines = await readRoster(await exportFile(mixed));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(readable);
    expect(new Set(lines.map((l) => l.所在党组织编码))).toEqual(new Set(['IB1', 'IC1']));
  });

  it('keeps the export inside the scope: 404 for an organisation outside it', async () => {
    expectError(await leader.get(`/api/members/export?partyOrgId=${tree.x.id}`), 404, 'member.org_not_found');
    expectError(
      await secretary.get(`/api/members/export?partyOrgId=${tree.b2.id}`),
      404,
      'member.org_not_found',
    );
  });
});
