// Public API of the audit module: every module records its writes through recordAudit, inside its transaction.

export { type Checkpoint, CheckpointError, readCheckpoint } from './audit.checkpoint.ts';
export { auditRoutes } from './audit.routes.ts';
export {
  type AuditEvent,
  createAuditCheckpoint,
  ensureAuditHead,
  listAudit,
  recordAudit,
  verifyAudit,
} from './audit.service.ts';
