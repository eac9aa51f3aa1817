import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '#contracts/id-number';
import type { ImportPreview, MappedImportResult } from '#contracts/transfer';
import { insertPartyOrg, unitOf } from '../../../../test/factories.ts';
import { buildTestApp, type Client, type TestApp, userWith } from '../../../../test/helpers.ts';
import { newIdNumber, upload } from './member.fixtures.ts';
import { NUMBER_UNAVAILABLE } from './member.import-check.ts';
import { todayIso } from './member.policy.ts';

// Rosters as organs keep them (issue 7 points 1–3, issue 6 point 1): a title block, blank rows, the organ's own
// headers, branch names merged over their members, mixed date styles, a total and a note below, and columns the
// platform does not know — imported through the mapping step.

let t: TestApp;
let officer: Client;
let secretary: Client;
type Org = { id: string; path: string; depth: number };
let orgs: Record<'a' | 'b1' | 'b2' | 'office' | 'g' | 'g1' | 'x' | 'xb', Org>;
let unitId: string;

async function org(
  code: string,
  name: string,
  kind: 'organ_committee' | 'branch' | 'general_branch',
  parent?: Org,
) {
  const o = await insertPartyOrg(t.database.db, { code, name, kind, ...(parent ? { parent } : {}) });
  return o;
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const unit = await db
    .insertInto('unit')
    .values({ code: 'RU', name: '市财政局' })
    .returning('id')
    .executeTakeFirstOrThrow();
  unitId = unit.id;
  const a = await org('RA', '市财政局机关党委', 'organ_committee');
  const b1 = await org('RB1', '第一党支部', 'branch', a);
  const b2 = await org('RB2', '第二党支部', 'branch', a);
  const office = await org('RB3', '办公室党支部', 'branch', a);
  const g = await org('RG', '离退休干部党总支', 'general_branch', a);
  const g1 = await org('RG1', '第一党支部', 'branch', g);
  const x = await org('RX', '市税务局机关党委', 'organ_committee');
  const xb = await org('RXB', '第三党支部', 'branch', x);
  orgs = { a, b1, b2, office, g, g1, x, xb };
  await db
    .updateTable('partyOrg')
    .set({ unitId })
    .where(
      'id',
      'in',
      [a, b1, b2, office, g, g1].map((o) => o.id),
    )
    .execute();
  for (const [code, name] of [
    ['RD1', '办公室'],
    ['RD2', '预算处'],
  ] as const) {
    const id = crypto.randomUUID();
    await db
      .insertInto('department')
      .values({ id, unitId, code, name, kind: 'division', path: `/${id}/` })
      .execute();
  }
  officer = await userWith(t, 'r-officer', [{ role: 'organ_committee_officer', partyOrgId: a.id }]);
  secretary = await userWith(t, 'r-secretary', [{ role: 'branch_secretary', partyOrgId: b1.id }]);
});
afterAll(async () => {
  await t.close();
});

const count = async (table: 'member' | 'memberImportStage' | 'importMapping') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const HEADERS = [
  '序号',
  '姓名',
  '性别',
  '民族',
  '公民身份号码',
  '学历',
  '所在党支部',
  '党员类别',
  '入党时间',
  '转正时间',
  '工作岗位',
  '所在处室',
  '联系电话',
  '组织关系转入日期',
  '备注',
];

type Line = (string | number | Date | null)[];

