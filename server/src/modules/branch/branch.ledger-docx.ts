// The 支部工作记录 as a Word document, section by section as the standard book has them, from the same answer as
// the printable page (branch.ledger.ts). Every meeting is written as the book writes it — time, place, host,
// recorder, topic, attendance, those excused and why, resolutions — in a two-column card; talks only as a line each
// (date, who talked, with whom), never their content.
import { GRADE_LABELS, type Grade, RECORD_KIND_LABELS } from '#contracts/branch';
import { DEVELOPMENT_STAGE_LABELS } from '#contracts/branch-development';
import { yuan } from '#contracts/branch-dues';
import type { BranchLedger, LedgerRecord } from '#contracts/branch-files';
import type { Ctx } from '../../core/context.ts';
import { recordAudit } from '../audit/index.ts';
import { branchLedger } from './branch.ledger.ts';
import {
  type Column,
  card,
  centred,
  dataRow,
  field,
  gap,
  heading,
  packDocument,
  prose,
  SIZE,
  subheading,
  table,
  title,
} from './branch.ledger-docx-kit.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];
const GRADES: Grade[] = ['excellent', 'qualified', 'basically_qualified', 'unqualified'];
const NONE = '无';
const orNone = (v: string | null | undefined) => (v?.trim() ? v : NONE);
const list = (names: readonly string[]) => (names.length ? names.join('、') : NONE);

/** The sections of meetings, in the book's order: the kind, and the word for its host. */
const MEETING_SECTIONS: { kind: LedgerRecord['kind']; host: string; topic: string; verb: string }[] = [
  { kind: 'general_meeting', host: '主持人', topic: '会议主题', verb: '召开' },
  { kind: 'committee_meeting', host: '主持人', topic: '会议主题', verb: '召开' },
  { kind: 'cell_meeting', host: '主持人', topic: '会议主题', verb: '召开' },
  { kind: 'party_lecture', host: '授课人', topic: '党课题目', verb: '讲授' },
  { kind: 'theme_day', host: '主持人', topic: '活动主题', verb: '开展' },
  { kind: 'org_life_meeting', host: '主持人', topic: '会议主题', verb: '召开' },
];
const PARTS: { key: 'theory' | 'bulletin' | 'exchange' | 'microLecture'; label: string }[] = [
  { key: 'theory', label: '学习一段理论' },
  { key: 'bulletin', label: '通报一次业绩' },
  { key: 'exchange', label: '开展一次交流' },
  { key: 'microLecture', label: '讲一堂微党课' },
];

export function attendance(r: LedgerRecord): string {
  const guests = r.guests > 0 ? `，列席 ${r.guests} 人` : '';
  return `应到 ${r.expected} 人，实到 ${r.present} 人${guests}`;
}
export const excusedText = (r: LedgerRecord) =>
  list(r.excused.map((e) => (e.reason ? `${e.name}（${e.reason}）` : e.name)));

function meetingCard(ledger: BranchLedger, r: LedgerRecord, host: string, topic: string) {
  const lines: [string, string][] = [['时间', r.heldOn]];
  if (r.partyOrgName !== ledger.partyOrgName) lines.push(['党组织', r.partyOrgName]);
  lines.push(
    ['地点', orNone(r.place)],
    [host, orNone(r.hostName)],
    ['记录人', orNone(r.recorderName)],
    [topic, r.topic],
    ['出席情况', attendance(r)],
    ['请假人员', excusedText(r)],
    ['缺席人员', list(r.absent)],
  );
  if (r.parts) for (const p of PARTS) lines.push([p.label, orNone(r.parts[p.key])]);
  lines.push(['决议事项', orNone(r.resolutions)]);
  return card(lines);
}

function basicsSection(ledger: BranchLedger, n: string) {
  const b = ledger.basics;
  const memberColumns: Column[] = [
    { header: '序号', width: 800, align: 'center' },
    { header: '姓名', width: 2200, align: 'center' },
    { header: '党内职务', width: 2000, align: 'center' },
    { header: '所在党组织', width: 3844 },
  ];
  const moveColumns: Column[] = [
    { header: '日期', width: 1600, align: 'center' },
    { header: '姓名', width: 1600, align: 'center' },
    { header: '党组织', width: 2600 },
    { header: '情况', width: 3044 },
  ];
  const moves = [
    ...b.joined.map((m) => ({ ...m, what: `进入：${m.how}` })),
    ...b.left.map((m) => ({ ...m, what: `离开：${m.how}` })),
  ].sort((x, y) => x.on.localeCompare(y.on));
  return [
    heading(`${n}、基本情况`),
    field('党组织', `${ledger.partyOrgName}（${b.partyOrgKind}）`),
    ...(b.parentName ? [field('上级党组织', b.parentName)] : []),
    field('书记', list(b.secretaries)),
    ...(b.deputySecretaries.length ? [field('副书记', list(b.deputySecretaries))] : []),
    field('委员', list(b.committeeMembers)),
    prose(
      `年初（${b.startOn}）在册党员 ${b.startCount} 名，${b.endOn} 在册党员 ${b.endCount} 名；` +
        `本年度进入 ${b.joined.length} 名，离开 ${b.left.length} 名。`,
    ),
    subheading(`党员名册（${b.endOn}）`),
    table(
      memberColumns,
      b.members.map((m, i) =>
        dataRow([String(i + 1), m.name, m.partyPost ?? '', m.partyOrgName], memberColumns),
      ),
    ),
    ...(moves.length
      ? [
          subheading('党员进出情况'),
          table(
            moveColumns,
            moves.map((m) => dataRow([m.on, m.name, m.partyOrgName, m.what], moveColumns)),
          ),
        ]
      : []),
  ];
}

