// Bulletins in the browser (issue 12 point 6): the share link's address, a rank change in words with its arrow, and
// the bars of the rank-change chart. Pure, so the unit tests read them without a page.
import type { BulletinChange, BulletinContent } from '#contracts/assessment-bulletin';

export const SHARED_PATH = '/assessment/bulletins/shared';

/** The address a share key opens, on this site. */
export const shareUrl = (origin: string, key: string) => `${origin}${SHARED_PATH}/${key}`;

/** '↑2', '↓1', '—' (no change, or no rank to compare). Up is positive: from 3rd to 1st is +2. */
export function rankChangeText(change: number | null): string {
  if (change === null || change === 0) return '—';
  return change > 0 ? `↑${change}` : `↓${-change}`;
}

/** A score change with its sign: '+5', '-2.5', '0'; '—' when either period had no score. */
export function totalChangeText(change: number | null): string {
  if (change === null) return '—';
  const r = Math.round(change * 100) / 100;
  return r > 0 ? `+${r}` : String(r);
}

/**
 * The chart's bars: every subject in both periods with a rank in each, in this period's ranking order, with its
 * rank change (up positive). Subjects new or gone have no change to draw.
 */
export function rankChangeBars(content: Pick<BulletinContent, 'diff'>): { name: string; change: number }[] {
  return (content.diff?.changes ?? [])
    .filter((c): c is BulletinChange & { rankChange: number } => c.rankChange !== null)
    .map((c) => ({ name: c.subjectName, change: c.rankChange }));
}
