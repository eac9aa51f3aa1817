import { describe, expect, it } from 'vitest';
import type { HandoverEntry } from '#contracts/handover';
import { acknowledgedPercent, groupEntries } from './handover-entries.ts';

const entry = (kind: string, id: string, dueOn: string | null): HandoverEntry => ({
  kind,
  kindLabel: kind === 'responsibility.item' ? '责任清单职责' : '豁免审批',
  id,
  label: id,
  dueOn,
  acknowledgedAt: null,
});

describe('handover entries', () => {
  it('groups by kind in first-seen order, each group by due date with undated last', () => {
    const groups = groupEntries([
      entry('responsibility.item', 'b', '2026-12-31'),
      entry('responsibility.approval', 'x', null),
      entry('responsibility.item', 'a', '2026-06-30'),
      entry('responsibility.item', 'c', null),
    ]);
    expect(groups.map((g) => [g.kind, g.kindLabel, g.entries.map((e) => e.id)])).toEqual([
      ['responsibility.item', '责任清单职责', ['a', 'b', 'c']],
      ['responsibility.approval', '豁免审批', ['x']],
    ]);
    expect(groupEntries([])).toEqual([]);
  });

  it('gives the acknowledged share, a handover with nothing counting as done', () => {
    expect(acknowledgedPercent({ entries: [1, 2, 3], acknowledged: 1 })).toBe(33);
    expect(acknowledgedPercent({ entries: [], acknowledged: 0 })).toBe(100);
  });
});
