import { describe, expect, it } from 'vitest';
import type { Appraisal, Handover } from '#contracts/handover';
import type { Session } from '#contracts/identity';
import type { Period, PeriodState } from '#contracts/responsibility';
import type { Duty } from '#contracts/responsibility-me';
import { visibleCards, WORKBENCH_CARDS } from '../../app/workbench.ts';
import { zhCN } from '../../i18n/zh-cn.ts';
import {
  appraisalRole,
  appraisalsWaiting,
  chinaToday,
  DOMAIN_COLOURS,
  defaultPeriodId,
  evidenceProblem,
  filterCount,
  filterDuties,
  handoversToAcknowledge,
  mayRate,
  parseDutyFilter,
  periodLabel,
  reportedOnProblem,
  STATE_COLOURS,
  STATE_KEYS,
  topDuties,
} from './duty-logic.ts';

const period = (id: string, state: PeriodState, dueOn: string, extra: Partial<Period> = {}): Period => ({
  id,
  periodKey: dueOn.slice(0, 7),
  startsOn: `${dueOn.slice(0, 7)}-01`,
  dueOn,
  state,
  progress: 0,
  doneOn: null,
  fulfilledBy: null,
  ...extra,
});

const duty = (title: string, state: PeriodState, dueOn: string): Duty => ({
  itemId: `item-${title}`,
  title,
  domain: 'party',
  category: '组织建设',
  listTitle: '2026年度落实责任清单',
  ownerOrgName: '第一党支部',
  recurrence: 'monthly',
  recordKindLabel: null,
  delegatedFrom: null,
  period: period(`p-${title}`, state, dueOn),
});

const DUTIES = [
  duty('按时', 'done', '2026-11-30'),
  duty('将到期乙', 'due_soon', '2026-12-10'),
  duty('逾期甲', 'overdue', '2026-11-30'),
  duty('进行', 'open', '2026-12-31'),
  duty('将到期甲', 'due_soon', '2026-12-08'),
  duty('迟交', 'late', '2026-10-31'),
  duty('豁免', 'exempt', '2026-12-31'),
  duty('逾期乙', 'overdue', '2026-10-31'),
];
const titles = (ds: Duty[]) => ds.map((d) => d.title);

describe('filters', () => {
  it('reads the address, and anything unknown is the whole list', () => {
    expect(parseDutyFilter('overdue')).toBe('overdue');
    expect(parseDutyFilter('done')).toBe('done');
    expect(parseDutyFilter(null)).toBe('all');
    expect(parseDutyFilter('OVERDUE')).toBe('all');
    expect(parseDutyFilter('exempt')).toBe('all');
  });

  it('lists the most urgent first: overdue, due soon, open, each by due date, the settled last', () => {
    expect(titles(filterDuties(DUTIES, 'all'))).toEqual([
      '逾期乙',
      '逾期甲',
      '将到期甲',
      '将到期乙',
      '进行',
      '迟交',
      '按时',
      '豁免',
    ]);
  });

  it('filters by state; done takes those done late too', () => {
    expect(titles(filterDuties(DUTIES, 'overdue'))).toEqual(['逾期乙', '逾期甲']);
    expect(titles(filterDuties(DUTIES, 'due_soon'))).toEqual(['将到期甲', '将到期乙']);
    expect(titles(filterDuties(DUTIES, 'open'))).toEqual(['进行']);
    expect(titles(filterDuties(DUTIES, 'done'))).toEqual(['迟交', '按时']);
  });

  it('takes the counts from the server, one per tile', () => {
    const counts = { open: 1, dueSoon: 2, overdue: 3, doneThisYear: 4 };
    expect(
      (['open', 'due_soon', 'overdue', 'done'] as const).map((filter) => filterCount(counts, filter)),
    ).toEqual([1, 2, 3, 4]);
  });

  it('gives the workbench the three most urgent of a state', () => {
    const many = [1, 2, 3, 4].map((n) => duty(`o${n}`, 'overdue', `2026-0${5 - n}-28`));
    expect(titles(topDuties(many, 'overdue'))).toEqual(['o4', 'o3', 'o2']);
    expect(topDuties(DUTIES, 'due_soon')).toHaveLength(2);
  });
});

