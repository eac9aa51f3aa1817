import { z } from 'zod';
import { IsoDateSchema, TextSchema } from './common.ts';

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  details: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  actor: TextSchema.max(64).optional(),
  action: TextSchema.max(64).optional(),
  entityType: TextSchema.max(64).optional(),
  entityId: TextSchema.max(64).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerify = z.infer<typeof AuditVerifySchema>;
