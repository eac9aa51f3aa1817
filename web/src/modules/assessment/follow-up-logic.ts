// The follow-up dialog's arithmetic, kept pure for its tests: who falls below a threshold as the officer types it,
// judged as the server judges it (on hundredths; a band, or no score, is not judged).
import type { FollowUpRow, FollowUpStateKind, FollowUpVerdict } from '#contracts/assessment-follow-up';

export function verdictAt(row: Pick<FollowUpRow, 'total' | 'verdict'>, threshold: number): FollowUpVerdict {
  if (row.verdict === 'band' || row.verdict === 'no_score' || row.total === null) return row.verdict;
  return Math.round(row.total * 100) / 100 < threshold ? 'below' : 'passed';
}

/** Below the threshold and nothing opened yet: what "开具整改项" would open. */
export function toOpenAt(rows: readonly FollowUpRow[], threshold: number): FollowUpRow[] {
  return rows.filter((r) => !r.followUp && verdictAt(r, threshold) === 'below');
}

export const STATE_COLOR: Record<FollowUpStateKind, string> = {
  open: 'processing',
  overdue: 'error',
  closed: 'success',
};
