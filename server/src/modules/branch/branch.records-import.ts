// Reading a 三会一课 workbook: each cell as the row means it — the kind by its name or a common other word, the day,
// the names of the people as a list split at 、 — or a problem naming its row and column in Chinese. Nothing here
// touches the database; branch.records-import-apply.ts resolves organisations and people and writes.
import { type BranchRecordKind, RECORD_KIND_LABELS } from '#contracts/branch';
import { IMPORTABLE_KINDS } from '#contracts/branch-files';
import { textProblem } from '#contracts/common';
import { AppError } from '../../core/errors.ts';
import { matchLabel, normalizeText, parseDateCell } from '../../core/spreadsheet/cells.ts';
import { readSheetRows } from '../../core/spreadsheet/read.ts';
import type { Issue } from '../../core/spreadsheet/report.ts';
import {
  KIND_ALIASES,
  KIND_VALUES,
  MAX_IMPORT_ROWS,
  RECORD_COLUMNS,
  RECORDS_SHEET,
  type RecordColumnKey,
} from './branch.records-import-columns.ts';

export const HEADERS = new Map(RECORD_COLUMNS.map((c) => [c.key, c.header]));

/** Text as compared and stored: half-width digits and letters, Chinese punctuation kept, spaces single. */
export const plain = (v: unknown) => normalizeText(v, { keepFullWidthPunctuation: true });

/** One person named in a cell: 张伟, 张伟（1234） to tell namesakes apart, 赵敏（出差） for why they were away. */
export type NameToken = { text: string; name: string; tail: string | null; reason: string | null };

export type RecordInput = {
  row: number;
  kind: BranchRecordKind;
  heldOn: string;
  org: string;
  topic: string;
  place: string | null;
  host: NameToken | null;
  recorder: NameToken | null;
  /** Null when the cell was left empty (the roster of the day, or the rest of it, stands in). */
  expected: NameToken[] | null;
  present: NameToken[] | null;
  absent: NameToken[] | null;
  resolutions: string | null;
};

const NOBODY = new Set(['无', '没有', '全到', '全部到会', '-', '—', '——', '/']);
const SEPARATORS = new Set(['、', ',', '，', ';', '；', ' ', '\n', '\t', '\u3000']);
const TAIL = /^\d{3}[\dX]$/i;

