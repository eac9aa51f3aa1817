// The fusion pages' pure parts: how a suggestion's reasons are worded, the board's suggestions joined to their need
// and resource, what a dragged resource card carries, the project's steps bar, progress figures and the filters
// kept in the address. Types only from the contracts.
import type {
  Board,
  Need,
  NeedStatus,
  Resource,
  ResourceKind,
  Suggestion,
  SuggestionReason,
} from '#contracts/fusion';
import type { Kpi, ProjectStage, ProjectSummary, TeamMember, TeamRole } from '#contracts/fusion-project';
import type { Vars } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/zh-cn.ts';

export type Wording = { key: MessageKey; vars?: Vars };

/** One explanation line of a suggestion, from the facts the server sends (names, keywords, counts). */
export function reasonWording(reason: SuggestionReason): Wording {
  switch (reason.kind) {
    case 'department_link':
      return {
        key: 'fusion.reason.departmentLink',
        vars: { branch: reason.branchName ?? '—', department: reason.departmentName ?? '—' },
      };
    case 'shared_tags':
      return { key: 'fusion.reason.sharedTags', vars: { tags: (reason.tags ?? []).join('、') } };
    case 'capacity':
      return {
        key: 'fusion.reason.capacity',
        vars: { free: reason.free ?? 0, capacity: reason.capacity ?? reason.free ?? 0 },
      };
    case 'urgency':
      return { key: reason.urgency === 'critical' ? 'fusion.reason.critical' : 'fusion.reason.urgent' };
    case 'declined_before':
      return reason.declinedOn
        ? { key: 'fusion.reason.declinedOn', vars: { date: reason.declinedOn } }
        : { key: 'fusion.reason.declined' };
  }
}

/** "+40", "0", "−5": the points a line adds, signed. */
export function pointsText(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `−${-points}`;
  return '0';
}

export type BoardPair = { suggestion: Suggestion; need: Need; resource: Resource };

/**
 * The suggestions with their need and resource, best first (score, then the more urgent need, then the older one):
 * a suggestion whose need or resource left the board since is dropped.
 */
export function boardPairs(board: Board): BoardPair[] {
  const needs = new Map(board.needs.map((n) => [n.id, n]));
  const resources = new Map(board.resources.map((r) => [r.id, r]));
  const pairs: BoardPair[] = [];
  for (const suggestion of board.suggestions) {
    const need = needs.get(suggestion.needId);
    const resource = resources.get(suggestion.resourceId);
    if (need && resource) pairs.push({ suggestion, need, resource });
  }
  return pairs.sort(
    (a, b) =>
      b.suggestion.score - a.suggestion.score ||
      URGENCY_RANK[b.need.urgency] - URGENCY_RANK[a.need.urgency] ||
      a.need.raisedOn.localeCompare(b.need.raisedOn),
  );
}

const URGENCY_RANK = { normal: 0, urgent: 1, critical: 2 } as const;

/** What a resource can still take on (never below nothing). */
export function freeSlots(resource: Pick<Resource, 'capacity' | 'inUse'>): number {
  return Math.max(0, resource.capacity - resource.inUse);
}

export type MatchOption = { needId: string; title: string; score: number | null };

/**
 * The needs offered in a resource card's 「匹配到…」 select: those the board suggests for it first (best score
 * first), then every other open need by urgency and date.
 */
export function matchOptions(resourceId: string, board: Board): MatchOption[] {
  const scores = new Map(
    board.suggestions.filter((s) => s.resourceId === resourceId).map((s) => [s.needId, s.score]),
  );
  return board.needs
    .filter((n) => n.status === 'open')
    .map((n) => ({ need: n, score: scores.get(n.id) ?? null }))
    .sort(
      (a, b) =>
        (b.score ?? -1) - (a.score ?? -1) ||
        URGENCY_RANK[b.need.urgency] - URGENCY_RANK[a.need.urgency] ||
        a.need.raisedOn.localeCompare(b.need.raisedOn),
    )
    .map(({ need, score }) => ({ needId: need.id, title: need.title, score }));
}

/** The drag data of a resource card: its own type, so a link or text dropped on a need card does nothing. */
export const RESOURCE_DRAG_TYPE = 'application/x-ronghe-resource';