describe('colours and labels', () => {
  it('marks overdue red, done green, done late neither', () => {
    expect(STATE_COLOURS.overdue).toBe('red');
    expect(STATE_COLOURS.due_soon).toBe('orange');
    expect(STATE_COLOURS.done).toBe('green');
    expect(STATE_COLOURS.late).not.toBe('green');
    expect(STATE_COLOURS.late).not.toBe('red');
  });

  it('gives the three domains three colours that are not state colours', () => {
    const domain = Object.values(DOMAIN_COLOURS);
    expect(new Set(domain).size).toBe(3);
    for (const colour of domain) expect(Object.values(STATE_COLOURS)).not.toContain(colour);
  });

  it('names each state as the contracts do', () => {
    expect(zhCN[STATE_KEYS.done]).toBe('按时完成');
    expect(zhCN[STATE_KEYS.late]).toBe('逾期完成');
    expect(zhCN[STATE_KEYS.overdue]).toBe('已逾期');
  });

  it('names periods as a reader says them', () => {
    expect(periodLabel('2026-03')).toEqual({
      key: 'myDuties.period.month',
      vars: { year: '2026', month: 3 },
    });
    expect(periodLabel('2026-Q4')).toEqual({ key: 'myDuties.period.quarter', vars: { year: '2026', n: 4 } });
    expect(periodLabel('2026-H2').key).toBe('myDuties.period.secondHalf');
    expect(periodLabel('2026-H1').key).toBe('myDuties.period.firstHalf');
    expect(periodLabel('2026')).toEqual({ key: 'myDuties.period.year', vars: { year: '2026' } });
    expect(periodLabel('once').key).toBe('myDuties.period.once');
    expect(periodLabel('2026-13x').key).toBe('myDuties.period.other');
  });
});

