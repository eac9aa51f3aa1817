// Pure helpers of the 述评 pages: the half-years to offer (the current one and those before it), how a half-year
// reads in Chinese, and what the branch may do next with a dossier in a given state.
import type { ReviewStatus } from '#contracts/assessment-review';

/** The half-year holding a day ('2026-12-07' → '2026-H2'). */
export const halfYearOf = (day: string) => `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;

/** `count` half-years ending with the one holding `day`, the latest first. */
export function recentHalfYears(day: string, count: number): string[] {
  const year = Number(day.slice(0, 4));
  const half = Number(day.slice(5, 7)) <= 6 ? 1 : 2;
  const index = year * 2 + half - 1;
  return Array.from({ length: count }, (_, i) => {
    const n = index - i;
    return `${Math.floor(n / 2)}-H${(n % 2) + 1}`;
  });
}

/** '2026-H1' → '2026年上半年'. */
export const halfYearLabel = (h: string) => `${h.slice(0, 4)}年${h.endsWith('H1') ? '上' : '下'}半年`;

/** The half-year the dossiers are usually completed for: the last one that has ended. */
export const lastEndedHalfYear = (day: string) => recentHalfYears(day, 2)[1] as string;

export const STATUS_COLORS: Record<ReviewStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  signed: 'success',
  shown: 'green',
};

/** The branch's next step on a dossier, or null once shown. */
export function nextStep(status: ReviewStatus): 'submit' | 'sign' | 'show' | null {
  return status === 'draft'
    ? 'submit'
    : status === 'submitted'
      ? 'sign'
      : status === 'signed'
        ? 'show'
        : null;
}

/** Whether the 评语 and grade may still be written. */
export const editable = (status: ReviewStatus) => status === 'draft' || status === 'submitted';
