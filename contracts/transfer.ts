import { z } from 'zod';
import { TextSchema } from './common.ts';

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

// The mapping step: an organ's own file is uploaded once, its columns are matched to fields, the user confirms or
// changes each match, sees the rows as they will be stored and the warnings, and then confirms the import.

export const ImportFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  /** What the field accepts, for the mapping table's hints. */
  hint: z.string().nullable(),
  /** For workbooks of several sheets: the sheet the field belongs to. */
  sheet: z.string().optional(),
});
export type ImportField = z.infer<typeof ImportFieldSchema>;

export const ColumnChoiceSchema = z.object({
  /** 1-based column number, as Excel counts (A = 1). */
  column: z.number().int(),
  header: z.string(),
  field: z.string().nullable(),
  /** chosen: by the user now; saved: from the organ's last import; synonym: recognised by its header. */
  source: z.enum(['chosen', 'saved', 'synonym']).nullable(),
  /** The sheet the column is on, for workbooks of several sheets (the organisations import). */
  sheet: z.string().optional(),
});
export type ColumnChoice = z.infer<typeof ColumnChoiceSchema>;

export const ColumnOverrideSchema = z.strictObject({
  /** For workbooks of several sheets: the sheet the column is on. */
  sheet: TextSchema.max(64).optional(),
  column: z.number().int().min(1).max(16384),
  /** A field key, or null to leave the column out. */
  field: TextSchema.max(64).nullable(),
});
export type ColumnOverride = z.infer<typeof ColumnOverrideSchema>;

export const ImportSampleRowSchema = z.object({
  row: z.number().int(),
  /** Field label → the value as it will be stored (personal numbers masked). */
  values: z.record(z.string(), z.string().nullable()),
});

export const ImportPreviewSchema = z.object({
  kind: ImportKindSchema,
  /** Names the uploaded file for the next steps (kept 30 minutes, for its uploader only). */
  token: z.string(),
  sheet: z.string(),
  headerRow: z.number().int(),
  fields: z.array(ImportFieldSchema),
  columns: z.array(ColumnChoiceSchema),
  /** Headers of every column that will not be imported. */
  unmappedColumns: z.array(z.string()),
  /** What keeps the mapping from being used (a required field without a column, a field on two columns). */
  mappingProblems: z.array(z.string()),
  /** Whether the organ's saved mapping was applied. */
  savedMapping: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** The first rows as they will be stored. */
  sample: z.array(ImportSampleRowSchema),
  /** Rows recognised as totals or notes and skipped. */
  notices: z.array(ImportIssueSchema),
  /** Allowed but unlikely facts; the import goes ahead only when they are accepted. */
  warnings: z.array(ImportIssueSchema),
  /** Errors: any one of them stops the whole file. */
  issues: z.array(ImportIssueSchema),
  reportToken: z.string().nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportPreviewBodySchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '上传凭据无效，请重新上传文件'),
  columns: z.array(ColumnOverrideSchema).max(500).default([]),
});
export type ImportPreviewBody = z.infer<typeof ImportPreviewBodySchema>;

export const ImportConfirmBodySchema = ImportPreviewBodySchema.extend({
  /** The warnings shown in the preview are accepted. */
  acceptWarnings: z.boolean().default(false),
  /** Save the mapping for the organ's next import. */
  saveMapping: z.boolean().default(true),
});
export type ImportConfirmBody = z.infer<typeof ImportConfirmBodySchema>;

/** An import's result with what the mapping step adds; ImportResult stays as it was for template imports. */
export const MappedImportResultSchema = ImportResultSchema.extend({
  warnings: z.array(ImportIssueSchema),
  notices: z.array(ImportIssueSchema),
  unmappedColumns: z.array(z.string()),
  /** True when nothing was written only because the warnings were not accepted. */
  warningsPending: z.boolean(),
});
export type MappedImportResult = z.infer<typeof MappedImportResultSchema>;
