import { describe, expect, it } from 'vitest';
import type { CoverageNode } from '#contracts/responsibility-coverage';
import {
  collectFlags,
  expandableKeys,
  flattenCoverage,
  onlyFlagged,
  progressByLevel,
  toTreeRows,
} from './coverage-tree.ts';

function node(id: string, over: Partial<CoverageNode> = {}): CoverageNode {
  return {
    kind: 'item',
    id,
    title: id,
    domain: 'party',
    level: 'direct',
    ownerOrgName: null,
    ownerMemberName: null,
    weight: 1,
    progress: 0,
    state: 'open',
    flags: [],
    children: [],
    ...over,
  };
}

const flag = (message: string) => ({
  kind: 'not_taken_up' as const,
  message,
  whoShouldAct: '某支部书记 张三',
});

// wp1 → a (principal) → b (direct) → c (implementing, flagged); wp2 flagged, nothing took it up.
const c = node('c', { level: 'implementing', progress: 50, flags: [flag('未承接')] });
const b = node('b', { level: 'direct', progress: 50, children: [c] });
const a = node('a', { level: 'principal', progress: 50, children: [b] });
const wp1 = node('wp1', { kind: 'work_point', level: null, state: null, progress: 50, children: [a] });
const wp2 = node('wp2', { kind: 'work_point', level: null, state: null, flags: [flag('单位尚未承接')] });
const roots = [wp1, wp2];

describe('coverage tree', () => {
  it('keys rows by their path and leaves no children on leaves', () => {
    const rows = toTreeRows(roots);
    expect(rows.map((r) => r.key)).toEqual(['wp1', 'wp2']);
    expect(rows[1]?.children).toBeUndefined();
    expect(rows[0]?.children?.[0]?.children?.[0]?.key).toBe('wp1/a/b');
    expect(rows[0]?.children?.[0]?.children?.[0]?.children?.[0]).toEqual({ key: 'wp1/a/b/c', node: c });
  });

  it('flattens only what is expanded, with depths, in display order', () => {
    expect(flattenCoverage(roots, new Set()).map((r) => r.key)).toEqual(['wp1', 'wp2']);
    const rows = flattenCoverage(roots, new Set(['wp1', 'wp1/a']));
    expect(rows.map((r) => [r.key, r.depth, r.hasChildren, r.expanded])).toEqual([
      ['wp1', 0, true, true],
      ['wp1/a', 1, true, true],
      ['wp1/a/b', 2, true, false],
      ['wp2', 0, false, false],
    ]);
    // A key below a collapsed row does not open it.
    expect(flattenCoverage(roots, new Set(['wp1/a'])).map((r) => r.key)).toEqual(['wp1', 'wp2']);
  });

  it('lists the keys of every row with children for "expand all"', () => {
    expect(expandableKeys(roots)).toEqual(['wp1', 'wp1/a', 'wp1/a/b']);
    expect(flattenCoverage(roots, new Set(expandableKeys(roots)))).toHaveLength(5);
  });

  it('keeps only flagged rows and the path to them', () => {
    const clean = node('clean', { kind: 'work_point', level: null, children: [node('x')] });
    const kept = onlyFlagged([...roots, clean]);
    expect(kept.map((n) => n.id)).toEqual(['wp1', 'wp2']);
    expect(kept[0]?.children[0]?.children[0]?.children.map((n) => n.id)).toEqual(['c']);
    expect(onlyFlagged([clean])).toEqual([]);
  });

  it('collects every flag with the row it belongs to', () => {
    expect(collectFlags(roots).map((f) => [f.key, f.flag.message])).toEqual([
      ['wp1/a/b/c', '未承接'],
      ['wp2', '单位尚未承接'],
    ]);
  });

  it('weighs progress per level and counts a duty shown twice once', () => {
    const heavy = node('h', { level: 'direct', progress: 100, weight: 3 });
    const twice = [node('wp', { kind: 'work_point', level: null, children: [b, heavy] }), b];
    expect(progressByLevel(twice)).toEqual([
      { level: 'direct', progress: 87.5, count: 2 },
      { level: 'implementing', progress: 50, count: 1 },
    ]);
    expect(progressByLevel([])).toEqual([]);
  });
});
