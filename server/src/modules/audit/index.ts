// Public API of the audit module: every module records its writes through recordAudit, inside its transaction.
export { auditRoutes } from './audit.routes.ts';
export { type AuditEvent, listAudit, recordAudit, verifyAudit } from './audit.service.ts';
