// Owner kinds: the records that carry attachments, registered by the module that keeps them (in app.ts's one visible
// list, server/src/registrations.ts). The owner kind alone answers who may see and add files and which organ a record
// belongs to; the attachment module never reads the owner's tables, and the owner never reads the attachment table.
import type { Ctx } from '../../core/context.ts';

export type AttachmentOwnerKind = {
  /** Namespaced by the owning module, e.g. 'branch.record'. */
  kind: string;
  label: { zh: string; en: string };
  /** The organ (unit) of the record, or null when there is no such record. */
  unitOf(ctx: Ctx, ownerId: string): Promise<string | null>;
  /** Whether the caller may see the record, and so its files (no: every answer is a 404). */
  canRead(ctx: Ctx, ownerId: string): Promise<boolean>;
  /** Whether the caller may add and remove the record's files (asked only of a caller who may read it). */
  canWrite(ctx: Ctx, ownerId: string): Promise<boolean>;
  /** Files per record; ATTACHMENT_DEFAULT_MAX_FILES when absent. */
  maxFiles?: number;
};

const KEY = /^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/;
const owners = new Map<string, AttachmentOwnerKind>();

/** Registers owner kinds; registering a kind again replaces it (a rebuilt app in tests). */
export function registerAttachmentOwners(kinds: readonly AttachmentOwnerKind[]): void {
  for (const k of kinds) {
    if (!KEY.test(k.kind) || k.kind.length > 60)
      throw new Error(`attachment owner kind must be namespaced (module.kind): ${k.kind}`);
    if (k.maxFiles !== undefined && !(Number.isInteger(k.maxFiles) && k.maxFiles > 0))
      throw new Error(`attachment owner kind ${k.kind}: maxFiles must be a positive integer`);
    owners.set(k.kind, k);
  }
}

/** Removes a registration (tests that register a kind of their own clean up after themselves). */
export function unregisterAttachmentOwner(kind: string): void {
  owners.delete(kind);
}

export function attachmentOwner(kind: string): AttachmentOwnerKind | undefined {
  return owners.get(kind);
}
