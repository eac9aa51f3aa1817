// The coverage tree as the page shows it. A duty may appear under more than one parent (a branch secretary's view
// puts what the branch took up at the top, and again under what it took up), so rows are keyed by their path.
import { LEVELS, type Level } from '#contracts/responsibility';
import type { CoverageNode } from '#contracts/responsibility-coverage';

export type TreeRow = { key: string; node: CoverageNode; children?: TreeRow[] };

export type FlatRow = {
  key: string;
  node: CoverageNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
};

export type FlagRow = { key: string; node: CoverageNode; flag: CoverageNode['flags'][number] };

const childKey = (parentKey: string | null, node: CoverageNode) =>
  parentKey === null ? node.id : `${parentKey}/${node.id}`;

/** Rows for a tree table: no `children` on a leaf, so the table draws no expand button there. */
export function toTreeRows(nodes: readonly CoverageNode[], parentKey: string | null = null): TreeRow[] {
  return nodes.map((node) => {
    const key = childKey(parentKey, node);
    return node.children.length ? { key, node, children: toTreeRows(node.children, key) } : { key, node };
  });
}

/** The rows shown when only `expanded` rows show their children, in display order, with their depth. */
export function flattenCoverage(nodes: readonly CoverageNode[], expanded: ReadonlySet<string>): FlatRow[] {
  const out: FlatRow[] = [];
  const walk = (list: readonly CoverageNode[], parentKey: string | null, depth: number) => {
    for (const node of list) {
      const key = childKey(parentKey, node);
      const open = expanded.has(key);
      out.push({ key, node, depth, hasChildren: node.children.length > 0, expanded: open });
      if (open) walk(node.children, key, depth + 1);
    }
  };
  walk(nodes, null, 0);
  return out;
}

/** Every key of a row that has children: "expand all". */
export function expandableKeys(nodes: readonly CoverageNode[], parentKey: string | null = null): string[] {
  return nodes.flatMap((node) => {
    const key = childKey(parentKey, node);
    return node.children.length ? [key, ...expandableKeys(node.children, key)] : [];
  });
}

/** Keeps flagged nodes and the path down to them; a flagged node keeps only its flagged descendants. */
export function onlyFlagged(nodes: readonly CoverageNode[]): CoverageNode[] {
  return nodes.flatMap((node) => {
    const children = onlyFlagged(node.children);
    return node.flags.length || children.length ? [{ ...node, children }] : [];
  });
}

/** Every red flag with the row it sits on, in tree order. */
export function collectFlags(nodes: readonly CoverageNode[], parentKey: string | null = null): FlagRow[] {
  return nodes.flatMap((node) => {
    const key = childKey(parentKey, node);
    return [...node.flags.map((flag) => ({ key, node, flag })), ...collectFlags(node.children, key)];
  });
}

/**
 * Progress per level over the duties taken up at that level (weighted as the server rolls them up), counting each
 * duty once even where the tree shows it twice.
 */
export function progressByLevel(
  nodes: readonly CoverageNode[],
): { level: Level; progress: number; count: number }[] {
  const seen = new Set<string>();
  const sums = new Map<Level, { weighted: number; weight: number; count: number }>();
  const walk = (list: readonly CoverageNode[]) => {
    for (const node of list) {
      if (node.kind === 'item' && node.level && !seen.has(node.id)) {
        seen.add(node.id);
        const s = sums.get(node.level) ?? { weighted: 0, weight: 0, count: 0 };
        s.weighted += node.progress * node.weight;
        s.weight += node.weight;
        s.count += 1;
        sums.set(node.level, s);
      }
      walk(node.children);
    }
  };
  walk(nodes);
  return LEVELS.flatMap((level) => {
    const s = sums.get(level);
    return s
      ? [{ level, progress: s.weight ? Math.round((s.weighted / s.weight) * 10) / 10 : 0, count: s.count }]
      : [];
  });
}
