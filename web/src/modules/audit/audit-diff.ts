export type DiffRow = {
  field: string;
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shown as text, never as markup: strings stay as they are, everything else as indented JSON. */
export function displayValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/**
 * Field-by-field comparison of an audit entry's before and after images. Objects are compared key by key (in the
 * order keys first appear); anything else is one "value" row.
 */
export function diffRecords(before: unknown, after: unknown): DiffRow[] {
  const b = before ?? undefined;
  const a = after ?? undefined;
  if (b === undefined && a === undefined) return [];
  if ((b === undefined || isPlainObject(b)) && (a === undefined || isPlainObject(a))) {
    const left = (b ?? {}) as Record<string, unknown>;
    const right = (a ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    return keys.map((field) => {
      const bv = displayValue(left[field]);
      const av = displayValue(right[field]);
      return { field, before: bv, after: av, changed: bv !== av };
    });
  }
  const bv = displayValue(b);
  const av = displayValue(a);
  return [{ field: 'value', before: bv, after: av, changed: bv !== av }];
}
