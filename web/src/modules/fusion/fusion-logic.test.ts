import { describe, expect, it } from 'vitest';
import type { Board, Need, Resource, SuggestionReason } from '#contracts/fusion';
import type { Kpi } from '#contracts/fusion-project';
import { format } from '../../i18n/format.ts';
import { zhCN } from '../../i18n/zh-cn.ts';
import {
  addTeamMember,
  approvalGaps,
  boardPairs,
  freeSlots,
  kpisLackingResult,
  kpiValue,
  matchOptions,
  parseFilters,
  pickUnit,
  pointsText,
  RESOURCE_DRAG_TYPE,
  reasonWording,
  resourceFromDrop,
  stepsView,
  teamBranches,
  terminatedFrom,
  withFilters,
} from './fusion-logic.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const zh = (reason: SuggestionReason) => {
  const w = reasonWording(reason);
  return format(zhCN[w.key], w.vars);
};

const need = (n: number, extra: Partial<Need> = {}): Need => ({
  id: id(n),
  unitId: id(900),
  departmentId: id(800),
  departmentName: '政策法规科',
  title: `需求${n}`,
  problem: '问题',
  kpiName: null,
  urgency: 'normal',
  raisedBy: '张科长',
  raisedOn: '2026-03-01',
  tags: [],
  status: 'open',
  closedOn: null,
  closedReason: null,
  projects: [],
  version: 1,
  ...extra,
});
const resource = (n: number, extra: Partial<Resource> = {}): Resource => ({
  id: id(n),
  unitId: id(900),
  partyOrgId: id(700),
  partyOrgName: '第三党支部',
  kind: 'skill',
  title: `资源${n}`,
  description: null,
  memberId: null,
  memberName: null,
  partnerOrgId: null,
  partnerOrgName: null,
  tags: [],
  capacity: 3,
  inUse: 1,
  status: 'active',
  version: 1,
  ...extra,
});

describe('reasonWording', () => {
  it('words each kind of reason from its facts, as the officers read them', () => {
    expect(
      zh({ kind: 'department_link', points: 40, branchName: '第三党支部', departmentName: '政策法规科' }),
    ).toBe('第三党支部联系政策法规科（支部建在科上）');
    expect(zh({ kind: 'shared_tags', points: 30, tags: ['数据治理', '窗口服务'] })).toBe(
      '共同关键词：数据治理、窗口服务',
    );
    expect(zh({ kind: 'capacity', points: 10, free: 2, capacity: 3 })).toBe('还可承担 2 个项目（共 3 个）');
    expect(zh({ kind: 'urgency', points: 10, urgency: 'critical' })).toBe('紧急');
    expect(zh({ kind: 'urgency', points: 5, urgency: 'urgent' })).toBe('较急');
    expect(zh({ kind: 'declined_before', points: 0 })).toBe('此前婉拒，情况已有变化');
    expect(zh({ kind: 'declined_before', points: 0, declinedOn: '2026-04-02' })).toBe(
      '2026-04-02 曾婉拒，情况已有变化',
    );
  });

  it('signs the points', () => {
    expect([pointsText(40), pointsText(0), pointsText(-5)]).toEqual(['+40', '0', '−5']);
  });
});

describe('the board', () => {
  const board: Board = {
    needs: [
      need(1, { raisedOn: '2026-02-01' }),
      need(2, { urgency: 'critical' }),
      need(3, { status: 'in_project' }),
    ],
    resources: [resource(11), resource(12)],
    suggestions: [
      { needId: id(1), resourceId: id(11), score: 55, reasons: [] },
      { needId: id(2), resourceId: id(11), score: 55, reasons: [] },
      { needId: id(1), resourceId: id(12), score: 70, reasons: [] },
      // Its resource has left the board since: not shown.
      { needId: id(2), resourceId: id(99), score: 90, reasons: [] },
    ],
  };

  it('joins suggestions to their need and resource, best first, ties by urgency then date', () => {
    expect(boardPairs(board).map((p) => [p.need.title, p.resource.title, p.suggestion.score])).toEqual([
      ['需求1', '资源12', 70],
      ['需求2', '资源11', 55],
      ['需求1', '资源11', 55],
    ]);
  });

  it("offers a resource card's 「匹配到…」 the needs suggested for it first, then the other open needs", () => {
    expect(matchOptions(id(12), board)).toEqual([
      { needId: id(1), title: '需求1', score: 70 },
      { needId: id(2), title: '需求2', score: null },
    ]);
    expect(matchOptions(id(11), board).map((o) => o.title)).toEqual(['需求2', '需求1']);
  });

  it('counts free slots, never below nothing', () => {
    expect(freeSlots({ capacity: 3, inUse: 1 })).toBe(2);
    expect(freeSlots({ capacity: 1, inUse: 2 })).toBe(0);
  });

  it("takes a dropped resource's id only from a resource card's own drag data", () => {
    const data = (values: Record<string, string>) =>
      [Object.keys(values), (type: string) => values[type] ?? ''] as const;
    expect(resourceFromDrop(...data({ [RESOURCE_DRAG_TYPE]: id(11) }))).toBe(id(11));
    expect(resourceFromDrop(...data({ 'text/plain': id(11) }))).toBeNull();
    expect(resourceFromDrop(...data({ [RESOURCE_DRAG_TYPE]: 'javascript:alert(1)' }))).toBeNull();
  });
});

