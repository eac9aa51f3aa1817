import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchRecord, RecordSummary } from '#contracts/branch';
import type { Page } from '#contracts/common';
import { loadWorkbook, rowsOf, upload, workbookOf } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { addMember } from './branch.dues.test-helpers.ts';
import { type LedgerWorld, ledgerWorld, ok, TALK_SECRET, TALK_TOPIC } from './branch.ledger.test-helpers.ts';

// Branch records in Excel (issue 10, point 10): the 三会一课 template, an import of historical records that is all or
// nothing (every bad row named by row and column in Chinese, nothing written), a clean import made through the same
// checks as the page and counted as imported, the same file refused a second time, and the export of a list read
// back — a talk in it only by its date and people.

let L: LedgerWorld;
let tail: string;
const HEADER = [
  '类型',
  '日期',
  '党组织',
  '主题',
  '地点',
  '主持人',
  '记录人',
  '应到人员',
  '实到人员',
  '缺席人员',
  '决议',
];

beforeAll(async () => {
  L = await ledgerWorld();
  // Two members of the same name: a row must tell them apart by the ID number's last four characters.
  tail = (await addMember(L.w, L.w.B1, '张同名')).idNumber.slice(-4);
  await addMember(L.w, L.w.B1, '张同名');
}, 180_000);
afterAll(async () => {
  await L.w.t.close();
});

