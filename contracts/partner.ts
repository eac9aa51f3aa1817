// Partner organisations (共建单位, issue 11 point 4): outside organisations an organ builds with — a community, a
// village, an enterprise, a public institution — registered without accounts. Kept by the org module beside the
// Party tree and the departments; projects, records and pairings name them.
import { z } from 'zod';
import { IdSchema, MultilineTextSchema, TextSchema, TrimmedText, VersionSchema } from './common.ts';

type Label = { zh: string; en: string };
const OptionalText = (max: number) => TextSchema.max(max, `不能超过 ${max} 个字`).nullable().optional();
const OptionalLong = (max: number) =>
  MultilineTextSchema.max(max, `不能超过 ${max} 个字`).nullable().optional();

export const PARTNER_KINDS = [
  'community',
  'village',
  'enterprise',
  'institution',
  'social_org',
  'other',
] as const;
export const PartnerKindSchema = z.enum(PARTNER_KINDS);
export type PartnerKind = z.infer<typeof PartnerKindSchema>;
export const PARTNER_KIND_LABELS: Record<PartnerKind, Label> = {
  community: { zh: '社区', en: 'Community' },
  village: { zh: '村', en: 'Village' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  institution: { zh: '事业单位', en: 'Public institution' },
  social_org: { zh: '社会组织', en: 'Social organisation' },
  other: { zh: '其他', en: 'Other' },
};

export const PartnerOrgSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  name: z.string(),
  kind: PartnerKindSchema,
  contact: z.string().nullable(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(['active', 'archived']),
  version: VersionSchema,
});
export type PartnerOrg = z.infer<typeof PartnerOrgSchema>;

export const CreatePartnerBodySchema = z.strictObject({
  unitId: IdSchema,
  name: TrimmedText(100),
  kind: PartnerKindSchema,
  contact: OptionalText(100),
  address: OptionalText(200),
  note: OptionalLong(1000),
});
export type CreatePartnerBody = z.infer<typeof CreatePartnerBodySchema>;
export const PatchPartnerBodySchema = z.strictObject({
  name: TrimmedText(100).optional(),
  kind: PartnerKindSchema.optional(),
  contact: OptionalText(100),
  address: OptionalText(200),
  note: OptionalLong(1000),
  status: z.enum(['active', 'archived']).optional(),
  version: VersionSchema,
});
export type PatchPartnerBody = z.infer<typeof PatchPartnerBodySchema>;