/** The people of a cell, split at 、 (and commas, semicolons, spaces) outside brackets. */
export function splitNames(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(ch)) {
      if (current.trim()) parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** A name and what its brackets say, or why it cannot be read. */
export function parseName(text: string): NameToken | string {
  const m = /^([^（(）)]+?)\s*(?:[（(]([^（(）)]*)[）)])?$/.exec(text);
  if (!m) return `“${text}”不是可以识别的姓名，请只写姓名，必要时在括号中注明身份证号后 4 位或请假事由`;
  const name = (m[1] as string).trim();
  if (name.length > 50)
    return `“${name.slice(0, 20)}…”不像一个姓名（超过 50 个字），姓名之间请用顿号“、”分隔`;
  const bracket = (m[2] ?? '').split(/[，,、;；\s]+/).filter(Boolean);
  const tail = bracket.find((p) => TAIL.test(p))?.toUpperCase() ?? null;
  const reason = bracket.filter((p) => !TAIL.test(p)).join('，') || null;
  if (reason && reason.length > 100) return `“${name}”的请假事由不能超过 100 个字`;
  return { text, name, tail, reason };
}

type Read = { sheet: string; rows: RecordInput[]; issues: Issue[] };

export async function readRecordRows(buf: Buffer, today: string): Promise<Read> {
  const stream = await readSheetRows<RecordColumnKey>(buf, {
    sheet: [RECORDS_SHEET, '三会一课记录', '会议记录', '支部工作记录'],
    columns: RECORD_COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      aliases: c.aliases ?? [],
      required: c.required ?? false,
    })),
  });
  const sheet = stream.sheetName;
  const issues: Issue[] = stream.missingColumns.map((column) => ({
    sheet,
    row: stream.headerRow,
    column,
    value: null,
    reason: `表头中没有“${column}”列，请使用导入模板填写`,
  }));
  const rows: RecordInput[] = [];
  if (issues.length > 0) {
    await stream.close();
    return { sheet, rows, issues };
  }
  let count = 0;
  for await (const data of stream.rows) {
    if (++count > MAX_IMPORT_ROWS) {
      await stream.close();
      throw new AppError(
        'invalid',
        'branch.import_too_many',
        `一个文件最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`,
      );
    }
    const before = issues.length;
    const cells = data.cells;
    const fail = (key: RecordColumnKey, reason: string): null => {
      issues.push({
        sheet,
        row: data.rowNumber,
        column: HEADERS.get(key) ?? key,
        value: plain(cells[key]),
        reason,
      });
      return null;
    };
    const text = (key: RecordColumnKey, max: number, required = false, multiline = false): string | null => {
      const v = multiline ? multilineText(cells[key]) : plain(cells[key]);
      if (v === null) return required ? fail(key, `请填写${HEADERS.get(key) ?? ''}`) : null;
      const problem = textProblem(v, multiline);
      if (problem) return fail(key, problem);
      if (v.length > max) return fail(key, `${HEADERS.get(key) ?? ''}不能超过 ${max} 个字`);
      return v;
    };
    const person = (key: RecordColumnKey): NameToken | null => {
      const v = text(key, 60);
      if (v === null) return null;
      const token = parseName(v);
      return typeof token === 'string' ? fail(key, token) : token;
    };
    const people = (key: RecordColumnKey): NameToken[] | null => {
      const v = text(key, 5000, false, true);
      if (v === null) return null;
      if (NOBODY.has(v)) return [];
      const tokens: NameToken[] = [];
      const seen = new Set<string>();
      for (const part of splitNames(v)) {
        const token = parseName(part);
        if (typeof token === 'string') return fail(key, token);
        const key2 = `${token.name}|${token.tail ?? ''}`;
        if (seen.has(key2)) return fail(key, `“${token.name}”填写了两次`);
        seen.add(key2);
        tokens.push(token);
      }
      return tokens;
    };

    const kind = readKind(cells.kind, fail);
    const heldOn = readDay(cells.heldOn, today, fail);
    const org = text('org', 100, true);
    const topic = text('topic', 200, true);
    const input = {
      place: text('place', 100),
      host: person('host'),
      recorder: person('recorder'),
      expected: people('expected'),
      present: people('present'),
      absent: people('absent'),
      resolutions: text('resolutions', 5000, false, true),
    };
    if (input.present === null && input.absent === null && issues.length === before)
      fail('present', '请填写实到人员或缺席人员（全部到会的在“缺席人员”填“无”）');
    if (kind && heldOn && org && topic && issues.length === before)
      rows.push({ row: data.rowNumber, kind, heldOn, org, topic, ...input });
  }
  if (count === 0)
    issues.push({ sheet, row: stream.headerRow, column: '', value: null, reason: '表中没有数据行' });
  return { sheet, rows, issues };
}

function readKind(
  value: unknown,
  fail: (key: RecordColumnKey, reason: string) => null,
): BranchRecordKind | null {
  if (plain(value) === null) return fail('kind', '请填写类型');
  const kind = matchLabel(value, RECORD_KIND_LABELS, KIND_ALIASES);
  if (kind && (IMPORTABLE_KINDS as readonly string[]).includes(kind)) return kind;
  if (kind) return fail('kind', `${RECORD_KIND_LABELS[kind].zh}不通过本模板导入，请在系统中逐条登记`);
  return fail('kind', `类型应为 ${KIND_VALUES.join('、')} 之一`);
}

function readDay(
  value: unknown,
  today: string,
  fail: (key: RecordColumnKey, reason: string) => null,
): string | null {
  if (plain(value) === null) return fail('heldOn', '请填写召开日期，如 2025-03-12');
  const d = parseDateCell(value);
  if (!d.ok) return fail('heldOn', `日期无效，请按 YYYY-MM-DD 填写，如 2025-03-12（${d.reason}）`);
  if (d.value < '2000-01-01') return fail('heldOn', '日期应在 2000 年以后');
  if (d.value > today) return fail('heldOn', `日期不能晚于今天（${today}）：只导入已经召开的会议`);
  return d.value;
}

/** A text whose line breaks matter (决议): each line cleaned, the breaks kept. */
function multilineText(value: unknown): string | null {
  let raw: string | null;
  if (typeof value === 'string') raw = value;
  else if (
    value !== null &&
    typeof value === 'object' &&
    'richText' in value &&
    Array.isArray(value.richText)
  )
    raw = (value.richText as { text?: unknown }[]).map((p) => String(p?.text ?? '')).join('');
  else raw = plain(value);
  if (raw === null) return null;
  const text = raw
    .split(/\r\n|\r|\n/)
    .map((line) => plain(line) ?? '')
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text === '' ? null : text;
}
