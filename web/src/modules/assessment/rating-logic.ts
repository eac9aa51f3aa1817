// The rating pages' arithmetic (issue 12 point 2): a band in words, the group weights' sum as the organiser types,
// and the rater's answers kept by subject and leaf while the form is filled in (a choice or a score, not both).
import type { RatingAnswer, RatingChoice, RatingForm } from '#contracts/assessment-rating';
import { CHOICE_SCORES } from '#contracts/assessment-rating';

/** "区间 72–85": a band rounded to whole points outward, so the words never promise more than the band. */
export function bandText(band: { low: number; high: number }, word: string): string {
  return `${word} ${Math.floor(band.low + 1e-9)}–${Math.ceil(band.high - 1e-9)}`;
}

export function weightSum(w: {
  superior?: number | null;
  peer?: number | null;
  public?: number | null;
}): number {
  return (w.superior ?? 0) + (w.peer ?? 0) + (w.public ?? 0);
}

export type Draft = Map<string, { score?: number; choice?: RatingChoice; comment?: string }>;
export const draftKey = (subjectId: string, leafKey: string) => `${subjectId}/${leafKey}`;

/** The saved answers as the form edits them. */
export function draftOf(form: Pick<RatingForm, 'answers'>): Draft {
  return new Map(
    form.answers.map((a) => [
      draftKey(a.subjectId, a.leafKey),
      a.choice
        ? { choice: a.choice, ...(a.comment ? { comment: a.comment } : {}) }
        : { score: a.score, ...(a.comment ? { comment: a.comment } : {}) },
    ]),
  );
}

/** What is sent: every answered pair, a choice or a score. */
export function answersOf(draft: Draft): RatingAnswer[] {
  return [...draft.entries()].flatMap(([key, a]): RatingAnswer[] => {
    const [subjectId, leafKey] = key.split('/') as [string, string];
    const comment = a.comment?.trim() ? { comment: a.comment.trim() } : {};
    if (a.choice) return [{ subjectId, leafKey, choice: a.choice, ...comment }];
    if (a.score !== undefined) return [{ subjectId, leafKey, score: a.score, ...comment }];
    return [];
  });
}

/** How many of the subject × leaf pairs have an answer. */
export function answeredCount(form: Pick<RatingForm, 'subjectList' | 'leaves'>, draft: Draft): number {
  return form.subjectList.reduce(
    (n, s) =>
      n +
      form.leaves.filter((l) => {
        const a = draft.get(draftKey(s.id, l.key));
        return !!a && (a.choice !== undefined || a.score !== undefined);
      }).length,
    0,
  );
}

/** The score an answer counts as, for showing beside the buttons. */
export const answerScore = (a: { score?: number; choice?: RatingChoice } | undefined): number | null =>
  a?.choice ? CHOICE_SCORES[a.choice] : (a?.score ?? null);
