// Grades and calibration on the page (pure): how many subjects the top-grade quota leaves room for (the server's rule,
// said in the settings so the officer sees what 20% means for their organ), and what a calibrated row says.
import type { ResultRow } from '#contracts/assessment';
import type { GradeStepBody } from '#contracts/assessment-outcome';

/** At most `quota`% of `ranked`, rounded down (as the server grades). */
export const quotaPlaces = (ranked: number, quota: number) => Math.floor((ranked * quota) / 100 + 1e-9);

/** Highest bar first, as the server keeps them. */
export const byBar = (steps: readonly GradeStepBody[]) => [...steps].sort((a, b) => b.atLeast - a.atLeast);

/** A score as people write it: at most two decimals. */
export const plain = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100);

export type CalibrationShown = {
  computed: string;
  from: string;
  stale: boolean;
  reason: string;
  byName: string;
  at: string;
};

/** What the row shows of its calibration; null when the officer left the computed score. */
export function calibrationShown(row: Pick<ResultRow, 'outcome'>): CalibrationShown | null {
  const k = row.outcome?.calibration;
  if (!k) return null;
  return {
    computed: plain(k.computed),
    from: plain(k.fromScore),
    stale: k.stale,
    reason: k.reason,
    byName: k.byName ?? '',
    at: k.at.slice(0, 16).replace('T', ' '),
  };
}
