// Who else hears that what the measures count has changed (issue 13 point 6): a registry, as the notification module
// offers for its rows, so the warning module — after assessment in the dependency order — learns of every change
// the assessment learns of, without assessment importing it. Listeners run in the changer's transaction, after the
// scores are current; they should be cheap (the warning module only marks the organisations to evaluate again).
import type { Ctx } from '../../core/context.ts';
import type { Countable } from './assessment.catalogue.ts';

/** What changed: which kind of record, which organisations of which organ, which days. */
export type Change = {
  unitId: string;
  orgIds: readonly string[];
  from: string;
  to: string;
  counts: readonly Countable[];
  /** The kinds of the branch records that changed, when it is records (measures of other kinds stay as they are). */
  recordKinds?: readonly string[];
};

export type ChangeListener = { key: string; changed: (ctx: Ctx, change: Change) => Promise<void> };

const listeners = new Map<string, ChangeListener>();

export function registerChangeListeners(list: readonly ChangeListener[]): void {
  for (const l of list) {
    const known = listeners.get(l.key);
    if (known && known !== l) throw new Error(`change listener ${l.key} registered twice`);
    listeners.set(l.key, l);
  }
}

export async function tellChangeListeners(ctx: Ctx, change: Change): Promise<void> {
  for (const l of listeners.values()) await l.changed(ctx, change);
}
