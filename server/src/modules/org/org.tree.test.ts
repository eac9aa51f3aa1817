import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  childPath,
  departmentParentAllowed,
  depthOfPath,
  isWithin,
  kindAllowedUnder,
  kindRuleMessage,
  type PathNode,
  resolvePaths,
  rewritePrefix,
  treeOrder,
} from './org.policy.ts';

describe('kind rules', () => {
  it('follows ALLOWED_CHILD_KINDS and lets only committees stand at the top', () => {
    expect(kindAllowedUnder('organ_committee', 'branch')).toBe(true);
    expect(kindAllowedUnder('branch', 'cell')).toBe(true);
    expect(kindAllowedUnder('branch', 'branch')).toBe(false);
    expect(kindAllowedUnder('cell', 'cell')).toBe(false);
    expect(kindAllowedUnder('general_branch', 'sub_committee')).toBe(false);
    expect(kindAllowedUnder(null, 'work_committee')).toBe(true);
    expect(kindAllowedUnder(null, 'organ_committee')).toBe(true);
    expect(kindAllowedUnder(null, 'branch')).toBe(false);
  });

  it('explains a refusal in Chinese, naming both kinds and what is allowed', () => {
    const message = kindRuleMessage('general_branch', 'sub_committee');
    expect(message).toContain('党总支');
    expect(message).toContain('二级机关党委');
    expect(message).toContain('党支部');
    expect(kindRuleMessage('cell', 'cell')).toContain('不能再设立');
    expect(kindRuleMessage(null, 'branch')).toContain('上级');
  });

  it('keeps divisions out from under sections', () => {
    expect(departmentParentAllowed(null, 'division')).toBe(true);
    expect(departmentParentAllowed('division', 'section')).toBe(true);
    expect(departmentParentAllowed('section', 'division')).toBe(false);
  });
});

describe('paths', () => {
  it('builds, measures and rewrites paths', () => {
    const root = childPath(null, 'a');
    const child = childPath(root, 'b');
    expect(root).toBe('/a/');
    expect(child).toBe('/a/b/');
    expect(depthOfPath(root)).toBe(0);
    expect(depthOfPath(childPath(child, 'c'))).toBe(2);
    expect(isWithin('/a/b/c/', '/a/b/')).toBe(true);
    expect(isWithin('/a/bb/', '/a/b/')).toBe(false);
    expect(rewritePrefix('/a/b/c/', '/a/b/', '/x/b/')).toBe('/x/b/c/');
    expect(rewritePrefix('/a/z/', '/a/b/', '/x/b/')).toBe('/a/z/');
  });

  it('resolves the paths of a forest and reports cycles and orphans', () => {
    const nodes = new Map<string, PathNode>([
      ['R', { id: 'r', parent: null }],
      ['A', { id: 'a', parent: 'R' }],
      ['B', { id: 'b', parent: 'A' }],
      ['X', { id: 'x', parent: 'Y' }],
      ['Y', { id: 'y', parent: 'X' }],
      ['Z', { id: 'z', parent: 'X' }],
      ['O', { id: 'o', parent: 'MISSING' }],
      ['P', { id: 'p', parent: 'O' }],
    ]);
    const { paths, cyclic, orphaned } = resolvePaths(nodes);
    expect(paths.get('B')).toBe('/r/a/b/');
    expect([...cyclic].sort()).toEqual(['X', 'Y']);
    expect([...orphaned].sort()).toEqual(['O', 'P', 'Z']);
    expect(paths.has('Z')).toBe(false);
  });

  it('gives every node of a random tree a path made of its ancestors', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (parents) => {
        // Node i hangs under some node before it (or is a root), so the input is always a forest.
        const nodes = new Map<string, PathNode>();
        parents.forEach((p, i) => {
          nodes.set(`n${i}`, { id: `id${i}`, parent: i === 0 || p % 4 === 0 ? null : `n${p % i}` });
        });
        const { paths, cyclic, orphaned } = resolvePaths(nodes);
        expect(cyclic.size + orphaned.size).toBe(0);
        for (const [key, node] of nodes) {
          const path = paths.get(key) as string;
          expect(path.endsWith(`/${node.id}/`)).toBe(true);
          if (node.parent) expect(path).toBe(childPath(paths.get(node.parent) as string, node.id));
        }
      }),
    );
  });
});

describe('tree order', () => {
  it('lists depth first with siblings by sortOrder then code, and lifts nodes whose parent is absent', () => {
    const n = (id: string, parentId: string | null, sortOrder: number) => ({
      id,
      parentId,
      sortOrder,
      code: id,
    });
    const order = treeOrder([
      n('c2', 'r', 2),
      n('r', null, 0),
      n('c1', 'r', 1),
      n('g', 'c2', 0),
      n('lost', 'gone', 0),
    ]);
    expect(order.map((x) => x.id)).toEqual(['lost', 'r', 'c1', 'c2', 'g']);
  });
});

describe('changedFields', () => {
  it('reports differing fields only, comparing arrays as sets and ignoring undefined', () => {
    const before = { name: 'a', sortOrder: 1, departmentIds: ['x', 'y'] };
    expect(changedFields(before, { name: 'a', departmentIds: ['y', 'x'], sortOrder: undefined })).toEqual({});
    expect(changedFields(before, { name: 'b', departmentIds: ['x'] })).toEqual({
      name: { from: 'a', to: 'b' },
      departmentIds: { from: ['x', 'y'], to: ['x'] },
    });
  });
});
