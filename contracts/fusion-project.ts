// Fusion projects (项目清单, issue 11 point 3): a need met with resources becomes a project with a lifecycle
// 论证 → 立项 → 推进 → 验收 (or 终止 with a reason), a team from one or several branches, milestones with owners,
// business KPIs with a baseline, a target and the result measured at acceptance, and branch records linked as its
// activity. Who may take which step is in PROJECT_STEPS.
import { z } from 'zod';
import {
  IdSchema,
  IsoDateSchema,
  MultilineTextSchema,
  TextSchema,
  TrimmedText,
  VersionSchema,
} from './common.ts';
import { UrgencySchema } from './fusion.ts';

type Label = { zh: string; en: string };

export const PROJECT_STAGES = ['proposal', 'approved', 'in_progress', 'accepted', 'terminated'] as const;
export const ProjectStageSchema = z.enum(PROJECT_STAGES);
export type ProjectStage = z.infer<typeof ProjectStageSchema>;
export const PROJECT_STAGE_LABELS: Record<ProjectStage, Label> = {
  proposal: { zh: '论证', en: 'Proposal' },
  approved: { zh: '立项', en: 'Approved' },
  in_progress: { zh: '推进', en: 'In progress' },
  accepted: { zh: '验收', en: 'Accepted' },
  terminated: { zh: '终止', en: 'Terminated' },
};
/** Stages of a project still under way: it holds its resources and its owner's handover. */
export const OPEN_STAGES: readonly ProjectStage[] = ['proposal', 'approved', 'in_progress'];

/**
 * The steps of the lifecycle and who takes each: the organ committee approves (立项), accepts (验收) and terminates
 * (终止); the lead branch starts the work (推进) once it is approved.
 */
export const PROJECT_STEPS = {
  approve: { from: ['proposal'], to: 'approved', permission: 'fusion.manage' },
  start: { from: ['approved'], to: 'in_progress', permission: 'fusion.project' },
  accept: { from: ['in_progress'], to: 'accepted', permission: 'fusion.manage' },
  terminate: { from: ['proposal', 'approved', 'in_progress'], to: 'terminated', permission: 'fusion.manage' },
} as const satisfies Record<
  string,
  { from: readonly ProjectStage[]; to: ProjectStage; permission: 'fusion.manage' | 'fusion.project' }
>;
export type ProjectStep = keyof typeof PROJECT_STEPS;

export const TEAM_KINDS = ['tackle_team', 'shock_team', 'pioneer_post'] as const;
export const TeamKindSchema = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof TeamKindSchema>;
export const TEAM_KIND_LABELS: Record<TeamKind, Label> = {
  tackle_team: { zh: '党员攻坚小组', en: 'Tackle team' },
  shock_team: { zh: '党员突击队', en: 'Shock team' },
  pioneer_post: { zh: '党员先锋岗', en: 'Pioneer post' },
};

export const TEAM_ROLES = ['leader', 'deputy', 'member', 'adviser'] as const;
export const TeamRoleSchema = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof TeamRoleSchema>;
export const TEAM_ROLE_LABELS: Record<TeamRole, Label> = {
  leader: { zh: '组长', en: 'Leader' },
  deputy: { zh: '副组长', en: 'Deputy' },
  member: { zh: '成员', en: 'Member' },
  adviser: { zh: '指导', en: 'Adviser' },
};

export const KPI_DIRECTIONS = ['increase', 'decrease'] as const;
export const KpiDirectionSchema = z.enum(KPI_DIRECTIONS);
export type KpiDirection = z.infer<typeof KpiDirectionSchema>;

const OptionalText = (max: number) => TextSchema.max(max, `不能超过 ${max} 个字`).nullable().optional();
const OptionalLong = (max: number) =>
  MultilineTextSchema.max(max, `不能超过 ${max} 个字`).nullable().optional();
/** A KPI value: finite, and within what a business figure can sensibly be. */
const KpiNumber = z
  .number({ message: '请填写数值' })
  .finite('请填写数值')
  .min(-1e12, '数值超出范围')
  .max(1e12, '数值超出范围');

