/**
 * Column mapping for imports of files people already have: their own header texts, title rows above the header,
 * totals and notes below the data. Pure and domain-free: a module describes its fields (label, header synonyms,
 * required); this file finds the header row, proposes a field for each column, applies a user's or a saved choice,
 * and recognises rows that are not data (合计, 共N人, 注：…). Reading the workbook itself is in mapped-read.ts.
 */
import { normalizeText } from './cells.ts';
import type { RawRow } from './row-stream.ts';

export type MappingField<K extends string = string> = {
  key: K;
  /** The field's name as the template and the UI show it. */
  label: string;
  /** Other header texts meaning this field, as organs write them. */
  synonyms?: readonly string[];
  required?: boolean;
  /** Fields sharing a group name: at least one of them must be mapped (e.g. organisation code or name). */
  oneOf?: string;
};

/** A column of the sheet, 1-based as Excel counts them, with its header text. */
export type SheetColumn = { column: number; header: string };

export type MappingSource = 'chosen' | 'saved' | 'synonym';
export type ColumnChoice<K extends string = string> = SheetColumn & {
  field: K | null;
  /** Where the match came from; null for a column left unmapped. */
  source: MappingSource | null;
};

/**
 * A mapping as it is saved and as a mapping file gives it: header text → field key (or the field's label), null for
 * a column deliberately not imported. Keyed by header rather than position so that it survives added columns.
 */
export type HeaderMapping = Readonly<Record<string, string | null>>;

/** A per-column choice made in the mapping step, by column number; null = do not import this column. */
export type ColumnOverride = { column: number; field: string | null };

