import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item, ListDetail, WorkPoint } from '#contracts/responsibility';
import type { FileImportIssue, FileImportResult } from '#contracts/responsibility-files';
import { loadWorkbook, rowsOf, upload, workbookOf } from '../../../../test/file-fixtures.ts';
import type { Client, TestApp } from '../../../../test/helpers.ts';
import { expectError } from '../../../../test/helpers.ts';
import {
  addMember,
  buildClockedApp,
  type Organ,
  ok,
  personWith,
  seedOrgan,
} from '../../../../test/organ-fixtures.ts';

// Importing a list's duties and the work committee's work points from Excel: the template explains every column, a
// good file creates the duties with their periods, the same file again changes nothing, and one bad row refuses the
// whole file with its row and column named.
let t: TestApp;
let o: Organ;
let officer: Client;
let wc: Client;
let b1Secretary: Client;
let b2Secretary: Client;
let supervisor: Client;
let plainMember: Client;
let b1List: ListDetail;
let issued: Item;
const tails: string[] = [];

const HEADERS = [
  '领域',
  '类别',
  '职责内容',
  '具体要求',
  '责任党组织',
  '党组织编码',
  '责任人',
  '身份证号后4位',
  '完成时限',
  '周期',
  '起算日期',
  '权重',
  '是否下发',
  '承接的上级职责',
  '承接的工作要点',
];
type Row = Partial<Record<(typeof HEADERS)[number], string | number>>;
const line = (r: Row) => HEADERS.map((h) => r[h] ?? null);

const GOOD: Row[] = [
  {
    领域: '党建',
    类别: '组织生活',
    职责内容: '每月召开支委会',
    具体要求: '研究支部重要事项\n形成会议记录',
    责任党组织: '第一党支部',
    责任人: '李支书',
    周期: '每月',
    起算日期: '2026-01-01',
  },
  {
    领域: '业务',
    类别: '业务工作',
    职责内容: '压缩审批时限',
    党组织编码: 'RIB1',
    完成时限: '2026-06-30',
    周期: '一次性',
  },
  {
    领域: '融合',
    类别: '融合发展',
    职责内容: '营商环境攻坚（第一党支部）',
    完成时限: '2026-11-30',
    周期: '一次性',
    权重: 2,
    承接的上级职责: '营商环境攻坚（机关党委分解）',
  },
  {
    领域: '党建',
    类别: '党员教育',
    职责内容: '讲一次专题党课',
    责任人: '张伟',
    完成时限: '2026-07-01',
    周期: '一次性',
  },
];