export const TeamMemberSchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  role: TeamRoleSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const MilestoneSchema = z.object({
  id: IdSchema,
  projectId: IdSchema,
  title: z.string(),
  ownerMemberId: IdSchema,
  ownerName: z.string(),
  dueOn: IsoDateSchema,
  doneOn: IsoDateSchema.nullable(),
  note: z.string().nullable(),
  /** Not done and past its date (as of today on the server). */
  overdue: z.boolean(),
  version: VersionSchema,
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const KpiSchema = z.object({
  id: IdSchema,
  projectId: IdSchema,
  name: z.string(),
  measureUnit: z.string().nullable(),
  direction: KpiDirectionSchema,
  baseline: z.number(),
  target: z.number(),
  result: z.number().nullable(),
  measuredOn: IsoDateSchema.nullable(),
  note: z.string().nullable(),
  /** Whether the measured result reaches the target (in the KPI's direction); null until measured. */
  met: z.boolean().nullable(),
  version: VersionSchema,
});
export type Kpi = z.infer<typeof KpiSchema>;

export const ProjectEventSchema = z.object({
  fromStage: ProjectStageSchema.nullable(),
  toStage: ProjectStageSchema,
  happenedOn: IsoDateSchema,
  note: z.string().nullable(),
  byName: z.string().nullable(),
});

export const LinkedRecordSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  partyOrgName: z.string(),
  date: IsoDateSchema,
  topic: z.string(),
});
export type LinkedRecord = z.infer<typeof LinkedRecordSchema>;

export const ProjectSummarySchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  title: z.string(),
  stage: ProjectStageSchema,
  teamKind: TeamKindSchema,
  needId: IdSchema.nullable(),
  departmentId: IdSchema.nullable(),
  departmentName: z.string().nullable(),
  leadOrgId: IdSchema,
  leadOrgName: z.string(),
  /**
   * Every Party organisation the project counts for: the lead, the team's branches and joint holders (organName: of
   * another organ under the same work committee).
   */
  partyOrgs: z.array(z.object({ id: IdSchema, name: z.string(), organName: z.string().optional() })),
  ownerMemberId: IdSchema,
  ownerName: z.string(),
  startsOn: IsoDateSchema.nullable(),
  dueOn: IsoDateSchema.nullable(),
  milestones: z.object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
  kpis: z.object({ total: z.number().int(), measured: z.number().int(), met: z.number().int() }),
  version: VersionSchema,
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const ProjectSchema = ProjectSummarySchema.extend({
  goal: z.string().nullable(),
  need: z
    .object({ id: IdSchema, title: z.string(), urgency: UrgencySchema, kpiName: z.string().nullable() })
    .nullable(),
  approvedOn: IsoDateSchema.nullable(),
  startedOn: IsoDateSchema.nullable(),
  acceptedOn: IsoDateSchema.nullable(),
  outcome: z.string().nullable(),
  acceptanceNote: z.string().nullable(),
  terminatedOn: IsoDateSchema.nullable(),
  terminationReason: z.string().nullable(),
  resources: z.array(z.object({ id: IdSchema, title: z.string(), kind: z.string() })),
  partners: z.array(z.object({ id: IdSchema, name: z.string() })),
  jointOrgIds: z.array(IdSchema),
  team: z.array(TeamMemberSchema),
  milestoneList: z.array(MilestoneSchema),
  kpiList: z.array(KpiSchema),
  events: z.array(ProjectEventSchema),
  records: z.array(LinkedRecordSchema),
  /** What the caller may do here, for the page's buttons (the server checks again). */
  can: z.object({
    edit: z.boolean(),
    approve: z.boolean(),
    start: z.boolean(),
    accept: z.boolean(),
    terminate: z.boolean(),
  }),
});
export type Project = z.infer<typeof ProjectSchema>;