/** A roster shaped like the ones organs exchange; `rows` in HEADERS order (序号 is filled in). */
async function organRoster(
  rows: readonly Line[],
  opts: { headers?: string[]; mergeBranch?: [number, number] } = {},
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  const headers = opts.headers ?? HEADERS;
  ws.addRow(['中共市财政局机关党委党员花名册']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(['填报单位：市财政局机关党委', null, null, null, null, null, null, null, '填报日期：2026年11月']);
  ws.addRow([]);
  ws.addRow(headers);
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
  if (opts.mergeBranch) ws.mergeCells(opts.mergeBranch[0], 7, opts.mergeBranch[1], 7);
  ws.addRow(['合计', `共 ${rows.length} 人`]);
  ws.addRow(['注：本表由各党支部填报，党委组织委员汇总。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let seq = 0;
const person = (
  over: Partial<Record<(typeof HEADERS)[number], string | number | Date | null>> = {},
): Line => {
  seq++;
  const base: Record<string, string | number | Date | null> = {
    姓名: `干部${seq}`,
    性别: null,
    民族: '汉族',
    公民身份号码: newIdNumber(),
    学历: '大学本科',
    所在党支部: '办公室党支部',
    党员类别: '正式党员',
    入党时间: '2010-07-01',
    转正时间: '2011-07-01',
    工作岗位: '一级主任科员',
    所在处室: '办公室',
    联系电话: null,
    组织关系转入日期: null,
    备注: '无',
    ...over,
  };
  return HEADERS.slice(1).map((h) => base[h] ?? null);
};

const preview = async (client: Client, buf: Buffer) => {
  const res = await upload(client, '/api/members/import/upload', buf);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json() as ImportPreview;
};
const confirm = async (client: Client, body: Record<string, unknown>) => {
  const res = await client.post('/api/members/import/confirm', body);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json() as MappedImportResult;
};

describe('a roster as organs keep it, through the mapping step', () => {
  it('finds the header under the title block, maps the own headers, lists every column not imported and writes nothing before the confirmation', async () => {
    const rows = [
      person({ 所在党支部: '市财政局机关党委第一党支部', 入党时间: new Date(Date.UTC(2008, 6, 1)) }),
      person({ 所在党支部: null, 入党时间: '2009.07', 转正时间: '2010年7月1日' }),
      person({ 所在党支部: null, 入党时间: 20120701, 转正时间: '2013/7/1', 所在处室: '预算处' }),
      person({ 所在党支部: '第二党支部', 组织关系转入日期: '2024-03-15', 工作岗位: '处长' }),
      person({ 联系电话: '13800138000' }),
    ];
    const members = await count('member');
    // Rows 5–7 (the first three members) share one merged branch cell.
    const p = await preview(officer, await organRoster(rows, { mergeBranch: [5, 7] }));
    expect(p.headerRow).toBe(4);
    const fieldOf = Object.fromEntries(p.columns.map((c) => [c.header, c.field]));
    expect(fieldOf).toMatchObject({
      姓名: 'name',
      公民身份号码: 'idNumber',
      所在党支部: 'partyOrgName',
      党员类别: 'category',
      入党时间: 'joinedOn',
      转正时间: 'fullOn',
      工作岗位: 'businessPost',
      所在处室: 'departmentName',
      联系电话: 'phone',
      组织关系转入日期: 'transferInOn',
    });
    expect(p.unmappedColumns).toEqual(['序号', '备注']);
    expect(p.mappingProblems).toEqual([]);
    expect(p.issues).toEqual([]);
    expect(p.notices.map((n) => [n.row, n.reason])).toEqual([
      [10, '合计行，已跳过'],
      [11, '备注或落款行，已跳过'],
    ]);
    expect(p).toMatchObject({ rows: 5, created: 5, updated: 0 });
    // The first rows as they will be stored: the merged branch reaches every member under it, dates are ISO.
    const sample = p.sample.map((s) => s.values);
    expect(sample.map((v) => v.所在党组织)).toEqual([
      '第一党支部（RB1）',
      '第一党支部（RB1）',
      '第一党支部（RB1）',
      '第二党支部（RB2）',
      '办公室党支部（RB3）',
    ]);
    expect(sample.map((v) => v.入党日期)).toEqual([
      '2008-07-01',
      '2009-07-01',
      '2012-07-01',
      '2010-07-01',
      '2010-07-01',
    ]);
    expect(sample.map((v) => v.所在部门)).toEqual(['办公室', '办公室', '预算处', '办公室', '办公室']);
    expect(sample[3]?.业务职务).toBe('处长');
    expect(sample[4]?.手机号).toBe('138****8000');
    expect(sample.every((v) => !/\d{17}/.test(v.身份证号 ?? ''))).toBe(true);
    expect(await count('member')).toBe(members);
    expect(await count('memberImportStage')).toBe(0);

    const result = await confirm(officer, { token: p.token, columns: [] });
    expect(result).toMatchObject({
      applied: true,
      created: 5,
      issues: [],
      unmappedColumns: ['序号', '备注'],
    });
    expect(await count('member')).toBe(members + 5);
    expect(await count('memberImportStage')).toBe(0);

    // Membership history starts when the platform learned of it, or at the transfer-in date the file gives —
    // never at the Party joining date.
    const history = await t.database.db
      .selectFrom('memberOrgHistory as h')
      .innerJoin('member as m', 'm.id', 'h.memberId')
      .select(['m.name', 'h.fromOn', 'm.joinedOn', 'm.businessPost'])
      .where(
        'm.name',
        'in',
        rows.map((r) => String(r[0])),
      )
      .orderBy('m.name')
      .execute();
    expect(history).toHaveLength(5);
    const byName = new Map(history.map((h) => [h.name, h]));
    expect(byName.get(String(rows[3]?.[0]))?.fromOn).toBe('2024-03-15');
    for (const r of [rows[0], rows[1], rows[2], rows[4]])
      expect(byName.get(String(r?.[0]))?.fromOn).toBe(todayIso());
  });

  it('asks for a column it cannot recognise, keeps the choice for the organ and applies it next time', async () => {
    const headers = HEADERS.map((h) => (h === '公民身份号码' ? '党员证件号' : h));
    const first = await preview(officer, await organRoster([person()], { headers }));
    expect(first.mappingProblems).toEqual(['缺少“身份证号”列：请在映射中指定与它对应的列，或使用导入模板']);
    expect(first.unmappedColumns).toContain('党员证件号');
    const idColumn = first.columns.find((c) => c.header === '党员证件号')?.column;
    expect(idColumn).toBe(5);
    const chosen = await officer.post('/api/members/import/preview', {
      token: first.token,
      columns: [{ column: idColumn, field: 'idNumber' }],
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toMatchObject({ mappingProblems: [], issues: [], created: 1 });
    const unknown = await officer.post('/api/members/import/preview', {
      token: first.token,
      columns: [{ column: idColumn, field: 'shoeSize' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].field).toBe('body.columns.0.field');

    expect(
      await confirm(officer, { token: first.token, columns: [{ column: idColumn, field: 'idNumber' }] }),
    ).toMatchObject({
      applied: true,
      created: 1,
    });
    const saved = await t.database.db
      .selectFrom('importMapping')
      .select(['columns', 'kind'])
      .where('unitId', '=', unitId)
      .executeTakeFirstOrThrow();
    expect(saved.kind).toBe('members');
    expect((saved.columns as Record<string, string | null>).党员证件号).toBe('idNumber');

    const again = await preview(officer, await organRoster([person()], { headers }));
    expect(again.savedMapping).toBe(true);
    expect(again.columns.find((c) => c.header === '党员证件号')).toMatchObject({
      field: 'idNumber',
      source: 'saved',
    });
    expect(again.mappingProblems).toEqual([]);
  });

  it('writes nothing when one row of a file is wrong', async () => {
    const bad = person({ 公民身份号码: '110101199003070072' });
    const members = await count('member');
    const p = await preview(officer, await organRoster([person(), bad, person()]));
    expect(p.issues.map((i) => [i.row, i.column, i.reason])).toEqual([
      [6, '公民身份号码', '身份证号校验位不正确，请核对'],
    ]);
    const result = await confirm(officer, { token: p.token, columns: [] });
    expect(result).toMatchObject({ applied: false, created: 0 });
    expect(result.reportToken).not.toBeNull();
    expect(await count('member')).toBe(members);
    expect(await count('memberImportStage')).toBe(0);
  });

  it('matches organisations by full name or a name unique in scope; an ambiguous or unknown name lists the candidates', async () => {
    const p = await preview(
      officer,
      await organRoster([
        person({ 所在党支部: '第一党支部' }),
        person({ 所在党支部: '离退休干部党总支第一党支部' }),
        person({ 所在党支部: '第九党支部' }),
        person({ 所在党支部: '办公室支部' }),
      ]),
    );
    const reason = (row: number) => p.issues.find((i) => i.row === row)?.reason ?? '';
    expect(p.issues.map((i) => [i.row, i.column])).toEqual([
      [5, '所在党支部'],
      [7, '所在党支部'],
      [8, '所在党支部'],
    ]);
    expect(reason(5)).toMatch(/对应多个党组织/);
    expect(reason(5)).toContain('市财政局机关党委第一党支部（编码 RB1）');
    expect(reason(5)).toContain('市财政局机关党委离退休干部党总支第一党支部（编码 RG1）');
    expect(reason(7)).toMatch(/没有名为“第九党支部”的党组织/);
    expect(reason(8)).toContain('是否指');
    expect(reason(8)).toContain('办公室党支部（编码 RB3）');
    expect(p.sample.map((s) => s.values.所在党组织)).toEqual(['第一党支部（RG1）']);

    // Candidates come from the importer's own scope only: the secretary of branch 1 is not told of branch 2.
    const s = await preview(secretary, await organRoster([person({ 所在党支部: '第二党支部' })]));
    expect(s.issues).toHaveLength(1);
    expect(s.issues[0]?.reason).not.toContain('RB2');
  });

  it('shows allowed but unlikely facts as warnings that must be accepted', async () => {
    const young = newIdNumber('male', '20050101');
    const rows = [
      person({ 党员类别: '预备党员', 入党时间: '2020-07-01', 转正时间: null }),
      person({ 公民身份号码: young, 入党时间: '2020-07-01', 转正时间: '2021-07-01' }),
      person(),
    ];
    const members = await count('member');
    const p = await preview(officer, await organRoster(rows));
    expect(p.issues).toEqual([]);
    expect(p.warnings.map((w) => [w.row, w.column])).toEqual([
      [5, '党员类别'],
      [6, '入党时间'],
    ]);
    expect(p.warnings[0]?.reason).toMatch(/超过一年.*仍为预备党员/);
    expect(p.warnings[1]?.reason).toMatch(/不满 18 周岁/);
    const pending = await confirm(officer, { token: p.token, columns: [] });
    expect(pending).toMatchObject({ applied: false, warningsPending: true, issues: [] });
    expect(await count('member')).toBe(members);
    const accepted = await confirm(officer, { token: p.token, columns: [], acceptWarnings: true });
    expect(accepted).toMatchObject({ applied: true, created: 3 });
    expect(await count('member')).toBe(members + 3);
  });
});

describe('import messages are no oracle for numbers', () => {
  it('tells a role that cannot see numbers neither where a number is registered nor which row it matches', async () => {
    // A member of branch 1 (the secretary's), registered with the full number by the officer; another in the other
    // organ. The secretary sees only masked numbers.
    const mine = newIdNumber();
    const elsewhere = newIdNumber();
    const fresh = newIdNumber();
    await confirm(officer, {
      token: (
        await preview(
          officer,
          await organRoster([
            person({ 姓名: '王芳', 公民身份号码: mine, 所在党支部: '市财政局机关党委第一党支部' }),
          ]),
        )
      ).token,
      columns: [],
    });
    const db = t.database.db;
    await db
      .insertInto('member')
      .values({
        unitId: await unitOf(db, orgs.xb.id),
        partyOrgId: orgs.xb.id,
        name: '外单位',
        gender: 'male',
        birthDate: '1985-06-12',
        idNumberCipher: t.secrets.encrypt(elsewhere),
        idNumberHash: t.secrets.blindIndex(elsewhere),
        idNumberMasked: maskIdNumber(elsewhere),
        category: 'full',
      })
      .execute();

    const p = await preview(
      secretary,
      await organRoster([
        person({ 姓名: '王芳', 公民身份号码: maskIdNumber(mine), 所在党支部: '第一党支部' }), // row 5: as exported
        person({ 姓名: '候选一', 公民身份号码: mine, 所在党支部: '第一党支部' }), // row 6: the right candidate
        person({ 姓名: '候选二', 公民身份号码: elsewhere, 所在党支部: '第一党支部' }), // row 7: another organ's member
        person({ 姓名: '新党员', 公民身份号码: fresh, 所在党支部: '第一党支部' }), // row 8: not registered
      ]),
    );
    const reasons = new Map(p.issues.map((i) => [i.row, i.reason]));
    // The masked row is accepted; the right candidate and the other organ's number get the same words.
    expect([...reasons.keys()]).toEqual([6, 7]);
    expect(reasons.get(6)).toBe(NUMBER_UNAVAILABLE);
    expect(reasons.get(7)).toBe(NUMBER_UNAVAILABLE);
    for (const i of p.issues) {
      expect(i.reason).not.toMatch(/第 \d+ 行/);
      expect(i.reason).not.toMatch(/范围以外|外单位|税务局|第三党支部/);
      expect(i.value ?? '').not.toMatch(/\d{17}/);
    }
    // Refusals are counted in the audit trail, so that probing shows.
    const audit = await db
      .selectFrom('auditLog')
      .select(['details'])
      .where('action', '=', 'member.import_preview')
      .where('actorUsername', '=', 'r-secretary')
      .execute();
    expect(audit.map((a) => (a.details as { refusedNumbers: number }).refusedNumbers)).toEqual([2]);

    // The officer, who may see numbers, is told precisely.
    const o = await preview(
      officer,
      await organRoster([
        person({ 姓名: '王芳', 公民身份号码: maskIdNumber(mine), 所在党支部: '市财政局机关党委第一党支部' }),
        person({ 姓名: '王芳', 公民身份号码: mine, 所在党支部: '市财政局机关党委第一党支部' }),
      ]),
    );
    expect(o.issues.map((i) => [i.row, i.reason])).toEqual([
      [6, '与第 5 行是同一党员，同一党员只能出现一次'],
    ]);
  });
});
