import { z } from 'zod';
import { IdSchema, IsoDateSchema, TextSchema, TrimmedText, VersionSchema } from './common.ts';

export const PARTY_ORG_KINDS = [
  'work_committee',
  'organ_committee',
  'sub_committee',
  'general_branch',
  'branch',
  'cell',
] as const;
export const PartyOrgKindSchema = z.enum(PARTY_ORG_KINDS);
export type PartyOrgKind = z.infer<typeof PartyOrgKindSchema>;

export const PARTY_ORG_KIND_LABELS: Record<PartyOrgKind, { zh: string; en: string }> = {
  work_committee: { zh: '机关工委', en: 'Work committee' },
  organ_committee: { zh: '机关党委', en: 'Organ Party committee' },
  sub_committee: { zh: '二级机关党委', en: 'Sub-committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Branch' },
  cell: { zh: '党小组', en: 'Party cell' },
};

/** Which kinds may sit directly under which; the tree refuses anything else. */
export const ALLOWED_CHILD_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  work_committee: ['organ_committee', 'sub_committee', 'general_branch', 'branch'],
  organ_committee: ['sub_committee', 'general_branch', 'branch'],
  sub_committee: ['general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['cell'],
  cell: [],
};

/**
 * Business department kinds as organs have them: 处室 (internal division), 科室 (section inside a division or an
 * office), 派出机构 (a subordinate office such as a branch office or a station: its own place, not a division) and
 * 直属单位 (an affiliated institution under the organ).
 */
export const DEPARTMENT_KINDS = ['division', 'section', 'office', 'affiliated'] as const;
export const DepartmentKindSchema = z.enum(DEPARTMENT_KINDS);
export type DepartmentKind = z.infer<typeof DepartmentKindSchema>;
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, { zh: string; en: string }> = {
  division: { zh: '处室', en: 'Division' },
  section: { zh: '科室', en: 'Section' },
  office: { zh: '派出机构', en: 'Subordinate office' },
  affiliated: { zh: '直属单位', en: 'Affiliated institution' },
};

export const OrgCodeSchema = TextSchema.min(1, '请填写组织编码')
  .max(32, '编码不能超过 32 位')
  .regex(/^[A-Za-z0-9._-]+$/, '编码只能包含字母、数字、点、下划线或连字符');

export const PartyOrgSchema = z.object({
  id: IdSchema,
  unitId: IdSchema.nullable(),
  parentId: IdSchema.nullable(),
  code: z.string(),
  name: z.string(),
  kind: PartyOrgKindSchema,
  depth: z.number().int(),
  isTemporary: z.boolean(),
  tempStartOn: IsoDateSchema.nullable(),
  tempEndOn: IsoDateSchema.nullable(),
  foundedOn: IsoDateSchema.nullable(),
  status: z.enum(['active', 'closed']),
  closedOn: IsoDateSchema.nullable(),
  closeReason: z.string().nullable(),
  sortOrder: z.number().int(),
  /** Business sections this organisation serves (支部建在科上). */
  departmentIds: z.array(IdSchema),
  /** Active members directly in this organisation; null when the viewer may not read members. */
  memberCount: z.number().int().nullable(),
  /** Active members in this organisation and its whole subtree; null when the viewer may not read members. */
  memberTotal: z.number().int().nullable(),
  version: VersionSchema,
});
export type PartyOrg = z.infer<typeof PartyOrgSchema>;

