// The class of every table under the tenant-key rule (ADR 20), kept beside the migrations: a migration that adds a
// table adds its line here in the same commit, and test/tenant-key.int.test.ts reads the migrated catalogue and
// fails on a table that is missing here or breaks its class's rule.
//
// - tenant: an organ's (unit's) data. Distributed by unit_id on a distributed PostgreSQL (Citus), all co-located:
//   unit_id NOT NULL; unit_id in the primary key, in every unique constraint, and in every foreign key to another
//   tenant table; foreign keys only to tenant or reference tables; an index that leads with unit_id.
// - reference: small data every organ reads (replicated to every node): foreign keys only to reference tables.
// - local: spans organs and stays on the coordinator (accounts, sessions, the audit chain, global uniqueness, work
//   in progress): no foreign key to a tenant table.

export type TableClass = 'tenant' | 'reference' | 'local';

export const TABLE_CLASSES: Record<string, { class: TableClass; why: string }> = {
  unit: {
    class: 'reference',
    why: 'the organs themselves: a few hundred rows per province, read by every query',
  },
  party_org: { class: 'tenant', why: "the organ's Party organisations" },
  party_org_event: { class: 'tenant', why: "an organisation's history" },
  department: { class: 'tenant', why: "the organ's business departments" },
  branch_department: { class: 'tenant', why: 'which branch serves which department, inside one organ' },
  member: { class: 'tenant', why: "the organ's Party members" },
  member_org_history: { class: 'tenant', why: "a member's organisation history, kept with the member" },
  correction_request: { class: 'tenant', why: "a member's request to correct their record" },
  import_mapping: { class: 'tenant', why: "an organ's saved column mapping" },
  app_user: {
    class: 'local',
    why: 'accounts: roles span organs (a work-committee officer), sign-in by username',
  },
  password_history: { class: 'local', why: "an account's previous passwords" },
  role_assignment: { class: 'local', why: "an account's roles, each scoped to a node anywhere in the tree" },
  user_session: { class: 'local', why: 'sessions: looked up by id hash on every request' },
  login_attempt: { class: 'local', why: 'sign-in attempts by username and address (lockout)' },
  login_lock: { class: 'local', why: 'lockouts by username and address' },
  number_lookup: { class: 'local', why: "an account's exact-number searches (rate limit)" },
  transfer_file: { class: 'local', why: "an account's uploads and reports, 30 minutes" },
  import_run: { class: 'local', why: "an account's running import (one at a time)" },
  member_identity: { class: 'local', why: 'one 身份证号, one member, nationwide: the registry of numbers' },
  org_code: { class: 'local', why: "organisations' and departments' codes, unique in the deployment" },
  member_import_stage: { class: 'local', why: 'rows of an import in progress; a batch may span organs' },
  member_import_batch: { class: 'local', why: 'a committed import being published' },
  audit_log: { class: 'local', why: 'one hash chain for the deployment (ADR 12)' },
  audit_head: { class: 'local', why: "the audit chain's head" },
  job_run: { class: 'local', why: 'scheduled jobs run once for the deployment, across organs' },
  responsibility_template: {
    class: 'reference',
    why: "a work committee's standard responsibility list, one row per published version: read by its organs",
  },
  work_point: {
    class: 'reference',
    why: "a work committee's annual work points, read by every organ below it",
  },
  responsibility_list: {
    class: 'tenant',
    why: "an organ's responsibility lists (three levels, secretaries')",
  },
  responsibility_item: { class: 'tenant', why: 'the duties on a list' },
  responsibility_period: { class: 'tenant', why: "a duty's occurrence in one period" },
  progress_report: { class: 'tenant', why: 'progress reported on a duty' },
  evidence_file: { class: 'tenant', why: 'files attached to a progress report' },
  responsibility_exemption: { class: 'tenant', why: 'exemptions from a duty' },
  liaison: { class: 'tenant', why: 'liaison points and officers of the branches' },
  report_appraisal: { class: 'tenant', why: "a secretary's year-end report (述职评议)" },
  report_rating: { class: 'tenant', why: "a rater's grade of a year-end report" },
  handover: { class: 'tenant', why: 'handovers (五责交接) and delegations' },
  handover_entry: { class: 'tenant', why: 'what one handover passed on' },
  branch_record: {
    class: 'tenant',
    why: "a branch's work records (三会一课, 主题党日, talks …)",
  },
  branch_record_attendee: { class: 'tenant', why: "a record's attendance" },
  member_grade: { class: 'tenant', why: 'grades of a 民主评议党员' },
  temporary_membership: {
    class: 'tenant',
    why: "a temporary organisation's members, who keep their home branch",
  },
  branch_setting: { class: 'tenant', why: "an organ's settings for branch work (the theme day's date)" },
  attachment: { class: 'tenant', why: "files and photos of an organ's records (ADR 26)" },
  partner_org: {
    class: 'tenant',
    why: 'outside organisations an organ builds with (communities, villages, enterprises)',
  },
  fusion_need: { class: 'tenant', why: "a department's business pain point (需求清单)" },
  fusion_resource: { class: 'tenant', why: 'a strength a branch can bring (资源清单)' },
  fusion_match_decision: { class: 'tenant', why: "an officer's decision on a suggested need–resource pair" },
  fusion_project: { class: 'tenant', why: 'a fusion project (项目清单)' },
  fusion_project_event: { class: 'tenant', why: "a project's stage history" },
  fusion_project_resource: { class: 'tenant', why: 'the resources a project draws on' },
  fusion_project_member: { class: 'tenant', why: "a project's team" },
  fusion_project_party: { class: 'tenant', why: 'Party organisations holding a project jointly' },
  fusion_project_partner: { class: 'tenant', why: 'partner organisations holding a project jointly' },
  fusion_milestone: { class: 'tenant', why: "a project's milestones" },
  fusion_kpi: { class: 'tenant', why: 'the business KPIs a project moves, with baseline, target and result' },
  fusion_project_record: { class: 'tenant', why: "branch records linked as a project's activity" },
  brand: { class: 'tenant', why: "a branch's brand (一支部一品牌) with the six haves" },
  brand_evidence: { class: 'tenant', why: "the evidence behind a brand's elements" },
  brand_review: { class: 'tenant', why: "a brand's annual review by the organ committee" },
  showcase_case: { class: 'tenant', why: 'a typical case (典型案例) for the showcase' },
  indicator_system: {
    class: 'reference',
    why: "a work committee's or an organ's indicator systems, one row per edition: read by the organs below",
  },
  assessment_cycle: {
    class: 'reference',
    why: 'an assessment of branches within an organ or of organs within the work committee for one period',
  },
  assessment_result: {
    class: 'tenant',
    why: "a subject's leaf values and totals in a cycle, kept with its organ",
  },
  assessment_bulletin: {
    class: 'tenant',
    why: "an organ's quarterly bulletin of a cycle: the draft's text, then the frozen snapshot once published",
  },
  business_kpi: {
    class: 'tenant',
    why: "the organ's catalogue of business KPIs (code, unit, roll-up rules)",
  },
  business_kpi_value: {
    class: 'tenant',
    why: "a department's KPI value for one period, imported or pushed by a business system",
  },
  business_kpi_mapping: { class: 'tenant', why: "an organ's saved column mapping for KPI imports" },
  kpi_push_token: {
    class: 'local',
    why: "a business system's push token: looked up by its hash before the organ is known, like a session",
  },
  assessment_rating_round: {
    class: 'tenant',
    why: "a cycle's rating round (rated leaves, group weights, anonymity), kept with the organ running the cycle",
  },
  assessment_rater: { class: 'tenant', why: "a rating round's raters by group, kept with the round" },
  assessment_rating_answer: { class: 'tenant', why: "a rater's answers, kept with the round" },
  assessment_follow_up_rule: {
    class: 'tenant',
    why: "a cycle's follow-up rule (score below which, days given), kept with the unit that runs the cycle",
  },
  assessment_follow_up: {
    class: 'tenant',
    why: 'the follow-up opened for a result below the rule (kind and reference), kept with the subject like its result',
  },
  responsibility_rectification: {
    class: 'tenant',
    why: 'the mark making a duty a 限期整改 item, with why it was opened, kept with the duty',
  },
  performance_review: {
    class: 'tenant',
    why: "a member's semi-annual 述评 dossier, kept with the organ it was assembled and signed in",
  },
  assessment_grade_scale: {
    class: 'tenant',
    why: "an owner unit's grade scale (steps, top-grade quota) for one cycle level, kept with the owner",
  },
  assessment_calibration: {
    class: 'tenant',
    why: "an officer's calibration of a subject's score in a cycle, kept with the subject's organ beside its result",
  },
  branch_record_guest: {
    class: 'tenant',
    why: "another organ's branch record that a Party organisation of this organ held jointly, kept with the guest",
  },
  fusion_project_guest: {
    class: 'tenant',
    why: "another organ's fusion project that a Party organisation of this organ holds jointly, kept with the guest",
  },
  branch_record_joint: {
    class: 'tenant',
    why: 'Party organisations holding a branch record jointly (联学联建)',
  },
  branch_record_partner: { class: 'tenant', why: 'partner organisations taking part in a branch record' },
  pairing: {
    class: 'tenant',
    why: 'a pairing (结对共建) of a Party organisation with a partner or another organ',
  },
  pairing_event: { class: 'tenant', why: "a pairing's history" },
  dues_base: { class: 'tenant', why: "a member's dues base from a month on (the income encrypted)" },
  dues_payment: { class: 'tenant', why: 'dues paid by a member' },
  dues_payment_month: { class: 'tenant', why: 'the months one dues payment covers' },
  development_person: {
    class: 'tenant',
    why: "a branch's development register (发展党员), people not yet members",
  },
  notification: {
    class: 'local',
    why: "an account's notifications: accounts are local, a digest may span organs",
  },
  delivery_preference: { class: 'local', why: "an account's own delivery choices (e-mail, quiet hours)" },
  delivery_channel: { class: 'tenant', why: "a group robot of one of the organ's Party organisations" },
  delivery: {
    class: 'local',
    why: 'the queue of deliveries of notifications (local, as the notifications are)',
  },
  schema_migration: { class: 'local', why: 'the migrations applied' },
  schema_migration_lock: { class: 'local', why: 'the migration lock' },
  fusion_index_formula: {
    class: 'reference',
    why: "a work committee's formula of the fusion index, one row per edition: read by its organs",
  },
  warning_config: { class: 'reference', why: "a work committee's warning rules and escalation ladder" },
  fusion_index_value: {
    class: 'tenant',
    why: "an organisation's fusion index for a quarter, with its parts",
  },
  warning: { class: 'tenant', why: "a warning of one of the organ's organisations" },
  warning_event: { class: 'tenant', why: "a warning's history, kept with the warning" },
  warning_exception: { class: 'tenant', why: 'an approved exception to a rule for one organisation' },
  warning_level: { class: 'tenant', why: "an organisation's current warning level" },
  warning_level_change: { class: 'tenant', why: "every change of an organisation's warning level" },
  warning_dirty: { class: 'tenant', why: 'organisations marked for evaluation after a change' },
};
