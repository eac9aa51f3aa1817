// The rules of the "my duties" pages that are not drawing: filters, colours, period names, what may be reported and
// attached. Pure, so that they are tested without a browser. Types only from the contracts (no zod on the home page).
import type { Appraisal, Handover, HandoverEntry } from '#contracts/handover';
import type { Domain, Period, PeriodState } from '#contracts/responsibility';
import type { Duty, MyDuties } from '#contracts/responsibility-me';
import type { MessageKey } from '../../i18n/zh-cn.ts';

export const DUTY_FILTERS = ['all', 'overdue', 'due_soon', 'open', 'done'] as const;
export type DutyFilter = (typeof DUTY_FILTERS)[number];

/** The address's `?filter=`; anything else is the whole list. */
export function parseDutyFilter(value: string | null | undefined): DutyFilter {
  return DUTY_FILTERS.find((f) => f === value) ?? 'all';
}

/** 今年已完成 takes those done late too: they are done. 进行中 is what is neither due soon nor overdue. */
export function matchesFilter(state: PeriodState, filter: DutyFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'done':
      return state === 'done' || state === 'late';
    default:
      return state === filter;
  }
}

const URGENCY: Record<PeriodState, number> = {
  overdue: 0,
  due_soon: 1,
  open: 2,
  late: 3,
  done: 4,
  exempt: 5,
};

/** What needs doing first: overdue, then due soon, then open, each by due date; the settled ones last. */
export function sortDuties(duties: readonly Duty[]): Duty[] {
  return [...duties].sort(
    (a, b) =>
      URGENCY[a.period.state] - URGENCY[b.period.state] ||
      a.period.dueOn.localeCompare(b.period.dueOn) ||
      a.title.localeCompare(b.title, 'zh-CN'),
  );
}

export function filterDuties(duties: readonly Duty[], filter: DutyFilter): Duty[] {
  return sortDuties(duties.filter((d) => matchesFilter(d.period.state, filter)));
}

/** The count shown on each filter's tile (the server counts the whole year, not only the periods listed). */
export function filterCount(counts: MyDuties['counts'], filter: Exclude<DutyFilter, 'all'>): number {
  switch (filter) {
    case 'overdue':
      return counts.overdue;
    case 'due_soon':
      return counts.dueSoon;
    case 'open':
      return counts.open;
    case 'done':
      return counts.doneThisYear;
  }
}

/** The first `n` duties in a state, most urgent first: the workbench's short lists. */
export function topDuties(duties: readonly Duty[], state: 'overdue' | 'due_soon', n = 3): Duty[] {
  return filterDuties(duties, state).slice(0, n);
}

/** antd Tag colours. Red is kept for what is late; done late is done, but not green. */
export const STATE_COLOURS: Record<PeriodState, string> = {
  open: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  done: 'green',
  late: 'gold',
  exempt: 'default',
};

export const STATE_KEYS: Record<PeriodState, MessageKey> = {
  open: 'myDuties.state.open',
  due_soon: 'myDuties.state.dueSoon',
  overdue: 'myDuties.state.overdue',
  done: 'myDuties.state.done',
  late: 'myDuties.state.late',
  exempt: 'myDuties.state.exempt',
};

/** Three domains, three colours that do not read as a state (no red, green or orange). */
export const DOMAIN_COLOURS: Record<Domain, string> = {
  party: 'volcano',
  business: 'geekblue',
  fusion: 'purple',
};

export const DOMAIN_KEYS: Record<Domain, MessageKey> = {
  party: 'myDuties.domain.party',
  business: 'myDuties.domain.business',
  fusion: 'myDuties.domain.fusion',
};

export type Label = { key: MessageKey; vars?: Record<string, string | number> };

