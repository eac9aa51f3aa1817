// Member self-service: a member asks for a correction of their own record; their branch secretary settles it.
import { z } from 'zod';
import { IdSchema, MultilineTextSchema, VersionSchema } from './common.ts';

/** The fields a member may ask about; 'other' for anything else (the message says what). */
export const CORRECTION_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'ethnicity',
  'education',
  'phone',
  'idNumber',
  'category',
  'joinedOn',
  'fullOn',
  'partyOrg',
  'department',
  'businessPost',
  'partyPost',
  'other',
] as const;
export const CorrectionFieldSchema = z.enum(CORRECTION_FIELDS);
export type CorrectionField = z.infer<typeof CorrectionFieldSchema>;

export const CORRECTION_STATUSES = ['open', 'resolved', 'rejected'] as const;
export const CorrectionStatusSchema = z.enum(CORRECTION_STATUSES);

export const CORRECTION_STATUS_LABELS = {
  open: { zh: '待处理', en: 'Open' },
  resolved: { zh: '已更正', en: 'Corrected' },
  rejected: { zh: '未采纳', en: 'Not accepted' },
} as const;

export const CreateCorrectionBodySchema = z.strictObject({
  field: CorrectionFieldSchema,
  message: MultilineTextSchema.min(2, '请写明哪里不对、应当是什么').max(500, '说明不能超过 500 个字'),
});
export type CreateCorrectionBody = z.infer<typeof CreateCorrectionBodySchema>;

export const ResolveCorrectionBodySchema = z.strictObject({
  status: z.enum(['resolved', 'rejected']),
  resolution: MultilineTextSchema.max(500, '答复不能超过 500 个字').optional(),
  version: VersionSchema,
});
export type ResolveCorrectionBody = z.infer<typeof ResolveCorrectionBodySchema>;

export const CorrectionListQuerySchema = z.strictObject({
  status: CorrectionStatusSchema.default('open'),
});

export const CorrectionSchema = z.object({
  id: IdSchema,
  memberId: IdSchema,
  memberName: z.string(),
  partyOrgName: z.string(),
  field: CorrectionFieldSchema,
  message: z.string(),
  status: CorrectionStatusSchema,
  resolution: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  version: VersionSchema,
});
export type Correction = z.infer<typeof CorrectionSchema>;