/** Header text compared loosely: spaces, required marks (*, (必填)) and a trailing colon do not matter. */
export function headerKey(value: unknown): string {
  return (normalizeText(value) ?? '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（(]必填[)）]/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

function fieldByHeader<K extends string>(fields: readonly MappingField<K>[]): Map<string, K> {
  const out = new Map<string, K>();
  for (const f of fields) {
    for (const text of [f.label, ...(f.synonyms ?? [])]) {
      const key = headerKey(text);
      if (key && !out.has(key)) out.set(key, f.key);
    }
  }
  return out;
}

export function columnsOf(raw: RawRow): SheetColumn[] {
  const out: SheetColumn[] = [];
  raw.values.forEach((value, column) => {
    const header = normalizeText(value, { keepFullWidthPunctuation: true });
    if (column > 0 && header !== null) out.push({ column, header });
  });
  return out;
}

/** How many different fields a row's texts name. */
function headerScore<K extends string>(raw: RawRow, byHeader: Map<string, K>): number {
  const found = new Set<K>();
  for (const value of raw.values) {
    const field = byHeader.get(headerKey(value));
    if (field) found.add(field);
  }
  return found.size;
}

/**
 * The header row among the first rows: the one naming the most fields (at least two, or one when only one field
 * is defined). Title rows (one merged cell) and blank rows above it name none; a saved mapping's headers count too.
 */
export function detectHeaderRow<K extends string>(
  head: readonly RawRow[],
  fields: readonly MappingField<K>[],
  saved: HeaderMapping = {},
): number | null {
  const byHeader = fieldByHeader(fields);
  for (const [header, field] of Object.entries(saved)) {
    const key = headerKey(header);
    const f = field === null ? null : resolveField(fields, field);
    if (key && f && !byHeader.has(key)) byHeader.set(key, f);
  }
  const needed = Math.min(2, fields.length);
  let best: { index: number; score: number } | null = null;
  head.forEach((raw, index) => {
    const score = headerScore(raw, byHeader);
    if (score >= needed && (!best || score > best.score)) best = { index, score };
  });
  return (best as { index: number } | null)?.index ?? null;
}

/** A field key, or the field's label or a synonym as a person might write it in a mapping file. */
export function resolveField<K extends string>(fields: readonly MappingField<K>[], text: string): K | null {
  const exact = fields.find((f) => f.key === text);
  if (exact) return exact.key;
  return fieldByHeader(fields).get(headerKey(text)) ?? null;
}

/**
 * The field of each column: an explicit choice for that column first, then the saved mapping (by header), then the
 * synonyms. A field goes to one column only: when two columns would match by synonym, the first one wins and the
 * other is left unmapped (and listed as not imported), unless a choice says otherwise.
 */
export function chooseColumns<K extends string>(
  columns: readonly SheetColumn[],
  fields: readonly MappingField<K>[],
  options: { saved?: HeaderMapping; overrides?: readonly ColumnOverride[] } = {},
): ColumnChoice<K>[] {
  const byHeader = fieldByHeader(fields);
  const saved = new Map(Object.entries(options.saved ?? {}).map(([h, f]) => [headerKey(h), f]));
  const overrides = new Map((options.overrides ?? []).map((o) => [o.column, o.field]));
  const taken = new Set<K>();
  for (const field of overrides.values()) {
    const f = field === null ? null : resolveField(fields, field);
    if (f) taken.add(f);
  }
  return columns.map(({ column, header }) => {
    if (overrides.has(column)) {
      const chosen = overrides.get(column) ?? null;
      const field = chosen === null ? null : resolveField(fields, chosen);
      return { column, header, field, source: field ? 'chosen' : null };
    }
    const key = headerKey(header);
    let field: K | null = null;
    let source: MappingSource | null = null;
    if (saved.has(key)) {
      const s = saved.get(key) ?? null;
      field = s === null ? null : resolveField(fields, s);
      source = field ? 'saved' : null;
      if (s === null) return { column, header, field: null, source: null };
    }
    if (!field) {
      field = byHeader.get(key) ?? null;
      source = field ? 'synonym' : null;
    }
    if (field && taken.has(field)) return { column, header, field: null, source: null };
    if (field) taken.add(field);
    return { column, header, field, source };
  });
}

/** What stops a mapping from being used: a required field without a column, or a field given two columns. */
export type MappingProblem = { field: string; message: string };

export function mappingProblems<K extends string>(
  choices: readonly ColumnChoice<K>[],
  fields: readonly MappingField<K>[],
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const count = new Map<K, string[]>();
  for (const c of choices) if (c.field) count.set(c.field, [...(count.get(c.field) ?? []), c.header]);
  for (const f of fields) {
    const headers = count.get(f.key) ?? [];
    if (headers.length > 1)
      problems.push({
        field: f.label,
        message: `“${f.label}”对应了多列（${headers.join('、')}），请只保留一列`,
      });
  }
  for (const f of fields) {
    if (f.required && !count.has(f.key))
      problems.push({
        field: f.label,
        message: `缺少“${f.label}”列：请在映射中指定与它对应的列，或使用导入模板`,
      });
  }
  const groups = new Map<string, MappingField<K>[]>();
  for (const f of fields) if (f.oneOf) groups.set(f.oneOf, [...(groups.get(f.oneOf) ?? []), f]);
  for (const group of groups.values()) {
    if (!group.some((f) => count.has(f.key)))
      problems.push({
        field: group[0]?.label ?? '',
        message: `缺少${group.map((f) => `“${f.label}”`).join('或')}列：请在映射中指定对应的列`,
      });
  }
  return problems;
}

/** Headers of the columns that will not be imported, in sheet order. */
export function unmappedHeaders(choices: readonly ColumnChoice[]): string[] {
  return choices.filter((c) => c.field === null).map((c) => c.header);
}

/** The mapping to save for next time: every column's header with its field, or null when not imported. */
export function toHeaderMapping(choices: readonly ColumnChoice[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of choices) out[c.header] = c.field;
  return out;
}

/** The row's cells keyed by field; fields without a column are null. */
export function cellsByField<K extends string>(
  raw: RawRow,
  choices: readonly ColumnChoice<K>[],
  fields: readonly MappingField<K>[],
): Record<K, unknown> {
  const cells = {} as Record<K, unknown>;
  for (const f of fields) cells[f.key] = null;
  for (const c of choices) if (c.field) cells[c.field] = raw.values[c.column] ?? null;
  return cells;
}

// Rows under the data that people add to a printed roster. Matched on the first filled cells only, so that a
// member whose post is 统计员 or a note column saying 合计 never hides a row.
const SUMMARY = /^(合计|总计|小计|共计|总人数|人数合计|共\d+(人|名)|共有\d+)/;
const NOTE =
  /^(注|备注|说明|填表说明|附注|填表人|制表人|审核人|负责人|联系人|填报单位|填报人|填表日期|填报日期|制表日期|制表单位|单位盖章|审核)[:：、（(]?/;

/** Why a row is not data (a total or a note row), or null for an ordinary row. */
export function nonDataRowReason(raw: RawRow): 'total' | 'note' | null {
  const texts: string[] = [];
  for (const value of raw.values) {
    const text = normalizeText(value);
    if (text !== null) texts.push(text.replace(/[\s\u3000]+/g, ''));
    if (texts.length === 2) break;
  }
  if (texts.some((t) => SUMMARY.test(t))) return 'total';
  const first = texts[0] ?? '';
  if (NOTE.test(first)) return 'note';
  return null;
}