async function fromTemplate(rows: Row[]): Promise<Buffer> {
  const res = await b1Secretary.get('/api/responsibility/items/template');
  expect(res.statusCode).toBe(200);
  const wb = await loadWorkbook(res.rawPayload);
  const ws = wb.getWorksheet('职责');
  if (!ws) throw new Error('template without 职责');
  for (const r of rows) ws.addRow(line(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const itemsOf = async (id: string) =>
  (await ok<ListDetail>(officer.get(`/api/responsibility/lists/${id}`))).items;
const periodCount = async (itemIds: string[]) =>
  (
    await t.database.db
      .selectFrom('responsibilityPeriod')
      .select('id')
      .where('itemId', 'in', itemIds)
      .execute()
  ).length;
const auditCount = async (action: string) =>
  (await t.database.db.selectFrom('auditLog').select('seq').where('action', '=', action).execute()).length;

beforeAll(async () => {
  ({ t } = await buildClockedApp('2026-03-10'));
  o = await seedOrgan(t, 'RI');
  const b1SecretaryId = await addMember(t, o.B1, '李支书', 'secretary');
  const b2SecretaryId = await addMember(t, o.B2, '赵支书', 'secretary');
  for (const org of [o.B1, o.B1]) {
    const id = await addMember(t, org, '张伟');
    const row = await t.database.db
      .selectFrom('member')
      .select('idNumberCipher')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    tails.push(t.secrets.decrypt(row.idNumberCipher).slice(-4));
  }
  officer = await personWith(t, 'ri-officer', null, [
    { role: 'organ_committee_officer', partyOrgId: o.JG.id },
  ]);
  wc = await personWith(t, 'ri-wc', null, [{ role: 'work_committee_officer', partyOrgId: o.WC.id }]);
  b1Secretary = await personWith(t, 'ri-b1', b1SecretaryId, [
    { role: 'branch_secretary', partyOrgId: o.B1.id },
  ]);
  b2Secretary = await personWith(t, 'ri-b2', b2SecretaryId, [
    { role: 'branch_secretary', partyOrgId: o.B2.id },
  ]);
  supervisor = await personWith(t, 'ri-sup', null, [{ role: 'supervisor', partyOrgId: o.JG.id }]);
  plainMember = await personWith(t, 'ri-mem', null, [{ role: 'member', partyOrgId: o.B1.id }]);
  const direct = await ok<ListDetail>(
    officer.post('/api/responsibility/lists', { year: 2026, level: 'direct', partyOrgId: o.JG.id }),
  );
  issued = await ok<Item>(
    officer.post(`/api/responsibility/lists/${direct.id}/items`, {
      domain: 'fusion',
      category: '融合发展',
      title: '营商环境攻坚（机关党委分解）',
      ownerOrgId: o.JG.id,
      deadline: '2026-11-30',
      issued: true,
    }),
  );
  b1List = await ok(
    officer.post('/api/responsibility/lists', { year: 2026, level: 'implementing', partyOrgId: o.B1.id }),
  );
});
afterAll(async () => {
  await t.close();
});

describe('the import template', () => {
  it('explains every column, the allowed values and the date format on a 填写说明 sheet', async () => {
    const res = await b1Secretary.get('/api/responsibility/items/template');
    const wb = await loadWorkbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['职责', '填写说明']);
    const header = rowsOf(wb.getWorksheet('职责') as never)[1];
    expect(header).toEqual(
      HEADERS.map((h) => (['领域', '类别', '职责内容', '周期'].includes(h) ? `${h}*` : h)),
    );
    const guide = rowsOf(wb.getWorksheet('填写说明') as never);
    expect(guide[0]?.[0]).toContain('YYYY-MM-DD');
    expect(guide[0]?.[0]).toContain('整个文件都不导入');
    const byColumn = new Map(guide.slice(2).map((r) => [r[0], r]));
    for (const h of HEADERS) expect(byColumn.has(h), h).toBe(true);
    expect(byColumn.get('领域')?.[3]).toBe('党建、业务、融合');
    expect(byColumn.get('周期')?.[3]).toBe('一次性、每月、每季度、每半年、每年');
    expect(byColumn.get('完成时限')?.[2]).toBe('日期 YYYY-MM-DD');
    expectError(await plainMember.get('/api/responsibility/items/template'), 403, 'auth.forbidden');
    expectError(await supervisor.get('/api/responsibility/items/template'), 403, 'auth.forbidden');
  });
});

describe('importing a list’s duties', () => {
  const url = () => `/api/responsibility/lists/${b1List.id}/import`;
  let good: Buffer;

  it('creates every row as a duty with its periods, resolving organisations, people and what it takes up', async () => {
    const rows = GOOD.map((r) => (r.责任人 === '张伟' ? { ...r, 身份证号后4位: tails[1] as string } : r));
    good = await fromTemplate(rows);
    const created = await ok<FileImportResult>(upload(b1Secretary, url(), good));
    expect(created).toEqual({ rows: 4, created: 4, updated: 0, unchanged: 0 });
    const items = await itemsOf(b1List.id);
    const by = (title: string) => items.find((i) => i.title === title) as Item;
    expect(by('每月召开支委会')).toMatchObject({
      domain: 'party',
      recurrence: 'monthly',
      ownerOrgName: '第一党支部',
      ownerMemberName: '李支书',
      effectiveFrom: '2026-01-01',
      detail: '研究支部重要事项\n形成会议记录',
    });
    expect(by('压缩审批时限')).toMatchObject({ ownerOrgId: o.B1.id, deadline: '2026-06-30', weight: 1 });
    expect(by('营商环境攻坚（第一党支部）')).toMatchObject({ parentItemId: issued.id, weight: 2 });
    expect(by('讲一次专题党课').ownerMemberName).toBe('张伟');
    // Periods are made as by the page: January to March of the monthly duty, one for each one-off.
    expect(await periodCount([by('每月召开支委会').id])).toBe(3);
    expect(await periodCount(items.map((i) => i.id))).toBe(6);
    expect(await auditCount('responsibility.item_create')).toBeGreaterThanOrEqual(5);
  });

  it('changes nothing when the same file comes again, and only what differs when it was edited', async () => {
    const creates = await auditCount('responsibility.item_create');
    const updates = await auditCount('responsibility.item_update');
    expect(await ok<FileImportResult>(upload(b1Secretary, url(), good))).toEqual({
      rows: 4,
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    expect(await auditCount('responsibility.item_create')).toBe(creates);
    expect(await auditCount('responsibility.item_update')).toBe(updates);

    const edited = GOOD.map((r) =>
      r.职责内容 === '压缩审批时限'
        ? { ...r, 完成时限: '2026-05-31' }
        : r.责任人 === '张伟'
          ? { ...r, 身份证号后4位: tails[1] as string }
          : r,
    );
    expect(await ok<FileImportResult>(upload(b1Secretary, url(), await fromTemplate(edited)))).toEqual({
      rows: 4,
      created: 0,
      updated: 1,
      unchanged: 3,
    });
    expect((await itemsOf(b1List.id)).find((i) => i.title === '压缩审批时限')?.deadline).toBe('2026-05-31');
  });

  it('takes back its own export unchanged', async () => {
    const exported = await b1Secretary.get(`/api/responsibility/lists/${b1List.id}/export`);
    expect(await ok<FileImportResult>(upload(b1Secretary, url(), exported.rawPayload))).toEqual({
      rows: 4,
      created: 0,
      updated: 0,
      unchanged: 4,
    });
  });

  it('refuses the whole file for one bad row, naming its row and column, and writes nothing', async () => {
    const before = await itemsOf(b1List.id);
    const file = await workbookOf({
      职责: [
        HEADERS,
        line({
          领域: '党建',
          类别: '组织生活',
          职责内容: '新的一条',
          完成时限: '2026-09-30',
          周期: '一次性',
        }),
        line({
          领域: '党建',
          类别: '组织生活',
          职责内容: '错的组织',
          责任党组织: '第九党支部',
          完成时限: '2026-09-30',
          周期: '一次性',
        }),
        line({ 领域: '业务', 类别: '业务', 职责内容: '错的日期', 完成时限: '2026-13-45', 周期: '一次性' }),
        line({ 领域: '业务', 类别: '业务', 职责内容: '错的周期', 周期: '每两周' }),
        line({
          领域: '党建',
          类别: '党员教育',
          职责内容: '同名的人',
          责任人: '张伟',
          完成时限: '2026-07-01',
          周期: '一次性',
        }),
      ],
    });
    const res = await upload(b1Secretary, url(), file);
    expectError(res, 400, 'responsibility.import_invalid');
    const body = res.json() as {
      error: {
        message: string;
        issues: { field: string; message: string }[];
        details: { issues: FileImportIssue[]; reportToken: string };
      };
    };
    expect(body.error.message).toContain('未导入任何内容');
    const where = body.error.details.issues.map((i) => `${i.row} ${i.column}`);
    expect(where).toEqual(['3 责任党组织', '4 完成时限', '5 周期', '6 责任人']);
    expect(body.error.issues.map((i) => i.field)).toContain('第3行 责任党组织');
    expect(body.error.details.issues[0]?.reason).toContain('第九党支部');
    expect(body.error.details.issues[1]?.reason).toContain('YYYY-MM-DD');
    expect(body.error.details.issues[2]?.reason).toContain('每季度');
    expect(body.error.details.issues[3]?.reason).toContain('身份证号后 4 位');
    expect(body.error.details.reportToken).toMatch(/\S{16,}/);
    const report = await b1Secretary.get(`/api/import-reports/${body.error.details.reportToken}`);
    expect(report.statusCode).toBe(200);
    expect((await itemsOf(b1List.id)).map((i) => i.id)).toEqual(before.map((i) => i.id));
  });

  it('is refused without the permission and hidden for a list out of scope', async () => {
    expectError(await upload(supervisor, url(), good), 403, 'auth.forbidden');
    expectError(await upload(plainMember, url(), good), 403, 'auth.forbidden');
    expectError(await upload(b2Secretary, url(), good), 404, 'responsibility.list_not_found');
  });
});

describe('importing the work committee’s work points', () => {
  const url = '/api/responsibility/work-points/import?year=2026';
  it('creates the year’s work points, and the same file again changes nothing', async () => {
    const template = await loadWorkbook(
      (await wc.get('/api/responsibility/work-points/template')).rawPayload,
    );
    expect(template.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['工作要点', '填写说明']);
    const ws = template.getWorksheet('工作要点');
    ws?.addRow(['融合', '融合发展', '开展“党建+营商环境”攻坚', '各机关确定攻坚项目', '2']);
    ws?.addRow(['党建', '政治建设', '深化模范机关创建', null, null]);
    const file = Buffer.from(await template.xlsx.writeBuffer());
    expect(await ok<FileImportResult>(upload(wc, url, file))).toEqual({
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await ok<FileImportResult>(upload(wc, url, file))).toEqual({
      rows: 2,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const points = await ok<WorkPoint[]>(wc.get('/api/responsibility/work-points?year=2026'));
    expect(points.map((p) => [p.title, p.weight])).toEqual([
      ['开展“党建+营商环境”攻坚', 2],
      ['深化模范机关创建', 1],
    ]);
  });

  it('refuses a file with a bad row and lets only the work committee import', async () => {
    const file = await workbookOf({
      工作要点: [
        ['领域', '类别', '工作要点', '具体要求', '权重'],
        ['党建', '组织建设', '新要点', null, 1],
        ['其他', '组织建设', '领域不对', null, -1],
      ],
    });
    const res = await upload(wc, url, file);
    expectError(res, 400, 'responsibility.import_invalid');
    const issues = (res.json() as { error: { details: { issues: FileImportIssue[] } } }).error.details.issues;
    expect(issues.map((i) => `${i.row} ${i.column}`)).toEqual(['3 领域', '3 权重']);
    expect((await ok<WorkPoint[]>(wc.get('/api/responsibility/work-points?year=2026'))).length).toBe(2);
    expectError(await upload(officer, url, file), 403, 'auth.forbidden');
    expectError(await officer.get('/api/responsibility/work-points/template'), 403, 'auth.forbidden');
  });
});
