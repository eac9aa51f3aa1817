import { z } from 'zod';

// Built-in validation messages in Chinese, for the server and the web alike.
z.config(z.locales.zhCN());

/** The kinds of failure a client can act on; each maps to one HTTP status. */
export const ERROR_KINDS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;

export const FieldIssueSchema = z.object({
  /** Dotted path of the field, e.g. "body.name" or "querystring.page". */
  field: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    issues: z.array(FieldIssueSchema).optional(),
    /** Extra data a client may use, e.g. the current record on a version conflict. */
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
