import { z } from 'zod';
import { type CodeListName, normaliseCode, unknownCodeMessage } from './code-lists.ts';
import { IdSchema, IsoDateSchema, TextSchema, TrimmedText, VersionSchema } from './common.ts';
import { ID_NUMBER_MESSAGES, idNumberProblem } from './id-number.ts';

export const MEMBER_CATEGORIES = ['full', 'probationary'] as const;
export const MemberCategorySchema = z.enum(MEMBER_CATEGORIES);
export const MEMBER_CATEGORY_LABELS = {
  full: { zh: '正式党员', en: 'Full member' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
} as const;

export const PARTY_POSTS = ['secretary', 'deputy_secretary', 'committee_member'] as const;
export const PartyPostSchema = z.enum(PARTY_POSTS);
export const PARTY_POST_LABELS = {
  secretary: { zh: '书记', en: 'Secretary' },
  deputy_secretary: { zh: '副书记', en: 'Deputy secretary' },
  committee_member: { zh: '委员', en: 'Committee member' },
} as const;

export const GenderSchema = z.enum(['male', 'female']);
export const GENDER_LABELS = { male: { zh: '男', en: 'Male' }, female: { zh: '女', en: 'Female' } } as const;

export const IdNumberSchema = TextSchema.toUpperCase().superRefine((value, ctx) => {
  const problem = idNumberProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[problem] });
});

export const PhoneSchema = TextSchema.regex(
  /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/,
  '手机号应为 11 位（或带区号的固定电话）',
);

/**
 * A value of a standard code list: common variants are accepted and stored as the standard name ('大专' →
 * '大学专科'); anything else is refused with the list to pick from.
 */
export const codeField = (list: CodeListName) =>
  TextSchema.max(50).transform((value, ctx) => {
    const name = normaliseCode(list, value);
    if (name === null) {
      ctx.addIssue({ code: 'custom', message: unknownCodeMessage(list, value) });
      return z.NEVER;
    }
    return name;
  });

