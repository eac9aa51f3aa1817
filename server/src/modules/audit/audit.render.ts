// The trail in people's words: which ids an entry mentions (to look their names up), and the export's columns.
import type { AuditEntry } from '#contracts/audit';
import {
  auditActionLabel,
  auditChanges,
  auditEntityLabel,
  auditValueText,
  isUuid,
} from '#contracts/audit-labels';

type Mentions = {
  actorUserId: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
};

/** Every uuid an entry mentions: its actor, its object, and ids in its images (one level down, and in lists). */
export function idsIn(rows: readonly Mentions[]): string[] {
  const ids = new Set<string>();
  const visit = (v: unknown, depth: number) => {
    if (isUuid(v)) ids.add(v.toLowerCase());
    else if (Array.isArray(v) && depth < 3) for (const x of v) visit(x, depth + 1);
    else if (v && typeof v === 'object' && depth < 3) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  for (const r of rows) {
    visit(r.actorUserId, 0);
    visit(r.entityId, 0);
    visit(r.before, 0);
    visit(r.after, 0);
    visit(r.details, 0);
  }
  return [...ids];
}

/** One export row, all in Chinese: who (name and username), what, on which object by name, which fields changed. */
export function exportRow(e: AuditEntry) {
  const changes = auditChanges(e.before, e.after, e.names)
    .map((c) =>
      c.before && c.after ? `${c.label}：${c.before} → ${c.after}` : `${c.label}：${c.after || c.before}`,
    )
    .join('\n');
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actorName ? `${e.actorName}（${e.actorUsername ?? ''}）` : (e.actorUsername ?? ''),
    ip: e.ip,
    action: auditActionLabel(e.action),
    entityType: auditEntityLabel(e.entityType),
    entity: e.entityName ?? e.entityId ?? '',
    changes,
    details: e.details == null ? '' : auditValueText('details', e.details, e.names),
  };
}
