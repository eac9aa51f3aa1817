// The notification centre (通知中心, ADR 24): what the product tells a person — one digest a day, not a message per
// item. Notifications are read by their own account only.
import { z } from 'zod';
import { IdSchema, IsoDateSchema, PageQuerySchema, pageOf } from './common.ts';

export const NOTIFICATION_SEVERITIES = ['overdue', 'due_soon', 'info'] as const;
export const NotificationSeveritySchema = z.enum(NOTIFICATION_SEVERITIES);
export type NotificationSeverity = z.infer<typeof NotificationSeveritySchema>;

/** One line of a notification: what it is about and where in the app to deal with it. */
export const NotificationLineSchema = z.object({
  text: z.string(),
  /** An in-app path such as /duties?period=<id>; the web opens it with its router. */
  link: z.string(),
  severity: NotificationSeveritySchema,
});
export type NotificationLine = z.infer<typeof NotificationLineSchema>;

export const NotificationSchema = z.object({
  id: IdSchema,
  /** 'digest' for the daily digest; later modules add their own kinds. */
  kind: z.string(),
  day: IsoDateSchema,
  title: z.string(),
  lines: z.array(NotificationLineSchema),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = PageQuerySchema.extend({
  /** true: unread only; false: read only; absent: all, unread first. */
  unread: z
    .enum(['true', 'false'], { message: 'unread 应为 true 或 false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const NotificationPageSchema = pageOf(NotificationSchema);

export const CountSchema = z.object({ count: z.number().int() });
export type Count = z.infer<typeof CountSchema>;
