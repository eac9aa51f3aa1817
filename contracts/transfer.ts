import { z } from 'zod';

// Excel in and out: the shapes every import answers with, whatever it imports.

export const ImportKindSchema = z.enum(['members', 'organisations']);
export type ImportKind = z.infer<typeof ImportKindSchema>;

export const ImportIssueSchema = z.object({
  sheet: z.string(),
  /** Row number as Excel shows it (the header is row 1). */
  row: z.number().int(),
  /** Column header as in the template, e.g. 身份证号. */
  column: z.string(),
  value: z.string().nullable(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const ImportResultSchema = z.object({
  kind: ImportKindSchema,
  /** false when any row failed: then nothing was written. */
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  issues: z.array(ImportIssueSchema),
  /** Download of the error report (.xlsx) when there are issues. */
  reportToken: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
