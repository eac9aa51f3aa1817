import { describe, expect, it } from 'vitest';
import type { ObligationRollup } from '#contracts/branch-rollup';
import {
  cellCount,
  cellEntries,
  cellState,
  defaultRollupOrg,
  entryRecordPath,
  maySetThemeDay,
  orderBranches,
  parseRollupParams,
  type RollupBranch,
  type RollupEntry,
  rollupSummary,
  tallyOf,
} from './rollup-logic.ts';

const T = (held: number, due: number, exempt: number, missing: number) => ({ held, due, exempt, missing });
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function entry(dueOn: string, state: RollupEntry['state'], extra: Partial<RollupEntry> = {}): RollupEntry {
  return {
    recordKind: 'branch.theme_day',
    kindLabel: '主题党日',
    itemId: ID(9),
    itemTitle: '每月开展主题党日',
    periodKey: dueOn.slice(0, 7),
    dueOn,
    state,
    recordId: state === 'held' ? ID(7) : null,
    recordTitle: state === 'held' ? '学习全会精神' : null,
    ...extra,
  };
}

function branch(id: number, entries: RollupEntry[], total = T(0, 0, 0, 0)): RollupBranch {
  return {
    partyOrgId: ID(id),
    name: `第${id}党支部`,
    months: Array.from({ length: 12 }, () => T(0, 0, 0, 0)),
    quarters: Array.from({ length: 4 }, () => T(0, 0, 0, 0)),
    total,
    entries,
  };
}

describe('cellState', () => {
  it('colours by what is missing first', () => {
    expect(cellState(T(0, 0, 0, 1))).toBe('missing');
    expect(cellState(T(1, 0, 0, 1))).toBe('partial');
    expect(cellState(T(0, 0, 1, 1))).toBe('partial');
    expect(cellState(T(2, 1, 0, 0))).toBe('held');
    expect(cellState(T(1, 0, 1, 0))).toBe('held');
    expect(cellState(T(0, 0, 1, 0))).toBe('exempt');
    expect(cellState(T(0, 3, 0, 0))).toBe('due');
    expect(cellState(T(0, 0, 0, 0))).toBe('none');
  });

  it('counts held out of what was asked, exemptions aside', () => {
    expect(cellCount(T(2, 1, 4, 1))).toEqual({ held: 2, asked: 4 });
  });
});

describe('cellEntries', () => {
  const b = branch(1, [
    entry('2026-01-31', 'held'),
    entry('2026-02-28', 'missing'),
    entry('2026-03-31', 'exempt'),
    entry('2026-03-31', 'missing', { itemTitle: '召开支委会', recordKind: 'branch.committee_meeting' }),
    entry('2026-04-30', 'due'),
  ]);

  it("lists a month's duties by the month they fall due, missing first", () => {
    expect(cellEntries(b, 'month', 2).map((e) => [e.itemTitle, e.state])).toEqual([
      ['召开支委会', 'missing'],
      ['每月开展主题党日', 'exempt'],
    ]);
    expect(cellEntries(b, 'month', 5)).toEqual([]);
  });

  it("lists a quarter's duties and the whole year", () => {
    expect(cellEntries(b, 'quarter', 0).map((e) => e.dueOn)).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-01-31',
      '2026-03-31',
    ]);
    expect(cellEntries(b, 'quarter', 1)).toHaveLength(1);
    expect(cellEntries(b, 'month', null)).toHaveLength(5);
  });

  it('reads a tally by month or quarter, zero beyond the list', () => {
    const x = branch(2, []);
    x.months[4] = T(1, 0, 0, 0);
    x.quarters[3] = T(0, 0, 0, 2);
    expect(tallyOf(x, 'month', 4)).toEqual(T(1, 0, 0, 0));
    expect(tallyOf(x, 'quarter', 3)).toEqual(T(0, 0, 0, 2));
    expect(tallyOf(x, 'quarter', 7)).toEqual(T(0, 0, 0, 0));
  });
});