function appraisalSection(ledger: BranchLedger, n: string) {
  const rows = ledger.records.filter((r) => r.kind === 'member_appraisal');
  const columns: Column[] = [
    { header: '序号', width: 800, align: 'center' },
    { header: '姓名', width: 2200, align: 'center' },
    { header: '评议等次', width: 1800, align: 'center' },
    { header: '备注', width: 4044 },
  ];
  return [
    heading(`${n}、民主评议党员`),
    prose(rows.length ? `本年度开展民主评议党员 ${rows.length} 次。` : '本年度无民主评议党员记录。'),
    ...rows.flatMap((r, i) => {
      const counts = r.gradeCounts ?? { excellent: 0, qualified: 0, basically_qualified: 0, unqualified: 0 };
      const summary = GRADES.map((g) => `${GRADE_LABELS[g].zh} ${counts[g]} 名`).join('，');
      return [
        subheading(`（${i + 1}）${r.heldOn}　${r.topic}`),
        card([
          ['时间', r.heldOn],
          ['地点', orNone(r.place)],
          ['主持人', orNone(r.hostName)],
          ['出席情况', attendance(r)],
          ['评议结果', `参加评议 ${r.grades.length} 名：${summary}`],
        ]),
        gap(),
        table(
          columns,
          r.grades.map((g, k) =>
            dataRow([String(k + 1), g.name, GRADE_LABELS[g.grade].zh, g.note ?? ''], columns),
          ),
        ),
        gap(),
      ];
    }),
  ];
}

function talkSection(ledger: BranchLedger, n: string) {
  const columns: Column[] = [
    { header: '序号', width: 800, align: 'center' },
    { header: '日期', width: 1600, align: 'center' },
    { header: '谈话人', width: 1800, align: 'center' },
    { header: '谈话对象', width: 4644 },
  ];
  return [
    heading(`${n}、谈心谈话`),
    prose(
      `本年度开展谈心谈话 ${ledger.talks.length} 次。谈话内容仅谈话双方和支部书记可见，本记录只载明谈话时间和人员。`,
    ),
    ...(ledger.talks.length
      ? [
          table(
            columns,
            ledger.talks.map((t, i) =>
              dataRow([String(i + 1), t.heldOn, t.hostName ?? '', list(t.participants)], columns),
            ),
          ),
        ]
      : []),
  ];
}

function awaySection(ledger: BranchLedger, n: string) {
  const columns: Column[] = [
    { header: '序号', width: 800, align: 'center' },
    { header: '日期', width: 1500, align: 'center' },
    { header: '临时党组织', width: 2400 },
    { header: '活动', width: 2644 },
    { header: '本支部参加党员', width: 1500 },
  ];
  return [
    heading(`${n}、党员参加临时党组织活动`),
    prose(
      ledger.away.length
        ? `本年度本支部党员参加临时党组织活动 ${ledger.away.length} 次，计入本支部党员的组织生活。`
        : '本年度本支部党员未参加临时党组织活动。',
    ),
    ...(ledger.away.length
      ? [
          table(
            columns,
            ledger.away.map((a, i) =>
              dataRow(
                [
                  String(i + 1),
                  a.heldOn,
                  a.partyOrgName,
                  `${RECORD_KIND_LABELS[a.kind].zh}${a.topic ? `：${a.topic}` : ''}`,
                  list(a.members),
                ],
                columns,
              ),
            ),
          ),
        ]
      : []),
  ];
}

function studySection(ledger: BranchLedger, n: string) {
  const rows = ledger.records.filter((r) => r.kind === 'study');
  return [
    heading(`${n}、学用融`),
    prose(rows.length ? `本年度开展学用融学习 ${rows.length} 次。` : '本年度无学用融学习记录。'),
    ...rows.flatMap((r, i) => [
      subheading(`（${i + 1}）${r.heldOn}　${r.topic}`),
      card([
        ['时间', r.heldOn],
        ['出席情况', attendance(r)],
        ['学习内容', orNone(r.studied)],
        ['解决的业务问题', orNone(r.appliedTo)],
        ['取得的成效', orNone(r.outcome)],
      ]),
      gap(),
    ]),
  ];
}

