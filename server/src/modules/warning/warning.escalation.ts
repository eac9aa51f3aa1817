// The escalation ladder (issue 13 point 3), pure: an open warning that nobody has answered climbs one step each time
// the next step's delay has passed since it reached its step; an answer stops it; a plan (or a 限期整改) whose date
// has passed while the warning is still open lets it climb again, counting the delay from the day after the date.
import type { LadderStep } from '#contracts/warning';
import { addDays } from './warning.format.ts';

export const DEFAULT_LADDER: readonly LadderStep[] = [
  { role: 'branch_secretary', afterDays: 0 },
  { role: 'organ_committee_officer', afterDays: 5 },
  { role: 'leading_group_member', afterDays: 10 },
];

export type Climbing = {
  status: string;
  step: number;
  /** When the warning reached its step (null: nobody has been told yet). */
  stepAt: Date | null;
  answerKind: string | null;
  /** A plan's or a rectification's date (China date). */
  answerPlanDue: string | null;
};

const DAY = 86_400_000;
/** Midnight in China at the start of a China date. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Whether an answer still holds on `today`: a note always; a plan or rectification until its date has passed. */
export function answerHolds(w: Pick<Climbing, 'answerKind' | 'answerPlanDue'>, today: string): boolean {
  if (!w.answerKind) return false;
  if (w.answerKind === 'note') return true;
  return w.answerPlanDue === null || w.answerPlanDue >= today;
}

/**
 * When the warning climbs to its next step, or null when it does not (answered, not open, or at the top). The
 * delay counts from when it reached its step, or from the day after a lapsed plan's date if that is later.
 */
export function nextClimbAt(w: Climbing, ladder: readonly LadderStep[], today: string): Date | null {
  if (w.status !== 'open' || w.stepAt === null) return null;
  if (answerHolds(w, today)) return null;
  const next = ladder[w.step + 1];
  if (!next) return null;
  let from = w.stepAt.getTime();
  if (w.answerKind && w.answerPlanDue)
    from = Math.max(from, chinaMidnight(addDays(w.answerPlanDue, 1)).getTime());
  return new Date(from + next.afterDays * DAY);
}

/** The step a warning should be at `now`: it climbs at most one step per evaluation, so each step is heard. */
export function climbs(w: Climbing, ladder: readonly LadderStep[], now: Date, today: string): boolean {
  const at = nextClimbAt(w, ladder, today);
  return at !== null && at.getTime() <= now.getTime();
}
