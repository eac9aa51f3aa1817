import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchLedger } from '#contracts/branch-files';
import { documentText, unzip, xmlProblem } from '../../../../test/file-fixtures.ts';
import { expectError } from '../../../../test/helpers.ts';
import { type LedgerWorld, ledgerWorld, ok, TALK_SECRET, TALK_TOPIC } from './branch.ledger.test-helpers.ts';

// The 支部工作记录 of 2026 generated from a year of records entered through the API (issue 10, point 7): its
// sections and counts against the records, as JSON for the printable page and as a Word document opened as the
// zip it is; talks present by date and people, never by what was said; amounts of dues only for the collectors.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let L: LedgerWorld;
let ledger: BranchLedger;

beforeAll(async () => {
  L = await ledgerWorld();
  // 郑 and 王 of branch 1 go with an audit team whose temporary branch holds a theme day (and a talk) they attend;
  // branch 2's 林 goes too. The home branch's ledger lists the theme day for 郑 and 王, the talk without its words.
  const team = await ok<{ id: string }>(
    L.w.officer.post('/api/party-orgs', {
      parentId: L.w.JG.id,
      code: 'LDG-TMP',
      name: '驻县审计组临时党支部',
      kind: 'branch',
      isTemporary: true,
      tempStartOn: '2026-04-01',
      tempEndOn: '2026-12-31',
    }),
  );
  await ok(
    L.w.officer.put(`/api/branch/temporary-orgs/${team.id}/members`, {
      memberIds: [L.m.zheng, L.m.wang, L.m.other],
    }),
  );
  await ok(
    L.w.officer.post('/api/branch/records', {
      partyOrgId: team.id,
      kind: 'theme_day',
      heldOn: '2026-05-09',
      topic: '审计一线主题党日',
      attendees: [L.m.zheng, L.m.wang, L.m.other].map((memberId) => ({ memberId, attendance: 'present' })),
    }),
  );
  await ok(
    L.w.officer.post('/api/branch/records', {
      partyOrgId: team.id,
      kind: 'talk',
      heldOn: '2026-05-10',
      hostMemberId: L.m.zheng,
      topic: '组内谈心',
      content: '家中孩子高考压力大',
      attendees: [{ memberId: L.m.wang, attendance: 'present' }],
    }),
  );
  ledger = await ok<BranchLedger>(L.secretary.get(`/api/branch/ledger?partyOrgId=${L.w.B1.id}&year=2026`));
}, 180_000);
afterAll(async () => {
  await L.w.t.close();
});

const of = (kind: string) => ledger.records.filter((r) => r.kind === kind);