export const MemberSchema = z.object({
  id: IdSchema,
  unitId: IdSchema.nullable(),
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  departmentId: IdSchema.nullable(),
  departmentName: z.string().nullable(),
  name: z.string(),
  gender: GenderSchema,
  /** Only for a viewer holding member.sensitive on this member's organisation; others get birthMonth (ADR 14). */
  birthDate: IsoDateSchema.nullable(),
  /** 出生年月, YYYY-MM: what every reader sees of the birth date. */
  birthMonth: z.string().nullable(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  /** Always masked (3302**************) for every role; the full number only through the reveal route. */
  idNumber: z.string(),
  /** Always masked (138****5678); the full number only through the reveal route. */
  phone: z.string().nullable(),
  category: MemberCategorySchema,
  joinedOn: IsoDateSchema.nullable(),
  fullOn: IsoDateSchema.nullable(),
  partyPost: PartyPostSchema.nullable(),
  businessPost: z.string().nullable(),
  status: z.enum(['active', 'left']),
  version: VersionSchema,
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** Limit to this organisation and everything under it. */
  partyOrgId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  q: TextSchema.max(64).optional(),
  category: MemberCategorySchema.optional(),
  partyPost: PartyPostSchema.optional(),
  status: z.enum(['active', 'left']).default('active'),
  sort: z.enum(['name', 'joinedOn', 'partyOrg']).default('partyOrg'),
  /** Names sort by pinyin; every sort runs both ways. */
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

export const MemberExportQuerySchema = MemberListQuerySchema.omit({ page: true, pageSize: true }).extend({
  /** Full ID and phone numbers instead of masked ones: an explicit, audited choice, for member.sensitive only. */
  full: z.stringbool({ error: 'full 应为 1 或 0' }).optional(),
});
export type MemberExportQuery = z.infer<typeof MemberExportQuerySchema>;

/** What a reveal answers: each number in full where the viewer may see it, otherwise still masked. */
export const MemberNumbersSchema = z.object({
  idNumber: z.string(),
  phone: z.string().nullable(),
  birthDate: IsoDateSchema.nullable(),
  revealed: z.array(z.enum(['idNumber', 'phone'])),
});
export type MemberNumbers = z.infer<typeof MemberNumbersSchema>;

const memberFields = {
  name: TrimmedText(50),
  gender: GenderSchema.optional(),
  ethnicity: codeField('ethnicity').nullable().optional(),
  education: codeField('education').nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  category: MemberCategorySchema,
  joinedOn: IsoDateSchema.nullable().optional(),
  fullOn: IsoDateSchema.nullable().optional(),
  partyPost: PartyPostSchema.nullable().optional(),
  businessPost: TextSchema.max(100).nullable().optional(),
  departmentId: IdSchema.nullable().optional(),
};

export const CreateMemberBodySchema = z.strictObject({
  ...memberFields,
  partyOrgId: IdSchema,
  idNumber: IdNumberSchema,
  /**
   * The day the member's relationship was transferred into this organisation, when they come from elsewhere. The
   * history in the organisation starts there, or today when absent: never at the Party joining date, which says
   * nothing about where the member was organised since.
   */
  transferInOn: IsoDateSchema.nullable().optional(),
});
export type CreateMemberBody = z.infer<typeof CreateMemberBodySchema>;

/** Organisation changes go through transfer, so that history is kept. */
export const UpdateMemberBodySchema = z.strictObject({
  name: TrimmedText(50).optional(),
  gender: GenderSchema.optional(),
  ethnicity: memberFields.ethnicity,
  education: memberFields.education,
  phone: memberFields.phone,
  category: MemberCategorySchema.optional(),
  joinedOn: memberFields.joinedOn,
  fullOn: memberFields.fullOn,
  partyPost: memberFields.partyPost,
  businessPost: memberFields.businessPost,
  departmentId: memberFields.departmentId,
  idNumber: IdNumberSchema.optional(),
  version: VersionSchema,
});
export type UpdateMemberBody = z.infer<typeof UpdateMemberBodySchema>;

/** A free note beside a reason from the list ("其他" especially); stored after the reason, in brackets. */
const ReasonNoteSchema = TextSchema.max(100, '备注不能超过 100 个字').optional();

export const TransferMemberBodySchema = z.strictObject({
  toPartyOrgId: IdSchema,
  /** The business department in the new organisation; absent keeps the current one when it stays in the organ. */
  departmentId: IdSchema.nullable().optional(),
  on: IsoDateSchema,
  reason: codeField('transferReason'),
  note: ReasonNoteSchema,
  version: VersionSchema,
});
export const MemberLeaveBodySchema = z.strictObject({
  on: IsoDateSchema,
  reason: codeField('leaveReason'),
  note: ReasonNoteSchema,
  version: VersionSchema,
});

/** The stored reason text: the list's name, and the note in brackets when there is one. */
export function reasonText(reason: string, note: string | undefined): string {
  return note ? `${reason}（${note}）` : reason;
}

export const MemberHistoryEntrySchema = z.object({
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  fromOn: IsoDateSchema,
  toOn: IsoDateSchema.nullable(),
  reason: z.string().nullable(),
});

/** One row of the member roster (党员名册) after cell normalisation. */
export const MemberImportRowSchema = z.object({
  name: TrimmedText(50),
  gender: GenderSchema.nullable(),
  /** Full number, or a masked one (from an export) that then means "keep what is stored". */
  idNumber: TextSchema,
  ethnicity: TextSchema.nullable(),
  education: TextSchema.nullable(),
  phone: TextSchema.nullable(),
  category: MemberCategorySchema,
  joinedOn: IsoDateSchema.nullable(),
  fullOn: IsoDateSchema.nullable(),
  partyOrgCode: TextSchema,
  /** The organisation by its full name or a name unique in the importer's scope (used when there is no code). */
  partyOrgName: TextSchema.nullable().optional(),
  partyPost: PartyPostSchema.nullable(),
  departmentCode: TextSchema.nullable(),
  /** The department by name within the organisation's unit (used when there is no code). */
  departmentName: TextSchema.nullable().optional(),
  businessPost: TextSchema.nullable(),
  /** The day the member's relationship was transferred into this organisation; the history starts there. */
  transferInOn: IsoDateSchema.nullable().optional(),
});
export type MemberImportRow = z.infer<typeof MemberImportRowSchema>;
