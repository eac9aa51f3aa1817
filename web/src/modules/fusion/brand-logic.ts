// Pure rules behind the brand, case and pairing pages: the review's live total and which statuses it allows, the
// missing elements in a short list, evidence by element, the showcase's two kinds of card, a pairing's renewal.
import {
  BRAND_ELEMENTS,
  BRAND_RUBRIC,
  BRAND_THRESHOLDS,
  type BrandElement,
  type BrandEvidence,
  type BrandStatus,
  type Missing,
  type ShowcaseCase,
} from '#contracts/fusion-brand';

export const ELEMENTS = BRAND_ELEMENTS;
export const RUBRIC = BRAND_RUBRIC;
export const THRESHOLDS = BRAND_THRESHOLDS;

export type Scores = Record<BrandElement, number | null | undefined>;

export function rubricTotal(scores: Partial<Scores>): number {
  return ELEMENTS.reduce((sum, e) => sum + (Number(scores[e]) || 0), 0);
}

/** Elements scored above their maximum (the server refuses them too). */
export function overMaximum(scores: Partial<Scores>): BrandElement[] {
  return ELEMENTS.filter((e) => (Number(scores[e]) || 0) > RUBRIC[e]);
}

/**
 * The statuses a review may give: 达标 and 示范 need the six haves complete and the threshold's points; 培育 and
 * 整改 are always open. The first allowed of 示范, 达标, 培育 is the suggestion.
 */
export function allowedStatuses(total: number, complete: boolean): Record<BrandStatus, boolean> {
  return {
    exemplary: complete && total >= THRESHOLDS.exemplary,
    qualified: complete && total >= THRESHOLDS.qualified,
    cultivating: true,
    rectifying: true,
  };
}

export function suggestedStatus(total: number, complete: boolean): BrandStatus {
  const allowed = allowedStatuses(total, complete);
  if (allowed.exemplary) return 'exemplary';
  if (allowed.qualified) return 'qualified';
  return 'cultivating';
}

/** The missing elements once each, in rubric order (an element may lack both its content and its evidence). */
export function missingElements(missing: readonly Missing[]): BrandElement[] {
  const set = new Set(missing.map((m) => m.element));
  return ELEMENTS.filter((e) => set.has(e));
}

export function evidenceOf(evidence: readonly BrandEvidence[], element: BrandElement): BrandEvidence[] {
  return evidence.filter((e) => e.element === element);
}

/** The brand's field holding an element's text (the name is the brand's name; the mark is an image). */
export const CONTENT_FIELD = {
  name: 'name',
  concept: 'concept',
  standards: 'serviceStandards',
  measures: 'creationMeasures',
  effect: 'effect',
} as const;
export type ContentElement = keyof typeof CONTENT_FIELD;

/** A rectification deadline that has passed (shown in red on the list). */
export const rectifyOverdue = (rectifyBy: string | null, today: string) =>
  rectifyBy !== null && rectifyBy < today;

/**
 * The showcase: the organ's own published cases first (newest first), then cases the work committee selected from
 * other organs; a case of this organ that is also selected shows once, among the organ's own.
 */
export function showcaseSections(cases: readonly ShowcaseCase[], unitId: string) {
  const newest = (a: ShowcaseCase, b: ShowcaseCase) =>
    (b.selectedOn ?? b.publishedOn ?? '').localeCompare(a.selectedOn ?? a.publishedOn ?? '');
  const own = cases.filter((c) => c.unitId === unitId).sort(newest);
  const selected = cases.filter((c) => c.unitId !== unitId && c.committeeSelected).sort(newest);
  return { own, selected };
}

/** Cases grouped by status, in the order an officer works through them. */
export function casesByStatus(cases: readonly ShowcaseCase[]) {
  const order = ['submitted', 'returned', 'draft', 'published'] as const;
  return order.map((status) => ({ status, cases: cases.filter((c) => c.status === status) }));
}

/** A renewal must end later than the pairing does now. */
export const renewalValid = (currentEnd: string, next: string | null) => next !== null && next > currentEnd;