function duesSection(ledger: BranchLedger, n: string) {
  const d = ledger.dues;
  const amounts = d.showsAmounts;
  const columns: Column[] = [
    { header: '序号', width: 700, align: 'center' },
    { header: '姓名', width: amounts ? 1300 : 1800, align: 'center' },
    { header: '党组织', width: amounts ? 1944 : 3044 },
    { header: '应交月数', width: 1100, align: 'center' },
    { header: '已交月数', width: 1100, align: 'center' },
    { header: '欠交月数', width: 1100, align: 'center' },
    ...(amounts
      ? [
          { header: '应交（元）', width: 800, align: 'center' as const },
          { header: '实交（元）', width: 800, align: 'center' as const },
        ]
      : []),
  ];
  const t = d.totals;
  const money = amounts
    ? `，应交 ${yuan(t.dueFen ?? 0)} 元，实交 ${yuan(t.paidFen ?? 0)} 元，欠交 ${yuan(t.arrearsFen ?? 0)} 元`
    : '';
  return [
    heading(`${n}、党费收缴`),
    prose(
      `截至 ${d.currentMonth}，应交党费党员 ${t.members} 名，应交 ${t.dueMonths} 人·月，已交 ${t.paidMonths} 人·月，` +
        `欠交 ${t.arrearsMembers} 人 ${t.arrearsMonths} 人·月${money}。` +
        (amounts ? '' : '（金额仅收缴党费的同志可见。）'),
    ),
    ...(d.members.length
      ? [
          table(
            columns,
            d.members.map((m, i) =>
              dataRow(
                [
                  String(i + 1),
                  m.name,
                  m.partyOrgName,
                  String(m.dueMonths),
                  String(m.paidMonths),
                  String(m.arrearsMonths),
                  ...(amounts ? [yuan(m.dueFen ?? 0), yuan(m.paidFen ?? 0)] : []),
                ],
                columns,
              ),
            ),
          ),
        ]
      : []),
  ];
}

function developmentSection(ledger: BranchLedger, n: string) {
  const columns: Column[] = [
    { header: '序号', width: 700, align: 'center' },
    { header: '姓名', width: 1400, align: 'center' },
    { header: '本年度进入的阶段', width: 3500 },
    { header: '目前阶段', width: 1500, align: 'center' },
    { header: '入党介绍人', width: 1744, align: 'center' },
  ];
  const people = ledger.development;
  return [
    heading(`${n}、发展党员`),
    prose(people.length ? `本年度发展党员工作涉及 ${people.length} 人。` : '本年度无发展党员工作记录。'),
    ...(people.length
      ? [
          table(
            columns,
            people.map((p, i) =>
              dataRow(
                [
                  String(i + 1),
                  p.name,
                  p.steps.map((s) => `${s.on} ${DEVELOPMENT_STAGE_LABELS[s.stage].zh}`).join('\n'),
                  DEVELOPMENT_STAGE_LABELS[p.stage].zh,
                  list(p.introducers),
                ],
                columns,
              ),
            ),
          ),
        ]
      : []),
  ];
}

export function ledgerChildren(ledger: BranchLedger) {
  let section = 0;
  const next = () => NUMERALS[section++] ?? String(section);
  const basics = basicsSection(ledger, next());
  const meetings = MEETING_SECTIONS.flatMap(({ kind, host, topic, verb }) => {
    const label = RECORD_KIND_LABELS[kind].zh;
    const rows = ledger.records.filter((r) => r.kind === kind);
    return [
      heading(`${next()}、${label}`),
      prose(rows.length ? `本年度${verb}${label} ${rows.length} 次。` : `本年度无${label}记录。`),
      ...rows.flatMap((r, i) => [
        subheading(`（${i + 1}）${r.heldOn}　${r.topic}`),
        meetingCard(ledger, r, host, topic),
        gap(),
      ]),
    ];
  });
  return [
    title('支部工作记录'),
    centred(`（${ledger.year} 年度）`, SIZE.xiaosi),
    field('党组织', ledger.partyOrgName),
    field('记录年度', `${ledger.year} 年`),
    ...basics,
    ...meetings,
    ...appraisalSection(ledger, next()),
    ...talkSection(ledger, next()),
    ...studySection(ledger, next()),
    ...awaySection(ledger, next()),
    ...duesSection(ledger, next()),
    ...developmentSection(ledger, next()),
    centred(`本记录由系统根据支部工作记录生成，生成日期 ${ledger.generatedOn}`, SIZE.xiaowu),
  ];
}

const safeName = (name: string) => name.replace(/[\\/:*?"<>|\r\n\t]+/g, '').slice(0, 80);

export async function ledgerDocument(
  ctx: Ctx,
  q: { partyOrgId: string; year: number },
): Promise<{ buffer: Buffer; filename: string }> {
  const ledger = await branchLedger(ctx, q);
  const name = `${ledger.partyOrgName}${ledger.year}年支部工作记录`;
  const buffer = await packDocument({
    title: name,
    subject: '支部工作记录',
    children: ledgerChildren(ledger),
  });
  await recordAudit(ctx, {
    action: 'branch.ledger_export',
    entityType: 'party_org',
    entityId: ledger.partyOrgId,
    details: { year: ledger.year, format: 'docx', records: ledger.records.length + ledger.talks.length },
  });
  return { buffer, filename: `${safeName(name)}.docx` };
}
