// Deliveries of notifications (消息推送, issue 13 point 4, ADR 30): the same notification rows the in-app centre
// shows, carried by e-mail and by the group robots of 企业微信 and 钉钉. A person chooses e-mail and quiet hours
// for themselves; an organ's officer keeps the robots of its Party organisations. A robot's webhook and secret are
// written, never read back: answers carry the host and whether a secret is set.
import { z } from 'zod';
import { IdSchema, PageQuerySchema, pageOf, SecretTextSchema, TrimmedText, VersionSchema } from './common.ts';

type Label = { zh: string; en: string };

export const ROBOT_KINDS = ['wecom', 'dingtalk'] as const;
export const RobotKindSchema = z.enum(ROBOT_KINDS, { message: '渠道类型应为企业微信或钉钉' });
export type RobotKind = z.infer<typeof RobotKindSchema>;
export const DELIVERY_CHANNELS = ['email', ...ROBOT_KINDS] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const CHANNEL_LABELS: Record<DeliveryChannel, Label> = {
  email: { zh: '电子邮件', en: 'E-mail' },
  wecom: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  dingtalk: { zh: '钉钉群机器人', en: 'DingTalk group robot' },
};

/** What a robot carries: urgent notices, and notifications with lines of these severities. */
export const ROBOT_SEVERITIES = ['urgent', 'overdue', 'due_soon', 'info'] as const;
export const RobotSeveritySchema = z.enum(ROBOT_SEVERITIES, { message: '推送范围不正确' });
export type RobotSeverity = z.infer<typeof RobotSeveritySchema>;
export const ROBOT_SEVERITY_LABELS: Record<RobotSeverity, Label> = {
  urgent: { zh: '紧急提醒', en: 'Urgent notices' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  due_soon: { zh: '即将到期', en: 'Due soon' },
  info: { zh: '其他提醒', en: 'Other' },
};

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export const DeliveryStatusSchema = z.enum(DELIVERY_STATUSES, { message: '状态不正确' });
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, Label> = {
  pending: { zh: '待发送', en: 'Pending' },
  sent: { zh: '已发送', en: 'Sent' },
  failed: { zh: '发送失败', en: 'Failed' },
  skipped: { zh: '未发送（已关闭）', en: 'Skipped' },
};

/** China time of day, HH:MM. */
const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM，例如 22:00');

export const DeliveryPreferencesSchema = z.object({
  email: z.string().nullable(),
  emailEnabled: z.boolean(),
  /** Both null: no quiet hours. */
  quietFrom: z.string().nullable(),
  quietUntil: z.string().nullable(),
  /** Whether the installation has a mail server at all (SMTP_URL). */
  emailAvailable: z.boolean(),
  version: z.number().int(),
});
export type DeliveryPreferences = z.infer<typeof DeliveryPreferencesSchema>;

export const PutDeliveryPreferencesSchema = z
  .strictObject({
    email: z.email({ message: '电子邮箱格式不正确' }).max(254, '电子邮箱不能超过 254 个字符').nullable(),
    emailEnabled: z.boolean({ message: '请选择是否接收邮件' }),
    quietFrom: ClockSchema.nullable(),
    quietUntil: ClockSchema.nullable(),
    /** The version read; 0 when none was ever saved. */
    version: z.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if ((v.quietFrom === null) !== (v.quietUntil === null))
      ctx.addIssue({ code: 'custom', path: ['quietUntil'], message: '免打扰的开始和结束时间须同时填写' });
    if (v.quietFrom !== null && v.quietFrom === v.quietUntil)
      ctx.addIssue({ code: 'custom', path: ['quietUntil'], message: '免打扰的结束时间不能与开始时间相同' });
    if (v.emailEnabled && !v.email)
      ctx.addIssue({ code: 'custom', path: ['email'], message: '接收邮件须填写电子邮箱' });
  });
export type PutDeliveryPreferences = z.infer<typeof PutDeliveryPreferencesSchema>;

export const RobotChannelSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  kind: RobotKindSchema,
  name: z.string(),
  /** The webhook's host only, e.g. qyapi.weixin.qq.com: the URL carries the robot's key and is never shown. */
  host: z.string(),
  hasSecret: z.boolean(),
  severities: z.array(RobotSeveritySchema),
  enabled: z.boolean(),
  version: VersionSchema,
});
export type RobotChannel = z.infer<typeof RobotChannelSchema>;

const WebhookSchema = SecretTextSchema.pipe(
  z
    .url({ protocol: /^https?$/, message: 'Webhook 地址应为 http(s):// 开头的网址' })
    .max(1000, 'Webhook 地址不能超过 1000 个字符'),
);
const SigningSecretSchema = SecretTextSchema.pipe(
  z.string().min(1, '加签密钥不能为空').max(200, '加签密钥不能超过 200 个字符'),
);
const SeveritiesSchema = z
  .array(RobotSeveritySchema)
  .min(1, '请至少选择一种推送范围')
  .max(ROBOT_SEVERITIES.length)
  .refine((s) => new Set(s).size === s.length, '推送范围不能重复');

export const CreateRobotChannelSchema = z.strictObject({
  partyOrgId: IdSchema,
  kind: RobotKindSchema,
  name: TrimmedText(50),
  webhookUrl: WebhookSchema,
  /** 钉钉's 加签 secret (SEC…); 企业微信 robots have none. */
  secret: SigningSecretSchema.nullable().optional(),
  severities: SeveritiesSchema.optional(),
});
export type CreateRobotChannel = z.infer<typeof CreateRobotChannelSchema>;

export const PatchRobotChannelSchema = z.strictObject({
  name: TrimmedText(50).optional(),
  /** Absent: unchanged (the old one is never sent to the browser to be sent back). */
  webhookUrl: WebhookSchema.optional(),
  /** Absent: unchanged; null: removed. */
  secret: SigningSecretSchema.nullable().optional(),
  severities: SeveritiesSchema.optional(),
  enabled: z.boolean({ message: '请选择是否启用' }).optional(),
  version: VersionSchema,
});
export type PatchRobotChannel = z.infer<typeof PatchRobotChannelSchema>;

export const RobotChannelListQuerySchema = z.strictObject({ unitId: IdSchema.optional() });

export const TestSendResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable() });
export type TestSendResult = z.infer<typeof TestSendResultSchema>;

export const DeliveryLogEntrySchema = z.object({
  id: IdSchema,
  notificationTitle: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  channelId: IdSchema,
  channelName: z.string(),
  status: DeliveryStatusSchema,
  urgent: z.boolean(),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntrySchema>;
export const DeliveryLogPageSchema = pageOf(DeliveryLogEntrySchema);
export const DeliveryLogQuerySchema = PageQuerySchema.extend({
  status: DeliveryStatusSchema.optional(),
  channelId: IdSchema.optional(),
});
export type DeliveryLogQuery = z.infer<typeof DeliveryLogQuerySchema>;