describe('rollupSummary', () => {
  it("adds the branches up and counts those lagging; no duties means the empty state's advice", () => {
    const rollup: ObligationRollup = {
      year: 2026,
      branches: [
        branch(1, [entry('2026-01-31', 'held')], T(10, 2, 1, 0)),
        branch(2, [entry('2026-01-31', 'missing')], T(6, 2, 0, 4)),
      ],
    };
    const s = rollupSummary(rollup);
    expect(s.total).toEqual(T(16, 4, 1, 4));
    expect(s.lagging).toBe(1);
    expect(s.heldShare).toBeCloseTo(0.8);
    expect(s.hasDuties).toBe(true);
    expect(rollupSummary({ year: 2026, branches: [branch(1, [])] })).toMatchObject({
      hasDuties: false,
      heldShare: null,
    });
  });

  it('puts the branches with most missing first only when asked', () => {
    const list = [branch(1, [], T(1, 0, 0, 0)), branch(2, [], T(0, 0, 0, 3)), branch(3, [], T(0, 0, 0, 1))];
    expect(orderBranches(list, false).map((b) => b.name)).toEqual(['第1党支部', '第2党支部', '第3党支部']);
    expect(orderBranches(list, true).map((b) => b.name)).toEqual(['第2党支部', '第3党支部', '第1党支部']);
  });
});

it('links only branch records to their page', () => {
  expect(entryRecordPath({ recordId: ID(7), recordKind: 'branch.theme_day' })).toBe(
    `/branch/records/${ID(7)}`,
  );
  expect(entryRecordPath({ recordId: null, recordKind: 'branch.theme_day' })).toBeNull();
  expect(entryRecordPath({ recordId: ID(7), recordKind: 'fusion.project' })).toBeNull();
});

describe('defaultRollupOrg', () => {
  const org = (id: number, parent: number | null, kind: string, sortOrder = 0) => ({
    id: ID(id),
    parentId: parent === null ? null : ID(parent),
    kind,
    sortOrder,
    code: String(id),
  });

  it("opens on the top of the reader's tree", () => {
    expect(defaultRollupOrg([org(2, 1, 'branch'), org(1, null, 'organ_committee')])).toBe(ID(1));
    // A secretary sees their branch only: its parent is out of sight.
    expect(defaultRollupOrg([org(5, 4, 'branch'), org(6, 5, 'cell')])).toBe(ID(5));
  });

  it("takes the work committee's first organ, in the tree's order", () => {
    const orgs = [
      org(1, null, 'work_committee'),
      org(3, 1, 'organ_committee', 2),
      org(2, 1, 'organ_committee', 1),
      org(4, 2, 'branch'),
    ];
    expect(defaultRollupOrg(orgs)).toBe(ID(2));
    expect(defaultRollupOrg([org(1, null, 'work_committee')])).toBeNull();
    expect(defaultRollupOrg([])).toBeNull();
  });
});

describe('maySetThemeDay', () => {
  const orgs = [
    { id: ID(1), parentId: null },
    { id: ID(2), parentId: ID(1) },
    { id: ID(3), parentId: ID(2) },
  ];
  it('allows a role that records branch work on the organ root or above it', () => {
    expect(maySetThemeDay([{ role: 'organ_committee_officer', partyOrgId: ID(2) }], ID(2), orgs)).toBe(true);
    expect(maySetThemeDay([{ role: 'work_committee_officer', partyOrgId: ID(1) }], ID(2), orgs)).toBe(true);
  });
  it('refuses a branch role, a reader at the root, and an unknown root', () => {
    expect(maySetThemeDay([{ role: 'branch_secretary', partyOrgId: ID(3) }], ID(2), orgs)).toBe(false);
    expect(maySetThemeDay([{ role: 'leading_group_member', partyOrgId: ID(2) }], ID(2), orgs)).toBe(false);
    expect(maySetThemeDay([{ role: 'organ_committee_officer', partyOrgId: ID(2) }], null, orgs)).toBe(false);
  });
});

it('reads the address, falling back on anything malformed', () => {
  expect(parseRollupParams(new URLSearchParams(`org=${ID(1)}&year=2025&by=quarter`), 2026)).toEqual({
    org: ID(1),
    year: 2025,
    by: 'quarter',
  });
  expect(parseRollupParams(new URLSearchParams('org=x&year=19&by=week'), 2026)).toEqual({
    org: null,
    year: 2026,
    by: 'month',
  });
});
