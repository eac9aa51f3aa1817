// Branch brands (一支部一品牌, issue 11 point 5) and typical cases (典型案例, point 6). A brand has the six haves (六有):
// a name, a mark, a concept, service standards, creation measures and demonstrated effect — each backed by evidence
// (the mark by its image; the others by records, project outcomes, satisfaction results or documents). The organ
// committee reviews brands every year against BRAND_RUBRIC; a brand that fails gets a rectification deadline.
import { z } from 'zod';
import {
  IdSchema,
  IsoDateSchema,
  MultilineTextSchema,
  TextSchema,
  TrimmedText,
  VersionSchema,
} from './common.ts';

type Label = { zh: string; en: string };

export const BRAND_ELEMENTS = ['name', 'mark', 'concept', 'standards', 'measures', 'effect'] as const;
export const BrandElementSchema = z.enum(BRAND_ELEMENTS);
export type BrandElement = z.infer<typeof BrandElementSchema>;
export const BRAND_ELEMENT_LABELS: Record<BrandElement, Label> = {
  name: { zh: '有名称', en: 'A name' },
  mark: { zh: '有标识', en: 'A mark' },
  concept: { zh: '有理念', en: 'A concept' },
  standards: { zh: '有服务标准', en: 'Service standards' },
  measures: { zh: '有创建措施', en: 'Creation measures' },
  effect: { zh: '有成效影响', en: 'Demonstrated effect' },
};
/** Elements backed by evidence entries (the mark is backed by its image). */
export const EVIDENCED_ELEMENTS = ['name', 'concept', 'standards', 'measures', 'effect'] as const;
export const EvidencedElementSchema = z.enum(EVIDENCED_ELEMENTS);

export const EVIDENCE_KINDS = ['record', 'project', 'document', 'satisfaction'] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, Label> = {
  record: { zh: '支部工作记录', en: 'Branch record' },
  project: { zh: '融合项目成果', en: 'Project outcome' },
  document: { zh: '文件材料', en: 'Document' },
  satisfaction: { zh: '满意度结果', en: 'Satisfaction result' },
};

export const BRAND_STATUSES = ['cultivating', 'qualified', 'exemplary', 'rectifying'] as const;
export const BrandStatusSchema = z.enum(BRAND_STATUSES);
export type BrandStatus = z.infer<typeof BrandStatusSchema>;
export const BRAND_STATUS_LABELS: Record<BrandStatus, Label> = {
  cultivating: { zh: '培育', en: 'Cultivating' },
  qualified: { zh: '达标', en: 'Qualified' },
  exemplary: { zh: '示范', en: 'Exemplary' },
  rectifying: { zh: '整改', en: 'Rectifying' },
};

/** The rubric of the annual review: the most points each element can earn (together 100). */
export const BRAND_RUBRIC: Record<BrandElement, number> = {
  name: 10,
  mark: 10,
  concept: 15,
  standards: 20,
  measures: 20,
  effect: 25,
};
/** The least total for each status; 达标 and 示范 also need all six haves complete. */
export const BRAND_THRESHOLDS = { exemplary: 90, qualified: 75 } as const;

const OptionalLong = (max: number) =>
  MultilineTextSchema.max(max, `不能超过 ${max} 个字`).nullable().optional();

export const BrandEvidenceSchema = z.object({
  id: IdSchema,
  element: EvidencedElementSchema,
  kind: EvidenceKindSchema,
  refId: IdSchema.nullable(),
  /** What the evidence is: the record's topic and date, the project's title, the file's name, or the note. */
  title: z.string(),
  date: IsoDateSchema.nullable(),
  note: z.string().nullable(),
});
export type BrandEvidence = z.infer<typeof BrandEvidenceSchema>;

export const MissingSchema = z.object({
  element: BrandElementSchema,
  what: z.enum(['content', 'evidence']),
  message: z.string(),
});
export type Missing = z.infer<typeof MissingSchema>;

export const BrandReviewSchema = z.object({
  id: IdSchema,
  year: z.number().int(),
  scores: z.record(BrandElementSchema, z.number().int()),
  total: z.number().int(),
  status: BrandStatusSchema,
  comment: z.string().nullable(),
  rectifyBy: IsoDateSchema.nullable(),
  reviewedOn: IsoDateSchema,
  reviewedByName: z.string().nullable(),
});
export type BrandReview = z.infer<typeof BrandReviewSchema>;