export function resourceFromDrop(types: readonly string[], read: (type: string) => string): string | null {
  if (!types.includes(RESOURCE_DRAG_TYPE)) return null;
  const id = read(RESOURCE_DRAG_TYPE).trim();
  return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/** Members and certificates are a person's; a partner's resource names the partner; the others are the branch's. */
export function kindNeedsMember(kind: ResourceKind): boolean {
  return kind === 'skill' || kind === 'certificate';
}
export function kindNeedsPartner(kind: ResourceKind): boolean {
  return kind === 'partner';
}

// Projects ---------------------------------------------------------------------------------------------------------

export type StepStatus = 'wait' | 'process' | 'finish' | 'error';
export type StepsView = {
  /** The four steps' states: 论证, 立项, 推进, and 验收 or 终止. */
  statuses: [StepStatus, StepStatus, StepStatus, StepStatus];
  /** The step the bar points at. */
  current: number;
  /** Whether the last step reads 终止 rather than 验收. */
  terminated: boolean;
};

const STAGE_INDEX: Record<Exclude<ProjectStage, 'terminated'>, number> = {
  proposal: 0,
  approved: 1,
  in_progress: 2,
  accepted: 3,
};

/**
 * The steps bar. A terminated project shows the stages it had reached as done, those it never reached as waiting,
 * and 终止 in red; `terminatedFrom` is the stage it was in (from its history; 论证 when unknown).
 */
export function stepsView(stage: ProjectStage, terminatedFrom?: ProjectStage | null): StepsView {
  const statuses: StepsView['statuses'] = ['wait', 'wait', 'wait', 'wait'];
  if (stage === 'terminated') {
    const from = terminatedFrom && terminatedFrom !== 'terminated' ? STAGE_INDEX[terminatedFrom] : 0;
    for (let i = 0; i <= Math.min(from, 2); i++) statuses[i] = 'finish';
    statuses[3] = 'error';
    return { statuses, current: 3, terminated: true };
  }
  const at = STAGE_INDEX[stage];
  for (let i = 0; i < 4; i++) statuses[i] = i < at ? 'finish' : i === at ? 'process' : 'wait';
  if (stage === 'accepted') statuses[3] = 'finish';
  return { statuses, current: at, terminated: false };
}

/** The stage a terminated project was in, from its history (the last step into 终止). */
export function terminatedFrom(
  events: readonly { fromStage: ProjectStage | null; toStage: ProjectStage }[],
): ProjectStage | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.toStage === 'terminated') return event.fromStage;
  }
  return null;
}

/**
 * What approval (立项) still waits for: the goal written, at least one milestone, at least one KPI. The server checks
 * the same; the dialog says it before the officer tries.
 */
export function approvalGaps(project: {
  goal: string | null;
  milestoneList: readonly unknown[];
  kpiList: readonly unknown[];
}): MessageKey[] {
  const gaps: MessageKey[] = [];
  if (!project.goal?.trim()) gaps.push('fusion.step.gap.goal');
  if (project.milestoneList.length === 0) gaps.push('fusion.step.gap.milestones');
  if (project.kpiList.length === 0) gaps.push('fusion.step.gap.kpis');
  return gaps;
}

/** KPIs still lacking a measured result: acceptance waits for them. */
export function kpisLackingResult(kpis: readonly Kpi[]): Kpi[] {
  return kpis.filter((k) => k.result === null || k.measuredOn === null);
}

export type Progress = { text: string; overdue: number; complete: boolean };

export function milestoneProgress(m: ProjectSummary['milestones']): Progress {
  return { text: `${m.done}/${m.total}`, overdue: m.overdue, complete: m.total > 0 && m.done === m.total };
}

/** "1,234.5 件": a KPI figure with its unit, as the officers write it. */
export function kpiValue(value: number | null, measureUnit: string | null): string {
  if (value === null) return '—';
  const text = value.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
  return measureUnit ? `${text} ${measureUnit}` : text;
}

// The team -------------------------------------------------------------------------------------------------------

export type TeamRow = Pick<TeamMember, 'memberId' | 'name' | 'role' | 'partyOrgName'>;

/** Adds a member once (a second pick of the same comrade keeps the first row); the first comes in as leader. */
export function addTeamMember(team: readonly TeamRow[], member: Omit<TeamRow, 'role'>): TeamRow[] {
  if (team.some((m) => m.memberId === member.memberId)) return [...team];
  const role: TeamRole = team.length === 0 ? 'leader' : 'member';
  return [...team, { ...member, role }];
}

/** The branches the team comes from, each once, in the order they first appear. */
export function teamBranches(team: readonly Pick<TeamRow, 'partyOrgName'>[]): string[] {
  return [...new Set(team.map((m) => m.partyOrgName).filter((n) => n !== ''))];
}

// Filters in the address -------------------------------------------------------------------------------------------

const NEED_STATUS_LIST: readonly NeedStatus[] = ['open', 'in_project', 'closed'];
const STAGE_LIST: readonly ProjectStage[] = ['proposal', 'approved', 'in_progress', 'accepted', 'terminated'];
const KIND_LIST: readonly ResourceKind[] = ['skill', 'certificate', 'pioneer_post', 'task_force', 'partner'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}
const idOrNone = (value: string | null) => (value && UUID.test(value) ? value : undefined);
const textOrNone = (value: string | null) => value?.trim().slice(0, 50) || undefined;

export type ListFilters = {
  status?: NeedStatus | undefined;
  stage?: ProjectStage | undefined;
  kind?: ResourceKind | undefined;
  departmentId?: string | undefined;
  partyOrgId?: string | undefined;
  q?: string | undefined;
};

/** The lists' filters from the address (unknown values dropped, so a stale link still opens the list). */
export function parseFilters(params: URLSearchParams): ListFilters {
  return {
    status: oneOf(NEED_STATUS_LIST, params.get('status')),
    stage: oneOf(STAGE_LIST, params.get('stage')),
    kind: oneOf(KIND_LIST, params.get('kind')),
    departmentId: idOrNone(params.get('departmentId')),
    partyOrgId: idOrNone(params.get('partyOrgId')),
    q: textOrNone(params.get('q')),
  };
}

/** Back into the address, keeping what else is there (the organ) and leaving out what is not set. */
export function withFilters(params: URLSearchParams, filters: ListFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['status', 'stage', 'kind', 'departmentId', 'partyOrgId', 'q'] as const) {
    const value = filters[key];
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The organ a page shows: the one in the address when the reader may see it, else the first they may. */
export function pickUnit(units: readonly { id: string }[], wanted: string | null): string | null {
  if (wanted && units.some((u) => u.id === wanted)) return wanted;
  return units[0]?.id ?? null;
}
