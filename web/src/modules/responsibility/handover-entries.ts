import type { HandoverEntry } from '#contracts/handover';

export type EntryGroup = { kind: string; kindLabel: string; entries: HandoverEntry[] };

/** Entries by kind, kinds in the order they first appear (the server lists them kind by kind), each by due date. */
export function groupEntries(entries: readonly HandoverEntry[]): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  for (const e of entries) {
    const group = groups.get(e.kind) ?? { kind: e.kind, kindLabel: e.kindLabel, entries: [] };
    group.entries.push(e);
    groups.set(e.kind, group);
  }
  const due = (e: HandoverEntry) => e.dueOn ?? '9999-12-31';
  return [...groups.values()].map((g) => ({
    ...g,
    entries: [...g.entries].sort((a, b) => due(a).localeCompare(due(b))),
  }));
}

/** Acknowledged share of a handover, 0–100 (a handover with nothing to pass counts as acknowledged). */
export function acknowledgedPercent(h: { entries: readonly unknown[]; acknowledged: number }): number {
  return h.entries.length === 0 ? 100 : Math.round((h.acknowledged / h.entries.length) * 100);
}