export const BrandSummarySchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  name: z.string(),
  status: BrandStatusSchema,
  rectifyBy: IsoDateSchema.nullable(),
  /** Elements of the six haves still missing content or evidence, in rubric order; empty when complete. */
  missing: z.array(MissingSchema),
  lastReview: z
    .object({ year: z.number().int(), total: z.number().int(), reviewedOn: IsoDateSchema })
    .nullable(),
  markAttachmentId: IdSchema.nullable(),
  version: VersionSchema,
});
export type BrandSummary = z.infer<typeof BrandSummarySchema>;

export const BrandSchema = BrandSummarySchema.extend({
  concept: z.string().nullable(),
  serviceStandards: z.string().nullable(),
  creationMeasures: z.string().nullable(),
  effect: z.string().nullable(),
  evidence: z.array(BrandEvidenceSchema),
  reviews: z.array(BrandReviewSchema),
  can: z.object({ edit: z.boolean(), review: z.boolean() }),
});
export type Brand = z.infer<typeof BrandSchema>;

export const BrandListQuerySchema = z.strictObject({
  unitId: IdSchema,
  status: BrandStatusSchema.optional(),
});

export const CreateBrandBodySchema = z.strictObject({
  partyOrgId: IdSchema,
  name: TrimmedText(50),
  concept: OptionalLong(1000),
  serviceStandards: OptionalLong(2000),
  creationMeasures: OptionalLong(2000),
  effect: OptionalLong(2000),
});
export type CreateBrandBody = z.infer<typeof CreateBrandBodySchema>;

export const PatchBrandBodySchema = z.strictObject({
  name: TrimmedText(50).optional(),
  concept: OptionalLong(1000),
  serviceStandards: OptionalLong(2000),
  creationMeasures: OptionalLong(2000),
  effect: OptionalLong(2000),
  /** An image among the brand's attachments (owner kind fusion.brand); null takes the mark away. */
  markAttachmentId: IdSchema.nullable().optional(),
  version: VersionSchema,
});
export type PatchBrandBody = z.infer<typeof PatchBrandBodySchema>;

export const AddEvidenceBodySchema = z.strictObject({
  element: EvidencedElementSchema,
  kind: EvidenceKindSchema,
  /** A branch record, a fusion project or one of the brand's attachments; absent for a satisfaction result. */
  refId: IdSchema.nullable().optional(),
  note: TextSchema.max(200, '不能超过 200 个字').nullable().optional(),
});
export type AddEvidenceBody = z.infer<typeof AddEvidenceBodySchema>;

export const ReviewBodySchema = z.strictObject({
  year: z.number().int().min(2000).max(2099),
  scores: z.strictObject({
    name: z.number().int().min(0),
    mark: z.number().int().min(0),
    concept: z.number().int().min(0),
    standards: z.number().int().min(0),
    measures: z.number().int().min(0),
    effect: z.number().int().min(0),
  }),
  status: BrandStatusSchema,
  comment: OptionalLong(1000),
  rectifyBy: IsoDateSchema.nullable().optional(),
  version: VersionSchema,
});
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

// Typical cases ----------------------------------------------------------------------------------------------------

export const CASE_STATUSES = ['draft', 'submitted', 'published', 'returned'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;
export const CASE_STATUS_LABELS: Record<CaseStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  published: { zh: '已发布', en: 'Published' },
  returned: { zh: '退回修改', en: 'Returned' },
};

export const ShowcaseCaseSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  unitName: z.string(),
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  projectId: IdSchema.nullable(),
  projectTitle: z.string().nullable(),
  brandId: IdSchema.nullable(),
  brandName: z.string().nullable(),
  title: z.string(),
  problem: z.string(),
  actions: z.string(),
  result: z.string(),
  status: CaseStatusSchema,
  returnNote: z.string().nullable(),
  publishedOn: IsoDateSchema.nullable(),
  committeeSelected: z.boolean(),
  selectedOn: IsoDateSchema.nullable(),
  /** Photo attachment ids (owner kind fusion.case), for thumbnails. */
  photoIds: z.array(IdSchema),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    publish: z.boolean(),
    select: z.boolean(),
  }),
  version: VersionSchema,
});
export type ShowcaseCase = z.infer<typeof ShowcaseCaseSchema>;

export const CaseListQuerySchema = z.strictObject({ unitId: IdSchema, status: CaseStatusSchema.optional() });

