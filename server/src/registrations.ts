// Every module's contributions to another module's registry, in one visible list (architecture guide, last part):
// nothing is registered as a side effect of importing a file. buildApp calls this before the routes, so the server,
// the CLI and the tests see the same registrations.
//
// - Record kinds that fulfil obligations (responsibility): the branch module's 三会一课, 主题党日, talks, study …
// - Owners of attachments (attachment): the branch module's records (photos, sign-in sheets, minutes); the fusion
//   module's brands (mark, documents) and typical cases (photos).
// - Handover kinds (responsibility): whatever a person can own that must pass to a successor — duties, lists,
//   approvals (responsibility), fusion projects and their milestones (fusion).
// - Joint allowances (branch): may a record name another organ's Party organisation as a joint holder? Yes while a
//   pairing (结对共建, fusion) links the two.
// - Measures (assessment, issue 12): what each module can count for an indicator — obligations met and duties done
//   on time (responsibility), study applied to business (branch), milestones, KPI results, accepted projects and brand
//   standing (fusion). The catalogue refuses a measure of logins, time online, clicks or check-ins.
// - Follow-up kinds (assessment, issue 12 point 7): what a result below a cycle's rule opens — a 限期整改 duty
//   (responsibility); a supervision finding once that module exists.
// - 述评 dossier sections (assessment, issue 12 point 4): what each module tells of a member's half-year — business
//   KPIs of their department (assessment), Party records, study, dues and 民主评议 (branch), projects (fusion), lists
//   held and 述职评议 (responsibility).
// - Notification listeners (notification, ADR 30): deliveries by mail and by 企业微信 / 钉钉 group robots.
// - Change listeners (assessment, issue 13 point 6): the warning module marks the organisations a change concerns,
//   and evaluates their fusion index and warnings within the minute.
// The daily digest's sources and the scheduled jobs are listed in server.ts (DIGEST_SOURCES, SCHEDULED_JOBS).
import {
  businessSection,
  memberResultSection,
  registerChangeListeners,
  registerFollowUpKinds,
  registerMeasures,
  registerReviewSections,
} from './modules/assessment/index.ts';
import { registerAttachmentOwners } from './modules/attachment/index.ts';
import {
  BRANCH_ATTACHMENT_OWNERS,
  BRANCH_MEASURES,
  BRANCH_RECORD_KINDS,
  BRANCH_REVIEW_SECTIONS,
  registerJointAllowances,
} from './modules/branch/index.ts';
import { DELIVERY_LISTENER } from './modules/delivery/index.ts';
import {
  FUSION_ATTACHMENT_OWNERS,
  FUSION_HANDOVER_KINDS,
  FUSION_MEASURES,
  FUSION_REVIEW_SECTIONS,
  pairedOn,
} from './modules/fusion/index.ts';
import { registerNotificationListeners } from './modules/notification/index.ts';
import {
  RECTIFICATION_FOLLOW_UP,
  RESPONSIBILITY_HANDOVER_KINDS,
  RESPONSIBILITY_MEASURES,
  RESPONSIBILITY_REVIEW_SECTIONS,
  registerHandoverKinds,
  registerRecordKinds,
} from './modules/responsibility/index.ts';
import { WARNING_CHANGE_LISTENER } from './modules/warning/index.ts';

export function registerContributions(): void {
  registerRecordKinds([...BRANCH_RECORD_KINDS]);
  // Every notification row written is also queued for mail and group robots (ADR 30), in the same transaction.
  registerNotificationListeners([DELIVERY_LISTENER]);
  registerAttachmentOwners([...BRANCH_ATTACHMENT_OWNERS, ...FUSION_ATTACHMENT_OWNERS]);
  registerHandoverKinds([...RESPONSIBILITY_HANDOVER_KINDS, ...FUSION_HANDOVER_KINDS]);
  registerJointAllowances([pairedOn]);
  registerMeasures([...RESPONSIBILITY_MEASURES, ...BRANCH_MEASURES, ...FUSION_MEASURES]);
  // What a result below a cycle's rule opens: 限期整改 on the subject's list; the supervision module adds `finding`.
  registerFollowUpKinds([RECTIFICATION_FOLLOW_UP]);
  // Whatever the assessment hears has changed marks those organisations for the warnings' next minute.
  registerChangeListeners([WARNING_CHANGE_LISTENER]);
  registerReviewSections([
    businessSection,
    memberResultSection,
    ...BRANCH_REVIEW_SECTIONS,
    ...RESPONSIBILITY_REVIEW_SECTIONS,
    ...FUSION_REVIEW_SECTIONS,
  ]);
}
