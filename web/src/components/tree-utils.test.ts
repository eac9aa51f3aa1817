import { describe, expect, it } from 'vitest';
import { buildForest, filterForest, forestIds, mapForest, type Node, subtreeIds } from './tree-utils.ts';

type Item = { id: string; parentId: string | null; name: string; sortOrder: number };
const item = (id: string, parentId: string | null, sortOrder = 0): Item => ({
  id,
  parentId,
  name: id,
  sortOrder,
});

const shape = (nodes: Node<Item>[]): unknown[] =>
  nodes.map((n) => (n.children.length ? { [n.item.id]: shape(n.children) } : n.item.id));

describe('buildForest', () => {
  it('nests by parentId and sorts every level', () => {
    const forest = buildForest(
      [item('b2', 'root', 2), item('root', null), item('b1', 'root', 1), item('c', 'b1')],
      (a, b) => a.sortOrder - b.sortOrder,
    );
    expect(shape(forest)).toEqual([{ root: [{ b1: ['c'] }, 'b2'] }]);
  });
  it('makes a node whose parent is not visible a root', () => {
    expect(shape(buildForest([item('branch', 'hidden-committee'), item('cell', 'branch')]))).toEqual([
      { branch: ['cell'] },
    ]);
  });
  it('does not lose nodes that point at themselves or form a cycle', () => {
    const forest = buildForest([item('a', 'b'), item('b', 'a'), item('self', 'self')]);
    expect(forestIds(forest).sort()).toEqual(['a', 'b', 'self']);
  });
});

describe('filterForest', () => {
  const forest = buildForest([
    item('root', null),
    item('one', 'root'),
    item('one-cell', 'one'),
    item('two', 'root'),
    item('two-cell', 'two'),
  ]);
  it('keeps matches with the path to them', () => {
    expect(shape(filterForest(forest, (i) => i.id === 'two-cell'))).toEqual([
      { root: [{ two: ['two-cell'] }] },
    ]);
  });
  it('keeps the whole subtree under a match', () => {
    expect(shape(filterForest(forest, (i) => i.id === 'one'))).toEqual([{ root: [{ one: ['one-cell'] }] }]);
  });
  it('is empty when nothing matches', () => {
    expect(filterForest(forest, () => false)).toEqual([]);
  });
});

describe('subtreeIds', () => {
  it('collects a node and all below it, nothing else', () => {
    const items = [item('r', null), item('a', 'r'), item('a1', 'a'), item('a11', 'a1'), item('b', 'r')];
    expect([...subtreeIds(items, 'a')].sort()).toEqual(['a', 'a1', 'a11']);
    expect([...subtreeIds(items, 'b')]).toEqual(['b']);
  });
});

describe('mapForest', () => {
  it('maps nodes and gives leaves no children array', () => {
    const mapped = mapForest(buildForest([item('r', null), item('c', 'r')]), (i, children) => ({
      key: i.id,
      children,
    }));
    expect(mapped).toEqual([{ key: 'r', children: [{ key: 'c', children: undefined }] }]);
  });
});
