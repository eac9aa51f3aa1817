// Test-only: a branch with a year of work recorded through the API, on 2026-12-20 — meetings of every kind (one of
// them in a cell), a theme day with its 五个一, an appraisal, talks, study, dues paid, people in the development
// register, a member transferred in and one who left — for the ledger and the Excel tests.
import type { BranchRecord } from '#contracts/branch';
import type { Client } from '../../../../test/helpers.ts';
import {
  account,
  addMember,
  type DuesWorld,
  duesWorld,
  idNumberBornOn,
  type Org,
} from './branch.dues.test-helpers.ts';

export const TODAY = '2026-12-20';
export const TALK_SECRET = '谈话内容机密TALKSECRET';
export const TALK_TOPIC = '谈话主题保密TALKTOPIC';

export type LedgerWorld = {
  w: DuesWorld;
  cell: Org;
  /** Members by their short names. */
  m: Record<'sec' | 'com' | 'zheng' | 'wang' | 'li' | 'chen' | 'feng' | 'other', string>;
  secretary: Client;
  reader: Client;
  otherSecretary: Client;
  records: BranchRecord[];
};

export const ok = async <T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>) => {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`expected 200, got ${r.statusCode}: ${r.body.slice(0, 600)}`);
  return r.json() as T;
};

type Att = { memberId: string; attendance: 'present' | 'excused' | 'absent'; reason?: string };
const here = (ids: string[]): Att[] => ids.map((memberId) => ({ memberId, attendance: 'present' }));