export const PartyOrgTreeQuerySchema = z.strictObject({
  includeClosed: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const CreatePartyOrgBodySchema = z
  .strictObject({
    parentId: IdSchema,
    code: OrgCodeSchema,
    name: TrimmedText(100),
    kind: PartyOrgKindSchema,
    isTemporary: z.boolean().default(false),
    tempStartOn: IsoDateSchema.nullable().optional(),
    tempEndOn: IsoDateSchema.nullable().optional(),
    foundedOn: IsoDateSchema.nullable().optional(),
    sortOrder: z.number().int().min(0).max(100000).default(0),
    departmentIds: z.array(IdSchema).max(50).default([]),
  })
  .refine((v) => !v.isTemporary || !!v.tempStartOn, {
    path: ['tempStartOn'],
    message: '临时党组织须填写开始日期',
  })
  .refine((v) => !v.tempEndOn || !v.tempStartOn || v.tempEndOn >= v.tempStartOn, {
    path: ['tempEndOn'],
    message: '结束日期不能早于开始日期',
  });
export type CreatePartyOrgBody = z.infer<typeof CreatePartyOrgBodySchema>;

export const UpdatePartyOrgBodySchema = z.strictObject({
  name: TrimmedText(100).optional(),
  code: OrgCodeSchema.optional(),
  isTemporary: z.boolean().optional(),
  tempStartOn: IsoDateSchema.nullable().optional(),
  tempEndOn: IsoDateSchema.nullable().optional(),
  foundedOn: IsoDateSchema.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  departmentIds: z.array(IdSchema).max(50).optional(),
  version: VersionSchema,
});
export type UpdatePartyOrgBody = z.infer<typeof UpdatePartyOrgBodySchema>;

export const MovePartyOrgBodySchema = z.strictObject({ newParentId: IdSchema, version: VersionSchema });
export const ClosePartyOrgBodySchema = z.strictObject({
  closedOn: IsoDateSchema,
  reason: TrimmedText(200, { multiline: true }),
  version: VersionSchema,
});
export const ReopenPartyOrgBodySchema = z.strictObject({ version: VersionSchema });

export const PartyOrgEventSchema = z.object({
  id: IdSchema,
  kind: z.enum(['created', 'renamed', 'moved', 'updated', 'closed', 'reopened']),
  details: z.record(z.string(), z.unknown()),
  actorUserId: IdSchema.nullable(),
  at: z.string(),
});

export const DepartmentSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  parentId: IdSchema.nullable(),
  code: z.string(),
  name: z.string(),
  kind: DepartmentKindSchema,
  status: z.enum(['active', 'closed']),
  sortOrder: z.number().int(),
  /** Party organisations that serve this department. */
  partyOrgIds: z.array(IdSchema),
  version: VersionSchema,
});
export type Department = z.infer<typeof DepartmentSchema>;

export const CreateDepartmentBodySchema = z.strictObject({
  unitId: IdSchema,
  parentId: IdSchema.nullable().default(null),
  code: OrgCodeSchema,
  name: TrimmedText(100),
  kind: DepartmentKindSchema,
  sortOrder: z.number().int().min(0).max(100000).default(0),
});
export const UpdateDepartmentBodySchema = z.strictObject({
  name: TrimmedText(100).optional(),
  code: OrgCodeSchema.optional(),
  parentId: IdSchema.nullable().optional(),
  status: z.enum(['active', 'closed']).optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  version: VersionSchema,
});

export const UnitSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  rootPartyOrgId: IdSchema.nullable(),
});
export type Unit = z.infer<typeof UnitSchema>;

/** One row of the 党组织 sheet of the organisations workbook (after cell normalisation). */
export const OrgImportRowSchema = z.object({
  code: OrgCodeSchema,
  name: TrimmedText(100),
  kind: PartyOrgKindSchema,
  parentCode: OrgCodeSchema.nullable(),
  unitCode: OrgCodeSchema.nullable(),
  isTemporary: z.boolean(),
  tempStartOn: IsoDateSchema.nullable(),
  tempEndOn: IsoDateSchema.nullable(),
  foundedOn: IsoDateSchema.nullable(),
  sortOrder: z.number().int().min(0),
  departmentCodes: z.array(OrgCodeSchema),
  status: z.enum(['active', 'closed']),
  closedOn: IsoDateSchema.nullable(),
});
export type OrgImportRow = z.infer<typeof OrgImportRowSchema>;

/** One row of the 业务部门 sheet of the organisations workbook. */
export const DepartmentImportRowSchema = z.object({
  code: OrgCodeSchema,
  name: TrimmedText(100),
  kind: DepartmentKindSchema,
  parentCode: OrgCodeSchema.nullable(),
  unitCode: OrgCodeSchema,
  sortOrder: z.number().int().min(0),
  status: z.enum(['active', 'closed']),
});
export type DepartmentImportRow = z.infer<typeof DepartmentImportRowSchema>;

/** One row of the 单位 sheet: the organ itself and the code of its top Party organisation. */
export const UnitImportRowSchema = z.object({
  code: OrgCodeSchema,
  name: TrimmedText(100),
  rootOrgCode: OrgCodeSchema.nullable(),
});
export type UnitImportRow = z.infer<typeof UnitImportRowSchema>;
