// Pure rules of the two trees (Party organisations and business departments): which kind may sit under which,
// how paths are built and rewritten, tree order, change detection. No database, no I/O: unit-tested on its own.
import {
  ALLOWED_CHILD_KINDS,
  DEPARTMENT_KIND_LABELS,
  type DepartmentKind,
  PARTY_ORG_KIND_LABELS,
  type PartyOrgKind,
} from '#contracts/org';

export { DEPARTMENT_KIND_LABELS, type DepartmentKind };

/** Kinds that may stand at the top of a tree with no parent (a work committee, or an organ committee on its own). */
export const ROOT_KINDS: readonly PartyOrgKind[] = ['work_committee', 'organ_committee'];

export const STATUS_LABELS: Record<'active' | 'closed', { zh: string; en: string }> = {
  active: { zh: '正常', en: 'Active' },
  closed: { zh: '已撤销', en: 'Closed' },
};

export const kindLabel = (kind: PartyOrgKind) => PARTY_ORG_KIND_LABELS[kind].zh;

export function kindAllowedUnder(parentKind: PartyOrgKind | null, kind: PartyOrgKind): boolean {
  if (parentKind === null) return ROOT_KINDS.includes(kind);
  return ALLOWED_CHILD_KINDS[parentKind].includes(kind);
}

/** Why `kind` cannot sit under `parentKind`, in Chinese, naming both kinds and what is allowed instead. */
export function kindRuleMessage(parentKind: PartyOrgKind | null, kind: PartyOrgKind): string {
  if (parentKind === null) {
    return `“${kindLabel(kind)}”必须设在上级党组织之下，请填写上级组织（只有${ROOT_KINDS.map(kindLabel).join('或')}可以作为最高一级）`;
  }
  const allowed = ALLOWED_CHILD_KINDS[parentKind];
  const hint = allowed.length
    ? `，其下只能设立：${allowed.map(kindLabel).join('、')}`
    : '，其下不能再设立下级党组织';
  return `“${kindLabel(parentKind)}”之下不能设立“${kindLabel(kind)}”${hint}`;
}

/** Nothing but a section sits under a section (科室); anything else is allowed, including no parent. */
export function departmentParentAllowed(parentKind: DepartmentKind | null, kind: DepartmentKind): boolean {
  return !(parentKind === 'section' && kind !== 'section');
}

// Paths ---------------------------------------------------------------------------------------------------------

/** '/a/b/' + id + '/'; a root's path is '/id/'. Paths end with the node's own id, so no two nodes ever share one. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function depthOfPath(path: string): number {
  return path.split('/').filter(Boolean).length - 1;
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** The path a node at `path` gets when the subtree rooted at `oldPrefix` moves to `newPrefix`. */
export function rewritePrefix(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) return path;
  return newPrefix + path.slice(oldPrefix.length);
}

export type PathNode = { id: string; parent: string | null };
export type ResolvedPaths = {
  paths: Map<string, string>;
  /** Keys on a parent cycle (they get no path). */
  cyclic: Set<string>;
  /** Keys whose parent key is not in the map (they get no path, nor do their descendants). */
  orphaned: Set<string>;
};

/**
 * Paths of a whole forest given each node's id and its parent's key, e.g. the tree an import would produce. Keys are
 * any unique strings (codes). Iterative, so deep trees do not overflow the stack.
 */
export function resolvePaths(nodes: ReadonlyMap<string, PathNode>): ResolvedPaths {
  const paths = new Map<string, string>();
  const cyclic = new Set<string>();
  const orphaned = new Set<string>();
  for (const start of nodes.keys()) {
    if (paths.has(start) || cyclic.has(start) || orphaned.has(start)) continue;
    const chain: string[] = [];
    const onChain = new Set<string>();
    let key: string | null = start;
    let basePath: string | null = null;
    let failure: 'cycle' | 'orphan' | null = null;
    while (key !== null) {
      const known = paths.get(key);
      if (known !== undefined) {
        basePath = known;
        break;
      }
      if (cyclic.has(key)) {
        failure = 'orphan';
        break;
      }
      if (orphaned.has(key)) {
        failure = 'orphan';
        break;
      }
      if (onChain.has(key)) {
        for (const k of chain.slice(chain.indexOf(key))) cyclic.add(k);
        failure = 'orphan';
        break;
      }
      const node = nodes.get(key);
      if (!node) {
        failure = 'orphan';
        break;
      }
      chain.push(key);
      onChain.add(key);
      key = node.parent;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const k = chain[i] as string;
      if (failure) {
        if (!cyclic.has(k)) orphaned.add(k);
        continue;
      }
      const node = nodes.get(k) as PathNode;
      basePath = childPath(basePath, node.id);
      paths.set(k, basePath);
    }
  }
  return { paths, cyclic, orphaned };
}

// Order ---------------------------------------------------------------------------------------------------------

export type OrderNode = { id: string; parentId: string | null; sortOrder: number; code: string };

/**
 * Depth-first order with siblings by sortOrder then code. Nodes whose parent is not in the list (outside the
 * viewer's scope) start trees of their own, so a scoped list still reads as a tree.
 */
export function treeOrder<T extends OrderNode>(nodes: readonly T[]): T[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, T[]>();
  for (const n of nodes) {
    const key = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    const list = children.get(key) ?? [];
    list.push(n);
    children.set(key, list);
  }
  const bySort = (a: T, b: T) =>
    a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  for (const list of children.values()) list.sort(bySort);
  const out: T[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop() as T;
    out.push(n);
    stack.push(...[...(children.get(n.id) ?? [])].reverse());
  }
  return out;
}

// Changes -------------------------------------------------------------------------------------------------------

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000')
    : a === b;

/** The fields of `after` that differ from `before` (arrays compared as sets; undefined in `after` means untouched). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): FieldChanges {
  const out: FieldChanges = {};
  for (const key of Object.keys(after)) {
    const to = after[key];
    if (to === undefined) continue;
    if (!same(before[key], to)) out[key] = { from: before[key], to };
  }
  return out;
}