describe('the ledger as JSON', () => {
  it('lists the temporary organisation’s records its members attended, for their home branch', () => {
    expect(ledger.away).toEqual([
      {
        id: expect.any(String),
        partyOrgName: '驻县审计组临时党支部',
        kind: 'theme_day',
        heldOn: '2026-05-09',
        topic: '审计一线主题党日',
        members: ['王乙', '郑甲'].sort((a, b) => a.localeCompare(b, 'zh-CN')),
      },
      {
        id: expect.any(String),
        partyOrgName: '驻县审计组临时党支部',
        kind: 'talk',
        heldOn: '2026-05-10',
        topic: null,
        members: ['王乙'],
      },
    ]);
    expect(JSON.stringify(ledger)).not.toContain('高考');
  });

  it('counts the held records of the year by kind, the cell’s among them, last year’s and planned ones not', () => {
    expect(ledger.counts).toEqual({
      general_meeting: 2,
      committee_meeting: 3,
      cell_meeting: 1,
      party_lecture: 1,
      theme_day: 2,
      org_life_meeting: 1,
      member_appraisal: 1,
      talk: 2,
      study: 1,
    });
    expect(of('cell_meeting')[0]?.partyOrgName).toBe('第一党小组');
    expect(ledger.records.map((r) => r.heldOn)).toEqual([...ledger.records.map((r) => r.heldOn)].sort());
  });

  it('writes each meeting down with its attendance, those excused and why, and its resolutions', () => {
    const [march, september] = of('general_meeting');
    expect(march).toMatchObject({
      heldOn: '2026-03-15',
      place: '三楼会议室',
      hostName: '周书记',
      recorderName: '吴委员',
      topic: '选举支部委员会',
      expected: 6,
      present: 5,
      guests: 0,
      excused: [{ name: '王乙', reason: '出差' }],
      absent: [],
      resolutions: '选举产生新一届支部委员会',
    });
    // By September 冯 had left and 陈 had come: the roster of the day.
    expect(september).toMatchObject({ expected: 6, present: 5, excused: [], absent: ['李丙'] });
    expect(of('theme_day')[0]?.parts).toEqual({
      theory: '理论2026-06-09',
      bulletin: '业绩2026-06-09',
      exchange: '交流2026-06-09',
      microLecture: '微党课2026-06-09',
    });
    expect(of('study')[0]).toMatchObject({
      appliedTo: '部门预算编制偏差大',
      outcome: '形成预算编制核对清单',
    });
  });

  it('gives the grades of the appraisal per member and counted', () => {
    const [appraisal] = of('member_appraisal');
    expect(appraisal?.gradeCounts).toEqual({
      excellent: 2,
      qualified: 2,
      basically_qualified: 1,
      unqualified: 0,
    });
    expect(appraisal?.grades.find((g) => g.name === '王乙')?.grade).toBe('basically_qualified');
  });

  it('shows a talk as having taken place — when, with whom — and nothing of what was said', () => {
    expect(ledger.talks).toEqual([
      {
        id: expect.any(String),
        partyOrgName: '第一党支部',
        heldOn: '2026-05-05',
        hostName: '周书记',
        participants: ['郑甲'],
      },
      {
        id: expect.any(String),
        partyOrgName: '第一党支部',
        heldOn: '2026-11-05',
        hostName: '周书记',
        participants: ['王乙'],
      },
    ]);
    const text = JSON.stringify(ledger);
    expect(text).not.toContain(TALK_SECRET);
    expect(text).not.toContain(TALK_TOPIC);
    expect(text).not.toContain('书记办公室');
  });

  it('tells the roster at the start and the end of the year, and who came and who left', () => {
    const b = ledger.basics;
    expect(b.secretaries).toEqual(['周书记']);
    expect(b.committeeMembers).toEqual(['吴委员']);
    expect(b.parentName).toBe('党费测试局机关党委');
    expect(b.joined).toEqual([
      { name: '陈转入', partyOrgName: '第一党支部', on: '2026-05-10', how: expect.stringContaining('转入') },
    ]);
    expect(b.left).toEqual([
      { name: '冯离开', partyOrgName: '第一党支部', on: '2026-08-01', how: expect.stringContaining('去世') },
    ]);
    expect(b.startCount).toBe(6);
    expect(b.endCount).toBe(b.startCount + b.joined.length - b.left.length);
    expect(b.members.map((m) => m.name).sort()).toEqual(
      ['吴委员', '周书记', '李丙', '王乙', '郑甲', '陈转入'].sort(),
    );
    expect(b.members.find((m) => m.name === '李丙')?.partyOrgName).toBe('第一党小组');
  });

  it('takes 党费 from the dues ledger, amounts only for whoever collects them', async () => {
    const zheng = ledger.dues.members.find((x) => x.name === '郑甲');
    expect(ledger.dues.showsAmounts).toBe(true);
    expect(zheng).toMatchObject({ paidMonths: 2, dueMonths: 12, arrearsMonths: 9, paidFen: 8_000 });
    const read = await ok<BranchLedger>(L.reader.get(`/api/branch/ledger?partyOrgId=${L.w.B1.id}&year=2026`));
    expect(read.dues.showsAmounts).toBe(false);
    expect(read.dues.members.find((x) => x.name === '郑甲')).toMatchObject({ paidMonths: 2, paidFen: null });
    expect(read.dues.totals.paidFen).toBeNull();
  });

  it('lists the development register’s stages entered in the year', () => {
    expect(ledger.development.map((p) => [p.name, p.steps])).toEqual([
      ['积极分子乙', [{ stage: 'activist', on: '2026-04-01' }]],
      ['申请人甲', [{ stage: 'applicant', on: '2026-03-01' }]],
    ]);
  });

  it('is the reader’s branch’s only: 404 elsewhere, 400 for an organ committee or a year not begun', async () => {
    expectError(
      await L.otherSecretary.get(`/api/branch/ledger?partyOrgId=${L.w.B1.id}&year=2026`),
      404,
      'branch.org_not_found',
    );
    expectError(
      await L.otherSecretary.get(`/api/branch/ledger/document?partyOrgId=${L.w.B1.id}&year=2026`),
      404,
      'branch.org_not_found',
    );
    expectError(
      await L.w.officer.get(`/api/branch/ledger?partyOrgId=${L.w.JG.id}&year=2026`),
      400,
      'branch.ledger_not_branch',
    );
    expectError(
      await L.secretary.get(`/api/branch/ledger?partyOrgId=${L.w.B1.id}&year=2027`),
      400,
      'branch.ledger_future_year',
    );
  });
});

