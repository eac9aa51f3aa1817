// The registry of follow-up kinds (issue 12 point 7, ADR 29 addendum): what a result below a cycle's rule opens. The
// assessment module owns the registry and depends on no producer: responsibility registers 限期整改 (a one-off duty
// on the subject's list, owned by its secretary); the supervision module, once it exists, registers its `finding`
// kind the same way in server/src/registrations.ts, and a cycle's rule picks it by key — nothing here changes.
import type { Ctx } from '../../core/context.ts';

export type FollowUpSubject = {
  /** The subject's organ (a branch's, or the organ assessed by the work committee). */
  unitId: string;
  /** The Party organisation assessed (a branch, or an organ's root organisation). */
  subjectId: string;
  subjectName: string;
  score: number;
  /** Where the result is read, for the opened item to point back to. */
  resultHref: string;
};

/** One call opens the follow-ups of many subjects (set-based), all in the caller's transaction. */
export type FollowUpRequest = {
  cycleId: string;
  cycleName: string;
  threshold: number;
  /** The day by which each must be put right ('YYYY-MM-DD'). */
  deadline: string;
  subjects: readonly FollowUpSubject[];
};

export type OpenedFollowUp = {
  subjectId: string;
  /** The opening module's own reference (an item id); assessment only keeps it and hands it back. */
  ref: string;
  title: string;
  deadline: string;
  href: string | null;
};

export type FollowUpStatus = {
  state: 'open' | 'overdue' | 'closed';
  closedOn: string | null;
  title: string;
  deadline: string;
  href: string | null;
};

export type FollowUpKind = {
  key: string;
  /** Chinese, shown where the officer picks what a result below the rule opens. */
  label: string;
  open(ctx: Ctx, req: FollowUpRequest): Promise<OpenedFollowUp[]>;
  /** How each reference of one organ stands today; a reference the module no longer knows is left out. */
  status(ctx: Ctx, unitId: string, refs: readonly string[]): Promise<Map<string, FollowUpStatus>>;
};

export class FollowUpKindRefused extends Error {}

const kinds = new Map<string, FollowUpKind>();

export function registerFollowUpKinds(list: readonly FollowUpKind[]): void {
  for (const k of list) {
    // Two modules claiming one key would answer each other's references: refused at start-up. The same kind again
    // (every app built in one process registers the contributions) is no second claim.
    const known = kinds.get(k.key);
    if (known && known !== k) throw new FollowUpKindRefused(`follow-up kind ${k.key} is registered twice`);
    if (!/^[a-z][a-z_.]{0,63}$/.test(k.key))
      throw new FollowUpKindRefused(`follow-up kind key ${k.key} is not of the form module.kind`);
    kinds.set(k.key, k);
  }
}

export function unregisterFollowUpKind(key: string): void {
  kinds.delete(key);
}

export const followUpKind = (key: string): FollowUpKind | undefined => kinds.get(key);
export const allFollowUpKinds = (): FollowUpKind[] => [...kinds.values()];
/** The kind a rule starts from: 限期整改 while it is the one registered. */
export const defaultFollowUpKind = (): string =>
  kinds.has('responsibility.rectification')
    ? 'responsibility.rectification'
    : (allFollowUpKinds()[0]?.key ?? 'responsibility.rectification');
