import { z } from 'zod';
import { IdSchema, SecretTextSchema, TextSchema, VersionSchema } from './common.ts';

export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;
export const BUSINESS_ROLES = [
  'work_committee_officer',
  'organ_committee_officer',
  'leading_group_member',
  'branch_secretary',
  'branch_committee_member',
  'member',
  'supervisor',
] as const;
export const ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '安全审计员', en: 'Audit administrator' },
  work_committee_officer: { zh: '工委工作人员', en: 'Work committee officer' },
  organ_committee_officer: { zh: '机关党委工作人员', en: 'Organ committee officer' },
  leading_group_member: { zh: '党组成员', en: 'Leading group member' },
  branch_secretary: { zh: '支部书记', en: 'Branch secretary' },
  branch_committee_member: { zh: '支委委员', en: 'Branch committee member' },
  member: { zh: '党员', en: 'Member' },
  supervisor: { zh: '纪检督查人员', en: 'Supervisor' },
};

export const PERMISSIONS = [
  'org.read',
  'org.write',
  'org.import',
  'org.export',
  'member.read',
  'member.write',
  'member.sensitive',
  'member.contact',
  'member.import',
  'member.export',
  'user.read',
  'user.manage',
  'role.assign',
  'security.manage',
  'audit.read',
  'responsibility.read',
  'responsibility.manage',
  'responsibility.report',
  'responsibility.template',
  'responsibility.organise',
  'handover.manage',
  'branch.read',
  'branch.record',
  'dues.manage',
  'development.manage',
  'fusion.read',
  'fusion.manage',
  'fusion.project',
  'fusion.select',
  'assessment.read',
  'assessment.design',
  'assessment.run',
  'delivery.manage',
  'warning.read',
  'warning.answer',
  'warning.manage',
  'warning.configure',
] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

const OFFICER: Permission[] = [
  'org.read',
  'org.write',
  'org.import',
  'org.export',
  'member.read',
  'member.write',
  'member.sensitive',
  'member.contact',
  'member.import',
  'member.export',
  'responsibility.read',
  'responsibility.manage',
  'responsibility.report',
  'responsibility.organise',
  'handover.manage',
  'branch.read',
  'branch.record',
  'development.manage',
  'fusion.read',
  'fusion.manage',
  'fusion.project',
  'assessment.read',
  'assessment.design',
  'assessment.run',
  'delivery.manage',
  'warning.read',
  'warning.answer',
  'warning.manage',
];