describe('projects', () => {
  it('shows the steps bar at the stage reached, and a termination after the stages actually reached', () => {
    expect(stepsView('proposal').statuses).toEqual(['process', 'wait', 'wait', 'wait']);
    expect(stepsView('in_progress')).toEqual({
      statuses: ['finish', 'finish', 'process', 'wait'],
      current: 2,
      terminated: false,
    });
    expect(stepsView('accepted').statuses).toEqual(['finish', 'finish', 'finish', 'finish']);
    expect(stepsView('terminated', 'approved')).toEqual({
      statuses: ['finish', 'finish', 'wait', 'error'],
      current: 3,
      terminated: true,
    });
    expect(stepsView('terminated').statuses).toEqual(['finish', 'wait', 'wait', 'error']);
  });

  it('finds the stage a project was terminated from in its history', () => {
    const events = [
      { fromStage: null, toStage: 'proposal' as const },
      { fromStage: 'proposal' as const, toStage: 'approved' as const },
      { fromStage: 'approved' as const, toStage: 'terminated' as const },
    ];
    expect(terminatedFrom(events)).toBe('approved');
    expect(terminatedFrom(events.slice(0, 2))).toBeNull();
  });

  it('names what approval still waits for', () => {
    expect(approvalGaps({ goal: '  ', milestoneList: [], kpiList: [] })).toEqual([
      'fusion.step.gap.goal',
      'fusion.step.gap.milestones',
      'fusion.step.gap.kpis',
    ]);
    expect(approvalGaps({ goal: '缩短等候', milestoneList: [{}], kpiList: [{}] })).toEqual([]);
  });

  it('names the KPIs acceptance still waits for', () => {
    const kpi = (n: number, result: number | null, measuredOn: string | null): Kpi => ({
      id: id(n),
      projectId: id(1),
      name: `指标${n}`,
      measureUnit: '天',
      direction: 'decrease',
      baseline: 10,
      target: 5,
      result,
      measuredOn,
      note: null,
      met: result === null ? null : result <= 5,
      version: 1,
    });
    expect(
      kpisLackingResult([kpi(1, 4, '2026-05-01'), kpi(2, null, null), kpi(3, 6, null)]).map((k) => k.name),
    ).toEqual(['指标2', '指标3']);
  });

  it('writes KPI figures with their unit', () => {
    expect(kpiValue(1234.5, '件')).toBe('1,234.5 件');
    expect(kpiValue(98, null)).toBe('98');
    expect(kpiValue(null, '天')).toBe('—');
  });

  it('adds a member to the team once, the first as leader, and names the branches they come from', () => {
    let team = addTeamMember([], { memberId: id(1), name: '王芳', partyOrgName: '第一党支部' });
    team = addTeamMember(team, { memberId: id(2), name: '李强', partyOrgName: '第三党支部' });
    team = addTeamMember(team, { memberId: id(1), name: '王芳', partyOrgName: '第一党支部' });
    expect(team.map((m) => [m.name, m.role])).toEqual([
      ['王芳', 'leader'],
      ['李强', 'member'],
    ]);
    expect(teamBranches([...team, { partyOrgName: '第一党支部' }])).toEqual(['第一党支部', '第三党支部']);
  });
});

describe('filters and the organ in the address', () => {
  it('keeps known values and drops the rest', () => {
    const params = new URLSearchParams(
      `status=closed&stage=nope&kind=partner&departmentId=${id(5)}&partyOrgId=x&q=%20数据%20&unit=${id(9)}`,
    );
    expect(parseFilters(params)).toEqual({
      status: 'closed',
      stage: undefined,
      kind: 'partner',
      departmentId: id(5),
      partyOrgId: undefined,
      q: '数据',
    });
    const next = withFilters(params, { status: 'open', q: undefined });
    expect(next.get('status')).toBe('open');
    expect(next.has('q')).toBe(false);
    expect(next.has('kind')).toBe(false);
    expect(next.get('unit')).toBe(id(9));
  });

  it('shows the organ asked for when the reader may see it, else the first', () => {
    const units = [{ id: id(1) }, { id: id(2) }];
    expect(pickUnit(units, id(2))).toBe(id(2));
    expect(pickUnit(units, id(3))).toBe(id(1));
    expect(pickUnit(units, null)).toBe(id(1));
    expect(pickUnit([], id(1))).toBeNull();
  });
});