/** Written from a project or a brand; what is left out is drafted from the source (nothing typed twice). */
export const CreateCaseBodySchema = z.strictObject({
  partyOrgId: IdSchema,
  projectId: IdSchema.nullable().optional(),
  brandId: IdSchema.nullable().optional(),
  title: TrimmedText(100).optional(),
  problem: TrimmedText(3000, { multiline: true }).optional(),
  actions: TrimmedText(5000, { multiline: true }).optional(),
  result: TrimmedText(3000, { multiline: true }).optional(),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBodySchema>;

export const PatchCaseBodySchema = z.strictObject({
  title: TrimmedText(100).optional(),
  problem: TrimmedText(3000, { multiline: true }).optional(),
  actions: TrimmedText(5000, { multiline: true }).optional(),
  result: TrimmedText(3000, { multiline: true }).optional(),
  version: VersionSchema,
});
export type PatchCaseBody = z.infer<typeof PatchCaseBodySchema>;

export const CaseStepBodySchema = z.strictObject({ version: VersionSchema });
export const ReturnCaseBodySchema = z.strictObject({ version: VersionSchema, note: TrimmedText(500) });
export const SelectCaseBodySchema = z.strictObject({ version: VersionSchema, selected: z.boolean() });

// Pairings (结对共建) ----------------------------------------------------------------------------------------------

export const PAIRING_STATES = ['upcoming', 'active', 'expired', 'ended'] as const;
export type PairingState = (typeof PAIRING_STATES)[number];
export const PAIRING_STATE_LABELS: Record<PairingState, Label> = {
  upcoming: { zh: '未开始', en: 'Upcoming' },
  active: { zh: '共建中', en: 'Active' },
  expired: { zh: '已到期', en: 'Expired' },
  ended: { zh: '已解除', en: 'Ended' },
};

export const PairingSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  /** The other side: a partner organisation of the organ, or a Party organisation of another organ. */
  partnerOrgId: IdSchema.nullable(),
  counterpartOrgId: IdSchema.nullable(),
  counterpartName: z.string(),
  counterpartUnitName: z.string().nullable(),
  title: z.string(),
  agreement: z.string().nullable(),
  startsOn: IsoDateSchema,
  endsOn: IsoDateSchema,
  endedOn: IsoDateSchema.nullable(),
  endReason: z.string().nullable(),
  state: z.enum(PAIRING_STATES),
  /** Joint records of the organisation with the partner within the pairing (its activity). */
  activityCount: z.number().int(),
  version: VersionSchema,
});
export type Pairing = z.infer<typeof PairingSchema>;

export const PairingDetailSchema = PairingSchema.extend({
  events: z.array(
    z.object({
      kind: z.enum(['created', 'updated', 'renewed', 'ended']),
      happenedOn: IsoDateSchema,
      note: z.string().nullable(),
      byName: z.string().nullable(),
    }),
  ),
  activities: z.array(
    z.object({
      id: IdSchema,
      kind: z.string(),
      date: IsoDateSchema,
      topic: z.string(),
      partyOrgName: z.string(),
    }),
  ),
  can: z.object({ edit: z.boolean() }),
});
export type PairingDetail = z.infer<typeof PairingDetailSchema>;

export const PairingListQuerySchema = z.strictObject({ unitId: IdSchema, partyOrgId: IdSchema.optional() });

export const CreatePairingBodySchema = z.strictObject({
  partyOrgId: IdSchema,
  partnerOrgId: IdSchema.nullable().optional(),
  counterpartOrgId: IdSchema.nullable().optional(),
  title: TrimmedText(100),
  agreement: OptionalLong(5000),
  startsOn: IsoDateSchema,
  endsOn: IsoDateSchema,
});
export type CreatePairingBody = z.infer<typeof CreatePairingBodySchema>;

export const PatchPairingBodySchema = z.strictObject({
  title: TrimmedText(100).optional(),
  agreement: OptionalLong(5000),
  /** A later end renews the pairing (kept in its history). */
  endsOn: IsoDateSchema.optional(),
  version: VersionSchema,
});
export type PatchPairingBody = z.infer<typeof PatchPairingBodySchema>;

export const EndPairingBodySchema = z.strictObject({
  reason: TrimmedText(200),
  on: IsoDateSchema.optional(),
  version: VersionSchema,
});
export type EndPairingBody = z.infer<typeof EndPairingBodySchema>;