export async function ledgerWorld(): Promise<LedgerWorld> {
  const w = await duesWorld(TODAY);
  const made = await ok<{ id: string }>(
    w.officer.post('/api/party-orgs', { parentId: w.B1.id, code: 'DB1C1', name: '第一党小组', kind: 'cell' }),
  );
  const cellRow = await w.t.database.db
    .selectFrom('partyOrg')
    .select(['id', 'path', 'unitId'])
    .where('id', '=', made.id)
    .executeTakeFirstOrThrow();
  const cell: Org = cellRow;
  const id = async (org: Org, name: string, o: Parameters<typeof addMember>[3] = {}) =>
    (await addMember(w, org, name, o)).id;
  const m = {
    sec: await id(w.B1, '周书记', { partyPost: 'secretary' }),
    com: await id(w.B1, '吴委员', { partyPost: 'committee_member' }),
    zheng: await id(w.B1, '郑甲'),
    wang: await id(w.B1, '王乙'),
    li: await id(cell, '李丙'),
    chen: await id(w.B2, '陈转入'),
    feng: await id(w.B1, '冯离开'),
    other: await id(w.B2, '褚二支书', { partyPost: 'secretary' }),
  };
  // 陈 comes from branch 2 on 10 May; 冯 leaves on 1 August.
  const version = async (memberId: string) =>
    (
      await w.t.database.db
        .selectFrom('member')
        .select('version')
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow()
    ).version;
  await ok(
    w.officer.post(`/api/members/${m.chen}/transfer`, {
      toPartyOrgId: w.B1.id,
      on: '2026-05-10',
      reason: '工作调动',
      version: await version(m.chen),
    }),
  );
  await ok(
    w.officer.post(`/api/members/${m.feng}/leave`, {
      on: '2026-08-01',
      reason: '去世',
      version: await version(m.feng),
    }),
  );
  const secretary = await account(w, 'led-bs', [{ role: 'branch_secretary', partyOrgId: w.B1.id }], m.sec);
  const reader = await account(w, 'led-lgm', [{ role: 'leading_group_member', partyOrgId: w.JG.id }]);
  const otherSecretary = await account(
    w,
    'led-bs2',
    [{ role: 'branch_secretary', partyOrgId: w.B2.id }],
    m.other,
  );

  const before = [m.sec, m.com, m.zheng, m.wang, m.li, m.feng];
  const after = [m.sec, m.com, m.zheng, m.wang, m.li, m.chen];
  const rec = (body: Record<string, unknown>) =>
    ok<BranchRecord>(secretary.post('/api/branch/records', { partyOrgId: w.B1.id, status: 'held', ...body }));
  const records: BranchRecord[] = [];
  const add = async (body: Record<string, unknown>) => {
    records.push(await rec(body));
  };
  // Last year's meeting: not in this year's ledger.
  await add({
    kind: 'general_meeting',
    heldOn: '2025-12-20',
    topic: '上年度支部党员大会',
    attendees: here(before),
  });
  await add({
    kind: 'general_meeting',
    heldOn: '2026-03-15',
    topic: '选举支部委员会',
    place: '三楼会议室',
    hostMemberId: m.sec,
    recorderMemberId: m.com,
    resolutions: '选举产生新一届支部委员会',
    attendees: [
      ...here([m.sec, m.com, m.zheng, m.li, m.feng]),
      { memberId: m.wang, attendance: 'excused', reason: '出差' },
    ],
  });
  await add({
    kind: 'general_meeting',
    heldOn: '2026-09-20',
    topic: '讨论预备党员转正',
    attendees: [...here([m.sec, m.com, m.zheng, m.wang, m.chen]), { memberId: m.li, attendance: 'absent' }],
  });
  for (const day of ['2026-02-10', '2026-06-10', '2026-10-10'])
    await add({
      kind: 'committee_meeting',
      heldOn: day,
      topic: `支委会${day}`,
      attendees: here([m.sec, m.com]),
    });
  await add({
    kind: 'party_lecture',
    heldOn: '2026-06-28',
    topic: '七一专题党课',
    hostMemberId: m.sec,
    attendees: here(after),
  });
  for (const [day, topic] of [
    ['2026-06-09', '学习贯彻主题党日'],
    ['2026-07-09', '业务攻坚主题党日'],
  ] as const)
    await add({
      kind: 'theme_day',
      heldOn: day,
      topic,
      parts: {
        theory: `理论${day}`,
        bulletin: `业绩${day}`,
        exchange: `交流${day}`,
        microLecture: `微党课${day}`,
      },
      attendees: here(after),
    });
  await add({
    kind: 'org_life_meeting',
    heldOn: '2026-01-20',
    topic: '年度组织生活会',
    attendees: here(before),
  });
  await add({
    kind: 'member_appraisal',
    heldOn: '2026-01-25',
    topic: '年度民主评议党员',
    attendees: here(before),
    grades: [
      { memberId: m.sec, grade: 'excellent' },
      { memberId: m.com, grade: 'qualified' },
      { memberId: m.zheng, grade: 'qualified' },
      { memberId: m.wang, grade: 'basically_qualified' },
      { memberId: m.li, grade: 'excellent' },
    ],
  });
  for (const [day, whom] of [
    ['2026-05-05', m.zheng],
    ['2026-11-05', m.wang],
  ] as const)
    await add({
      kind: 'talk',
      heldOn: day,
      topic: TALK_TOPIC,
      place: '书记办公室',
      content: TALK_SECRET,
      resolutions: TALK_SECRET,
      hostMemberId: m.sec,
      attendees: here([whom]),
    });
  await add({
    kind: 'study',
    heldOn: '2026-08-15',
    topic: '学习新修订的预算法',
    studied: '预算法修订条文',
    appliedTo: '部门预算编制偏差大',
    outcome: '形成预算编制核对清单',
    attendees: here(after),
  });
  await add({
    kind: 'committee_meeting',
    status: 'planned',
    plannedOn: '2026-12-28',
    topic: '计划中的支委会',
  });
  // Cells hold their own meetings.
  records.push(
    await ok<BranchRecord>(
      secretary.post('/api/branch/records', {
        partyOrgId: cell.id,
        kind: 'cell_meeting',
        status: 'held',
        heldOn: '2026-04-10',
        topic: '党小组学习会',
        attendees: here([m.li]),
      }),
    ),
  );

  // 党费: 郑 with a base, two months paid.
  await ok(
    secretary.post('/api/branch/dues/bases', {
      memberId: m.zheng,
      effectiveFrom: '2026-01',
      category: 'serving',
      incomeFen: 400_000,
    }),
  );
  await ok(
    secretary.post('/api/branch/dues/payments', {
      memberId: m.zheng,
      months: ['2026-01', '2026-02'],
      amountFen: 8_000,
      paidOn: '2026-02-28',
    }),
  );
  // 发展党员: one applied this year, one became an activist this year.
  await ok(
    secretary.post('/api/branch/development', {
      partyOrgId: w.B1.id,
      name: '申请人甲',
      idNumber: idNumberBornOn('1998-02-02'),
      appliedOn: '2026-03-01',
    }),
  );
  const early = await ok<{ id: string; version: number }>(
    secretary.post('/api/branch/development', {
      partyOrgId: w.B1.id,
      name: '积极分子乙',
      idNumber: idNumberBornOn('1997-03-03'),
      appliedOn: '2025-09-01',
    }),
  );
  await ok(
    secretary.patch(`/api/branch/development/${early.id}`, {
      activistOn: '2026-04-01',
      version: early.version,
    }),
  );
  return { w, cell, m, secretary, reader, otherSecretary, records };
}