describe('the ledger as a Word document', () => {
  let parts: Map<string, Buffer>;
  let text: string;
  beforeAll(async () => {
    const res = await L.secretary.get(`/api/branch/ledger/document?partyOrgId=${L.w.B1.id}&year=2026`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('第一党支部2026年支部工作记录'),
    );
    parts = unzip(res.rawPayload);
    text = documentText(parts);
  });

  it('is a well-formed A4 Word package in 宋体', () => {
    expect(parts.get('[Content_Types].xml')?.toString()).toContain(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    );
    expect(parts.get('_rels/.rels')?.toString()).toContain('word/document.xml');
    for (const [name, data] of parts)
      if (name.endsWith('.xml') || name.endsWith('.rels'))
        expect(xmlProblem(data.toString('utf8')), name).toBeNull();
    const xml = parts.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(parts.get('word/styles.xml')?.toString('utf8')).toContain('w:eastAsia="宋体"');
  });

  it('has the standard book’s sections in order, with the counts of the records', () => {
    const sections = [
      '一、基本情况',
      '二、支部党员大会',
      '三、支委会',
      '四、党小组会',
      '五、党课',
      '六、主题党日',
      '七、组织生活会',
      '八、民主评议党员',
      '九、谈心谈话',
      '十、学用融',
      '十一、党员参加临时党组织活动',
      '十二、党费收缴',
      '十三、发展党员',
    ];
    const at = sections.map((s) => text.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    for (const phrase of [
      '本年度召开支部党员大会 2 次',
      '本年度召开支委会 3 次',
      '本年度召开党小组会 1 次',
      '本年度讲授党课 1 次',
      '本年度开展主题党日 2 次',
      '本年度召开组织生活会 1 次',
      '本年度开展民主评议党员 1 次',
      '本年度开展谈心谈话 2 次',
      '本年度开展学用融学习 1 次',
      '年初（2026-01-01）在册党员 6 名',
      '本年度进入 1 名，离开 1 名',
    ])
      expect(text).toContain(phrase);
  });

  it('writes the attendance, the excused with their reasons, the 五个一 and the grades', () => {
    expect(text).toContain('应到 6 人，实到 5 人');
    expect(text).toContain('王乙（出差）');
    expect(text).toContain('选举产生新一届支部委员会');
    expect(text).toContain('微党课2026-07-09');
    expect(text).toContain('参加评议 5 名：优秀 2 名，合格 2 名，基本合格 1 名，不合格 0 名');
    expect(text).toContain('部门预算编制偏差大');
    expect(text).toContain('积极分子乙');
    expect(text).not.toContain('上年度支部党员大会');
    expect(text).not.toContain('计划中的支委会');
  });

  it('holds a talk’s date and people, never its content, topic or place', () => {
    const talks = text.slice(text.indexOf('九、谈心谈话'), text.indexOf('十、学用融'));
    expect(talks).toContain('2026-05-05');
    expect(talks).toContain('郑甲');
    expect(talks).toContain('2026-11-05');
    const all = [...parts.values()].map((b) => b.toString('utf8')).join('\n');
    expect(all).not.toContain(TALK_SECRET);
    expect(all).not.toContain(TALK_TOPIC);
    expect(all).not.toContain('书记办公室');
  });

  it('leaves an audit entry for the download', async () => {
    const entries = await L.w.t.database.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('action', '=', 'branch.ledger_export')
      .execute();
    expect(entries).toContainEqual({ action: 'branch.ledger_export', entityId: L.w.B1.id });
  });
});