const countRecords = async () =>
  Number(
    (
      await L.w.t.database.db
        .selectFrom('branchRecord')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const importFile = async (rows: unknown[][]) =>
  upload(L.secretary, '/api/branch/records/import', await workbookOf({ 三会一课: [HEADER, ...rows] }));

describe('the 三会一课 template', () => {
  it('is for whoever records branch work, with the columns and the instructions', async () => {
    const res = await L.secretary.get('/api/branch/records/template');
    expect(res.statusCode).toBe(200);
    const wb = await loadWorkbook(res.rawPayload);
    const sheet = wb.getWorksheet('三会一课') as ExcelJS.Worksheet;
    expect(rowsOf(sheet)[1]?.slice(0, 4)).toEqual(['类型*', '日期*', '党组织*', '主题*']);
    expect(wb.getWorksheet('说明')).toBeDefined();
    expect((await L.reader.get('/api/branch/records/template')).statusCode).toBe(403);
  });
});

describe('importing historical records', () => {
  it('refuses a file with bad rows, naming each row and column, and writes nothing', async () => {
    const before = await countRecords();
    const res = await importFile([
      ['座谈会', '2026-03-01', '第一党支部', '未知类型', null, null, null, null, '周书记', null, null],
      ['支委会', '2027-01-01', '第一党支部', '未来的会', null, null, null, null, '周书记', null, null],
      ['支委会', '2026-03-02', '不存在的支部', '找不到支部', null, null, null, null, '周书记', null, null],
      ['支委会', '2026-03-03', '第二党支部', '别的支部', null, null, null, null, '褚二支书', null, null],
      [
        '支委会',
        '2026-03-04',
        '第一党支部',
        '查无此人',
        null,
        null,
        null,
        null,
        '周书记、查无此人',
        null,
        null,
      ],
      [
        '支委会',
        '2026-03-05',
        '第一党支部',
        '同名不分',
        null,
        null,
        null,
        null,
        '周书记、张同名',
        null,
        null,
      ],
      ['支委会', '2026-03-06', '第一党支部', '本行无误', null, '周书记', null, null, '周书记', null, null],
      [
        '党小组会',
        '2026-03-07',
        '第一党支部',
        '小组会记在支部',
        null,
        null,
        null,
        null,
        '周书记',
        null,
        null,
      ],
      ['支委会', '2026-03-08', '第一党支部', '没有出席情况', null, null, null, null, null, null, null],
    ]);
    expectError(res, 400, 'branch.import_invalid');
    const error = (
      res.json() as {
        error: { issues: { field: string; message: string }[]; details: { reportToken: string } };
      }
    ).error;
    const at = (field: string) => error.issues.find((i) => i.field === field)?.message ?? '';
    expect(at('第2行 类型')).toContain('类型应为');
    expect(at('第3行 日期')).toContain('不能晚于今天');
    expect(at('第4行 党组织')).toContain('没有找到党组织“不存在的支部”');
    // Out of scope reads as not found: the file tells nothing of other branches.
    expect(at('第5行 党组织')).toContain('不在您的管辖范围内');
    expect(at('第6行 实到人员')).toContain('“查无此人”不是第一党支部2026-03-04在册的党员');
    expect(at('第7行 实到人员')).toContain('身份证号后 4 位');
    expect(at('第9行 类型')).toContain('党小组会请记在对应的党小组下');
    expect(at('第10行 实到人员')).toContain('请填写实到人员或缺席人员');
    expect(error.issues.some((i) => i.field.startsWith('第8行'))).toBe(false);
    expect(error.details.reportToken).toEqual(expect.any(String));
    expect(await countRecords()).toBe(before);
  });

  const clean = () => [
    [
      '支部党员大会',
      '2026-04-20',
      '第一党支部',
      '学习党章',
      '会议室',
      '周书记',
      '吴委员',
      null,
      null,
      '王乙（出差）、郑甲',
      '通过学习计划',
    ],
    [
      '支委会',
      '2026-04-21',
      'DB1',
      '研究发展对象',
      null,
      '周书记',
      null,
      '周书记、吴委员',
      '周书记、吴委员',
      '无',
      null,
    ],
    ['党小组会', '2026-04-22', '第一党小组', '小组学习', null, null, null, null, '李丙', null, null],
    [
      '党课',
      new Date(Date.UTC(2026, 3, 23)),
      '第一党支部',
      '党课：守初心',
      null,
      '周书记',
      null,
      null,
      null,
      '无',
      null,
    ],
    [
      '支委会',
      '2026-04-24',
      '第一党支部',
      '同名测试',
      null,
      null,
      null,
      `周书记、张同名（${tail}）`,
      `周书记、张同名（${tail}）`,
      null,
      null,
    ],
    ['支委会', '2026-04-25', '第一党支部', '支委会默认应到', null, null, null, null, '周书记', null, null],
  ];

  it('writes every row of a clean file through the records’ own checks, counted as imported', async () => {
    const before = await countRecords();
    const res = await importFile(clean());
    expect(res.json()).toEqual({ rows: 6, created: 6 });
    expect(await countRecords()).toBe(before + 6);
    const list = await ok<Page<RecordSummary>>(
      L.secretary.get(`/api/branch/records?from=2026-04-20&to=2026-04-25&pageSize=50`),
    );
    expect(list.items.map((r) => r.source)).toEqual(Array(6).fill('import'));
    // A 支委会 naming no 应到人员 expects its committee: 周 came, 吴 did not.
    expect(list.items.find((r) => r.topic === '支委会默认应到')).toMatchObject({ expected: 2, present: 1 });
    const meeting = list.items.find((r) => r.topic === '学习党章') as RecordSummary;
    const full = await ok<BranchRecord>(L.secretary.get(`/api/branch/records/${meeting.id}`));
    expect(full).toMatchObject({
      place: '会议室',
      hostName: '周书记',
      recorderName: '吴委员',
      resolutions: '通过学习计划',
    });
    expect(full.attendees.find((a) => a.name === '王乙')).toMatchObject({
      attendance: 'excused',
      reason: '出差',
    });
    expect(full.attendees.find((a) => a.name === '郑甲')).toMatchObject({ attendance: 'absent' });
    // Expected: the roster of the day (the branch and its cell); everyone else there.
    expect(full.expected).toBe(full.attendees.length);
    expect(full.present).toBe(full.expected - 2);
    expect(full.counts.typed).toBe(0);
    expect(full.counts.imported).toBeGreaterThan(full.expected);
    const committee = list.items.find((r) => r.topic === '研究发展对象') as RecordSummary;
    expect(committee).toMatchObject({ expected: 2, present: 2 });
    expect(list.items.find((r) => r.topic === '小组学习')?.partyOrgName).toBe('第一党小组');
    expect(list.items.find((r) => r.topic === '党课：守初心')).toMatchObject({
      kind: 'party_lecture',
      heldOn: '2026-04-23',
    });
    const namesake = await ok<BranchRecord>(
      L.secretary.get(`/api/branch/records/${list.items.find((r) => r.topic === '同名测试')?.id}`),
    );
    expect(namesake.attendees.map((a) => a.name).sort()).toEqual(['周书记', '张同名'].sort());
  });

  it('refuses the same file again, row by row: those meetings are in the system already', async () => {
    const before = await countRecords();
    const res = await importFile(clean());
    expectError(res, 400, 'branch.import_invalid');
    const issues = (res.json() as { error: { issues: { field: string; message: string }[] } }).error.issues;
    expect(issues.map((i) => i.field)).toEqual([
      '第2行 主题',
      '第3行 主题',
      '第4行 主题',
      '第5行 主题',
      '第6行 主题',
      '第7行 主题',
    ]);
    expect(issues[0]?.message).toContain('可能已经导入过');
    expect(await countRecords()).toBe(before);
  });
});

describe('exporting a list', () => {
  const cellsOf = (rows: string[][]) => rows.flat().join('\n');

  it('carries every record the list’s filters find, a talk only by its date and people', async () => {
    const q = `partyOrgId=${L.w.B1.id}&from=2026-01-01&to=2026-12-31`;
    const list = await ok<Page<RecordSummary>>(L.secretary.get(`/api/branch/records?${q}&pageSize=200`));
    const res = await L.secretary.get(`/api/branch/records/export?${q}`);
    expect(res.statusCode).toBe(200);
    const sheet = (await loadWorkbook(res.rawPayload)).worksheets[0] as ExcelJS.Worksheet;
    const rows = rowsOf(sheet);
    const header = rows[1] as string[];
    expect(header.slice(0, HEADER.length)).toEqual(HEADER);
    const body = rows.slice(2).filter((r) => r.some((c) => c !== ''));
    expect(body.length).toBe(list.total);
    const col = (name: string) => header.indexOf(name);
    const march = body.find((r) => r[col('主题')] === '选举支部委员会') as string[];
    expect(march[col('类型')]).toBe('支部党员大会');
    expect(march[col('日期')]).toBe('2026-03-15');
    expect(march[col('缺席人员')]).toBe('王乙（出差）');
    expect(march[col('实到人员')]).toContain('周书记');
    expect(march[col('应到人数')]).toBe('6');
    const talks = body.filter((r) => r[col('类型')] === '谈心谈话');
    expect(talks.map((r) => [r[col('日期')], r[col('主持人')], r[col('实到人员')], r[col('主题')]])).toEqual([
      ['2026-11-05', '周书记', '王乙', ''],
      ['2026-05-05', '周书记', '郑甲', ''],
    ]);
    const text = cellsOf(rows);
    expect(text).not.toContain(TALK_SECRET);
    expect(text).not.toContain(TALK_TOPIC);
    expect(text).not.toContain('书记办公室');
    expect(body.find((r) => r[col('主题')] === '学习贯彻主题党日')?.[col('学习一段理论')]).toBe(
      '理论2026-06-09',
    );
  });

  it('lets a talk’s topic answer the search of those who may read the talk only', async () => {
    const q = `partyOrgId=${L.w.B1.id}&q=${encodeURIComponent('TALKTOPIC')}`;
    const found = async (c: typeof L.reader) => {
      const res = await c.get(`/api/branch/records/export?${q}`);
      expect(res.statusCode).toBe(200);
      const rows = rowsOf((await loadWorkbook(res.rawPayload)).worksheets[0] as ExcelJS.Worksheet);
      return rows.slice(2).filter((r) => r.some((c) => c !== '')).length;
    };
    expect(await found(L.reader)).toBe(0);
    expect(await found(L.secretary)).toBeGreaterThan(0);
  });

  it('takes the kind filter, and gives another branch’s secretary nothing of this branch', async () => {
    const mine = await L.secretary.get(`/api/branch/records/export?partyOrgId=${L.w.B1.id}&kind=theme_day`);
    const kinds = rowsOf((await loadWorkbook(mine.rawPayload)).worksheets[0] as ExcelJS.Worksheet)
      .slice(2)
      .map((r) => r[0]);
    expect(kinds).toEqual(['主题党日', '主题党日']);
    const theirs = await L.otherSecretary.get(`/api/branch/records/export?partyOrgId=${L.w.B1.id}`);
    expect(theirs.statusCode).toBe(200);
    const rows = rowsOf((await loadWorkbook(theirs.rawPayload)).worksheets[0] as ExcelJS.Worksheet);
    expect(rows.slice(2).filter((r) => r.some((c) => c !== ''))).toEqual([]);
  });
});
