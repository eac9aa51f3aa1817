// Excel and Word for the responsibility system: what an import of duties or work points answers, and the labels the
// files and pages share. The files themselves travel as downloads (no JSON schema); see ADR 25.
import { z } from 'zod';
import { YearSchema } from './responsibility.ts';

/** An import of duties (or work points) that was applied: nothing is written unless every row is right. */
export const FileImportResultSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type FileImportResult = z.infer<typeof FileImportResultSchema>;

/** One problem of a refused import, as the 400 answer carries it in `details.issues` (the file's own row number). */
export const FileImportIssueSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  value: z.string().nullable(),
  reason: z.string(),
});
export type FileImportIssue = z.infer<typeof FileImportIssueSchema>;

export const WorkPointImportQuerySchema = z.strictObject({ year: YearSchema });

/** How a duty came out in a year-end report (述职报告). */
export const OUTCOME_LABELS: Record<
  'done' | 'late' | 'not_done' | 'exempt' | 'open',
  { zh: string; en: string }
> = {
  done: { zh: '按时完成', en: 'Done on time' },
  late: { zh: '逾期完成', en: 'Done late' },
  not_done: { zh: '未完成', en: 'Not done' },
  exempt: { zh: '豁免', en: 'Exempt' },
  open: { zh: '进行中', en: 'In progress' },
};
