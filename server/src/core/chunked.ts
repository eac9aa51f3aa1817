/** `items` in consecutive slices of at most `size` (the last may be shorter): bounded IN lists and statements. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
