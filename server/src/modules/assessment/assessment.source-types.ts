// What a leaf's source is asked, and what it answers (assessment.sources.ts dispatches by source).
import type { MeasureSubjectRef } from './assessment.catalogue.ts';
import type { StoredValue } from './assessment.explain.ts';

export type SourceQuery = {
  /** The cycle asking (rated values belong to one cycle's raters). */
  cycleId: string;
  unitId: string;
  subjects: readonly MeasureSubjectRef[];
  /** Count each subject's whole subtree (an organ assessed by its root organisation), or the subject alone. */
  subtree: boolean;
  /** The subjects are members (a member cycle), not Party organisations. */
  members?: boolean;
  from: string;
  to: string;
};

/** subject id → leaf key → value: what a source gives back for the leaves it was asked about. */
export type SourceValues = Map<string, Map<string, StoredValue>>;

/** A subject a cycle scores: a Party organisation, an organ by its root, or a member (by their organisation's path). */
export type Subject = MeasureSubjectRef & { unitId: string; name: string; groupId?: string | null };
