import { z } from 'zod';

export const IdSchema = z.uuid({ message: '不是有效的编号 (not a valid id)' });

// Text and dates from outside: every contract builds its string and date fields from the schemas below, so that
// what PostgreSQL cannot store (NUL, year 0) or would store damaged (an unpaired UTF-16 surrogate becomes U+FFFD)
// is refused as a field-level 400 instead of failing inside a query as a 500 — or being saved silently altered.

export const TEXT_MESSAGES = {
  control: '不能包含控制字符，请删除后重新填写',
  surrogate: '含有无法识别的字符（不成对的代理项），请重新输入',
} as const;

/**
 * Why a text cannot be accepted, or null. Refused: C0 and C1 control characters and DEL (tab and line breaks only
 * where `multiline`), and unpaired surrogates. Every other character — Chinese, full-width, right-to-left scripts,
 * emoji — is text.
 */
export function textProblem(value: string, multiline = false): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return TEXT_MESSAGES.control;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return TEXT_MESSAGES.surrogate;
      i++;
    }
  }
  return null;
}

const refuseBadText =
  (multiline: boolean) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const message = textProblem(value, multiline);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

/** A one-line text field: trimmed, then refused if it holds control characters or broken characters. */
export const TextSchema = z.string().trim().superRefine(refuseBadText(false));
/** Like TextSchema, but tab and line breaks are kept (reasons typed into a text area). */
export const MultilineTextSchema = z.string().trim().superRefine(refuseBadText(true));
/** A secret as typed: not trimmed, any printable character, but no control or broken characters. */
export const SecretTextSchema = z.string().superRefine(refuseBadText(false));

export const DATE_MESSAGES = {
  format: '日期无效，请按 YYYY-MM-DD 填写',
  range: '日期应在 1900-01-01 至 2099-12-31 之间',
} as const;
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2099-12-31';

/** Why a YYYY-MM-DD text is not a date the product keeps, or null (a real calendar day from 1900 to 2099). */
export function dateProblem(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return DATE_MESSAGES.format;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(2000, mo - 1, d));
  date.setUTCFullYear(y);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return DATE_MESSAGES.format;
  }
  return value < MIN_DATE || value > MAX_DATE ? DATE_MESSAGES.range : null;
}

/** A calendar date as YYYY-MM-DD from 1900 to 2099: 2019-02-29, 2020-13-01 and 0000-01-01 are refused. */
export const IsoDateSchema = z.iso.date({ message: DATE_MESSAGES.format }).superRefine((value, ctx) => {
  // The format is the check above; this adds only what it lets through: days outside the range.
  if (dateProblem(value) === DATE_MESSAGES.range)
    ctx.addIssue({ code: 'custom', message: DATE_MESSAGES.range });
});
export const VersionSchema = z.number().int().min(1);

export const IdParamsSchema = z.strictObject({ id: IdSchema });

export const PageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const OkSchema = z.object({ ok: z.literal(true) });

/** A required text field: trimmed, so "  " never lands as a value; `multiline` for text areas. */
export const TrimmedText = (max: number, options: { multiline?: boolean } = {}) =>
  (options.multiline ? MultilineTextSchema : TextSchema)
    .min(1, '不能为空')
    .max(max, `不能超过 ${max} 个字符`);
