// Editing the items of a new template version. Keys are stable across versions (that is how an organ sees what a
// version changed), so an existing item keeps its key and a new one gets the next free key of its level.
import type { Level, TemplateItem } from '#contracts/responsibility';

/** The prefixes of the built-in template: p(rincipal), d(irect), b(ranch). */
const PREFIX: Record<Level, string> = { principal: 'p', direct: 'd', implementing: 'b' };
export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export function nextKey(items: readonly Pick<TemplateItem, 'key'>[], level: Level): string {
  const prefix = PREFIX[level];
  const used = new Set(items.map((i) => i.key));
  let n = 0;
  for (const { key } of items) {
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(key);
    if (m) n = Math.max(n, Number(m[1]));
  }
  let key = '';
  do {
    n += 1;
    key = `${prefix}-${String(n).padStart(2, '0')}`;
  } while (used.has(key));
  return key;
}

export type RowProblem =
  | { index: number; kind: 'key' | 'title' | 'category' | 'recordKind' }
  | { index: number; kind: 'duplicate'; key: string; firstRow: number };

/** What would make the server refuse the version, row by row (0-based; `firstRow` is 1-based, as shown). */
export function templateProblems(items: readonly TemplateItem[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    if (!KEY_PATTERN.test(item.key)) problems.push({ index, kind: 'key' });
    const first = seen.get(item.key);
    if (first !== undefined) problems.push({ index, kind: 'duplicate', key: item.key, firstRow: first + 1 });
    else seen.set(item.key, index);
    if (!item.title.trim()) problems.push({ index, kind: 'title' });
    if (!item.category.trim()) problems.push({ index, kind: 'category' });
    if (item.recordKind && item.recurrence === 'none') problems.push({ index, kind: 'recordKind' });
  });
  return problems;
}

/** The server's "body.items.3.title" as the row it is about (0-based), or null for a field outside the rows. */
export function issueRow(field: string): number | null {
  const m = /(?:^|\.)items\.(\d+)(?:\.|$)/.exec(field);
  return m ? Number(m[1]) : null;
}
