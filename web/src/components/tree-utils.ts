/** Flat records with a parent pointer, as the API returns organisations and departments. */
export type Flat = { id: string; parentId: string | null };

export type Node<T> = { item: T; children: Node<T>[] };

/**
 * Builds the forest client-side. A record whose parent is not in the list (outside what the user may see, or
 * missing) becomes a root, so a branch secretary sees their own branch at the top.
 */
export function buildForest<T extends Flat>(
  items: readonly T[],
  compare?: (a: T, b: T) => number,
): Node<T>[] {
  const nodes = new Map<string, Node<T>>();
  for (const item of items) nodes.set(item.id, { item, children: [] });
  const roots: Node<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.item.parentId ? nodes.get(node.item.parentId) : undefined;
    // A record naming itself (or a cycle through bad data) must not vanish from the tree.
    if (parent && parent !== node && !isAncestor(node, parent)) parent.children.push(node);
    else roots.push(node);
  }
  if (compare) sortForest(roots, (a, b) => compare(a.item, b.item));
  return roots;
}

function isAncestor<T>(candidate: Node<T>, of: Node<T>): boolean {
  const stack = [...candidate.children];
  while (stack.length) {
    const next = stack.pop();
    if (!next) break;
    if (next === of) return true;
    stack.push(...next.children);
  }
  return false;
}

function sortForest<T>(nodes: Node<T>[], compare: (a: Node<T>, b: Node<T>) => number): void {
  nodes.sort(compare);
  for (const node of nodes) sortForest(node.children, compare);
}

/**
 * Keeps nodes that match and the path down to them. When a node matches, its whole subtree stays so the user can
 * still see what sits under it.
 */
export function filterForest<T>(nodes: readonly Node<T>[], matches: (item: T) => boolean): Node<T>[] {
  const out: Node<T>[] = [];
  for (const node of nodes) {
    if (matches(node.item)) out.push(node);
    else {
      const children = filterForest(node.children, matches);
      if (children.length) out.push({ item: node.item, children });
    }
  }
  return out;
}

/** Ids of a record and everything under it. */
export function subtreeIds<T extends Flat>(items: readonly T[], rootId: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const item of items) {
    if (!item.parentId) continue;
    const list = childrenOf.get(item.parentId) ?? [];
    list.push(item.id);
    childrenOf.set(item.parentId, list);
  }
  const seen = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as string;
    for (const child of childrenOf.get(id) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return seen;
}

/** Every id in a forest, for "expand all". */
export function forestIds<T extends { id: string }>(nodes: readonly Node<T>[]): string[] {
  const ids: string[] = [];
  const walk = (list: readonly Node<T>[]) => {
    for (const node of list) {
      ids.push(node.item.id);
      walk(node.children);
    }
  };
  walk(nodes);
  return ids;
}

/** Maps a forest onto another node shape (antd Tree/TreeSelect data). */
export function mapForest<T, R>(
  nodes: readonly Node<T>[],
  map: (item: T, children: R[] | undefined) => R,
): R[] {
  return nodes.map((node) =>
    map(node.item, node.children.length ? mapForest(node.children, map) : undefined),
  );
}
