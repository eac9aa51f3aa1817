// Table types of the attachment module (migrations 1110 and 2026-12-07-0100, ADR 26), merged into DB in db-types.ts.
// test/db-types.int.test.ts checks them against the migrated database.
import type { Generated } from 'kysely';

export type AttachmentTable = {
  unitId: string;
  id: Generated<string>;
  ownerKind: string;
  ownerId: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  content: Buffer;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
  createdByUserId: string;
  /** The uploader's key for this file: an upload sent again with it returns the file already kept. */
  clientKey: string | null;
  createdAt: Generated<Date>;
};

export type AttachmentDB = {
  attachment: AttachmentTable;
};
