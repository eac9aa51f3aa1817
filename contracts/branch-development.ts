// 发展党员 (member development, issue 10 point 4): the register of people on their way into the Party, with the date
// of each stage, the two introducers and the intervals the rules require. A person here is not a member yet; when
// they become one the member module makes the member record, and the register links to it and keeps the history.
import { z } from 'zod';
import { IdSchema, IsoDateSchema, MultilineTextSchema, TrimmedText, VersionSchema } from './common.ts';
import { GenderSchema, IdNumberSchema } from './member.ts';

export const DEVELOPMENT_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export const DevelopmentStageSchema = z.enum(DEVELOPMENT_STAGES);
export type DevelopmentStage = z.infer<typeof DevelopmentStageSchema>;
export const DEVELOPMENT_STAGE_LABELS: Record<DevelopmentStage, { zh: string; en: string }> = {
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  candidate: { zh: '发展对象', en: 'Candidate' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
};
/** The date field of each stage, in stage order. */
export const STAGE_DATE_FIELDS = {
  applicant: 'appliedOn',
  activist: 'activistOn',
  candidate: 'candidateOn',
  probationary: 'probationaryOn',
  full: 'fullOn',
} as const satisfies Record<DevelopmentStage, string>;
export type StageDateField = (typeof STAGE_DATE_FIELDS)[DevelopmentStage];

/** Days before the probationary year ends when the branch is reminded (the daily digest). */
export const PROBATION_REMINDER_DAYS = 30;

export const DevelopmentPersonSchema = z.object({
  id: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  name: z.string(),
  gender: GenderSchema,
  /** For development.manage holders; others see birthMonth only (as with members, ADR 14). */
  birthDate: IsoDateSchema.nullable(),
  birthMonth: z.string(),
  /** Always masked. */
  idNumber: z.string(),
  stage: DevelopmentStageSchema,
  appliedOn: IsoDateSchema,
  activistOn: IsoDateSchema.nullable(),
  candidateOn: IsoDateSchema.nullable(),
  probationaryOn: IsoDateSchema.nullable(),
  fullOn: IsoDateSchema.nullable(),
  /** The earliest day each later stage may be entered by the rules, for the form to show; null once entered. */
  earliest: z.object({
    activistOn: IsoDateSchema.nullable(),
    candidateOn: IsoDateSchema.nullable(),
    probationaryOn: IsoDateSchema.nullable(),
    fullOn: IsoDateSchema.nullable(),
  }),
  /** The day the probationary year ends (probationaryOn + 1 year) while still probationary. */
  probationEndsOn: IsoDateSchema.nullable(),
  introducers: z.array(z.object({ memberId: IdSchema, name: z.string() })),
  /** The member record, once the member module has made it (found by the ID number). */
  memberId: IdSchema.nullable(),
  notes: z.string().nullable(),
  version: VersionSchema,
});
export type DevelopmentPerson = z.infer<typeof DevelopmentPersonSchema>;

export const DevelopmentListQuerySchema = z.strictObject({
  partyOrgId: IdSchema,
  stage: DevelopmentStageSchema.optional(),
});
export type DevelopmentListQuery = z.infer<typeof DevelopmentListQuerySchema>;

const NotesSchema = MultilineTextSchema.max(2000, '备注不能超过 2000 个字').nullable().optional();
const IntroducersSchema = z
  .array(IdSchema)
  .max(2, '入党介绍人为两名正式党员')
  .refine((ids) => new Set(ids).size === ids.length, '两名入党介绍人不能是同一人');

export const CreateDevelopmentBodySchema = z.strictObject({
  partyOrgId: IdSchema,
  name: TrimmedText(50),
  idNumber: IdNumberSchema,
  /** Follows from the ID number when left out. */
  gender: GenderSchema.optional(),
  appliedOn: IsoDateSchema,
  notes: NotesSchema,
});
export type CreateDevelopmentBody = z.infer<typeof CreateDevelopmentBodySchema>;

/**
 * Any change, including entering the next stage (its date, and the introducers from 发展对象 on). The whole timeline
 * is checked against the rules after the change; a date set to null takes the person back to the stage before it.
 */
export const PatchDevelopmentBodySchema = z.strictObject({
  name: TrimmedText(50).optional(),
  appliedOn: IsoDateSchema.optional(),
  activistOn: IsoDateSchema.nullable().optional(),
  candidateOn: IsoDateSchema.nullable().optional(),
  probationaryOn: IsoDateSchema.nullable().optional(),
  fullOn: IsoDateSchema.nullable().optional(),
  introducerMemberIds: IntroducersSchema.optional(),
  notes: NotesSchema,
  version: VersionSchema,
});
export type PatchDevelopmentBody = z.infer<typeof PatchDevelopmentBodySchema>;