/** "2026-03" → 2026年3月, "2026-Q2" → 2026年第2季度, "2026-H1" → 上半年, "2026" → 年度, "once" → 一次性. */
export function periodLabel(periodKey: string): Label {
  if (periodKey === 'once') return { key: 'myDuties.period.once' };
  const month = /^(\d{4})-(\d{2})$/.exec(periodKey);
  if (month) return { key: 'myDuties.period.month', vars: { year: month[1] ?? '', month: Number(month[2]) } };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (quarter)
    return { key: 'myDuties.period.quarter', vars: { year: quarter[1] ?? '', n: Number(quarter[2]) } };
  const half = /^(\d{4})-H([12])$/.exec(periodKey);
  if (half)
    return {
      key: half[2] === '1' ? 'myDuties.period.firstHalf' : 'myDuties.period.secondHalf',
      vars: { year: half[1] ?? '' },
    };
  if (/^\d{4}$/.test(periodKey)) return { key: 'myDuties.period.year', vars: { year: periodKey } };
  return { key: 'myDuties.period.other', vars: { key: periodKey } };
}

/** Periods a report may still go to: not done, not exempt. */
export function reportablePeriods(periods: readonly Period[]): Period[] {
  return periods.filter((p) => p.state === 'open' || p.state === 'due_soon' || p.state === 'overdue');
}

/** The period the form opens on: the one asked for if it may be reported, else the earliest that may. */
export function defaultPeriodId(
  periods: readonly Period[],
  wanted: string | null | undefined,
): string | null {
  const open = reportablePeriods(periods);
  return (open.find((p) => p.id === wanted) ?? open[0])?.id ?? null;
}

export { chinaToday } from '../../components/dates.ts';

/** Why a completion date cannot be taken (the server says the same; this answers before the round trip). */
export function reportedOnProblem(
  date: string,
  today: string,
  startsOn: string,
): { key: MessageKey; vars?: Record<string, string> } | null {
  if (date > today) return { key: 'myDuties.reportedOnFuture' };
  if (date < startsOn) return { key: 'myDuties.reportedOnBeforeStart', vars: { date: startsOn } };
  return null;
}

// Evidence files: the server judges the type by the content; this only spares a phone a 10 MB upload to be refused.
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;
const EVIDENCE_EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png', '.webp', '.docx', '.xlsx', '.pptx'] as const;
export const EVIDENCE_ACCEPT = EVIDENCE_EXTENSIONS.join(',');

export function evidenceProblem(file: { name: string; size: number }): 'type' | 'size' | null {
  const name = file.name.toLowerCase();
  if (!EVIDENCE_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'type';
  if (file.size > EVIDENCE_MAX_BYTES) return 'size';
  return null;
}

/** Handovers with entries still to acknowledge, and those entries. Cancelled ones ask nothing. */
export function handoversToAcknowledge(
  handovers: readonly Handover[],
): { handover: Handover; pending: HandoverEntry[] }[] {
  return handovers
    .filter((h) => h.status !== 'cancelled')
    .map((handover) => ({ handover, pending: handover.entries.filter((e) => e.acknowledgedAt === null) }))
    .filter((h) => h.pending.length > 0);
}

export const entryKey = (e: { kind: string; id: string }) => `${e.kind}:${e.id}`;

/** The author writes and submits; anyone else who sees a report here was asked to grade it. */
export function appraisalRole(appraisal: Appraisal, memberId: string | null | undefined): 'author' | 'rater' {
  return memberId && appraisal.authorMemberId === memberId ? 'author' : 'rater';
}

/** A rater may grade a submitted report they have not graded yet. */
export function mayRate(appraisal: Appraisal, memberId: string | null | undefined): boolean {
  if (appraisal.status !== 'submitted') return false;
  const own = appraisal.raters.find((r) => r.memberId === memberId);
  // A seat held for someone on leave is not listed to the delegate: the server decides, the form asks.
  return !own || own.grade === null;
}

/** Reports waiting on the person: their own draft, and submitted ones they have not graded. */
export function appraisalsWaiting(
  appraisals: readonly Appraisal[],
  memberId: string | null | undefined,
): number {
  return appraisals.filter((a) =>
    appraisalRole(a, memberId) === 'author' ? a.status === 'draft' : mayRate(a, memberId),
  ).length;
}