/**
 * The single table of who may do what. Every permission is further limited to the subtree of the organisation the
 * role is assigned on; the three administrator roles are assigned without a node and see no business data.
 * 三员分立 (ADR 11): the system administrator manages business accounts (`user.manage`: create, rename, disable,
 * reset a password), the security administrator assigns business roles (`role.assign`; it reads the organisation
 * tree's structure to place them, nothing about people) and runs the security policy, the audit administrator reads
 * accounts, roles and the audit trail. All three read the account list (`user.read`). Administrator accounts are
 * created, reset and given roles only from the server console.
 * Responsibility (ADR 23): officers keep the lists and run handovers; the work committee's officers also publish the
 * standard template and the annual work points; officers alone organise what is arranged from above (述职评议 and
 * its raters, 党组成员联系点: responsibility.organise); a leading group member and a supervisor read; a branch secretary
 * keeps the branch's lists and reports progress, a branch committee member reports; anyone reaches their own
 * duties (my duties) without a permission.
 * Branch work (issue 10): whoever reads an organisation's work reads its branch records (branch.read); officers, the
 * secretary and the committee members record them (branch.record); dues bases are income, seen only by the member
 * and by whoever collects the dues — the branch secretary, a committee member, the organ committee's officer
 * (dues.manage); development (发展党员) is kept by the secretary and the officers (development.manage).
 * Fusion work (issue 11): whoever reads an organ's work reads its needs, resources, board and projects
 * (fusion.read); the organ committee's officers keep the needs (raised by the departments), decide the board's pairs
 * and approve, accept and terminate projects (fusion.manage); a branch secretary registers the branch's resources and
 * runs its projects — team, milestones, KPIs, linked records — and keeps its brand and typical cases (fusion.project),
 * as the officers may too; the organ committee reviews brands and publishes cases (fusion.manage); the work
 * committee's officers select cases for the showcase of all its organs (fusion.select).
 * Assessment (issue 12): whoever reads an organisation's work reads its assessment results (assessment.read) — a
 * branch secretary their own branch's, the officers and the leading group the whole organ's; the officers design
 * indicator systems (assessment.design) and run the cycles (assessment.run) at their organ's top, the work committee's
 * officers for all its organs.
 * Deliveries (issue 13 point 4, ADR 30): the officers keep the 企业微信 / 钉钉 group robots of the Party organisations
 * in their subtree, test them and read and retry their log (delivery.manage); a person's own mail and quiet hours
 * need no permission (/api/me/delivery-preferences).
 * Warnings (issue 13, ADR 31): whoever reads an organisation's work reads its fusion index and warnings
 * (warning.read); the branch secretary, the leading group and the officers answer them (warning.answer); the officers
 * approve exceptions and run an evaluation (warning.manage); the work committee's officers set the rules, the
 * ladder and the index formula for all its organs (warning.configure).
 * Personal numbers (ADR 14): every screen shows them masked; member.sensitive reveals a member's ID and phone
 * numbers one at a time, exports them in full on request and searches by them; member.contact reveals the phone only.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: ['user.read', 'user.manage'],
  security_admin: ['user.read', 'role.assign', 'security.manage', 'org.read'],
  audit_admin: ['user.read', 'audit.read'],
  work_committee_officer: [...OFFICER, 'responsibility.template', 'fusion.select', 'warning.configure'],
  organ_committee_officer: [...OFFICER, 'dues.manage'],
  leading_group_member: [
    'org.read',
    'org.export',
    'member.read',
    'member.export',
    'responsibility.read',
    'branch.read',
    'fusion.read',
    'assessment.read',
    'warning.read',
    'warning.answer',
  ],
  // member.contact without member.sensitive: a secretary reveals a member's phone to call them, never the ID number.
  branch_secretary: [
    'org.read',
    'member.read',
    'member.write',
    'member.contact',
    'member.import',
    'member.export',
    'responsibility.read',
    'responsibility.manage',
    'responsibility.report',
    'branch.read',
    'branch.record',
    'dues.manage',
    'development.manage',
    'fusion.read',
    'fusion.project',
    'assessment.read',
    'warning.read',
    'warning.answer',
  ],
  branch_committee_member: [
    'org.read',
    'member.read',
    'responsibility.read',
    'responsibility.report',
    'branch.read',
    'branch.record',
    'dues.manage',
    'fusion.read',
    'assessment.read',
    'warning.read',
  ],
  // A member sees their own record through self-service (signed in, /api/me/…), not the organ's trees.
  member: [],
  supervisor: [
    'org.read',
    'member.read',
    'responsibility.read',
    'branch.read',
    'fusion.read',
    'assessment.read',
    'warning.read',
  ],
};

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

/** Password policy (等保 2.0 三级): at least 10 characters from at least three classes. */
export const PASSWORD_MIN_LENGTH = 10;
export function passwordPolicyIssues(password: string): string[] {
  const issues: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) issues.push(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
  if (password.length > 128) issues.push('密码不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) issues.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  return issues;
}
export const NewPasswordSchema = SecretTextSchema.superRefine((value, ctx) => {
  for (const message of passwordPolicyIssues(value)) ctx.addIssue({ code: 'custom', message });
});

export const UsernameSchema = TextSchema.toLowerCase().regex(
  /^[a-z0-9][a-z0-9._-]{1,31}$/,
  '用户名为 2–32 位小写字母、数字、点、下划线或连字符',
);

export const LoginBodySchema = z.strictObject({
  username: TextSchema.toLowerCase().min(1, '请输入用户名').max(64),
  password: SecretTextSchema.min(1, '请输入密码').max(256),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: SecretTextSchema.min(1, '请输入当前密码').max(256),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

export const RoleAssignmentSchema = z.object({
  role: RoleSchema,
  partyOrgId: IdSchema.nullable(),
  partyOrgName: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;

export const SessionSchema = z.object({
  user: z.object({
    id: IdSchema,
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    memberId: IdSchema.nullable(),
    /** Made by the demo loader: the web marks it, so nobody takes demo data (or a published password) for real. */
    isDemo: z.boolean(),
  }),
  roles: z.array(RoleAssignmentSchema),
  permissions: z.array(PermissionSchema),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
});
export type Session = z.infer<typeof SessionSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  memberId: IdSchema.nullable(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(RoleAssignmentSchema),
  /** An administrator reset the password: the roles take effect again once the security administrator confirms them. */
  rolesSuspended: z.boolean(),
  isDemo: z.boolean(),
  version: VersionSchema,
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: TextSchema.max(64).optional(),
});

/** An account's own fields: roles are not among them (the security administrator assigns them, ADR 11). */
export const CreateUserBodySchema = z.strictObject({
  username: UsernameSchema,
  displayName: TextSchema.min(1, '请输入姓名').max(64),
  memberId: IdSchema.nullable().optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = z.strictObject({
  displayName: TextSchema.min(1).max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  version: VersionSchema,
});

export const SetRolesBodySchema = z.strictObject({
  roles: z.array(z.strictObject({ role: RoleSchema, partyOrgId: IdSchema.nullable() })).max(20),
  version: VersionSchema,
});
export type SetRolesBody = z.infer<typeof SetRolesBodySchema>;

export const InitialPasswordSchema = z.object({ user: UserSchema, initialPassword: z.string() });

export const LockoutSchema = z.object({
  kind: z.enum(['account', 'address']),
  key: z.string(),
  failures: z.number().int(),
  lockedUntil: z.string(),
});
export const UnlockBodySchema = z.strictObject({
  kind: z.enum(['account', 'address']),
  key: TextSchema.min(1).max(128),
});

export const SecurityPolicySchema = z.object({
  passwordMinLength: z.number(),
  passwordClasses: z.number(),
  passwordHistory: z.number(),
  lockoutThreshold: z.number(),
  lockoutWindowMinutes: z.number(),
  sessionIdleMinutes: z.number(),
  sessionAbsoluteHours: z.number(),
  sessionMaxPerUser: z.number(),
});
