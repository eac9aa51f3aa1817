// Public API of the attachment module (ADR 26): files and photos of any module's records. A module registers an owner
// kind for its records (registerAttachmentOwners, in server/src/registrations.ts) and uses the functions below; the
// routes serve the web's upload and download.

export {
  type AttachmentOwnerKind,
  registerAttachmentOwners,
  unregisterAttachmentOwner,
} from './attachment.registry.ts';
export { attachmentRoutes } from './attachment.routes.ts';
export {
  type AttachmentDownload,
  type AttachmentInput,
  attachmentsOf,
  deleteAttachment,
  deleteAttachmentsOf,
  listAttachments,
  moveAttachments,
  type PreparedAttachment,
  prepareAttachment,
  readAttachment,
  saveAttachment,
  storeAttachment,
} from './attachment.service.ts';
