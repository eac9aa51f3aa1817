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

// Cases found by mutation testing (npm run mutate:unit).
describe('org policy, edge by edge', () => {
  it('words the refusals in full', () => {
    expect(kindRuleMessage(null, 'branch')).toBe(
      '“党支部”必须设在上级党组织之下，请填写上级组织（只有机关工委或机关党委可以作为最高一级）',
    );
    expect(kindRuleMessage('general_branch', 'sub_committee')).toBe(
      '“党总支”之下不能设立“二级机关党委”，其下只能设立：党支部',
    );
    expect(kindRuleMessage('cell', 'cell')).toBe('“党小组”之下不能设立“党小组”，其下不能再设立下级党组织');
  });

  it('allows a division under a division or at the top, and a section anywhere', () => {
    expect(departmentParentAllowed('division', 'division')).toBe(true);
    expect(departmentParentAllowed(null, 'division')).toBe(true);
    expect(departmentParentAllowed('section', 'section')).toBe(true);
    expect(departmentParentAllowed('section', 'division')).toBe(false);
  });

  it('orphans, rather than calls cyclic, a node whose parent chain runs into a cycle', () => {
    const nodes = new Map<string, PathNode>([
      ['lead', { id: 'L', parent: 'a' }],
      ['a', { id: 'A', parent: 'b' }],
      ['b', { id: 'B', parent: 'a' }],
    ]);
    const r = resolvePaths(nodes);
    expect([...r.cyclic].sort()).toEqual(['a', 'b']);
    expect([...r.orphaned]).toEqual(['lead']);
    expect(r.paths.size).toBe(0);
  });

  it('orders many siblings of equal sortOrder by code', () => {
    const codes = ['K5', 'K1', 'K9', 'K3', 'K7', 'K2', 'K8', 'K4', 'K6'];
    const nodes = codes.map((code) => ({ id: code, parentId: null, sortOrder: 0, code }));
    expect(treeOrder(nodes).map((n) => n.code)).toEqual([...codes].sort());
    const mixed = [
      { id: 'x', parentId: null, sortOrder: 2, code: 'A' },
      { id: 'y', parentId: null, sortOrder: 1, code: 'Z' },
    ];
    expect(treeOrder(mixed).map((n) => n.id)).toEqual(['y', 'x']);
  });

  it('compares arrays as sets of the same size, and never an array with a scalar', () => {
    expect(changedFields({ x: ['a', 'b'] }, { x: ['b', 'a'] })).toEqual({});
    expect(changedFields({ x: ['a', 'b'] }, { x: ['a', 'c'] })).toEqual({
      x: { from: ['a', 'b'], to: ['a', 'c'] },
    });
    expect(changedFields({ x: ['a', 'a'] }, { x: ['a'] })).toEqual({ x: { from: ['a', 'a'], to: ['a'] } });
    expect(changedFields<{ x: unknown }>({ x: 'a' }, { x: ['a'] })).toEqual({ x: { from: 'a', to: ['a'] } });
    expect(changedFields<{ x: unknown }>({ x: ['a'] }, { x: 'a' })).toEqual({ x: { from: ['a'], to: 'a' } });
  });

  it('names every kind allowed under the parent, separated by 、', () => {
    expect(kindRuleMessage('sub_committee', 'organ_committee')).toBe(
      '“二级机关党委”之下不能设立“机关党委”，其下只能设立：党总支、党支部',
    );
  });

  it('orders no nodes as no nodes', () => {
    expect(treeOrder([])).toEqual([]);
  });

  it('compares arrays as sets whatever order the stored one is in, and tells no values from one empty value', () => {
    expect(changedFields({ x: ['b', 'a'] }, { x: ['a', 'b'] })).toEqual({});
    expect(changedFields<{ x: string[] }>({ x: [] }, { x: [''] })).toEqual({ x: { from: [], to: [''] } });
  });
});
