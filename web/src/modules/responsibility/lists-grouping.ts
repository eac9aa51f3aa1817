import { LEVELS, type Level } from '#contracts/responsibility';

/** Lists by level, each level in the order the server gave (organisation tree order, then creation). */
export function groupByLevel<T extends { level: Level }>(lists: readonly T[]): Record<Level, T[]> {
  const groups = Object.fromEntries(LEVELS.map((l) => [l, [] as T[]])) as Record<Level, T[]>;
  for (const list of lists) groups[list.level].push(list);
  return groups;
}
