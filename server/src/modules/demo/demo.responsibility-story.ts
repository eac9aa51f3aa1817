// How a demo duty's year went, period by period (pure, seeded): past periods mostly done on time, the last one late
// or overdue as the duty's fate says, the one under way open with its progress — each with the report that says so.
import type { PlanItem, PlanPeriod } from '../responsibility/index.ts';
import { periodsOf } from '../responsibility/index.ts';
import { addDays, type DemoRandom, dayToIso, isoToDay } from './demo.random.ts';
import {
  BEHIND_NOTES,
  type BranchTakeUp,
  DONE_NOTES,
  LATE_NOTE,
  PROGRESS_NOTES,
} from './demo.responsibility-texts.ts';

export type Fate = 'on_time' | 'late' | 'overdue';
/** Who reported on a given day (a handover changes it mid-year). */
export type Who = (date: string) => { byUserId: string | null; byName: string };
export type Story = {
  fate: Fate;
  /** Progress of the period under way (0: nothing reported yet). */
  progress: number;
  /** The period under way is already done. */
  early?: boolean;
  notes?: { done: readonly string[]; progress: readonly string[] };
};

export const min = (a: string, b: string) => (a < b ? a : b);
export const max = (a: string, b: string) => (a > b ? a : b);
/** 10:00 Beijing time of the day. */
export const at10 = (date: string) => new Date(`${date}T02:00:00Z`);
export const PROGRESS = [0, 20, 30, 40, 50, 60, 70, 80];
/** The share of the year (to today) at which the home branch's secretary took over (the handover). */
export const HANDOVER_AT = 0.4;

/** The demo's year: today's, with days placed as a share of the way from 1 January to today. */
export function yearClock(today: string) {
  const year = Number(today.slice(0, 4));
  const Y0 = `${year}-01-01`;
  const YE = `${year}-12-31`;
  const elapsed = isoToDay(today) - isoToDay(Y0);
  return {
    today,
    year,
    Y0,
    YE,
    /** A day `f` of the way from 1 January to today. */
    at: (f: number) => dayToIso(isoToDay(Y0) + Math.floor(elapsed * f)),
    /** The last day of the month before, as deadlines are written (unless that falls before the year). */
    monthEnd: (d: string) => {
      const previous = addDays(`${d.slice(0, 8)}01`, -1);
      return previous >= Y0 ? previous : d;
    },
  };
}
export type YearClock = ReturnType<typeof yearClock>;

export function fateOf(rng: DemoRandom, overdue: number, late: number): Fate {
  const x = rng.next();
  return x < overdue ? 'overdue' : x < overdue + late ? 'late' : 'on_time';
}

/** How each period of a duty went up to today: past ones done (the last one as the fate says), the current one open. */
export function history(
  item: Pick<PlanItem, 'recurrence' | 'effectiveFrom' | 'deadline'>,
  story: Story,
  year: number,
  today: string,
  rng: DemoRandom,
  who: Who,
): Record<string, PlanPeriod> {
  const notes = story.notes ?? { done: DONE_NOTES, progress: PROGRESS_NOTES };
  const between = (a: string, b: string) => (a < b ? rng.dateBetween(a, b) : b);
  const spans = periodsOf(item, year, today);
  const past = spans.filter((s) => s.dueOn < today);
  const out: Record<string, PlanPeriod> = {};
  // Only a duty's latest report is written out for periods long done: their state tells the story, and reports
  // would otherwise be the largest table of the load.
  const done = (key: string, doneOn: string, note: string | null) => {
    out[key] = {
      status: 'done',
      doneOn,
      reports: note ? [{ reportedOn: doneOn, progress: 100, done: true, note, ...who(doneOn) }] : [],
    };
  };
  past.forEach((s, i) => {
    const last = i === past.length - 1;
    if (last && story.fate === 'overdue') {
      const progress = rng.pick([20, 30, 50, 60]);
      const on = between(s.startsOn, s.dueOn);
      out[s.key] = {
        status: 'open',
        progress,
        reports: [{ reportedOn: on, progress, done: false, note: rng.pick(BEHIND_NOTES), ...who(on) }],
      };
    } else if (last && story.fate === 'late')
      done(s.key, min(addDays(s.dueOn, rng.int(2, 15)), today), LATE_NOTE);
    else done(s.key, max(s.startsOn, addDays(s.dueOn, -rng.int(0, 12))), last ? rng.pick(notes.done) : null);
  });
  for (const s of spans.filter((x) => x.dueOn >= today)) {
    if (story.early) done(s.key, between(s.startsOn, today), rng.pick(notes.done));
    else if (story.progress > 0) {
      const on = between(s.startsOn, today);
      out[s.key] = {
        status: 'open',
        progress: story.progress,
        reports: [
          {
            reportedOn: on,
            progress: story.progress,
            done: false,
            note: rng.pick(notes.progress),
            ...who(on),
          },
        ],
      };
    }
  }
  return out;
}

/** A branch's take-up of work point `seq`: deadlines differ per point, so do the ways they went. */
export function takeUpStory(seq: number, isHome: boolean, r: DemoRandom, text: BranchTakeUp): Story {
  const notes = { done: text.done, progress: text.progress };
  const progress = r.pick(PROGRESS);
  switch (seq) {
    case 1: // due half-way through the year: most done, some late, some overdue
      return { fate: isHome ? 'overdue' : fateOf(r, 0.2, 0.1), progress, notes };
    case 4: // due a few weeks ago
      return { fate: isHome ? 'late' : fateOf(r, 0.15, 0.1), progress, notes };
    case 2: // due within days
      return isHome
        ? { fate: 'on_time', progress: 40, notes }
        : { fate: 'on_time', progress, early: r.chance(0.15), notes };
    default: // due at the end of the year
      return isHome
        ? { fate: 'on_time', progress: 30, notes }
        : { fate: 'on_time', progress, early: r.chance(0.1), notes };
  }
}
