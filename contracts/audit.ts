import { z } from 'zod';
import { IsoDateSchema, TextSchema } from './common.ts';

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  /** The operator's display name now (the username is what was recorded). */
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  /** The object's name (member, organisation, department, account), so that no one has to read ids. */
  entityName: z.string().nullable(),
  /** Names of the ids that appear in before/after/details, for showing them by name. */
  names: z.record(z.string(), z.string()),
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
  /** Part of the operator's username or name. */
  actor: TextSchema.max(64).optional(),
  /** An action code prefix ('member.') or part of its label in either language ('转接', 'transfer'). */
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