describe('the report form', () => {
  const periods = [
    period('jan', 'late', '2026-01-31'),
    period('feb', 'overdue', '2026-02-28'),
    period('mar', 'exempt', '2026-03-31'),
    period('apr', 'open', '2026-04-30'),
  ];

  it('opens on the period asked for while it may be reported, else the earliest that may', () => {
    expect(defaultPeriodId(periods, 'apr')).toBe('apr');
    expect(defaultPeriodId(periods, 'jan')).toBe('feb');
    expect(defaultPeriodId(periods, 'mar')).toBe('feb');
    expect(defaultPeriodId(periods, null)).toBe('feb');
    expect(defaultPeriodId(periods.slice(0, 1), null)).toBeNull();
  });

  it('counts today as the server does, in China, whatever the device says', () => {
    expect(chinaToday(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(chinaToday(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
    expect(chinaToday(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  });

  it('refuses a completion date in the future or before the period began', () => {
    expect(reportedOnProblem('2026-12-07', '2026-12-06', '2026-12-01')?.key).toBe(
      'myDuties.reportedOnFuture',
    );
    expect(reportedOnProblem('2026-11-30', '2026-12-06', '2026-12-01')).toEqual({
      key: 'myDuties.reportedOnBeforeStart',
      vars: { date: '2026-12-01' },
    });
    expect(reportedOnProblem('2026-12-06', '2026-12-06', '2026-12-01')).toBeNull();
    expect(reportedOnProblem('2026-12-01', '2026-12-06', '2026-12-01')).toBeNull();
  });

  it('takes the evidence types the server takes, up to 10 MB', () => {
    expect(evidenceProblem({ name: '会议纪要.PDF', size: 1000 })).toBeNull();
    expect(evidenceProblem({ name: '现场照片.jpeg', size: 10 * 1024 * 1024 })).toBeNull();
    expect(evidenceProblem({ name: 'a.webp', size: 1 })).toBeNull();
    expect(evidenceProblem({ name: '台账.xlsx', size: 1 })).toBeNull();
    expect(evidenceProblem({ name: '现场照片.jpg', size: 10 * 1024 * 1024 + 1 })).toBe('size');
    // The old binary Office formats are refused by the server: say so before the upload.
    expect(evidenceProblem({ name: '纪要.doc', size: 1 })).toBe('type');
    expect(evidenceProblem({ name: 'run.exe', size: 1 })).toBe('type');
    expect(evidenceProblem({ name: 'pdf', size: 1 })).toBe('type');
  });
});

const handover = (id: string, status: Handover['status'], acknowledged: (string | null)[]): Handover => ({
  id,
  kind: 'handover',
  fromMemberId: 'a',
  fromMemberName: '张三',
  toMemberId: 'b',
  toMemberName: '李四',
  post: '支部书记',
  reason: '工作调动',
  startsOn: '2026-12-01',
  endsOn: null,
  status,
  inForce: false,
  createdByName: '王干事',
  createdAt: '2026-12-01T00:00:00Z',
  completedAt: null,
  version: 1,
  entries: acknowledged.map((at, i) => ({
    kind: 'responsibility.item',
    kindLabel: '职责',
    id: `e${i}`,
    label: `事项${i}`,
    dueOn: null,
    acknowledgedAt: at,
  })),
  acknowledged: acknowledged.filter(Boolean).length,
});

describe('handovers to acknowledge', () => {
  it('keeps the entries not yet acknowledged, of handovers not cancelled', () => {
    const out = handoversToAcknowledge([
      handover('h1', 'completed', [null, '2026-12-02T00:00:00Z', null]),
      handover('h2', 'completed', ['2026-12-02T00:00:00Z']),
      handover('h3', 'cancelled', [null]),
    ]);
    expect(out.map((h) => [h.handover.id, h.pending.map((e) => e.id)])).toEqual([['h1', ['e0', 'e2']]]);
  });
});

const appraisal = (status: Appraisal['status'], author: string, raters: Appraisal['raters']): Appraisal => ({
  id: `a-${author}-${status}`,
  listId: 'l',
  listTitle: '书记抓党建责任清单',
  year: 2026,
  authorMemberId: author,
  authorName: '赵支书',
  status,
  summary: '',
  lines: [],
  submittedAt: null,
  version: 1,
  raters,
  result: null,
});
const seat = (memberId: string, grade: Appraisal['raters'][number]['grade']) => ({
  memberId,
  name: '评议人',
  grade,
  comment: null,
  ratedAt: null,
});

describe('appraisals', () => {
  it('tells the author from a rater', () => {
    expect(appraisalRole(appraisal('draft', 'me', []), 'me')).toBe('author');
    expect(appraisalRole(appraisal('draft', 'other', []), 'me')).toBe('rater');
    expect(appraisalRole(appraisal('draft', 'other', []), null)).toBe('rater');
  });

  it('lets a rater grade a submitted report once', () => {
    expect(mayRate(appraisal('submitted', 'x', [seat('me', null)]), 'me')).toBe(true);
    expect(mayRate(appraisal('submitted', 'x', [seat('me', 'good')]), 'me')).toBe(false);
    expect(mayRate(appraisal('draft', 'x', [seat('me', null)]), 'me')).toBe(false);
    expect(mayRate(appraisal('appraised', 'x', [seat('me', 'good')]), 'me')).toBe(false);
  });

  it('counts what waits on the person: their draft and the reports they have not graded', () => {
    expect(
      appraisalsWaiting(
        [
          appraisal('draft', 'me', []),
          appraisal('submitted', 'me', []),
          appraisal('submitted', 'x', [seat('me', null)]),
          appraisal('submitted', 'y', [seat('me', 'fair')]),
          appraisal('draft', 'z', [seat('me', null)]),
        ],
        'me',
      ),
    ).toBe(2);
  });
});

describe('workbench cards', () => {
  const session = (memberId: string | null): Session => ({
    user: { id: 'u', username: 'u', displayName: '用户', mustChangePassword: false, memberId, isDemo: false },
    roles: [],
    permissions: [],
    csrfToken: 'x',
    idleTimeoutMinutes: 30,
  });
  const ours = (s: Session) =>
    visibleCards(WORKBENCH_CARDS, s)
      .map((c) => c.key)
      .filter((k) => k.startsWith('responsibility.'));

  it('shows the duty cards, counts first, to an account linked to a member only', () => {
    expect(ours(session('a-member'))).toEqual([
      'responsibility.my-duties',
      'responsibility.overdue',
      'responsibility.due-soon',
    ]);
    expect(ours(session(null))).toEqual([]);
  });
});