export const ProjectListQuerySchema = z.strictObject({
  unitId: IdSchema,
  stage: ProjectStageSchema.optional(),
  /** Projects that count for this Party organisation (lead, team or joint), with its subtree. */
  partyOrgId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  q: TextSchema.max(50).optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>;

const TeamSchema = z
  .array(z.strictObject({ memberId: IdSchema, role: TeamRoleSchema }))
  .max(50, '团队成员不超过 50 人')
  .refine((t) => new Set(t.map((m) => m.memberId)).size === t.length, '同一名党员不能重复加入团队');

const ProjectFields = {
  title: TrimmedText(100),
  goal: OptionalLong(2000),
  departmentId: IdSchema.nullable().optional(),
  teamKind: TeamKindSchema,
  ownerMemberId: IdSchema,
  startsOn: IsoDateSchema.nullable().optional(),
  dueOn: IsoDateSchema.nullable().optional(),
  jointOrgIds: z.array(IdSchema).max(20, '联建的党组织不超过 20 个').optional(),
  partnerOrgIds: z.array(IdSchema).max(20, '共建单位不超过 20 个').optional(),
};

export const CreateProjectBodySchema = z.strictObject({
  ...ProjectFields,
  leadOrgId: IdSchema,
  needId: IdSchema.nullable().optional(),
  resourceIds: z.array(IdSchema).max(20).optional(),
  team: TeamSchema.optional(),
});
export type CreateProjectBody = z.infer<typeof CreateProjectBodySchema>;

/** The officer accepts a suggested (or dragged) pair: a project draft (论证) is made from it. */
export const AcceptPairBodySchema = z.strictObject({
  needId: IdSchema,
  resourceId: IdSchema,
  title: TrimmedText(100).optional(),
  teamKind: TeamKindSchema.optional(),
  ownerMemberId: IdSchema.optional(),
});
export type AcceptPairBody = z.infer<typeof AcceptPairBodySchema>;

export const PatchProjectBodySchema = z.strictObject({
  title: TrimmedText(100).optional(),
  goal: OptionalLong(2000),
  departmentId: IdSchema.nullable().optional(),
  teamKind: TeamKindSchema.optional(),
  ownerMemberId: IdSchema.optional(),
  startsOn: IsoDateSchema.nullable().optional(),
  dueOn: IsoDateSchema.nullable().optional(),
  jointOrgIds: z.array(IdSchema).max(20, '联建的党组织不超过 20 个').optional(),
  partnerOrgIds: z.array(IdSchema).max(20, '共建单位不超过 20 个').optional(),
  resourceIds: z.array(IdSchema).max(20).optional(),
  version: VersionSchema,
});
export type PatchProjectBody = z.infer<typeof PatchProjectBodySchema>;

export const PutTeamBodySchema = z.strictObject({ team: TeamSchema, version: VersionSchema });
export type PutTeamBody = z.infer<typeof PutTeamBodySchema>;

/** A step of the lifecycle. Acceptance names the outcome; termination its reason. */
export const StepBodySchema = z.strictObject({
  on: IsoDateSchema.optional(),
  note: OptionalText(500),
  version: VersionSchema,
});
export type StepBody = z.infer<typeof StepBodySchema>;
export const AcceptProjectBodySchema = StepBodySchema.extend({
  outcome: TrimmedText(2000, { multiline: true }),
});
export type AcceptProjectBody = z.infer<typeof AcceptProjectBodySchema>;
export const TerminateProjectBodySchema = StepBodySchema.extend({ reason: TrimmedText(500) });
export type TerminateProjectBody = z.infer<typeof TerminateProjectBodySchema>;

export const CreateMilestoneBodySchema = z.strictObject({
  title: TrimmedText(100),
  ownerMemberId: IdSchema,
  dueOn: IsoDateSchema,
  note: OptionalLong(500),
});
export type CreateMilestoneBody = z.infer<typeof CreateMilestoneBodySchema>;
export const PatchMilestoneBodySchema = z.strictObject({
  title: TrimmedText(100).optional(),
  ownerMemberId: IdSchema.optional(),
  dueOn: IsoDateSchema.optional(),
  doneOn: IsoDateSchema.nullable().optional(),
  note: OptionalLong(500),
  version: VersionSchema,
});
export type PatchMilestoneBody = z.infer<typeof PatchMilestoneBodySchema>;

export const CreateKpiBodySchema = z.strictObject({
  name: TrimmedText(100),
  measureUnit: OptionalText(20),
  direction: KpiDirectionSchema,
  baseline: KpiNumber,
  target: KpiNumber,
  note: OptionalLong(500),
});
export type CreateKpiBody = z.infer<typeof CreateKpiBodySchema>;
/** An edit, or the measured result (result with measuredOn; null clears both). */
export const PatchKpiBodySchema = z.strictObject({
  name: TrimmedText(100).optional(),
  measureUnit: OptionalText(20),
  direction: KpiDirectionSchema.optional(),
  baseline: KpiNumber.optional(),
  target: KpiNumber.optional(),
  result: KpiNumber.nullable().optional(),
  measuredOn: IsoDateSchema.nullable().optional(),
  note: OptionalLong(500),
  version: VersionSchema,
});
export type PatchKpiBody = z.infer<typeof PatchKpiBodySchema>;

export const LinkRecordsBodySchema = z.strictObject({
  recordIds: z.array(IdSchema).min(1, '请选择要关联的支部工作记录').max(50, '一次最多关联 50 条记录'),
});
export type LinkRecordsBody = z.infer<typeof LinkRecordsBodySchema>;
export const RecordCandidatesQuerySchema = z.strictObject({ q: TextSchema.max(50).optional() });

/** A member's own projects and milestones (the workbench cards), reached signed in. */
export const MyFusionSchema = z.object({
  projects: z.array(
    z.object({
      id: IdSchema,
      title: z.string(),
      stage: ProjectStageSchema,
      role: z.union([TeamRoleSchema, z.literal('owner')]),
      dueOn: IsoDateSchema.nullable(),
    }),
  ),
  milestones: z.array(
    z.object({
      id: IdSchema,
      projectId: IdSchema,
      projectTitle: z.string(),
      title: z.string(),
      dueOn: IsoDateSchema,
      overdue: z.boolean(),
    }),
  ),
});
export type MyFusion = z.infer<typeof MyFusionSchema>;
